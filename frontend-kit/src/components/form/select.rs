//! A native select with its label, marked required and showing its validation message the way
//! [`super::TextField`] does (red frame, message under it), so a form's fields read alike.

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{HelperText, RequiredMark};

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// `(value, label)` pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub value: AttrValue,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub required: bool,
    /// Shown under the select, which is framed in red, when set.
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let helper_id = format!("{}-helper", props.id);
    let invalid = props.error.is_some();
    let onchange = props.onchange.reform(|e: Event| {
        e.target()
            .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            .map(|s| s.value())
            .unwrap_or_default()
    });
    html! {
        <div class="pf-v6-c-form__group">
            <div class="pf-v6-c-form__group-label">
                <label class="pf-v6-c-form__label" for={props.id.clone()}>
                    <span class="pf-v6-c-form__label-text">{ props.label.clone() }</span>
                    if props.required { <RequiredMark /> }
                </label>
            </div>
            <div class="pf-v6-c-form__group-control">
                <span class={classes!("pf-v6-c-form-control", invalid.then_some("pf-m-error"))}>
                    <select id={props.id.clone()} {onchange} required={props.required}
                        aria-invalid={invalid.to_string()} aria-describedby={invalid.then(|| helper_id.clone())}>
                        { for props.options.iter().map(|(v, l)| html! {
                            <option value={v.clone()} selected={*v == props.value}>{ l.clone() }</option>
                        }) }
                    </select>
                    <span class="pf-v6-c-form-control__utilities">
                        if invalid {
                            <span class="pf-v6-c-form-control__icon pf-m-status">
                                <i class="fas fa-exclamation-circle" aria-hidden="true"></i>
                            </span>
                        }
                        <span class="pf-v6-c-form-control__toggle-icon">
                            <i class="fas fa-caret-down" aria-hidden="true"></i>
                        </span>
                    </span>
                </span>
                <HelperText id={helper_id} error={props.error.clone()} helper={None::<AttrValue>} />
            </div>
        </div>
    }
}
