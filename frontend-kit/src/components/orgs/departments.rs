//! The department tree (组织架构, T-7.2.4) of the caller's side — the regulator's own, or an
//! institution's — shown indented, with add (at the top or under a department), edit (moving
//! included) and delete for those who may write. The server answers 409 when a department with
//! children is deleted; the dialog shows why.

use std::rc::Rc;

use shared_types::orgs::Department;
use uuid::Uuid;
use yew::prelude::*;

use super::department_dialog::DepartmentDialog;
use crate::components::form::FormError;
use crate::components::{
    ConfirmDialog, Job, dialog_done, open_button, primary_button, use_remote, use_toaster,
};
use crate::i18n::{Text, texts, use_i18n};

const NEW_ROOT: Text = Text::new("新增部门", "Add department");
const ADD_CHILD: Text = Text::new("添加下级", "Add sub-department");
const EDIT: Text = Text::new("编辑", "Edit");
const DELETE: Text = Text::new("删除", "Delete");
const DELETE_TITLE: Text = Text::new("删除部门", "Delete department");
const DELETE_BODY: Text = Text::new(
    "确定删除部门“{0}”吗？有下级部门时须先删除下级。",
    "Delete the department “{0}”? Sub-departments must be deleted first.",
);
const EMPTY: Text = Text::new("尚未设置部门", "No departments yet");
const LEADER: Text = Text::new("负责人：{0}", "Head: {0}");
const TREE: Text = Text::new("部门树", "Department tree");

/// The departments depth first — each followed by its sub-departments, siblings by position then
/// name — with `depth` recomputed; a department whose parent is missing counts as a root.
pub fn tree_order(all: &[Department]) -> Vec<Department> {
    fn visit(all: &[Department], parent: Option<Uuid>, depth: i32, out: &mut Vec<Department>) {
        let mut children: Vec<&Department> = all
            .iter()
            .filter(|d| d.parent_id == parent)
            .filter(|d| !out.iter().any(|o| o.id == d.id))
            .collect();
        children.sort_by(|a, b| (a.position, &a.name).cmp(&(b.position, &b.name)));
        for child in children {
            out.push(Department {
                depth,
                ..child.clone()
            });
            visit(all, Some(child.id), depth + 1, out);
        }
    }
    let mut out = Vec::with_capacity(all.len());
    visit(all, None, 0, &mut out);
    // Orphans (their parent is gone) and what hangs under them.
    let orphans: Vec<Department> = all
        .iter()
        .filter(|d| d.parent_id.is_some_and(|p| !all.iter().any(|x| x.id == p)))
        .cloned()
        .collect();
    for orphan in orphans {
        if !out.iter().any(|o| o.id == orphan.id) {
            out.push(Department {
                depth: 0,
                ..orphan.clone()
            });
            visit(all, Some(orphan.id), 1, &mut out);
        }
    }
    out
}

/// `id` and every department under it: where it cannot be moved to.
pub fn subtree(all: &[Department], id: Uuid) -> Vec<Uuid> {
    let mut ids = vec![id];
    let mut i = 0;
    while i < ids.len() {
        let parent = ids[i];
        ids.extend(
            all.iter()
                .filter(|d| d.parent_id == Some(parent))
                .map(|d| d.id),
        );
        i += 1;
    }
    ids
}

#[derive(Clone, PartialEq)]
enum Open {
    None,
    /// A new department under the parent (`None`: at the top).
    Create(Option<Uuid>),
    Edit(Department),
    Delete(Department),
}

#[derive(Properties, PartialEq)]
pub struct DepartmentTreeProps {
    /// Show add, edit and delete (the server enforces the same rule).
    pub can_edit: bool,
}

