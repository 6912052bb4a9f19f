//! A number input whose helper text states its bounds.

use yew::prelude::*;

use super::TextField;
use crate::i18n::{texts, use_i18n};

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    /// Inclusive bounds: set as `min`/`max` and shown after the helper text. Hints for the user;
    /// the server still decides.
    pub min: AttrValue,
    pub max: AttrValue,
    /// `1` for whole numbers; a fraction such as `0.01` brings up the decimal keypad.
    #[prop_or(AttrValue::Static("1"))]
    pub step: AttrValue,
    pub helper: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub readonly: bool,
}

#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let i18n = use_i18n();
    let helper = i18n.fmt(
        &texts::WITH_RANGE,
        &[
            props.helper.as_str(),
            props.min.as_str(),
            props.max.as_str(),
        ],
    );
    let inputmode = if props.step.contains('.') {
        "decimal"
    } else {
        "numeric"
    };
    html! {
        <TextField id={props.id.clone()} label={props.label.clone()} input_type="number" {inputmode}
            value={props.value.clone()} oninput={props.oninput.clone()} readonly={props.readonly}
            min={props.min.clone()} max={props.max.clone()} step={props.step.clone()}
            helper={AttrValue::from(helper)} error={props.error.clone()} />
    }
}
