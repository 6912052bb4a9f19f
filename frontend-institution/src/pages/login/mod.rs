//! `/institution/login`: sign-in by phone or user name and password, with the way to register a
//! new institution (T-7.2.5a).

use frontend_kit::pages::LoginPage;
use frontend_kit::prelude::*;
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

const NEW_INSTITUTION: Text = Text::new("还没有账号？", "New here?");
const REGISTER: Text = Text::new("注册培训机构", "Register an institution");

#[component]
pub fn Login() -> Html {
    let i18n = use_i18n();
    let footer = html! {
        <p>
            { i18n.t(&NEW_INSTITUTION) }{ " " }
            <Link<Route> id="to-register" to={Route::Register}>{ i18n.t(&REGISTER) }</Link<Route>>
        </p>
    };
    html! { <LoginPage app={texts::INSTITUTION_APP} {footer} /> }
}
