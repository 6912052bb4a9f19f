//! The signed-in user as a Yew context.
//!
//! [`SessionProvider`] loads `GET /api/v1/me` at start, re-checks it every 5 s while someone is
//! signed in, and listens to every 401 the API client sees: `session_replaced` switches the whole
//! app to the full-page [`SessionReplaced`] message (Z-II.3), any other 401 signs the app out.

use std::rc::Rc;

use gloo_timers::callback::Interval;
use shared_types::account::Me;
use shared_types::role::Side;
use shared_types::{ErrorCode, Role};
use yew::prelude::*;
use yew_nested_router::prelude::*;

use crate::api::{self, AuthEvent};
use crate::components::{Loading, SessionReplaced, WrongSide};

/// How often the app asks the server whether its session still stands.
const RECHECK_MS: u32 = 5_000;

#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// The first `/me` has not answered yet.
    Loading,
    Anonymous,
    SignedIn(Rc<Me>),
    /// The account signed in elsewhere; only a new sign-in leaves this state.
    Replaced,
}

/// How the session state changes (dispatched by [`Session`] and the provider).
#[derive(Debug, Clone, PartialEq)]
pub enum SessionAction {
    SignedIn(Me),
    Anonymous,
    Auth(AuthEvent),
}

impl Reducible for SessionState {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: SessionAction) -> Rc<Self> {
        let next = match (&*self, action) {
            (_, SessionAction::SignedIn(me)) => SessionState::SignedIn(Rc::new(me)),
            (_, SessionAction::Anonymous) => SessionState::Anonymous,
            (_, SessionAction::Auth(AuthEvent::Replaced)) => SessionState::Replaced,
            // A 401 from an anonymous page (e.g. the first `/me`) must not hide a replaced notice.
            (SessionState::Replaced, SessionAction::Auth(AuthEvent::SignedOut)) => {
                SessionState::Replaced
            }
            (_, SessionAction::Auth(AuthEvent::SignedOut)) => SessionState::Anonymous,
        };
        if next == *self { self } else { Rc::new(next) }
    }
}

/// The session context: the state plus the few ways pages change it.
#[derive(Clone, PartialEq)]
pub struct Session {
    pub state: Rc<SessionState>,
    dispatch: UseReducerDispatcher<SessionState>,
}

impl Session {
    pub fn me(&self) -> Option<Rc<Me>> {
        match &*self.state {
            SessionState::SignedIn(me) => Some(me.clone()),
            _ => None,
        }
    }

    /// After a successful login or registration, or a changed profile.
    pub fn set_me(&self, me: Me) {
        self.dispatch.dispatch(SessionAction::SignedIn(me));
    }

    /// Ends the session on the server (best effort) and here.
    pub fn logout(&self) {
        let dispatch = self.dispatch.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = api::logout().await;
            dispatch.dispatch(SessionAction::Anonymous);
        });
    }
}

