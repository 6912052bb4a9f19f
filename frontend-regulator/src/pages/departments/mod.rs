//! `/regulator/departments`: 组织架构 (T-7.2.4) — the regulator's own department tree; a regulator
//! admin edits it, the other regulator staff read it.

use frontend_kit::pages::DepartmentsPage;
use yew::prelude::*;

pub use frontend_kit::pages::DEPARTMENTS as TITLE;

use crate::pages::use_can_edit;

#[component]
pub fn Departments() -> Html {
    let can_edit = use_can_edit();
    html! { <DepartmentsPage {can_edit} /> }
}
