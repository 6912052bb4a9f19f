//! The class's trainees as the institution manages them: "添加学员" (`#add-trainee`) and "批量导入"
//! (`#import-trainees`) above the list, and per row edit (`#edit-trainee-<id>`) and remove
//! (`#remove-trainee-<id>`; seats come back unless the trainee studied) (Z-II.1).

use frontend_kit::components::dialog_done;
use frontend_kit::components::primary_button;
use frontend_kit::prelude::*;
use shared_types::training::{ClassTrainee, EnrolmentStatus};
use uuid::Uuid;
use yew::prelude::*;

use super::import::ImportDialog;
use super::trainee_dialog::TraineeDialog;

const ADD: Text = Text::new("添加学员", "Add trainee");
const IMPORT: Text = Text::new("批量导入", "Import");
const SAVED: Text = Text::new("学员已保存", "Trainee saved");
const EDIT: Text = Text::new("编辑", "Edit");
const REMOVE: Text = Text::new("移除", "Remove");
const REMOVE_TITLE: Text = Text::new("移除学员", "Remove the trainee");
const REMOVE_BODY: Text = Text::new(
    "确定将“{0}”移出本班吗？尚未学习的学员占用的席位将退回。",
    "Remove “{0}” from the class? Seats of a trainee who has not studied come back.",
);
const REMOVED: Text = Text::new("学员已移除", "Trainee removed");

#[derive(Clone, Copy, PartialEq)]
enum Open {
    None,
    Add,
    Import,
}

#[derive(Properties, PartialEq)]
pub struct TraineeToolsProps {
    pub class_id: Uuid,
    pub on_change: Callback<()>,
}

#[component]
pub fn TraineeTools(props: &TraineeToolsProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let open = use_state_eq(|| Open::None);
    let opener = |which: Open| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(which))
    };
    let on_done = dialog_done(
        &open,
        Open::None,
        &toaster,
        i18n.t(&SAVED),
        &props.on_change,
    );
    let on_imported = {
        let (open, on_change) = (open.clone(), props.on_change.clone());
        Callback::from(move |changed: bool| {
            open.set(Open::None);
            if changed {
                on_change.emit(());
            }
        })
    };
    html! {
        <div class="zp-row-actions zp-toolbar">
            { primary_button("add-trainee", "fa-user-plus", i18n.t(&ADD), opener(Open::Add)) }
            <button id="import-trainees" type="button" class="pf-v6-c-button pf-m-secondary" onclick={opener(Open::Import)}>
                <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-file-import" aria-hidden="true"></i></span>
                <span class="pf-v6-c-button__text">{ i18n.t(&IMPORT) }</span>
            </button>
            { match *open {
                Open::None => html! {},
                Open::Add => html! { <TraineeDialog class_id={props.class_id} trainee={None::<ClassTrainee>} {on_done} /> },
                Open::Import => html! { <ImportDialog class_id={props.class_id} on_done={on_imported} /> },
            } }
        </div>
    }
}

/// The action column of the trainees list.
pub fn trainee_actions(
    i18n: &I18n,
    class_id: Uuid,
    on_change: Callback<()>,
) -> Column<ClassTrainee> {
    Column::new(i18n.t(&texts::ACTIONS), move |t: &ClassTrainee| {
        html! { <TraineeRowActions {class_id} trainee={t.clone()} on_change={on_change.clone()} /> }
    })
}

#[derive(Clone, Copy, PartialEq)]
enum RowOpen {
    None,
    Edit,
    Remove,
}

#[derive(Properties, PartialEq)]
struct TraineeRowActionsProps {
    class_id: Uuid,
    trainee: ClassTrainee,
    on_change: Callback<()>,
}

#[component]
fn TraineeRowActions(props: &TraineeRowActionsProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let open = use_state_eq(|| RowOpen::None);
    let t = &props.trainee;
    if t.status == EnrolmentStatus::Removed {
        return html! {};
    }
    let opener = |which: RowOpen| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(which))
    };
    let done = |message: Text| {
        dialog_done(
            &open,
            RowOpen::None,
            &toaster,
            i18n.t(&message),
            &props.on_change,
        )
    };
    let (class_id, enrolment) = (props.class_id, t.id);
    html! {
        <span class="zp-row-actions">
            <button type="button" class="pf-v6-c-button pf-m-link pf-m-inline" id={format!("edit-trainee-{}", t.id)} onclick={opener(RowOpen::Edit)}>
                <span class="pf-v6-c-button__text">{ i18n.t(&EDIT) }</span>
            </button>
            <button type="button" class="pf-v6-c-button pf-m-link pf-m-inline" id={format!("remove-trainee-{}", t.id)} onclick={opener(RowOpen::Remove)}>
                <span class="pf-v6-c-button__text">{ i18n.t(&REMOVE) }</span>
            </button>
            { match *open {
                RowOpen::None => html! {},
                RowOpen::Edit => html! { <TraineeDialog {class_id} trainee={Some(t.clone())} on_done={done(SAVED)} /> },
                RowOpen::Remove => html! {
                    <ConfirmDialog id="remove-trainee-dialog" title={i18n.t(&REMOVE_TITLE)} body={i18n.fmt(&REMOVE_BODY, &[&t.name])}
                        confirm={i18n.t(&REMOVE)} danger=true
                        job={Job::new(move |_: String| frontend_kit::api::remove_trainee(class_id, enrolment))} on_done={done(REMOVED)} />
                },
            } }
        </span>
    }
}
