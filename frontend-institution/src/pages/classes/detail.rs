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
// Why a tab has no add button: the office would otherwise look for one that is not there.
const TASKS_AFTER_APPROVAL: Text = Text::new(
    "开班申请审核通过后才能发布学习任务。",
    "Learning tasks can be published once the class is approved.",
);
const TRAINEES_WHILE_SUBMITTED: Text = Text::new(
    "开班申请审核中，不能增减学员；如需调整，请先撤回申请。",
    "The application is under review: withdraw it to change the trainees.",
);
const CLOSED: Text = Text::new(
    "班级已结班，不能再添加学员或发布学习任务。",
    "The class is closed: no trainees or tasks can be added.",
);

/// A muted line in place of the tools a tab does not offer in this status.
fn why_not(i18n: &I18n, text: &Text) -> Html {
    html! { <p class="zp-muted zp-toolbar" role="note">{ i18n.t(text) }</p> }
}

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
    let trainee_tools = match status {
        _ if takes_trainees => html! { <TraineeTools class_id={id} on_change={changed.clone()} /> },
        ClassStatus::Submitted if office => why_not(&i18n, &TRAINEES_WHILE_SUBMITTED),
        ClassStatus::Closed if office => why_not(&i18n, &CLOSED),
        _ => html! {},
    };
    let task_tools = match status {
        _ if takes_tasks => html! { <TaskTools class_id={id} on_change={changed.clone()} /> },
        ClassStatus::Closed if office => why_not(&i18n, &CLOSED),
        _ if office => why_not(&i18n, &TASKS_AFTER_APPROVAL),
        _ => html! {},
    };
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
                {trainee_tools}
                trainee_actions={takes_trainees.then(|| trainee_actions(&i18n, id, changed.clone()))}
                {task_tools}
                task_actions={takes_tasks.then(|| task_actions(&i18n, changed.clone()))} />
        </>
    }
}
