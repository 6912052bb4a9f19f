//! Routes of the regulator app, served under `/regulator/`.

use frontend_kit::prelude::*;
use shared_types::Role;
use shared_types::role::Side;
use yew::prelude::*;
use yew_nested_router::prelude::*;

use crate::pages;

#[derive(Debug, Clone, PartialEq, Eq, Target)]
pub enum Route {
    Login,
    Account,
    Staff,
    Audit,
    Settings,
    #[target(index)]
    Home,
}

/// The three levels of T-7.2.1.1: system admin, operations, browse-only.
const REGULATORS: [Role; 3] = [
    Role::RegulatorAdmin,
    Role::RegulatorOperator,
    Role::RegulatorViewer,
];
const STAFF: Text = Text::new("人员管理", "Staff accounts");
const AUDIT: Text = Text::new("审计日志", "Audit log");

type Page = SignedIn<Route>;

impl Spa for Route {
    const NAME: Text = texts::REGULATOR_APP;
    const SIDE: Side = Side::Regulator;
    const LOGIN: Self = Route::Login;
    const HOME: Self = Route::Home;

    /// Entries shown to the roles the server lets through to their pages.
    fn nav() -> Vec<NavEntry<Self>> {
        vec![
            NavEntry::new(Route::Home, texts::HOME, "fa-home"),
            NavEntry::new(Route::Staff, STAFF, "fa-users-cog").only_for(&REGULATORS),
            NavEntry::new(Route::Audit, AUDIT, "fa-clipboard-list")
                .only_for(&[Role::RegulatorAdmin]),
            NavEntry::new(Route::Settings, pages::settings::TITLE, "fa-sliders-h")
                .only_for(&REGULATORS),
            NavEntry::new(Route::Account, texts::ACCOUNT, "fa-user-cog"),
        ]
    }

    fn page(self) -> Html {
        match self {
            Route::Login => html! { <Guest<Route>><pages::login::Login /></Guest<Route>> },
            Route::Home => html! { <Page><pages::home::Home /></Page> },
            Route::Account => html! { <Page><pages::account::Account /></Page> },
            Route::Staff => html! { <Page><pages::staff::Staff /></Page> },
            Route::Audit => html! { <Page><pages::audit::Audit /></Page> },
            Route::Settings => html! { <Page><pages::settings::Settings /></Page> },
        }
    }
}