#[component]
pub fn DepartmentTree(props: &DepartmentTreeProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let remote = use_remote((), |()| crate::api::list_departments());
    let open = use_state(|| Open::None);
    let on_done = dialog_done(
        &open,
        Open::None,
        &toaster,
        i18n.t(&texts::SAVED),
        &remote.reload,
    );
    let all: Rc<Vec<Department>> = Rc::new(tree_order(
        remote
            .data
            .as_deref()
            .map(Vec::as_slice)
            .unwrap_or_default(),
    ));
    let button = |id: String, label: &Text, next: Open| open_button(&open, id, i18n.t(label), next);
    let create = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(Open::Create(None)))
    };
    html! {
        <>
            if props.can_edit {
                <div class="zp-row-actions zp-toolbar">
                    { primary_button("new-department", "fa-plus", i18n.t(&NEW_ROOT), create) }
                </div>
            }
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            if !remote.loading && all.is_empty() {
                <p class="zp-muted">{ i18n.t(&EMPTY) }</p>
            }
            <ul id="departments-tree" class="zp-tree" aria-label={i18n.t(&TREE)}>
                { for all.iter().map(|d| html! {
                    <li class="zp-tree-item" id={format!("department-{}", d.id)} style={format!("--zp-depth: {};", d.depth)}>
                        <span class="zp-tree-name">
                            <i class="fas fa-sitemap zp-muted" aria-hidden="true"></i>{ " " }<strong>{ &d.name }</strong>
                        </span>
                        if !d.leader.is_empty() {
                            <span class="zp-muted">{ i18n.fmt(&LEADER, &[&d.leader]) }</span>
                        }
                        if !d.phone.is_empty() {
                            <span class="zp-muted">{ &d.phone }</span>
                        }
                        if props.can_edit {
                            <span class="zp-row-actions">
                                { button(format!("add-child-{}", d.id), &ADD_CHILD, Open::Create(Some(d.id))) }
                                { button(format!("edit-department-{}", d.id), &EDIT, Open::Edit(d.clone())) }
                                { button(format!("delete-department-{}", d.id), &DELETE, Open::Delete(d.clone())) }
                            </span>
                        }
                    </li>
                }) }
            </ul>
            { match &*open {
                Open::None => html! {},
                Open::Create(parent) => html! {
                    <DepartmentDialog department={None::<Department>} parent={*parent} all={all.clone()} on_done={on_done.clone()} />
                },
                Open::Edit(d) => html! {
                    <DepartmentDialog department={Some(d.clone())} parent={d.parent_id} all={all.clone()} on_done={on_done.clone()} />
                },
                Open::Delete(d) => {
                    let id = d.id;
                    html! {
                        <ConfirmDialog id="delete-department-dialog" title={i18n.t(&DELETE_TITLE)}
                            body={i18n.fmt(&DELETE_BODY, &[&d.name])} confirm={i18n.t(&DELETE)} danger=true
                            job={Job::new(move |_: String| crate::api::delete_department(id))} on_done={on_done.clone()} />
                    }
                }
            } }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dept(n: u128, parent: Option<u128>, position: i32) -> Department {
        Department {
            id: Uuid::from_u128(n),
            parent_id: parent.map(Uuid::from_u128),
            name: format!("部门{n}"),
            leader: String::new(),
            phone: String::new(),
            position,
            depth: 9,
        }
    }

    #[test]
    fn children_follow_their_parent_in_position_order() {
        let all = vec![
            dept(3, Some(1), 2),
            dept(2, Some(1), 1),
            dept(4, Some(2), 0),
            dept(1, None, 0),
            dept(5, None, -1),
        ];
        let ordered: Vec<(u128, i32)> = tree_order(&all)
            .iter()
            .map(|d| (d.id.as_u128(), d.depth))
            .collect();
        assert_eq!(ordered, vec![(5, 0), (1, 0), (2, 1), (4, 2), (3, 1)]);
    }

    #[test]
    fn an_orphan_is_shown_as_a_root_with_its_children() {
        let all = vec![dept(2, Some(99), 0), dept(3, Some(2), 0)];
        let ordered: Vec<(u128, i32)> = tree_order(&all)
            .iter()
            .map(|d| (d.id.as_u128(), d.depth))
            .collect();
        assert_eq!(ordered, vec![(2, 0), (3, 1)]);
    }

    #[test]
    fn a_department_cannot_move_under_its_own_subtree() {
        let all = vec![
            dept(1, None, 0),
            dept(2, Some(1), 0),
            dept(3, Some(2), 0),
            dept(4, None, 1),
        ];
        let mut ids: Vec<u128> = subtree(&all, Uuid::from_u128(1))
            .iter()
            .map(|u| u.as_u128())
            .collect();
        ids.sort_unstable();
        assert_eq!(ids, vec![1, 2, 3]);
    }
}
