//! `/learner/login`: password or SMS-code sign-in, with a way to registration.

use frontend_kit::pages::LoginPage;
use frontend_kit::prelude::*;
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

const NO_ACCOUNT: Text = Text::new("还没有账号？", "No account yet?");
const REGISTER: Text = Text::new("立即注册", "Register now");

#[component]
pub fn Login() -> Html {
    let i18n = use_i18n();
    let footer = html! {
        <p>
            { i18n.t(&NO_ACCOUNT) }{ " " }
            <Link<Route> id="to-register" to={Route::Register}>{ i18n.t(&REGISTER) }</Link<Route>>
        </p>
    };
    html! { <LoginPage app={texts::LEARNER_APP} allow_sms=true {footer} /> }
}
