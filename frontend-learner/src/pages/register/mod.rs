//! `/learner/register`: trainee self-registration (T-7.2.6a). Registering with this device's id
//! signs the new account in, so the page ends on the home page.

use frontend_kit::components::form::{
    check_name, check_password_policy, check_phone, check_sms_code,
};
use frontend_kit::pages::AuthCard;
use frontend_kit::prelude::*;
use shared_types::account::{RegisterRequest, SmsPurpose};
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

const TITLE: Text = Text::new("学员注册", "Trainee registration");
const REGISTER: Text = Text::new("注册", "Register");
const HAVE_ACCOUNT: Text = Text::new("已有账号？", "Already registered?");
const TO_LOGIN: Text = Text::new("去登录", "Sign in");
const NAME_HINT: Text = Text::new(
    "请填写真实姓名，将用于学习档案和证书",
    "Your real name, as on certificates",
);

#[component]
pub fn Register() -> Html {
    let i18n = use_i18n();
    let site = frontend_kit::pages::use_site();
    let session = use_session();
    let navigate = use_navigate::<Route>();
    let phone = use_state(String::new);
    let code = use_state(String::new);
    let name = use_state(String::new);
    let password = use_state(String::new);
    let show_errors = use_state_eq(|| false);
    let busy = use_state_eq(|| false);
    let error = use_state_eq(|| None::<AttrValue>);

    let phone_error = check_phone(&phone);
    let code_error = check_sms_code(&code);
    let name_error = check_name(&name);
    let password_error = check_password_policy(&password);
    let shown = |e: Option<Text>| {
        e.filter(|_| *show_errors)
            .map(|t| AttrValue::from(i18n.t(&t)))
    };

    let submit = {
        let invalid = phone_error.is_some()
            || code_error.is_some()
            || name_error.is_some()
            || password_error.is_some();
        let req = RegisterRequest {
            phone: phone.trim().to_owned(),
            code: code.trim().to_owned(),
            password: (*password).clone(),
            name: name.trim().to_owned(),
            device_id: Some(frontend_kit::device::device_id()),
        };
        let (show_errors, busy, error, i18n, session, navigate) = (
            show_errors.clone(),
            busy.clone(),
            error.clone(),
            i18n.clone(),
            session.clone(),
            navigate.clone(),
        );
        Callback::from(move |()| {
            show_errors.set(true);
            if invalid || *busy {
                return;
            }
            busy.set(true);
            error.set(None);
            let (req, busy, error, i18n, session, navigate) = (
                req.clone(),
                busy.clone(),
                error.clone(),
                i18n.clone(),
                session.clone(),
                navigate.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match frontend_kit::api::register(&req).await {
                    // Signed in: the session change moves GuestOnly on to the home page.
                    Ok(resp) if resp.session.is_some() => session.set_me(resp.user),
                    Ok(_) => navigate.emit(Route::Login),
                    Err(err) => error.set(Some(i18n.error(&err).into())),
                }
                busy.set(false);
            });
        })
    };
    let on_code_error = {
        let error = error.clone();
        Callback::from(move |e: Option<AttrValue>| error.set(e))
    };

    let footer = html! {
        <p>
            { i18n.t(&HAVE_ACCOUNT) }{ " " }
            <Link<Route> id="to-login" to={Route::Login}>{ i18n.t(&TO_LOGIN) }</Link<Route>>
        </p>
    };
    html! {
        <AuthCard kicker={site.map(|s| s.name).unwrap_or_else(|| i18n.t(&texts::PLATFORM_NAME).to_owned())} title={i18n.t(&TITLE)} {footer}>
            <form class="pf-v6-c-form" novalidate=true onsubmit={on_submit(submit)}>
                <FormError message={(*error).clone()} />
                <TextField id="phone" label={i18n.t(&texts::PHONE)} input_type="tel" inputmode="numeric" maxlength="11"
                    required=true autocomplete="tel-national" value={(*phone).clone()} oninput={bind(&phone)}
                    error={shown(phone_error)} />
                <TextField id="sms-code" label={i18n.t(&texts::SMS_CODE)} inputmode="numeric" maxlength="6" required=true
                    autocomplete="one-time-code" value={(*code).clone()} oninput={bind(&code)} error={shown(code_error)}
                    addon={html! { <SendCodeButton phone={(*phone).clone()} purpose={SmsPurpose::Register} on_error={on_code_error} /> }} />
                <TextField id="name" label={i18n.t(&texts::NAME)} required=true autocomplete="name" maxlength="50"
                    value={(*name).clone()} oninput={bind(&name)} error={shown(name_error)}
                    helper={AttrValue::from(i18n.t(&NAME_HINT))} />
                <TextField id="password" label={i18n.t(&texts::PASSWORD)} input_type="password" required=true
                    autocomplete="new-password" value={(*password).clone()} oninput={bind(&password)}
                    error={shown(password_error)} helper={AttrValue::from(i18n.t(&texts::PASSWORD_POLICY))} />
                <div class="pf-v6-c-form__group pf-m-action">
                    <SubmitButton label={i18n.t(&REGISTER)} busy={*busy} block=true />
                </div>
            </form>
        </AuthCard>
    }
}
