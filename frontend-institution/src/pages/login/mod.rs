//! `/institution/login`: sign-in by phone or user name and password.

use frontend_kit::pages::LoginPage;
use frontend_kit::prelude::*;
use yew::prelude::*;

#[component]
pub fn Login() -> Html {
    html! { <LoginPage app={texts::INSTITUTION_APP} /> }
}
