//! Pages every app has in the same form: sign-in, the home summary, account settings, the
//! department tree. The apps mount them from their own `pages/<feature>/` modules.

mod account;
mod departments;
mod home;
mod login;

pub use account::AccountSettings;
pub use departments::{DEPARTMENTS, DepartmentsPage};
pub use home::HomeSummary;
pub use login::LoginPage;

use yew::prelude::*;

use crate::i18n::Text;

#[derive(Properties, PartialEq)]
pub struct PageTitleProps {
    pub title: Text,
    #[prop_or_default]
    pub children: Html,
}

/// The title section of a page; also sets the document title.
#[component]
pub fn PageTitle(props: &PageTitleProps) -> Html {
    let i18n = crate::i18n::use_i18n();
    let title = i18n.t(&props.title);
    let platform = i18n.t(&crate::i18n::texts::PLATFORM_NAME);
    use_effect_with(title, move |title| {
        gloo_utils::document().set_title(&format!("{title} - {platform}"));
    });
    html! {
        <section class="zp-page-title">
            <h1 class="pf-v6-c-title pf-m-2xl">{ title }</h1>
            { props.children.clone() }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct NotLoadedProps {
    pub title: Text,
    pub error: Option<shared_types::ApiError>,
}

/// A detail page before its data arrives: the error under the page's title, or a spinner.
#[component]
pub fn NotLoaded(props: &NotLoadedProps) -> Html {
    let i18n = crate::i18n::use_i18n();
    match &props.error {
        Some(err) => html! {
            <>
                <PageTitle title={props.title} />
                <crate::components::form::FormError message={AttrValue::from(i18n.error(err))} />
            </>
        },
        None => html! { <crate::components::Loading /> },
    }
}

#[derive(Properties, PartialEq)]
pub struct SectionCardProps {
    /// The section's id; its heading gets `<id>-title`.
    pub id: AttrValue,
    pub title: AttrValue,
    pub children: Html,
}

/// A titled card on a page, labelled by its heading; several sit side by side in `zp-cards`.
#[component]
pub fn SectionCard(props: &SectionCardProps) -> Html {
    let title_id = format!("{}-title", props.id);
    html! {
        <section id={props.id.clone()} class="pf-v6-c-card zp-card" aria-labelledby={title_id.clone()}>
            <div class="pf-v6-c-card__title">
                <h2 class="pf-v6-c-card__title-text" id={title_id}>{ props.title.clone() }</h2>
            </div>
            <div class="pf-v6-c-card__body">{ props.children.clone() }</div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct AuthCardProps {
    /// Small line above the title (the site's name).
    pub kicker: AttrValue,
    pub title: AttrValue,
    #[prop_or_default]
    pub footer: Html,
    pub children: Html,
}

/// The centred card of the sign-in and registration pages, with the language switch.
#[component]
pub fn AuthCard(props: &AuthCardProps) -> Html {
    html! {
        <div class="zp-login">
            <div class="zp-login-tools"><crate::components::LanguageSwitch /></div>
            <main class="pf-v6-c-card zp-login-card">
                <div class="pf-v6-c-card__header zp-login-header">
                    <p class="zp-login-site">{ props.kicker.clone() }</p>
                    <h1 class="pf-v6-c-title pf-m-2xl">{ props.title.clone() }</h1>
                </div>
                <div class="pf-v6-c-card__body">{ props.children.clone() }</div>
                <div class="pf-v6-c-card__footer">{ props.footer.clone() }</div>
            </main>
        </div>
    }
}

/// The site (tenant) this page belongs to, from `GET /api/v1/site`; `None` until it answers.
#[hook]
pub fn use_site() -> Option<shared_types::account::TenantSummary> {
    let site = use_state_eq(|| None);
    {
        let site = site.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(s) = crate::api::site().await {
                    site.set(Some(s));
                }
            });
        });
    }
    (*site).clone()
}
