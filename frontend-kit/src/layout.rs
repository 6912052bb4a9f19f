//! The page layout of every signed-in page: a header with the site (tenant), the user's name and
//! roles, the language switch and sign-out; a side navigation that becomes a menu under the header
//! on phone widths; and the main content.

use shared_types::Role;
use shared_types::account::Me;
use yew::prelude::*;
use yew_nested_router::components::Link;
use yew_nested_router::prelude::*;

use crate::components::LanguageSwitch;
use crate::i18n::{Text, texts, use_i18n};
use crate::session::use_session;

/// One entry of the side navigation.
#[derive(Clone, PartialEq)]
pub struct NavEntry<T> {
    pub to: T,
    pub label: Text,
    /// A Font Awesome icon name, e.g. `fa-home`.
    pub icon: &'static str,
    /// Shown only to users holding one of these roles; empty: to everyone signed in.
    pub roles: &'static [Role],
}

impl<T> NavEntry<T> {
    pub fn new(to: T, label: Text, icon: &'static str) -> Self {
        Self {
            to,
            label,
            icon,
            roles: &[],
        }
    }

    /// Limits the entry to the roles the server lets through to its page.
    pub fn only_for(mut self, roles: &'static [Role]) -> Self {
        self.roles = roles;
        self
    }

    fn visible_to(&self, me: &Me) -> bool {
        self.roles.is_empty() || me.roles.iter().any(|r| self.roles.contains(r))
    }
}

#[derive(Properties, PartialEq)]
pub struct AppShellProps<T: Target> {
    /// The app's name, e.g. 学员端.
    pub app: Text,
    pub nav: Vec<NavEntry<T>>,
    pub children: Html,
}

#[component]
pub fn AppShell<T: Target + 'static>(props: &AppShellProps<T>) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let menu_open = use_state_eq(|| false);
    let Some(me) = session.me() else {
        return html! {};
    };
    let toggle = {
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| menu_open.set(!*menu_open))
    };
    let close_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| menu_open.set(false))
    };
    let logout = {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| session.logout())
    };
    let title = format!("{} · {}", i18n.t(&texts::PLATFORM_NAME), i18n.t(&props.app));
    html! {
        <div class="zp-shell">
            <header class="zp-header">
                <button type="button" class="zp-menu-toggle pf-v6-c-button pf-m-plain"
                    aria-label={i18n.t(&texts::MENU)} aria-expanded={menu_open.to_string()} aria-controls="zp-nav"
                    onclick={toggle}>
                    <span class="pf-v6-c-button__icon"><i class="fas fa-bars" aria-hidden="true"></i></span>
                </button>
                <span class="zp-brand">{ title }</span>
                <UserSummary me={me.clone()} />
                <span class="zp-header-tools">
                    <LanguageSwitch />
                    <button id="logout" type="button" class="pf-v6-c-button pf-m-link zp-logout" onclick={logout}>
                        <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-sign-out-alt" aria-hidden="true"></i></span>
                        <span class="pf-v6-c-button__text">{ i18n.t(&texts::LOGOUT) }</span>
                    </button>
                </span>
            </header>
            <div class="zp-body">
                <nav id="zp-nav" class={classes!("zp-nav", menu_open.then_some("zp-open"))}
                    aria-label={i18n.t(&texts::MAIN_NAV)} onclick={close_menu}>
                    <ul>
                        { for props.nav.iter().filter(|entry| entry.visible_to(&me)).map(|entry| html! {
                            <li>
                                <Link<T> to={entry.to.clone()} class="zp-nav-link" active="zp-active">
                                    <i class={classes!("fas", "fa-fw", entry.icon)} aria-hidden="true"></i>
                                    <span>{ i18n.t(&entry.label) }</span>
                                </Link<T>>
                            </li>
                        }) }
                    </ul>
                </nav>
                <main id="main" class="zp-main">{ props.children.clone() }</main>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct UserSummaryProps {
    me: std::rc::Rc<Me>,
}

/// Tenant, name and roles, with the element ids the browser tests read.
#[component]
fn UserSummary(props: &UserSummaryProps) -> Html {
    let i18n = use_i18n();
    let me = &props.me;
    html! {
        <span class="zp-user">
            <span class="zp-tenant"><span class="zp-sr-only">{ i18n.t(&texts::SITE) }{ ": " }</span>
                <i class="fas fa-building" aria-hidden="true"></i>{ " " }<span id="tenant-name">{ &me.tenant.name }</span></span>
            <span class="zp-who">
                <i class="fas fa-user-circle" aria-hidden="true"></i>{ " " }
                <span id="user-name">{ &me.name }</span>
                <span class="zp-sr-only">{ ", " }{ i18n.t(&texts::ROLES) }{ ": " }</span>
                <span id="user-roles" class="zp-roles">{ i18n.roles(&me.roles) }</span>
            </span>
        </span>
    }
}
