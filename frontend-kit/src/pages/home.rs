use yew::prelude::*;

use crate::i18n::{Text, texts, use_i18n};
use crate::session::use_session;

const WELCOME: Text = Text::new("您好，{0}", "Hello, {0}");

#[derive(Properties, PartialEq)]
pub struct HomeSummaryProps {
    /// App-specific content under the summary.
    #[prop_or_default]
    pub children: Html,
}

/// The signed-in user's summary card: name, roles, site, phone.
#[component]
pub fn HomeSummary(props: &HomeSummaryProps) -> Html {
    let i18n = use_i18n();
    let Some(me) = use_session().me() else {
        return html! {};
    };
    let not_set = i18n.t(&texts::NOT_SET);
    let row = |label: &Text, value: String| {
        html! {
            <div class="pf-v6-c-description-list__group">
                <dt class="pf-v6-c-description-list__term"><span class="pf-v6-c-description-list__text">{ i18n.t(label) }</span></dt>
                <dd class="pf-v6-c-description-list__description"><div class="pf-v6-c-description-list__text">{ value }</div></dd>
            </div>
        }
    };
    html! {
        <>
            <super::PageTitle title={texts::HOME} />
            <div class="pf-v6-c-card zp-card">
                <div class="pf-v6-c-card__title"><h2 class="pf-v6-c-card__title-text">{ i18n.fmt(&WELCOME, &[&me.name]) }</h2></div>
                <div class="pf-v6-c-card__body">
                    <dl class="pf-v6-c-description-list pf-m-horizontal">
                        { row(&texts::NAME, me.name.clone()) }
                        { row(&texts::ROLES, i18n.roles(&me.roles)) }
                        { row(&texts::SITE, me.tenant.name.clone()) }
                        { row(&texts::PHONE, me.phone_masked.clone().unwrap_or_else(|| not_set.to_owned())) }
                        { row(&texts::USERNAME, me.username.clone().unwrap_or_else(|| not_set.to_owned())) }
                    </dl>
                </div>
            </div>
            { props.children.clone() }
        </>
    }
}
