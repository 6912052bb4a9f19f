//! Choosing lecturers among the institution's: one checkbox each (`#<prefix>-<lecturer_id>`),
//! with a way to the lecturer list when there are none yet. Used by the course editor and the
//! class dialog (Z-III.3, T-7.2.5d).

use frontend_kit::components::toggled;
use frontend_kit::prelude::*;
use uuid::Uuid;
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

const LECTURERS: Text = Text::new("讲师", "Lecturers");
const NO_LECTURERS: Text = Text::new(
    "尚无讲师，请先添加讲师。",
    "No lecturers yet; add one first.",
);

#[derive(Properties, PartialEq)]
pub struct LecturerPickerProps {
    /// The fieldset's id.
    pub id: AttrValue,
    /// The checkboxes' id prefix.
    pub prefix: &'static str,
    pub selected: Vec<Uuid>,
    pub onchange: Callback<Vec<Uuid>>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

#[component]
pub fn LecturerPicker(props: &LecturerPickerProps) -> Html {
    let i18n = use_i18n();
    let lecturers = use_remote((), |()| frontend_kit::api::list_lecturers("", 1, 100));
    let listed = lecturers
        .data
        .as_ref()
        .map(|p| p.items.clone())
        .unwrap_or_default();
    let toggle = |id: Uuid| {
        let (selected, onchange) = (props.selected.clone(), props.onchange.clone());
        Callback::from(move |on: bool| onchange.emit(toggled(&selected, id, on)))
    };
    html! {
        <fieldset class="pf-v6-c-form__group" id={props.id.clone()}>
            <legend class="pf-v6-c-form__group-label">
                <span class="pf-v6-c-form__label"><span class="pf-v6-c-form__label-text">{ i18n.t(&LECTURERS) }</span></span>
            </legend>
            if !lecturers.loading && listed.is_empty() {
                <p class="zp-muted">
                    { i18n.t(&NO_LECTURERS) }{ " " }
                    <Link<Route> to={Route::Lecturers}>{ i18n.t(&super::TITLE) }</Link<Route>>
                </p>
            }
            <div class="zp-check-grid">
                { for listed.iter().map(|l| html! {
                    <CheckField id={format!("{}-{}", props.prefix, l.id)} label={l.name.clone()}
                        checked={props.selected.contains(&l.id)} onchange={toggle(l.id)}
                        description={Some(AttrValue::from(l.title.clone())).filter(|t| !t.is_empty())} />
                }) }
            </div>
            if let Some(message) = &props.error {
                <p class="zp-badge-off" role="alert">{ message.clone() }</p>
            }
        </fieldset>
    }
}
