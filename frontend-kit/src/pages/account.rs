//! Account settings: change the password; rebind the phone with a code sent to the new phone;
//! and what an app adds (the learner's real-name status).

use shared_types::account::{ChangePasswordRequest, RebindPhoneRequest, SmsPurpose};
use yew::prelude::*;

use crate::components::form::{
    FormError, SendCodeButton, SubmitButton, TextField, bind, check_password_policy, check_phone,
    check_required, check_sms_code, on_submit,
};
use crate::components::use_toaster;
use crate::i18n::{Text, texts, use_i18n};
use crate::session::use_session;

const CHANGE_PASSWORD: Text = Text::new("修改密码", "Change password");
const CURRENT_PASSWORD: Text = Text::new("当前密码", "Current password");
const NEW_PASSWORD: Text = Text::new("新密码", "New password");
const CONFIRM_PASSWORD: Text = Text::new("确认新密码", "Confirm new password");
const PASSWORD_CHANGED: Text = Text::new("密码已修改", "Password changed");
const REBIND_PHONE: Text = Text::new("更换手机号", "Change phone number");
const CURRENT_PHONE: Text = Text::new("当前手机号：{0}", "Current phone: {0}");
const NEW_PHONE: Text = Text::new("新手机号", "New phone number");
const REBIND_HINT: Text = Text::new("验证码将发送到新手机号", "The code goes to the new number");
const PHONE_CHANGED: Text = Text::new("手机号已更换", "Phone number changed");

#[derive(Properties, PartialEq)]
pub struct AccountSettingsProps {
    /// The app's own cards, before the common ones (the learner's real-name status).
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn AccountSettings(props: &AccountSettingsProps) -> Html {
    html! {
        <>
            <super::PageTitle title={texts::ACCOUNT} />
            <div class="zp-cards">
                { props.children.clone() }
                <ChangePassword />
                <RebindPhone />
            </div>
        </>
    }
}

#[component]
fn ChangePassword() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let current = use_state(String::new);
    let new = use_state(String::new);
    let confirm = use_state(String::new);
    let show_errors = use_state_eq(|| false);
    let busy = use_state_eq(|| false);
    let error = use_state_eq(|| None::<AttrValue>);

    let current_error = check_required(&current);
    let new_error = check_password_policy(&new);
    let confirm_error =
        check_required(&confirm).or_else(|| (*confirm != *new).then_some(texts::PASSWORD_MISMATCH));
    let shown = |e: Option<Text>| {
        e.filter(|_| *show_errors)
            .map(|t| AttrValue::from(i18n.t(&t)))
    };

    let submit = {
        let invalid = current_error.is_some() || new_error.is_some() || confirm_error.is_some();
        let req = ChangePasswordRequest {
            current_password: (*current).clone(),
            new_password: (*new).clone(),
        };
        let states = (current.clone(), new.clone(), confirm.clone());
        let (show_errors, busy, error, i18n) = (
            show_errors.clone(),
            busy.clone(),
            error.clone(),
            i18n.clone(),
        );
        Callback::from(move |()| {
            show_errors.set(true);
            if invalid || *busy {
                return;
            }
            busy.set(true);
            error.set(None);
            let (req, states, show_errors, busy, error, i18n, toaster) = (
                req.clone(),
                states.clone(),
                show_errors.clone(),
                busy.clone(),
                error.clone(),
                i18n.clone(),
                toaster.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match crate::api::change_password(&req).await {
                    Ok(()) => {
                        toaster.success(i18n.t(&PASSWORD_CHANGED));
                        states.0.set(String::new());
                        states.1.set(String::new());
                        states.2.set(String::new());
                        show_errors.set(false);
                    }
                    Err(err) => error.set(Some(i18n.error(&err).into())),
                }
                busy.set(false);
            });
        })
    };

    html! {
        <section class="pf-v6-c-card zp-card" aria-labelledby="change-password-title">
            <div class="pf-v6-c-card__title"><h2 class="pf-v6-c-card__title-text" id="change-password-title">{ i18n.t(&CHANGE_PASSWORD) }</h2></div>
            <div class="pf-v6-c-card__body">
                <form class="pf-v6-c-form" novalidate=true onsubmit={on_submit(submit)}>
                    <FormError id="password-error" message={(*error).clone()} />
                    <TextField id="current-password" label={i18n.t(&CURRENT_PASSWORD)} input_type="password" required=true
                        autocomplete="current-password" value={(*current).clone()} oninput={bind(&current)} error={shown(current_error)} />
                    <TextField id="new-password" label={i18n.t(&NEW_PASSWORD)} input_type="password" required=true
                        autocomplete="new-password" value={(*new).clone()} oninput={bind(&new)} error={shown(new_error)}
                        helper={AttrValue::from(i18n.t(&texts::PASSWORD_POLICY))} />
                    <TextField id="confirm-password" label={i18n.t(&CONFIRM_PASSWORD)} input_type="password" required=true
                        autocomplete="new-password" value={(*confirm).clone()} oninput={bind(&confirm)} error={shown(confirm_error)} />
                    <div class="pf-v6-c-form__group pf-m-action">
                        <SubmitButton id="change-password" label={i18n.t(&texts::SAVE)} busy={*busy} />
                    </div>
                </form>
            </div>
        </section>
    }
}

