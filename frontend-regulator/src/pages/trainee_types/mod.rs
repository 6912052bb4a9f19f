//! `/regulator/trainee-types`: 学员类型 (T-7.2.4) — the region's trainee-type dictionary (code,
//! name, enabled, position), used when trainees are added or imported; a regulator admin adds
//! (`#new-trainee-type`), edits (`#edit-trainee-type-<id>`) and deletes
//! (`#delete-trainee-type-<id>`) entries. A type trainees already use cannot be deleted: the
//! server's 409 says to disable it instead, shown in the dialog.

mod dialog;

use std::rc::Rc;

use frontend_kit::components::primary_button;
use frontend_kit::components::{dialog_done, open_button};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::orgs::TraineeType;
use yew::prelude::*;

use dialog::TraineeTypeDialog;

use crate::pages::use_can_edit;

pub const TITLE: Text = Text::new("学员类型", "Trainee types");
const NEW: Text = Text::new("新增类型", "Add type");
pub(crate) const CODE: Text = Text::new("代码", "Code");
pub(crate) const NAME: Text = Text::new("名称", "Name");
pub(crate) const ENABLED: Text = Text::new("启用", "Enabled");
const DISABLED: Text = Text::new("停用", "Disabled");
pub(crate) const POSITION: Text = Text::new("排序", "Position");
const EDIT: Text = Text::new("编辑", "Edit");
const DELETE: Text = Text::new("删除", "Delete");
const DELETE_TITLE: Text = Text::new("删除学员类型", "Delete the trainee type");
const DELETE_BODY: Text = Text::new(
    "确定删除学员类型“{0}”吗？已有学员使用的类型不能删除，请改为停用。",
    "Delete the trainee type “{0}”? A type trainees use cannot be deleted: disable it instead.",
);
const SAVED: Text = Text::new("学员类型已保存", "Trainee type saved");
const DELETED: Text = Text::new("学员类型已删除", "Trainee type deleted");

#[derive(Clone, PartialEq)]
enum Open {
    None,
    Create,
    Edit(TraineeType),
    Delete(TraineeType),
}

#[component]
pub fn TraineeTypes() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let can_edit = use_can_edit();
    let remote = use_remote((), |()| frontend_kit::api::list_trainee_types());
    let open = use_state(|| Open::None);
    let saved = dialog_done(&open, Open::None, &toaster, i18n.t(&SAVED), &remote.reload);
    let deleted = dialog_done(
        &open,
        Open::None,
        &toaster,
        i18n.t(&DELETED),
        &remote.reload,
    );
    let i1 = i18n.clone();
    let mut columns = vec![
        Column::new(
            i18n.t(&CODE),
            |t: &TraineeType| html! { <code>{ &t.code }</code> },
        ),
        Column::new(
            i18n.t(&NAME),
            |t: &TraineeType| html! { <strong>{ &t.name }</strong> },
        ),
        Column::new(i18n.t(&ENABLED), move |t: &TraineeType| {
            if t.enabled {
                html! { <Label text={i1.t(&ENABLED)} tone={Tone::Green} /> }
            } else {
                html! { <Label text={i1.t(&DISABLED)} /> }
            }
        }),
        Column::new(
            i18n.t(&POSITION),
            |t: &TraineeType| html! { t.position.to_string() },
        ),
    ];
    if can_edit {
        let (i, open) = (i18n.clone(), open.clone());
        columns.push(Column::new(i18n.t(&texts::ACTIONS), move |t: &TraineeType| {
            let button = |id: String, label: &Text, next: Open| open_button(&open, id, i.t(label), next);
            html! {
                <span class="zp-row-actions">
                    { button(format!("edit-trainee-type-{}", t.id), &EDIT, Open::Edit(t.clone())) }
                    { button(format!("delete-trainee-type-{}", t.id), &DELETE, Open::Delete(t.clone())) }
                </span>
            }
        }));
    }
    let create = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(Open::Create))
    };
    let rows: Rc<Vec<TraineeType>> = remote.data.clone().unwrap_or_default();
    html! {
        <>
            <PageTitle title={TITLE}>
                if can_edit {
                    { primary_button("new-trainee-type", "fa-plus", i18n.t(&NEW), create) }
                }
            </PageTitle>
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            <DataTable<TraineeType> id="trainee-types-table" caption={i18n.t(&TITLE)} {columns} {rows} loading={remote.loading} />
            { match &*open {
                Open::None => html! {},
                Open::Create => html! { <TraineeTypeDialog trainee_type={None::<TraineeType>} on_done={saved} /> },
                Open::Edit(t) => html! { <TraineeTypeDialog trainee_type={Some(t.clone())} on_done={saved} /> },
                Open::Delete(t) => {
                    let id = t.id;
                    html! {
                        <ConfirmDialog id="delete-trainee-type-dialog" title={i18n.t(&DELETE_TITLE)}
                            body={i18n.fmt(&DELETE_BODY, &[&t.name])} confirm={i18n.t(&DELETE)} danger=true
                            job={Job::new(move |_: String| frontend_kit::api::delete_trainee_type(id))} on_done={deleted} />
                    }
                }
            } }
        </>
    }
}
