//! Form fields with PatternFly 6 markup, each with a real `<label for>`, helper text and its
//! validation message wired through `aria-describedby` / `aria-invalid`; the validation rules
//! the forms share; and [`Submit`], the state of a form being sent.

use shared_types::Role;
use shared_types::account::SmsPurpose;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{texts, use_i18n};

mod check;
mod ids;
mod number;
mod period;
mod rules;
mod select;
mod submit;
mod textarea;

pub use check::CheckField;
pub use ids::{check_credit_code, check_id_card};
pub use number::NumberField;
pub use period::Period;
pub use rules::{
    check_name, check_password_policy, check_phone, check_required, check_sms_code, is_phone,
    parse_field,
};
pub use select::SelectField;
pub use submit::{Submit, use_submit};
pub use textarea::TextAreaField;

// ---- fields ----

fn input_value(e: &InputEvent) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    /// Shown (in red) instead of `helper` when set.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub helper: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub disabled: bool,
    /// Shown but not editable (still focusable and readable, unlike `disabled`).
    #[prop_or_default]
    pub readonly: bool,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub maxlength: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// `min`, `max` and `step` of a number input.
    #[prop_or_default]
    pub min: Option<AttrValue>,
    #[prop_or_default]
    pub max: Option<AttrValue>,
    #[prop_or_default]
    pub step: Option<AttrValue>,
    /// Something beside the input, e.g. a send-code button.
    #[prop_or_default]
    pub addon: Option<Html>,
}

#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let helper_id = format!("{}-helper", props.id);
    let invalid = props.error.is_some();
    let oninput = props.oninput.reform(|e: InputEvent| input_value(&e));
    let control = html! {
        <span class={classes!("pf-v6-c-form-control", invalid.then_some("pf-m-error"), props.disabled.then_some("pf-m-disabled"), props.readonly.then_some("pf-m-readonly"))}>
            <input
                id={props.id.clone()}
                name={props.id.clone()}
                type={props.input_type.clone()}
                value={props.value.clone()}
                {oninput}
                required={props.required}
                disabled={props.disabled}
                readonly={props.readonly}
                autocomplete={props.autocomplete.clone()}
                inputmode={props.inputmode.clone()}
                maxlength={props.maxlength.clone()}
                placeholder={props.placeholder.clone()}
                min={props.min.clone()}
                max={props.max.clone()}
                step={props.step.clone()}
                aria-invalid={invalid.to_string()}
                aria-describedby={(invalid || props.helper.is_some()).then(|| helper_id.clone())}
            />
            if invalid {
                <span class="pf-v6-c-form-control__utilities">
                    <span class="pf-v6-c-form-control__icon pf-m-status">
                        <i class="fas fa-exclamation-circle" aria-hidden="true"></i>
                    </span>
                </span>
            }
        </span>
    };
    html! {
        <div class="pf-v6-c-form__group">
            <div class="pf-v6-c-form__group-label">
                <label class="pf-v6-c-form__label" for={props.id.clone()}>
                    <span class="pf-v6-c-form__label-text">{ props.label.clone() }</span>
                    if props.required { <RequiredMark /> }
                </label>
            </div>
            <div class="pf-v6-c-form__group-control">
                if let Some(addon) = &props.addon {
                    <div class="pf-v6-c-input-group">
                        <div class="pf-v6-c-input-group__item pf-m-fill">{ control }</div>
                        <div class="pf-v6-c-input-group__item">{ addon.clone() }</div>
                    </div>
                } else {
                    { control }
                }
                <HelperText id={helper_id} error={props.error.clone()} helper={props.helper.clone()} />
            </div>
        </div>
    }
}