#[component]
fn RebindPhone() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let session = use_session();
    let phone = use_state(String::new);
    let code = use_state(String::new);
    let show_errors = use_state_eq(|| false);
    let busy = use_state_eq(|| false);
    let error = use_state_eq(|| None::<AttrValue>);

    let phone_error = check_phone(&phone);
    let code_error = check_sms_code(&code);
    let shown = |e: Option<Text>| {
        e.filter(|_| *show_errors)
            .map(|t| AttrValue::from(i18n.t(&t)))
    };

    let submit = {
        let invalid = phone_error.is_some() || code_error.is_some();
        let req = RebindPhoneRequest {
            new_phone: phone.trim().to_owned(),
            code: code.trim().to_owned(),
        };
        let (phone, code) = (phone.clone(), code.clone());
        let (show_errors, busy, error, i18n, session) = (
            show_errors.clone(),
            busy.clone(),
            error.clone(),
            i18n.clone(),
            session.clone(),
        );
        Callback::from(move |()| {
            show_errors.set(true);
            if invalid || *busy {
                return;
            }
            busy.set(true);
            error.set(None);
            let (req, phone, code, show_errors, busy, error, i18n, toaster, session) = (
                req.clone(),
                phone.clone(),
                code.clone(),
                show_errors.clone(),
                busy.clone(),
                error.clone(),
                i18n.clone(),
                toaster.clone(),
                session.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match crate::api::rebind_phone(&req).await {
                    Ok(me) => {
                        toaster.success(i18n.t(&PHONE_CHANGED));
                        session.set_me(me);
                        phone.set(String::new());
                        code.set(String::new());
                        show_errors.set(false);
                    }
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
    let current = session
        .me()
        .and_then(|me| me.phone_masked.clone())
        .unwrap_or_else(|| i18n.t(&texts::NOT_SET).to_owned());

    html! {
        <section class="pf-v6-c-card zp-card" aria-labelledby="rebind-phone-title">
            <div class="pf-v6-c-card__title"><h2 class="pf-v6-c-card__title-text" id="rebind-phone-title">{ i18n.t(&REBIND_PHONE) }</h2></div>
            <div class="pf-v6-c-card__body">
                <p class="zp-muted" id="current-phone">{ i18n.fmt(&CURRENT_PHONE, &[&current]) }</p>
                <form class="pf-v6-c-form" novalidate=true onsubmit={on_submit(submit)}>
                    <FormError id="phone-error" message={(*error).clone()} />
                    <TextField id="new-phone" label={i18n.t(&NEW_PHONE)} input_type="tel" inputmode="numeric" maxlength="11"
                        required=true autocomplete="tel-national" value={(*phone).clone()} oninput={bind(&phone)}
                        error={shown(phone_error)} helper={AttrValue::from(i18n.t(&REBIND_HINT))} />
                    <TextField id="sms-code" label={i18n.t(&texts::SMS_CODE)} inputmode="numeric" maxlength="6" required=true
                        autocomplete="one-time-code" value={(*code).clone()} oninput={bind(&code)} error={shown(code_error)}
                        addon={html! { <SendCodeButton phone={(*phone).clone()} purpose={SmsPurpose::Rebind} on_error={on_code_error} /> }} />
                    <div class="pf-v6-c-form__group pf-m-action">
                        <SubmitButton id="rebind-phone" label={i18n.t(&texts::SAVE)} busy={*busy} />
                    </div>
                </form>
            </div>
        </section>
    }
}
