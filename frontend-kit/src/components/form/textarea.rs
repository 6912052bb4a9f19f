//! A multi-line text field (reasons, opinions) with the same label, helper and error wiring as
//! [`super::TextField`].

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::HelperText;
use crate::i18n::{texts, use_i18n};

#[derive(Properties, PartialEq)]
pub struct TextAreaFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub helper: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or(4)]
    pub rows: u32,
    #[prop_or_default]
    pub maxlength: Option<AttrValue>,
}

#[component]
pub fn TextAreaField(props: &TextAreaFieldProps) -> Html {
    let i18n = use_i18n();
    let helper_id = format!("{}-helper", props.id);
    let invalid = props.error.is_some();
    let oninput = props.oninput.reform(|e: InputEvent| {
        e.target()
            .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
            .map(|t| t.value())
            .unwrap_or_default()
    });
    html! {
        <div class="pf-v6-c-form__group">
            <div class="pf-v6-c-form__group-label">
                <label class="pf-v6-c-form__label" for={props.id.clone()}>
                    <span class="pf-v6-c-form__label-text">{ props.label.clone() }</span>
                    if props.required {
                        <span class="pf-v6-c-form__label-required" aria-hidden="true">{ " *" }</span>
                        <span class="zp-sr-only">{ format!(" ({})", i18n.t(&texts::REQUIRED_MARK)) }</span>
                    }
                </label>
            </div>
            <div class="pf-v6-c-form__group-control">
                <span class={classes!("pf-v6-c-form-control", "pf-m-textarea", invalid.then_some("pf-m-error"))}>
                    <textarea id={props.id.clone()} name={props.id.clone()} rows={props.rows.to_string()}
                        value={props.value.clone()} {oninput} required={props.required}
                        maxlength={props.maxlength.clone()} aria-invalid={invalid.to_string()}
                        aria-describedby={(invalid || props.helper.is_some()).then(|| helper_id.clone())} />
                </span>
                <HelperText id={helper_id} error={props.error.clone()} helper={props.helper.clone()} />
            </div>
        </div>
    }
}
