//! `/institution/class/{id}`: one class (T-7.2.5d, Z-II.1) — its status, review note and voucher,
//! the lifecycle buttons ([`super::actions`]), and the tabs of the kit's class view: the class
//! with its policy and history, its trainees (added, edited, removed, imported while the class
//! takes trainees) and its learning tasks (published to approved classes).

use frontend_kit::components::training::ClassTabs;
use frontend_kit::pages::{NotLoaded, PageTitle};
use frontend_kit::prelude::*;
use shared_types::training::ClassStatus;
use uuid::Uuid;
use yew::prelude::*;

use super::actions::ClassActions;
use super::tasks::{TaskTools, task_actions};
use super::trainees::{TraineeTools, trainee_actions};
use crate::pages::OFFICE;

const TITLE: Text = Text::new("班级详情", "Class");

#[derive(Properties, PartialEq)]
pub struct ClassPageProps {
    pub id: Uuid,
}

#[component]
pub fn ClassPage(props: &ClassPageProps) -> Html {
    let i18n = use_i18n();
    let office = use_has_role(&OFFICE);
    let changes = use_state_eq(|| 0u32);
    let remote = use_remote((props.id, *changes), |(id, _)| frontend_kit::api::class(id));
    let changed = {
        let changes = changes.clone();
        Callback::from(move |()| changes.set(changes.wrapping_add(1)))
    };
    let Some(class) = remote.data.clone() else {
        return html! { <NotLoaded title={TITLE} error={remote.error.clone()} /> };
    };
    let status = class.summary.status;
    // Trainees join drafts, returned and approved classes; tasks go to approved ones.
    let takes_trainees = office
        && matches!(
            status,
            ClassStatus::Draft | ClassStatus::Returned | ClassStatus::Approved
        );
    let takes_tasks = office && status == ClassStatus::Approved;
    let id = class.summary.id;
    html! {
        <>
            <PageTitle title={TITLE}>
                if office {
                    <ClassActions class={class.clone()} on_change={changed.clone()} />
                }
            </PageTitle>
            <h2 class="pf-v6-c-title pf-m-xl" id="class-name">
                { &class.summary.name }{ " " }<code class="zp-muted zp-nowrap">{ &class.summary.class_no }</code>
            </h2>
            <p class="zp-muted">{ i18n.t(&class.summary.training_type.text()) }</p>
            <ClassTabs class={class.clone()} changes={*changes}
                trainee_tools={if takes_trainees { html! { <TraineeTools class_id={id} on_change={changed.clone()} /> } } else { html! {} }}
                trainee_actions={takes_trainees.then(|| trainee_actions(&i18n, id, changed.clone()))}
                task_tools={if takes_tasks { html! { <TaskTools class_id={id} on_change={changed.clone()} /> } } else { html! {} }}
                task_actions={takes_tasks.then(|| task_actions(&i18n, changed.clone()))} />
        </>
    }
}
