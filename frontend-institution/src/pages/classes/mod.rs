//! `/institution/classes`: 班级管理 (T-7.2.5d) — the institution's classes filtered by status
//! and keyword; "申请开班" (`#new-class`) opens the class dialog, and the new draft's page. One
//! class's page (`/institution/class/{id}`) holds its trainees and tasks.

mod actions;
mod detail;
mod dialog;
mod import;
mod task_dialog;
mod tasks;
mod trainee_dialog;
mod trainees;

use frontend_kit::components::primary_button;
use frontend_kit::components::training::{ClassList, ClassRoute};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::training::ClassDetail;
use uuid::Uuid;
use yew::prelude::*;

pub use detail::ClassPage;
pub use dialog::ClassDialog;

use crate::app::Route;
use crate::pages::OFFICE;
use crate::pages::certification::CertificationGate;

pub const TITLE: Text = Text::new("班级管理", "Classes");
const NEW: Text = Text::new("申请开班", "New class");
const GATED: Text = Text::new("申请开班", "open classes");

impl ClassRoute for Route {
    fn class(id: Uuid) -> Self {
        Route::Class { id }
    }
}

#[component]
pub fn Classes() -> Html {
    let i18n = use_i18n();
    let office = use_has_role(&OFFICE);
    let creating = use_state_eq(|| false);
    let open = {
        let creating = creating.clone();
        Callback::from(move |_: MouseEvent| creating.set(true))
    };
    let on_close = {
        let creating = creating.clone();
        Callback::from(move |()| creating.set(false))
    };
    html! {
        <>
            <PageTitle title={TITLE}>
                if office {
                    { primary_button("new-class", "fa-plus", i18n.t(&NEW), open) }
                }
            </PageTitle>
            if office {
                <CertificationGate what={GATED} />
            }
            <ClassList<Route> />
            if *creating {
                <ClassDialog class={None::<std::rc::Rc<ClassDetail>>} {on_close} />
            }
        </>
    }
}
