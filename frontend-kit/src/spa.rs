//! What each SPA declares about itself (name, side, login and home routes, navigation, pages),
//! and the frame built from it: providers and router ([`SpaApp`]), signed-in pages inside the
//! layout ([`SignedIn`]) and pages for anonymous visitors ([`Guest`]).

use shared_types::role::Side;
use yew::prelude::*;
use yew_nested_router::prelude::{Switch as RouteSwitch, *};

use crate::AppRoot;
use crate::i18n::Text;
use crate::layout::{AppShell, NavEntry};
use crate::session::{GuestOnly, RequireSession};

/// The routes of one SPA and what the frame needs to know about it.
pub trait Spa: Target + 'static {
    /// The app's name in the header, e.g. 学员端.
    const NAME: Text;
    /// The front end this app is; users of another side see a notice.
    const SIDE: Side;
    /// Where anonymous visitors are sent.
    const LOGIN: Self;
    /// Where signed-in users land.
    const HOME: Self;

    /// The side navigation of signed-in pages.
    fn nav() -> Vec<NavEntry<Self>>;

    /// The page of a route, wrapped in [`SignedIn`] or [`Guest`].
    fn page(self) -> Html;

    /// What holds every page, inside the providers: a connection the whole app shares (the
    /// learner's progress stream) lives here, across page changes.
    fn frame(pages: Html) -> Html {
        pages
    }
}

/// The whole app: providers, router and the page of the current route.
#[component]
pub fn SpaApp<R: Spa>() -> Html {
    html! {
        <AppRoot>
            <Router<R> default={R::HOME}>
                { R::frame(html! { <RouteSwitch<R> render={R::page} /> }) }
            </Router<R>>
        </AppRoot>
    }
}

#[derive(Properties, PartialEq)]
pub struct FrameProps {
    pub children: Html,
}

/// A signed-in page: session of this app's side required, the app layout around it.
#[component]
pub fn SignedIn<R: Spa>(props: &FrameProps) -> Html {
    html! {
        <RequireSession<R> login={R::LOGIN} side={R::SIDE}>
            <AppShell<R> app={R::NAME} nav={R::nav()}>{ props.children.clone() }</AppShell<R>>
        </RequireSession<R>>
    }
}

/// A page for anonymous visitors (login, registration); signed-in users go home.
#[component]
pub fn Guest<R: Spa>(props: &FrameProps) -> Html {
    html! { <GuestOnly<R> home={R::HOME}>{ props.children.clone() }</GuestOnly<R>> }
}
