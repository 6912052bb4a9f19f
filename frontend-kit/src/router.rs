//! Router helpers shared by the apps (routing itself is `yew-nested-router`, with the app's base
//! taken from `<base href>`, which trunk fills with the public URL, e.g. `/learner/`).

use shared_types::role::Side;
use yew::prelude::*;
use yew_nested_router::prelude::*;

/// The app's base URL (`https://host/learner/`), from `<base href>`.
pub fn app_base() -> String {
    gloo_utils::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| "/".to_owned())
}

/// Full navigation to a path inside this app (used where no router context exists, e.g. the
/// session-replaced page, which replaces the whole app).
pub fn go_to_app_path(path: &str) {
    let base = app_base();
    let base = base.trim_end_matches('/');
    let _ = gloo_utils::window()
        .location()
        .assign(&format!("{base}/{path}"));
}

/// Where each front end is served.
pub fn side_path(side: Side) -> &'static str {
    match side {
        Side::Learner => "/learner/",
        Side::Institution => "/institution/",
        Side::Regulator => "/regulator/",
    }
}

#[derive(Properties, PartialEq)]
pub struct RedirectProps<T: Target> {
    pub to: T,
}

/// Replaces the current route with `to` once rendered (for unknown paths, the index).
#[component]
pub fn Redirect<T: Target + 'static>(props: &RedirectProps<T>) -> Html {
    let router = use_router::<T>();
    let to = props.to.clone();
    use_effect_with(to, move |to| {
        if let Some(router) = router {
            router.replace(to.clone());
        }
    });
    html! {}
}

/// A callback navigating to `to` (for buttons and after form submission).
#[hook]
pub fn use_navigate<T: Target + 'static>() -> Callback<T> {
    let router = use_router::<T>();
    Callback::from(move |to: T| {
        if let Some(router) = &router {
            router.push(to);
        }
    })
}
