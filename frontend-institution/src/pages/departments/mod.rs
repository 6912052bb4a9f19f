//! `/institution/departments`: 组织架构 (T-7.2.4) — the institution's department tree; the head
//! edits it, staff read it.

use frontend_kit::pages::DepartmentsPage;
use frontend_kit::prelude::*;
use yew::prelude::*;

pub use frontend_kit::pages::DEPARTMENTS as TITLE;

use crate::pages::HEADS;

#[component]
pub fn Departments() -> Html {
    let can_edit = use_has_role(&HEADS);
    html! { <DepartmentsPage {can_edit} /> }
}
