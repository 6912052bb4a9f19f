//! Shared Yew code of the three SPAs (学员端, 机构端, 监管端): the typed API client, the session
//! context, i18n (zh-CN first, en-US), the page layout and the generic components. Pages never
//! call `fetch` themselves: they go through [`api`].

pub mod api;
pub mod cart;
pub mod components;
pub mod dates;
pub mod device;
pub mod format;
pub mod i18n;
pub mod layout;
pub mod learning;
pub mod pages;
pub mod router;
pub mod session;
pub mod spa;
pub mod tenant;

use yew::prelude::*;

/// Everything most pages need.
pub mod prelude {
    pub use crate::components::form::{
        CheckField, FormError, NumberField, RolePicker, SelectField, SendCodeButton, Submit,
        SubmitButton, TextAreaField, TextField, bind, on_submit, use_submit,
    };
    pub use crate::components::{
        Column, ConfirmDialog, DataTable, Dialog, DialogActions, Facts, FilterBar, FormDialog, Job,
        Label, Loading, PagedList, PagedTable, Pager, Remote, ReviewDialog, Tabs, Tone, fact,
        status_label, turn_page, use_paged, use_remote, use_toaster,
    };
    pub use crate::i18n::{I18n, Labelled, Text, choices, texts, use_i18n};
    pub use crate::layout::{AppShell, NavEntry};
    pub use crate::router::{Redirect, use_navigate};
    pub use crate::session::{GuestOnly, RequireSession, use_has_role, use_session};
    pub use crate::spa::{Guest, SignedIn, Spa, SpaApp};
}

#[derive(Properties, PartialEq)]
pub struct AppRootProps {
    pub children: Html,
}

/// The providers every app sits in: language, toasts, session.
#[component]
pub fn AppRoot(props: &AppRootProps) -> Html {
    html! {
        <i18n::I18nProvider>
            <components::ToastHost>
                <session::SessionProvider>{ props.children.clone() }</session::SessionProvider>
            </components::ToastHost>
        </i18n::I18nProvider>
    }
}

/// Starts an app: remembers `?tenant=` and mounts `C` on the document body.
pub fn start<C: BaseComponent<Properties = ()>>() {
    tenant::remember_tenant_from_url();
    yew::Renderer::<C>::new().render();
}