/// The red asterisk of a required field, and the word for screen readers.
#[component]
fn RequiredMark() -> Html {
    let i18n = use_i18n();
    html! {
        <>
            <span class="pf-v6-c-form__label-required" aria-hidden="true">{ " *" }</span>
            <span class="zp-sr-only">{ format!(" ({})", i18n.t(&texts::REQUIRED_MARK)) }</span>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct HelperTextProps {
    id: String,
    error: Option<AttrValue>,
    helper: Option<AttrValue>,
}

#[component]
fn HelperText(props: &HelperTextProps) -> Html {
    let (text, class) = match (&props.error, &props.helper) {
        (Some(e), _) => (e.clone(), "pf-m-error"),
        (None, Some(h)) => (h.clone(), ""),
        (None, None) => return html! {},
    };
    html! {
        <div class="pf-v6-c-form__helper-text" aria-live="polite">
            <div class="pf-v6-c-helper-text">
                <div class={classes!("pf-v6-c-helper-text__item", class)} id={props.id.clone()}>
                    <span class="pf-v6-c-helper-text__item-text">{ text }</span>
                </div>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct RolePickerProps {
    pub id: AttrValue,
    pub legend: AttrValue,
    pub options: Vec<Role>,
    pub selected: Vec<Role>,
    pub onchange: Callback<Vec<Role>>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

/// A group of role checkboxes.
#[component]
pub fn RolePicker(props: &RolePickerProps) -> Html {
    let i18n = use_i18n();
    html! {
        <fieldset class="pf-v6-c-form__group" id={props.id.clone()}
            aria-describedby={props.error.is_some().then(|| format!("{}-helper", props.id))}>
            <legend class="pf-v6-c-form__group-label">
                <span class="pf-v6-c-form__label"><span class="pf-v6-c-form__label-text">{ props.legend.clone() }</span></span>
            </legend>
            <div class="pf-v6-c-form__group-control pf-m-inline">
                { for props.options.iter().map(|role| {
                    let role = *role;
                    let checked = props.selected.contains(&role);
                    let id = format!("{}-{}", props.id, role.as_str());
                    let onchange = {
                        let selected = props.selected.clone();
                        props.onchange.reform(move |_: Event| {
                            let mut next: Vec<Role> = selected.iter().copied().filter(|r| *r != role).collect();
                            if !checked {
                                next.push(role);
                                next.sort();
                            }
                            next
                        })
                    };
                    html! {
                        <div class="pf-v6-c-check">
                            <input class="pf-v6-c-check__input" type="checkbox" id={id.clone()} {checked} {onchange} />
                            <label class="pf-v6-c-check__label" for={id}>{ i18n.role(role) }</label>
                        </div>
                    }
                }) }
            </div>
            <HelperText id={format!("{}-helper", props.id)} error={props.error.clone()} helper={None::<AttrValue>} />
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct FormErrorProps {
    pub message: Option<AttrValue>,
    #[prop_or(AttrValue::Static("form-error"))]
    pub id: AttrValue,
}

/// The form-level error (`#form-error` unless told otherwise), present only while there is one.
#[component]
pub fn FormError(props: &FormErrorProps) -> Html {
    match &props.message {
        Some(message) => html! {
            <div id={props.id.clone()} class="pf-v6-c-alert pf-m-danger pf-m-inline" role="alert">
                <div class="pf-v6-c-alert__icon"><i class="fas fa-fw fa-exclamation-circle" aria-hidden="true"></i></div>
                <p class="pf-v6-c-alert__title">{ message.clone() }</p>
            </div>
        },
        None => html! {},
    }
}

#[derive(Properties, PartialEq)]
pub struct SubmitButtonProps {
    pub label: AttrValue,
    #[prop_or(AttrValue::Static("submit"))]
    pub id: AttrValue,
    #[prop_or_default]
    pub busy: bool,
    #[prop_or_default]
    pub block: bool,
}

/// The primary submit button of a form; shows progress while `busy`.
#[component]
pub fn SubmitButton(props: &SubmitButtonProps) -> Html {
    let i18n = use_i18n();
    html! {
        <button id={props.id.clone()} type="submit"
            class={classes!("pf-v6-c-button", "pf-m-primary", props.block.then_some("pf-m-block"), props.busy.then_some("pf-m-in-progress"))}
            disabled={props.busy} aria-busy={props.busy.to_string()}>
            <span class="pf-v6-c-button__text">
                { if props.busy { AttrValue::from(i18n.t(&texts::SUBMITTING)) } else { props.label.clone() } }
            </span>
        </button>
    }
}

/// A callback storing an input's text into a state.
pub fn bind(state: &UseStateHandle<String>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |v: String| state.set(v))
}

/// Wraps a submit handler so the browser does not reload the page.
pub fn on_submit(cb: Callback<()>) -> Callback<SubmitEvent> {
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        cb.emit(());
    })
}

#[derive(Properties, PartialEq)]
pub struct SendCodeButtonProps {
    /// The phone the code goes to (validated before sending).
    pub phone: AttrValue,
    pub purpose: SmsPurpose,
    /// Reports a failure (invalid phone, cooldown, …) as a user-facing message.
    pub on_error: Callback<Option<AttrValue>>,
    #[prop_or(AttrValue::Static("send-code"))]
    pub id: AttrValue,
}

/// "获取验证码" with a resend countdown (from the server's `resend_after_seconds`).
#[component]
pub fn SendCodeButton(props: &SendCodeButtonProps) -> Html {
    let i18n = use_i18n();
    let toaster = crate::components::use_toaster();
    let remaining = use_state_eq(|| 0u32);
    let sending = use_state_eq(|| false);

    {
        let remaining = remaining.clone();
        use_effect_with(*remaining > 0, move |counting| {
            let timer = counting.then(|| {
                let remaining = remaining.clone();
                gloo_timers::callback::Interval::new(1_000, move || {
                    remaining.set((*remaining).saturating_sub(1));
                })
            });
            move || drop(timer)
        });
    }

    let onclick = {
        let (phone, purpose, on_error) =
            (props.phone.clone(), props.purpose, props.on_error.clone());
        let (remaining, sending, i18n) = (remaining.clone(), sending.clone(), i18n.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(problem) = check_phone(&phone) {
                on_error.emit(Some(i18n.t(&problem).into()));
                return;
            }
            on_error.emit(None);
            sending.set(true);
            let req = shared_types::account::SmsCodeRequest {
                phone: phone.trim().to_owned(),
                purpose,
            };
            let (remaining, sending, on_error, i18n, toaster) = (
                remaining.clone(),
                sending.clone(),
                on_error.clone(),
                i18n.clone(),
                toaster.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match crate::api::send_sms_code(&req).await {
                    Ok(sent) => {
                        remaining.set(sent.resend_after_seconds.max(1));
                        toaster.success(i18n.t(&texts::CODE_SENT));
                    }
                    Err(err) => on_error.emit(Some(i18n.error(&err).into())),
                }
                sending.set(false);
            });
        })
    };
    let label = if *remaining > 0 {
        i18n.fmt(&texts::RESEND_IN, &[&remaining.to_string()])
    } else {
        i18n.t(&texts::SEND_CODE).to_owned()
    };
    html! {
        <button id={props.id.clone()} type="button" class="pf-v6-c-button pf-m-secondary zp-nowrap"
            disabled={*remaining > 0 || *sending} {onclick} aria-live="polite">
            <span class="pf-v6-c-button__text">{ label }</span>
        </button>
    }
}
