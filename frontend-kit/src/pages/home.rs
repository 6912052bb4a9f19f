//! The signed-in user's home card, shared by the three apps; each adds its own content under it.

use yew::prelude::*;

use crate::components::{Facts, fact};
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
    let row = |label: &Text, value: String| fact(i18n.t(label), value);
    html! {
        <>
            <super::PageTitle title={texts::HOME} />
            <div class="pf-v6-c-card zp-card">
                <div class="pf-v6-c-card__title"><h2 class="pf-v6-c-card__title-text">{ i18n.fmt(&WELCOME, &[&me.name]) }</h2></div>
                <div class="pf-v6-c-card__body">
                    <Facts>
                        { row(&texts::NAME, me.name.clone()) }
                        { row(&texts::ROLES, i18n.roles(&me.roles)) }
                        { row(&texts::SITE, me.tenant.name.clone()) }
                        { row(&texts::PHONE, me.phone_masked.clone().unwrap_or_else(|| not_set.to_owned())) }
                        { row(&texts::USERNAME, me.username.clone().unwrap_or_else(|| not_set.to_owned())) }
                    </Facts>
                </div>
            </div>
            { props.children.clone() }
        </>
    }
}