/// Asks `/me`. 401s reach the state through the auth listener; other failures (a network blip
/// during a re-check) keep the state as it is, except on the first load, which must leave
/// `Loading`.
fn load_me(dispatch: UseReducerDispatcher<SessionState>, first: bool) {
    wasm_bindgen_futures::spawn_local(async move {
        match api::me().await {
            Ok(me) => dispatch.dispatch(SessionAction::SignedIn(me)),
            Err(err)
                if err.code == ErrorCode::Unauthenticated
                    || err.code == ErrorCode::SessionReplaced => {}
            Err(_) if first => dispatch.dispatch(SessionAction::Auth(AuthEvent::SignedOut)),
            Err(_) => {}
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct SessionProviderProps {
    pub children: Html,
}

#[component]
pub fn SessionProvider(props: &SessionProviderProps) -> Html {
    let state = use_reducer_eq(|| SessionState::Loading);
    let dispatch = state.dispatcher();

    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = dispatch.clone();
            api::set_auth_listener(Some(Callback::from(move |e| {
                listener.dispatch(SessionAction::Auth(e))
            })));
            load_me(dispatch, true);
            || api::set_auth_listener(None)
        });
    }

    let signed_in = matches!(*state, SessionState::SignedIn(_));
    {
        let dispatch = dispatch.clone();
        use_effect_with(signed_in, move |signed_in| {
            let timer = signed_in
                .then(|| Interval::new(RECHECK_MS, move || load_me(dispatch.clone(), false)));
            move || drop(timer)
        });
    }

    let session = Session {
        state: Rc::new((*state).clone()),
        dispatch: dispatch.clone(),
    };
    let on_back = Callback::from(move |_| {
        dispatch.dispatch(SessionAction::Anonymous);
        crate::router::go_to_app_path("login");
    });
    html! {
        <ContextProvider<Session> context={session}>
            if matches!(*state, SessionState::Replaced) {
                <SessionReplaced {on_back} />
            } else {
                { props.children.clone() }
            }
        </ContextProvider<Session>>
    }
}

/// The session context (panics are avoided: outside a provider it reads as `Loading`).
#[hook]
pub fn use_session() -> Session {
    let fallback = use_reducer_eq(|| SessionState::Loading);
    use_context::<Session>().unwrap_or_else(|| Session {
        state: Rc::new((*fallback).clone()),
        dispatch: fallback.dispatcher(),
    })
}

/// Whether the signed-in user holds one of `roles` (to show the buttons the server would let
/// through; it enforces the same rule).
#[hook]
pub fn use_has_role(roles: &'static [Role]) -> bool {
    use_session()
        .me()
        .is_some_and(|me| me.roles.iter().any(|r| roles.contains(r)))
}

/// Whether any of `roles` works in the front end `side`.
pub fn belongs_to(roles: &[Role], side: Side) -> bool {
    roles.iter().any(|r| r.side() == side)
}

/// The front end a user with `roles` should use (the first role's side).
pub fn home_side(roles: &[Role]) -> Option<Side> {
    roles.first().map(|r| r.side())
}

#[derive(Properties, PartialEq)]
pub struct RequireSessionProps<T: Target> {
    /// Where anonymous visitors are sent.
    pub login: T,
    /// The front end this app is; users of another side see a notice instead.
    pub side: Side,
    pub children: Html,
}

/// Renders its children only for a signed-in user of this app's side.
#[component]
pub fn RequireSession<T: Target + 'static>(props: &RequireSessionProps<T>) -> Html {
    let session = use_session();
    let router = use_router::<T>();
    let anonymous = matches!(*session.state, SessionState::Anonymous);
    {
        let login = props.login.clone();
        use_effect_with(anonymous, move |anonymous| {
            if *anonymous && let Some(router) = router {
                router.replace(login);
            }
        });
    }
    match &*session.state {
        SessionState::SignedIn(me) if belongs_to(&me.roles, props.side) => props.children.clone(),
        SessionState::SignedIn(me) => html! { <WrongSide me={me.clone()} /> },
        _ => html! { <Loading /> },
    }
}

#[derive(Properties, PartialEq)]
pub struct GuestOnlyProps<T: Target> {
    /// Where signed-in users are sent.
    pub home: T,
    pub children: Html,
}

/// Renders its children (login, registration) only for anonymous visitors.
#[component]
pub fn GuestOnly<T: Target + 'static>(props: &GuestOnlyProps<T>) -> Html {
    let session = use_session();
    let router = use_router::<T>();
    let signed_in = matches!(*session.state, SessionState::SignedIn(_));
    {
        let home = props.home.clone();
        use_effect_with(signed_in, move |signed_in| {
            if *signed_in && let Some(router) = router {
                router.replace(home);
            }
        });
    }
    match &*session.state {
        SessionState::Anonymous => props.children.clone(),
        _ => html! { <Loading /> },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stray_401_does_not_hide_the_replaced_notice() {
        let state = Rc::new(SessionState::Replaced);
        let next = state.reduce(SessionAction::Auth(AuthEvent::SignedOut));
        assert_eq!(*next, SessionState::Replaced);
    }

    #[test]
    fn session_replaced_wins_over_a_signed_in_user() {
        let state = Rc::new(SessionState::Anonymous);
        let next = state.reduce(SessionAction::Auth(AuthEvent::Replaced));
        assert_eq!(*next, SessionState::Replaced);
        let next = next.reduce(SessionAction::Anonymous);
        assert_eq!(*next, SessionState::Anonymous);
    }

    #[test]
    fn roles_decide_the_front_end() {
        assert!(belongs_to(
            &[Role::Trainee, Role::Lecturer],
            Side::Institution
        ));
        assert!(!belongs_to(&[Role::Trainee], Side::Regulator));
        assert_eq!(home_side(&[Role::RegulatorViewer]), Some(Side::Regulator));
        assert_eq!(home_side(&[]), None);
    }
}
