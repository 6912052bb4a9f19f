//! `/regulator/experts`: 审核专家 (T-7.2.7f) — the accounts holding the expert role (granted
//! under 人员管理) with their groups and open rounds, and the expert groups: name, decision rule,
//! members. A regulator admin creates, edits and deletes groups; everyone else reads.

mod dialogs;

use std::rc::Rc;

use frontend_kit::components::format_time;
use frontend_kit::pages::SectionCard;
use frontend_kit::prelude::*;
use shared_types::Role;
use shared_types::review::{Expert, ExpertGroup};
use yew::prelude::*;

use dialogs::{DeleteGroupDialog, GroupDialog};

use crate::pages::use_has_role;

pub const TITLE: Text = Text::new("审核专家", "Review experts");
const EXPERTS: Text = Text::new("专家", "Experts");
const GROUPS: Text = Text::new("专家组", "Expert groups");
const NEW_GROUP: Text = Text::new("新建专家组", "New group");
const EXPERTS_HINT: Text = Text::new(
    "专家账号在“人员管理”中授予“审核专家”角色。",
    "Expert accounts get the Review expert role under Staff accounts.",
);
const STATUS: Text = Text::new("状态", "Status");
const ENABLED: Text = Text::new("启用", "Enabled");
const DISABLED: Text = Text::new("停用", "Disabled");
const IN_GROUPS: Text = Text::new("所在专家组", "Groups");
const OPEN_ROUNDS: Text = Text::new("待审轮次", "Open rounds");
const GROUP_NAME: Text = Text::new("组名", "Name");
const RULE: Text = Text::new("决定规则", "Decision rule");
const MEMBERS: Text = Text::new("成员", "Members");
const CREATED: Text = Text::new("创建时间", "Created");
const EDIT: Text = Text::new("编辑", "Edit");
const DELETE: Text = Text::new("删除", "Delete");
/// Groups are written by admins only (Casbin `expert_groups` write).
const GROUP_ADMINS: [Role; 1] = [Role::RegulatorAdmin];

#[derive(Clone, PartialEq)]
enum Open {
    None,
    Create,
    Edit(ExpertGroup),
    Delete(ExpertGroup),
}

fn joined<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join("、")
}

#[component]
pub fn Experts() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let can_edit = use_has_role(&GROUP_ADMINS);
    let experts = use_remote((), |()| frontend_kit::api::list_experts());
    let groups = use_remote((), |()| frontend_kit::api::list_expert_groups());
    let open = use_state(|| Open::None);
    let on_done = {
        let (open, toaster, i18n) = (open.clone(), toaster.clone(), i18n.clone());
        let (reload_groups, reload_experts) = (groups.reload.clone(), experts.reload.clone());
        Callback::from(move |changed: bool| {
            open.set(Open::None);
            if changed {
                toaster.success(i18n.t(&texts::SAVED));
                reload_groups.emit(());
                reload_experts.emit(());
            }
        })
    };

    let (i1, i2) = (i18n.clone(), i18n.clone());
    let expert_columns = vec![
        Column::new(i18n.t(&texts::NAME), |e: &Expert| html! { &e.name }),
        Column::new(
            i18n.t(&texts::USERNAME),
            |e: &Expert| html! { e.username.clone().unwrap_or_default() },
        ),
        Column::new(i18n.t(&STATUS), move |e: &Expert| {
            if e.enabled {
                html! { i1.t(&ENABLED) }
            } else {
                html! { <span class="zp-badge-off">{ i1.t(&DISABLED) }</span> }
            }
        }),
        Column::new(
            i18n.t(&IN_GROUPS),
            |e: &Expert| html! { joined(e.groups.iter().map(|g| g.name.as_str())) },
        ),
        Column::new(
            i18n.t(&OPEN_ROUNDS),
            |e: &Expert| html! { e.open_rounds.to_string() },
        ),
    ];
    let mut group_columns = vec![
        Column::new(
            i18n.t(&GROUP_NAME),
            |g: &ExpertGroup| html! { <strong>{ &g.name }</strong> },
        ),
        Column::new(
            i18n.t(&RULE),
            move |g: &ExpertGroup| html! { i2.t(&g.decision_rule.text()) },
        ),
        Column::new(
            i18n.t(&MEMBERS),
            |g: &ExpertGroup| html! { joined(g.members.iter().map(|m| m.name.as_str())) },
        ),
        Column::new(
            i18n.t(&CREATED),
            |g: &ExpertGroup| html! { format_time(&g.created_at) },
        ),
    ];
    if can_edit {
        let (i, open) = (i18n.clone(), open.clone());
        group_columns.push(Column::new(i18n.t(&texts::ACTIONS), move |g: &ExpertGroup| {
            let action = |label: &Text, id: &str, make: fn(ExpertGroup) -> Open| {
                let (open, g2) = (open.clone(), g.clone());
                html! {
                    <button type="button" class="pf-v6-c-button pf-m-link pf-m-inline" id={format!("{id}-{}", g.id)}
                        aria-label={format!("{} {}", i.t(label), g.name)}
                        onclick={Callback::from(move |_: MouseEvent| open.set(make(g2.clone())))}>
                        <span class="pf-v6-c-button__text">{ i.t(label) }</span>
                    </button>
                }
            };
            html! {
                <span class="zp-row-actions">
                    { action(&EDIT, "edit-group", Open::Edit) }
                    { action(&DELETE, "delete-group", Open::Delete) }
                </span>
            }
        }));
    }
    let expert_rows: Rc<Vec<Expert>> = experts.data.clone().unwrap_or_default();
    let group_rows: Rc<Vec<ExpertGroup>> = groups.data.clone().unwrap_or_default();
    let open_create = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(Open::Create))
    };
    let error =
        |e: &Option<shared_types::ApiError>| e.as_ref().map(|e| AttrValue::from(i18n.error(e)));
    html! {
        <>
            <frontend_kit::pages::PageTitle title={TITLE}>
                if can_edit {
                    <button id="create-group" type="button" class="pf-v6-c-button pf-m-primary" onclick={open_create}>
                        <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-plus" aria-hidden="true"></i></span>
                        <span class="pf-v6-c-button__text">{ i18n.t(&NEW_GROUP) }</span>
                    </button>
                }
            </frontend_kit::pages::PageTitle>
            <SectionCard id="groups" title={i18n.t(&GROUPS)}>
                <FormError id="groups-error" message={error(&groups.error)} />
                <DataTable<ExpertGroup> id="groups-table" caption={i18n.t(&GROUPS)} columns={group_columns}
                    rows={group_rows} loading={groups.loading} />
            </SectionCard>
            <SectionCard id="experts" title={i18n.t(&EXPERTS)}>
                <p class="zp-muted">{ i18n.t(&EXPERTS_HINT) }</p>
                <FormError id="experts-error" message={error(&experts.error)} />
                <DataTable<Expert> id="experts-table" caption={i18n.t(&EXPERTS)} columns={expert_columns}
                    rows={expert_rows.clone()} loading={experts.loading} />
            </SectionCard>
            { match &*open {
                Open::None => html! {},
                Open::Create => html! { <GroupDialog group={None::<ExpertGroup>} experts={expert_rows} on_done={on_done.clone()} /> },
                Open::Edit(g) => html! { <GroupDialog group={Some(g.clone())} experts={expert_rows} on_done={on_done.clone()} /> },
                Open::Delete(g) => html! { <DeleteGroupDialog group={g.clone()} on_done={on_done.clone()} /> },
            } }
        </>
    }
}
