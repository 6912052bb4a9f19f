//! Sign-in by phone or user name + password, and (where allowed) phone + SMS code.

use shared_types::account::{LoginRequest, SmsPurpose};
use yew::prelude::*;

use crate::components::form::{
    FormError, SendCodeButton, SubmitButton, TextField, bind, check_phone, check_required,
    check_sms_code, is_phone, on_submit,
};
use crate::i18n::{Text, texts, use_i18n};
use crate::session::use_session;

const TITLE: Text = Text::new("登录", "Sign in");
const ACCOUNT_LABEL: Text = Text::new("手机号或用户名", "Phone or user name");
const BY_PASSWORD: Text = Text::new("密码登录", "Password");
const BY_SMS: Text = Text::new("验证码登录", "SMS code");
const SIGN_IN: Text = Text::new("登录", "Sign in");
const LOGIN_METHOD: Text = Text::new("登录方式", "Sign-in method");

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Password,
    Sms,
}

#[derive(Properties, PartialEq)]
pub struct LoginPageProps {
    /// The app's name, e.g. 学员端.
    pub app: Text,
    /// Offer phone + SMS code sign-in (the learner app).
    #[prop_or_default]
    pub allow_sms: bool,
    /// Under the form, e.g. a link to registration.
    #[prop_or_default]
    pub footer: Html,
}

/// The sign-in page. On success the session holds the user; the app's `GuestOnly` wrapper then
/// moves on to the home page.
#[component]
pub fn LoginPage(props: &LoginPageProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let site = super::use_site();
    let mode = use_state_eq(|| Mode::Password);
    let account = use_state(String::new);
    let password = use_state(String::new);
    let code = use_state(String::new);
    let show_errors = use_state_eq(|| false);
    let busy = use_state_eq(|| false);
    let error = use_state_eq(|| None::<AttrValue>);

    let platform = i18n.t(&texts::PLATFORM_NAME);
    let site_name = site
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_else(|| platform.to_owned());
    use_effect_with(format!("{} - {site_name}", i18n.t(&TITLE)), |title| {
        gloo_utils::document().set_title(title);
    });

    let account_error = match *mode {
        Mode::Password => check_required(&account),
        Mode::Sms => check_phone(&account),
    };
    let secret_error = match *mode {
        Mode::Password => check_required(&password),
        Mode::Sms => check_sms_code(&code),
    };
    let shown = |e: Option<Text>| {
        e.filter(|_| *show_errors)
            .map(|t| AttrValue::from(i18n.t(&t)))
    };

    let submit = {
        let (mode, account, password, code) = (
            *mode,
            (*account).clone(),
            (*password).clone(),
            (*code).clone(),
        );
        let (show_errors, busy, error, session, i18n) = (
            show_errors.clone(),
            busy.clone(),
            error.clone(),
            session.clone(),
            i18n.clone(),
        );
        let invalid = account_error.is_some() || secret_error.is_some();
        Callback::from(move |()| {
            show_errors.set(true);
            if invalid || *busy {
                return;
            }
            let account = account.trim().to_owned();
            let mut req = LoginRequest {
                device_id: crate::device::device_id(),
                ..Default::default()
            };
            if is_phone(&account) {
                req.phone = Some(account);
            } else {
                req.username = Some(account);
            }
            match mode {
                Mode::Password => req.password = Some(password.clone()),
                Mode::Sms => req.code = Some(code.trim().to_owned()),
            }
            busy.set(true);
            error.set(None);
            let (busy, error, session, i18n) =
                (busy.clone(), error.clone(), session.clone(), i18n.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match crate::api::login(&req).await {
                    Ok(resp) => session.set_me(resp.user),
                    Err(err) => error.set(Some(i18n.error(&err).into())),
                }
                busy.set(false);
            });
        })
    };

    let set_mode = |m: Mode| {
        let (mode, show_errors, error) = (mode.clone(), show_errors.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            mode.set(m);
            show_errors.set(false);
            error.set(None);
        })
    };
    let tab = |m: Mode, label: &Text| {
        let selected = *mode == m;
        html! {
            <li class={classes!("pf-v6-c-tabs__item", selected.then_some("pf-m-current"))} role="presentation">
                <button type="button" class="pf-v6-c-tabs__link" role="tab" aria-selected={selected.to_string()}
                    id={if m == Mode::Password { "tab-password" } else { "tab-sms" }} onclick={set_mode(m)}>
                    <span class="pf-v6-c-tabs__item-text">{ i18n.t(label) }</span>
                </button>
            </li>
        }
    };
    let on_code_error = {
        let error = error.clone();
        Callback::from(move |e: Option<AttrValue>| error.set(e))
    };

    let title = format!("{} · {}", i18n.t(&props.app), i18n.t(&TITLE));
    html! {
        <super::AuthCard kicker={site_name} {title} footer={props.footer.clone()}>
            if props.allow_sms {
                <div class="pf-v6-c-tabs pf-m-fill zp-tabs">
                    <ul class="pf-v6-c-tabs__list" role="tablist" aria-label={i18n.t(&LOGIN_METHOD)}>
                        { tab(Mode::Password, &BY_PASSWORD) }
                        { tab(Mode::Sms, &BY_SMS) }
                    </ul>
                </div>
            }
            <form class="pf-v6-c-form" novalidate=true onsubmit={on_submit(submit)}>
                <FormError message={(*error).clone()} />
                if *mode == Mode::Password {
                    <TextField id="account" label={i18n.t(&ACCOUNT_LABEL)} value={(*account).clone()}
                        oninput={bind(&account)} required=true autocomplete="username"
                        error={shown(account_error)} />
                    <TextField id="password" label={i18n.t(&texts::PASSWORD)} input_type="password"
                        value={(*password).clone()} oninput={bind(&password)} required=true
                        autocomplete="current-password" error={shown(secret_error)} />
                } else {
                    <TextField id="account" label={i18n.t(&texts::PHONE)} input_type="tel" inputmode="numeric"
                        maxlength="11" value={(*account).clone()} oninput={bind(&account)} required=true
                        autocomplete="tel-national" error={shown(account_error)} />
                    <TextField id="sms-code" label={i18n.t(&texts::SMS_CODE)} inputmode="numeric" maxlength="6"
                        value={(*code).clone()} oninput={bind(&code)} required=true
                        autocomplete="one-time-code" error={shown(secret_error)}
                        addon={html! { <SendCodeButton phone={(*account).clone()} purpose={SmsPurpose::Login} on_error={on_code_error} /> }} />
                }
                <div class="pf-v6-c-form__group pf-m-action">
                    <SubmitButton label={i18n.t(&SIGN_IN)} busy={*busy} block=true />
                </div>
            </form>
        </super::AuthCard>
    }
}
