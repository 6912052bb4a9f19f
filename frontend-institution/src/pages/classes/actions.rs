//! The class's lifecycle buttons, as its status allows: edit (`#edit-class`), submit the opening
//! application (`#submit-class`), withdraw it (`#withdraw-class`), close an approved class
//! (`#close-class`) and delete one nobody studied in (`#delete-class`; the server answers 409
//! "close it" otherwise, shown in the dialog) (T-7.2.5d, T-7.2.7h).

use std::rc::Rc;

use frontend_kit::components::dialog_done;
use frontend_kit::prelude::*;
use shared_types::ApiError;
use shared_types::training::{ClassDetail, ClassStatus};
use uuid::Uuid;
use yew::prelude::*;

use super::dialog::ClassDialog;
use crate::app::Route;

const EDIT: Text = Text::new("编辑", "Edit");
const SUBMIT: Text = Text::new("提交开班申请", "Submit application");
const SUBMITTED: Text = Text::new(
    "开班申请已提交，等待审核",
    "Application submitted for review",
);
const WITHDRAW: Text = Text::new("撤回申请", "Withdraw");
const WITHDRAWN: Text = Text::new("已撤回，可继续编辑", "Withdrawn; you can edit again");
const CLOSE: Text = Text::new("结班", "Close class");
const CLOSE_TITLE: Text = Text::new("结班", "Close the class");
const CLOSE_BODY: Text = Text::new(
    "确定结班“{0}”吗？结班后不能再添加学员或发布任务，学习记录保留。",
    "Close “{0}”? No trainees or tasks can be added afterwards; records stay.",
);
const CLOSED: Text = Text::new("班级已结班", "Class closed");
const DELETE: Text = Text::new("删除", "Delete");
const DELETE_TITLE: Text = Text::new("删除班级", "Delete the class");
const DELETE_BODY: Text = Text::new(
    "确定删除班级“{0}”吗？已有学习记录的班级不能删除，只能结班。",
    "Delete “{0}”? A class with study records cannot be deleted, only closed.",
);
const DELETED: Text = Text::new("班级已删除", "Class deleted");
const SAVED: Text = Text::new("班级已保存", "Class saved");

#[derive(Clone, Copy, PartialEq)]
enum Open {
    None,
    Edit,
    Close,
    Delete,
}

/// A transition run at once (no dialog).
#[derive(Clone, Copy, PartialEq)]
enum Step {
    Submit,
    Withdraw,
}

impl Step {
    async fn call(self, id: Uuid) -> Result<ClassDetail, ApiError> {
        match self {
            Step::Submit => frontend_kit::api::submit_class(id).await,
            Step::Withdraw => frontend_kit::api::withdraw_class(id).await,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ClassActionsProps {
    pub class: Rc<ClassDetail>,
    pub on_change: Callback<()>,
}

#[component]
pub fn ClassActions(props: &ClassActionsProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let navigate = use_navigate::<Route>();
    let step = use_submit();
    let open = use_state_eq(|| Open::None);
    let c = &props.class;
    let (id, status) = (c.summary.id, c.summary.status);
    let run = |which: Step, done: Text| {
        let (step, on_change, toaster, message) = (
            step.clone(),
            props.on_change.clone(),
            toaster.clone(),
            i18n.t(&done),
        );
        Callback::from(move |_: MouseEvent| {
            let (on_change, toaster) = (on_change.clone(), toaster.clone());
            step.run(false, which.call(id), move |_| {
                toaster.success(message);
                on_change.emit(());
            });
        })
    };
    let opener = |which: Open| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(which))
    };
    let closed = |message: Text, then: Callback<()>| {
        dialog_done(&open, Open::None, &toaster, i18n.t(&message), &then)
    };
    let button = |id: &'static str,
                  label: &Text,
                  class: &'static str,
                  onclick: Callback<MouseEvent>| {
        html! {
            <button {id} type="button" class={classes!("pf-v6-c-button", class)} {onclick} disabled={step.busy()}>
                <span class="pf-v6-c-button__text">{ i18n.t(label) }</span>
            </button>
        }
    };
    let editable = matches!(
        status,
        ClassStatus::Draft | ClassStatus::Returned | ClassStatus::Approved
    );
    let deletable = matches!(status, ClassStatus::Draft | ClassStatus::Returned)
        || (status == ClassStatus::Approved && !c.started);
    let on_deleted = navigate.reform(|()| Route::Classes);
    let on_close_edit = {
        let open = open.clone();
        Callback::from(move |()| open.set(Open::None))
    };
    let on_saved = closed(SAVED, props.on_change.clone()).reform(|()| true);
    html! {
        <div class="zp-row-actions">
            if editable { { button("edit-class", &EDIT, "pf-m-secondary", opener(Open::Edit)) } }
            if matches!(status, ClassStatus::Draft | ClassStatus::Returned) {
                { button("submit-class", &SUBMIT, "pf-m-primary", run(Step::Submit, SUBMITTED)) }
            }
            if status == ClassStatus::Submitted {
                { button("withdraw-class", &WITHDRAW, "pf-m-secondary", run(Step::Withdraw, WITHDRAWN)) }
            }
            if status == ClassStatus::Approved { { button("close-class", &CLOSE, "pf-m-secondary", opener(Open::Close)) } }
            if deletable { { button("delete-class", &DELETE, "pf-m-danger", opener(Open::Delete)) } }
            <FormError id="class-action-error" message={step.form_error(&i18n)} />
            { match *open {
                Open::None => html! {},
                Open::Edit => html! { <ClassDialog class={Some(c.clone())} on_close={on_close_edit} {on_saved} /> },
                Open::Close => html! {
                    <ConfirmDialog id="close-class-dialog" title={i18n.t(&CLOSE_TITLE)} body={i18n.fmt(&CLOSE_BODY, &[&c.summary.name])}
                        confirm={i18n.t(&CLOSE)} job={Job::new(move |_: String| frontend_kit::api::close_class(id))}
                        on_done={closed(CLOSED, props.on_change.clone())} />
                },
                Open::Delete => html! {
                    <ConfirmDialog id="delete-class-dialog" title={i18n.t(&DELETE_TITLE)} body={i18n.fmt(&DELETE_BODY, &[&c.summary.name])}
                        confirm={i18n.t(&DELETE)} danger=true job={Job::new(move |_: String| frontend_kit::api::delete_class(id))}
                        on_done={closed(DELETED, on_deleted)} />
                },
            } }
        </div>
    }
}
