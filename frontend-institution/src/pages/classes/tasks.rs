//! The class's learning tasks as the institution manages them: "发布学习任务" (`#new-task`) above
//! the list and, per active task, delete (`#delete-task-<id>`). A task a trainee has started
//! cannot simply go (the server answers 409): the dialog then asks for the reason of a forced
//! delete (`#reason`), which is audited (T-7.2.5d).

use frontend_kit::components::{dialog_done, primary_button};
use frontend_kit::prelude::*;
use shared_types::ErrorCode;
use shared_types::training::{Task, TaskStatus};
use uuid::Uuid;
use yew::prelude::*;

use super::task_dialog::TaskDialog;

const NEW: Text = Text::new("发布学习任务", "Publish a task");
const PUBLISHED: Text = Text::new("学习任务已发布", "Task published");
const DELETE: Text = Text::new("删除", "Delete");
const DELETE_TITLE: Text = Text::new("删除学习任务", "Delete the task");
const DELETE_BODY: Text = Text::new(
    "确定删除学习任务“{0}”吗？无人开始学习时，占用的席位将退回。",
    "Delete the task “{0}”? While nobody started it, its seats come back.",
);
const FORCE_TITLE: Text = Text::new("强制删除学习任务", "Force-delete the task");
const FORCE_BODY: Text = Text::new(
    "{0}\n已有学员开始学习“{1}”。强制删除须填写原因，操作将记入审计日志。",
    "{0}\nTrainees have started “{1}”. A forced delete needs a reason and is audited.",
);
const STARTED: Text = Text::new(
    "该任务已有学员开始学习。",
    "Trainees have started this task.",
);
const REASON: Text = Text::new("删除原因", "Reason");
const FORCE: Text = Text::new("强制删除", "Force delete");
const DELETED: Text = Text::new("学习任务已删除", "Task deleted");

#[derive(Properties, PartialEq)]
pub struct TaskToolsProps {
    pub class_id: Uuid,
    pub on_change: Callback<()>,
}

#[component]
pub fn TaskTools(props: &TaskToolsProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let open = use_state_eq(|| false);
    let on_done = dialog_done(&open, false, &toaster, i18n.t(&PUBLISHED), &props.on_change);
    let onclick = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(true))
    };
    html! {
        <div class="zp-row-actions zp-toolbar">
            { primary_button("new-task", "fa-plus", i18n.t(&NEW), onclick) }
            if *open {
                <TaskDialog class_id={props.class_id} {on_done} />
            }
        </div>
    }
}

/// The action column of the tasks list.
pub fn task_actions(i18n: &I18n, on_change: Callback<()>) -> Column<Task> {
    Column::new(i18n.t(&texts::ACTIONS), move |t: &Task| {
        html! { <TaskRowActions task={t.clone()} on_change={on_change.clone()} /> }
    })
}

#[derive(Clone, PartialEq)]
enum Open {
    None,
    Delete,
    /// Forced, with why a plain delete was refused.
    Force(String),
}

#[derive(Properties, PartialEq)]
struct TaskRowActionsProps {
    task: Task,
    on_change: Callback<()>,
}

#[component]
fn TaskRowActions(props: &TaskRowActionsProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let open = use_state(|| Open::None);
    let t = &props.task;
    if t.status != TaskStatus::Active {
        return html! {};
    }
    let id = t.id;
    let onclick = {
        let (open, started, why) = (open.clone(), t.started, i18n.t(&STARTED));
        Callback::from(move |_: MouseEvent| {
            open.set(if started {
                Open::Force(why.to_owned())
            } else {
                Open::Delete
            })
        })
    };
    let on_done = dialog_done(
        &open,
        Open::None,
        &toaster,
        i18n.t(&DELETED),
        &props.on_change,
    );
    // A 409 means a trainee started meanwhile: offer the forced delete with the server's words.
    let delete = {
        let open = open.clone();
        Job::new(move |_: String| {
            let open = open.clone();
            async move {
                let result = frontend_kit::api::delete_task(id).await;
                if let Err(err) = &result
                    && err.code == ErrorCode::Conflict
                {
                    open.set(Open::Force(err.message.clone()));
                }
                result
            }
        })
    };
    html! {
        <>
            <button type="button" class="pf-v6-c-button pf-m-link pf-m-inline" id={format!("delete-task-{id}")} {onclick}>
                <span class="pf-v6-c-button__text">{ i18n.t(&DELETE) }</span>
            </button>
            { match &*open {
                Open::None => html! {},
                Open::Delete => html! {
                    <ConfirmDialog id="delete-task-dialog" title={i18n.t(&DELETE_TITLE)} body={i18n.fmt(&DELETE_BODY, &[&t.name])}
                        confirm={i18n.t(&DELETE)} danger=true job={delete} {on_done} />
                },
                Open::Force(why) => html! {
                    <ConfirmDialog id="force-delete-task-dialog" title={i18n.t(&FORCE_TITLE)} body={i18n.fmt(&FORCE_BODY, &[why, &t.name])}
                        confirm={i18n.t(&FORCE)} danger=true reason={AttrValue::from(i18n.t(&REASON))}
                        job={Job::new(move |reason: String| frontend_kit::api::force_delete_task(id, reason))} {on_done} />
                },
            } }
        </>
    }
}
