//! Routes of the institution app, served under `/institution/`.

use frontend_kit::AppRoot;
use frontend_kit::prelude::*;
use shared_types::role::Side;
use yew::prelude::*;
use yew_nested_router::prelude::{Switch as RouteSwitch, *};

use crate::pages;

#[derive(Debug, Clone, PartialEq, Eq, Target)]
pub enum Route {
    Login,
    Account,
    #[target(index)]
    Home,
}

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
    }
}

#[derive(Properties, PartialEq)]
struct ShellProps {
    children: Html,
}

/// Signed-in institution pages: session required, app layout around them.
#[component]
fn Shell(props: &ShellProps) -> Html {
    let nav = vec![
        NavEntry::new(Route::Home, texts::HOME, "fa-home"),
        NavEntry::new(Route::Account, texts::ACCOUNT, "fa-user-cog"),
    ];
    html! {
        <RequireSession<Route> login={Route::Login} side={Side::Institution}>
            <AppShell<Route> app={texts::INSTITUTION_APP} {nav}>{ props.children.clone() }</AppShell<Route>>
        </RequireSession<Route>>
    }
}
