//! Routes of the regulator app, served under `/regulator/`.

use frontend_kit::AppRoot;
use frontend_kit::prelude::*;
use shared_types::Role;
use shared_types::role::Side;
use yew::prelude::*;
use yew_nested_router::prelude::{Switch as RouteSwitch, *};

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

#[component]
pub fn App() -> Html {
    html! {
        <AppRoot>
            <Router<Route> default={Route::Home}>
                <RouteSwitch<Route> render={switch} />
            </Router<Route>>
        </AppRoot>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Login => {
            html! { <GuestOnly<Route> home={Route::Home}><pages::login::Login /></GuestOnly<Route>> }
        }
        Route::Home => html! { <Shell><pages::home::Home /></Shell> },
        Route::Account => html! { <Shell><pages::account::Account /></Shell> },
        Route::Staff => html! { <Shell><pages::staff::Staff /></Shell> },
        Route::Audit => html! { <Shell><pages::audit::Audit /></Shell> },
        Route::Settings => html! { <Shell><pages::settings::Settings /></Shell> },
    }
}

#[derive(Properties, PartialEq)]
struct ShellProps {
    children: Html,
}

/// Signed-in regulator pages: session required, app layout around them.
#[component]
fn Shell(props: &ShellProps) -> Html {
    let nav = vec![
        NavEntry::new(Route::Home, texts::HOME, "fa-home"),
        NavEntry::new(Route::Staff, STAFF, "fa-users-cog").only_for(&REGULATORS),
        NavEntry::new(Route::Audit, AUDIT, "fa-clipboard-list").only_for(&[Role::RegulatorAdmin]),
        NavEntry::new(Route::Settings, pages::settings::TITLE, "fa-sliders-h")
            .only_for(&REGULATORS),
        NavEntry::new(Route::Account, texts::ACCOUNT, "fa-user-cog"),
    ];
    html! {
        <RequireSession<Route> login={Route::Login} side={Side::Regulator}>
            <AppShell<Route> app={texts::REGULATOR_APP} {nav}>{ props.children.clone() }</AppShell<Route>>
        </RequireSession<Route>>
    }
}
