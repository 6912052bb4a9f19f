//! A single checkbox with a description under its label.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CheckFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub onchange: Callback<bool>,
    #[prop_or_default]
    pub description: Option<AttrValue>,
    #[prop_or_default]
    pub disabled: bool,
}

#[component]
pub fn CheckField(props: &CheckFieldProps) -> Html {
    let description_id = format!("{}-description", props.id);
    let onchange = props.onchange.reform(|e: Event| {
        e.target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .is_some_and(|i| i.checked())
    });
    html! {
        <div class="pf-v6-c-form__group">
            <div class="pf-v6-c-form__group-control">
                <div class="pf-v6-c-check">
                    <input class="pf-v6-c-check__input" type="checkbox" id={props.id.clone()} name={props.id.clone()}
                        checked={props.checked} disabled={props.disabled} {onchange}
                        aria-describedby={props.description.is_some().then(|| description_id.clone())} />
                    <label class={classes!("pf-v6-c-check__label", props.disabled.then_some("pf-m-disabled"))} for={props.id.clone()}>
                        { props.label.clone() }
                    </label>
                    if let Some(description) = &props.description {
                        <span class="pf-v6-c-check__description" id={description_id}>{ description.clone() }</span>
                    }
                </div>
            </div>
        </div>
    }
}
