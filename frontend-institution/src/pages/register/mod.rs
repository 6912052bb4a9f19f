//! `/institution/register`: 机构注册 (T-7.2.5a) — a training unit signs up with its unified social
//! credit code (checked here as the server does), name and address, and its head's account
//! (name, phone confirmed by an SMS code, user name, password). The answer signs the head in on
//! this device, so the page ends on the home page, where certification is the next step.

use frontend_kit::components::form::{
    check_credit_code, check_name, check_password_policy, check_phone, check_required,
    check_sms_code,
};
use frontend_kit::pages::AuthCard;
use frontend_kit::prelude::*;
use shared_types::account::SmsPurpose;
use shared_types::orgs::RegisterInstitutionRequest;
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

const TITLE: Text = Text::new("培训机构注册", "Institution registration");
const CREDIT_CODE: Text = Text::new("统一社会信用代码", "Unified social credit code");
const CREDIT_HINT: Text = Text::new(
    "18 位，见营业执照",
    "18 characters, on the business licence",
);
const INST_NAME: Text = Text::new("机构名称", "Institution name");
const INST_ADDRESS: Text = Text::new("机构地址", "Address");
const HEAD_NAME: Text = Text::new("负责人姓名", "Head's name");
const HEAD_PHONE: Text = Text::new("负责人手机号", "Head's mobile phone");
const USERNAME_HINT: Text = Text::new("用于登录机构端", "Used to sign in to the institution app");
const REGISTER: Text = Text::new("注册", "Register");
const HAVE_ACCOUNT: Text = Text::new("已有账号？", "Already registered?");
const TO_LOGIN: Text = Text::new("去登录", "Sign in");

#[component]
pub fn Register() -> Html {
    let i18n = use_i18n();
    let site = frontend_kit::pages::use_site();
    let session = use_session();
    let submit = use_submit();
    let credit_code = use_state(String::new);
    let name = use_state(String::new);
    let address = use_state(String::new);
    let head_name = use_state(String::new);
    let phone = use_state(String::new);
    let code = use_state(String::new);
    let username = use_state(String::new);
    let password = use_state(String::new);
    let code_error = use_state_eq(|| None::<AttrValue>);

    let credit_error = check_credit_code(&credit_code);
    let name_error = check_required(&name);
    let head_error = check_name(&head_name);
    let phone_error = check_phone(&phone);
    let sms_error = check_sms_code(&code);
    let username_error = check_required(&username);
    let password_error = check_password_policy(&password);
    let invalid = [
        credit_error,
        name_error,
        head_error,
        phone_error,
        sms_error,
        username_error,
        password_error,
    ]
    .iter()
    .any(Option::is_some);

    let onsubmit = {
        let req = RegisterInstitutionRequest {
            credit_code: credit_code.trim().to_ascii_uppercase(),
            name: name.trim().to_owned(),
            address: address.trim().to_owned(),
            head_name: head_name.trim().to_owned(),
            phone: phone.trim().to_owned(),
            code: code.trim().to_owned(),
            username: username.trim().to_owned(),
            password: (*password).clone(),
            device_id: frontend_kit::device::device_id(),
        };
        let (submit, session) = (submit.clone(), session.clone());
        Callback::from(move |()| {
            let (req, session) = (req.clone(), session.clone());
            submit.run(
                invalid,
                async move { frontend_kit::api::register_institution(&req).await },
                // Signed in: the session change moves the guest page on to the home page.
                move |resp| session.set_me(resp.user),
            );
        })
    };
    let on_code_error = {
        let code_error = code_error.clone();
        Callback::from(move |e: Option<AttrValue>| code_error.set(e))
    };
    let err = |field: &str, problem: Option<Text>| submit.field_error(&i18n, field, problem);
    let footer = html! {
        <p>
            { i18n.t(&HAVE_ACCOUNT) }{ " " }
            <Link<Route> id="to-login" to={Route::Login}>{ i18n.t(&TO_LOGIN) }</Link<Route>>
        </p>
    };
    let kicker = site
        .map(|s| s.name)
        .unwrap_or_else(|| i18n.t(&texts::PLATFORM_NAME).to_owned());
    html! {
        <AuthCard {kicker} title={i18n.t(&TITLE)} {footer}>
            <form class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n).or_else(|| (*code_error).clone())} />
                <TextField id="credit-code" label={i18n.t(&CREDIT_CODE)} required=true maxlength="18" autocomplete="off"
                    value={(*credit_code).clone()} oninput={bind(&credit_code)} helper={AttrValue::from(i18n.t(&CREDIT_HINT))}
                    error={err("credit_code", credit_error)} />
                <TextField id="inst-name" label={i18n.t(&INST_NAME)} required=true maxlength="100" autocomplete="organization"
                    value={(*name).clone()} oninput={bind(&name)} error={err("name", name_error)} />
                <TextField id="inst-address" label={i18n.t(&INST_ADDRESS)} maxlength="200" autocomplete="street-address"
                    value={(*address).clone()} oninput={bind(&address)} error={err("address", None)} />
                <TextField id="head-name" label={i18n.t(&HEAD_NAME)} required=true maxlength="50" autocomplete="name"
                    value={(*head_name).clone()} oninput={bind(&head_name)} error={err("head_name", head_error)} />
                <TextField id="phone" label={i18n.t(&HEAD_PHONE)} input_type="tel" inputmode="numeric" maxlength="11"
                    required=true autocomplete="tel-national" value={(*phone).clone()} oninput={bind(&phone)}
                    error={err("phone", phone_error)} />
                <TextField id="sms-code" label={i18n.t(&texts::SMS_CODE)} inputmode="numeric" maxlength="6" required=true
                    autocomplete="one-time-code" value={(*code).clone()} oninput={bind(&code)} error={err("code", sms_error)}
                    addon={html! { <SendCodeButton phone={(*phone).clone()} purpose={SmsPurpose::Register} on_error={on_code_error} /> }} />
                <TextField id="username" label={i18n.t(&texts::USERNAME)} required=true maxlength="50" autocomplete="username"
                    value={(*username).clone()} oninput={bind(&username)} helper={AttrValue::from(i18n.t(&USERNAME_HINT))}
                    error={err("username", username_error)} />
                <TextField id="password" label={i18n.t(&texts::PASSWORD)} input_type="password" required=true
                    autocomplete="new-password" value={(*password).clone()} oninput={bind(&password)}
                    helper={AttrValue::from(i18n.t(&texts::PASSWORD_POLICY))} error={err("password", password_error)} />
                <div class="pf-v6-c-form__group pf-m-action">
                    <SubmitButton label={i18n.t(&REGISTER)} busy={submit.busy()} block=true />
                </div>
            </form>
        </AuthCard>
    }
}
