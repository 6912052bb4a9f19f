//! `/regulator/staff`: staff accounts of the region (T-7.2.7m) — list with role filter and
//! paging; create, edit name/roles, enable/disable, reset password, delete. Only a regulator
//! admin sees the editing actions; the server enforces the same rule.

mod dialogs;

use std::rc::Rc;

use frontend_kit::components::format_time;
use frontend_kit::prelude::*;
use shared_types::Role;
use shared_types::admin::{StaffAccount, StaffQuery, UpdateStaffRequest};
use yew::prelude::*;

use dialogs::{CreateDialog, DeleteDialog, EditDialog, ResetPasswordDialog};

pub(crate) const TITLE: Text = Text::new("人员管理", "Staff accounts");
const CREATE: Text = Text::new("新建账号", "New account");
const STATUS: Text = Text::new("状态", "Status");
const ENABLED: Text = Text::new("启用", "Enabled");
const DISABLED: Text = Text::new("停用", "Disabled");
const LAST_LOGIN: Text = Text::new("最近登录", "Last sign-in");
const EDIT: Text = Text::new("编辑", "Edit");
const ENABLE: Text = Text::new("启用", "Enable");
const DISABLE: Text = Text::new("停用", "Disable");
const RESET_PASSWORD: Text = Text::new("重置密码", "Reset password");
const DELETE: Text = Text::new("删除", "Delete");
const ROLE_FILTER: Text = Text::new("角色", "Role");
const KEYWORD: Text = Text::new("关键字", "Keyword");
const KEYWORD_HINT: Text = Text::new("姓名、用户名或手机号", "Name, user name or phone");
const NEVER: Text = Text::new("从未登录", "Never");

/// The roles a regulator admin hands out to the region's staff.
pub(crate) const STAFF_ROLES: [Role; 4] = [
    Role::RegulatorAdmin,
    Role::RegulatorOperator,
    Role::RegulatorViewer,
    Role::Expert,
];

#[derive(Clone, PartialEq)]
enum Open {
    None,
    Create,
    Edit(StaffAccount),
    Reset(StaffAccount),
    Delete(StaffAccount),
}

#[component]
pub fn Staff() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let can_edit = super::use_can_edit();
    let role = use_state(String::new);
    let keyword = use_state(String::new);
    let query = use_state(|| StaffQuery {
        page: Some(1),
        per_page: Some(20),
        ..Default::default()
    });
    let remote = use_remote((*query).clone(), |q| async move {
        frontend_kit::api::list_staff(&q).await
    });
    let open = use_state(|| Open::None);

    let search = {
        let (role, keyword, query) = (role.clone(), keyword.clone(), query.clone());
        Callback::from(move |()| {
            query.set(StaffQuery {
                role: Role::parse(&role),
                q: Some(keyword.trim().to_owned()).filter(|s| !s.is_empty()),
                page: Some(1),
                per_page: query.per_page,
            });
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |(page, per_page): (u32, u32)| {
            query.set(StaffQuery {
                page: Some(page),
                per_page: Some(per_page),
                ..(*query).clone()
            });
        })
    };
    let on_role = {
        let role = role.clone();
        Callback::from(move |v: String| role.set(v))
    };
    // Closing a dialog after a change reloads the list.
    let on_done = {
        let (open, reload, toaster, i18n) = (
            open.clone(),
            remote.reload.clone(),
            toaster.clone(),
            i18n.clone(),
        );
        Callback::from(move |changed: bool| {
            open.set(Open::None);
            if changed {
                toaster.success(i18n.t(&texts::SAVED));
                reload.emit(());
            }
        })
    };
    let toggle_enabled = {
        let (reload, toaster, i18n) = (remote.reload.clone(), toaster.clone(), i18n.clone());
        Callback::from(move |account: StaffAccount| {
            let (reload, toaster, i18n) = (reload.clone(), toaster.clone(), i18n.clone());
            let req = UpdateStaffRequest {
                enabled: Some(!account.enabled),
                ..Default::default()
            };
            wasm_bindgen_futures::spawn_local(async move {
                match frontend_kit::api::update_staff(account.id, &req).await {
                    Ok(_) => {
                        toaster.success(i18n.t(&texts::SAVED));
                        reload.emit(());
                    }
                    Err(err) => toaster.error(&i18n.error(&err)),
                }
            });
        })
    };

    let mut columns = vec![
        Column::new(
            i18n.t(&texts::USERNAME),
            |a: &StaffAccount| html! { a.username.clone().unwrap_or_default() },
        ),
        Column::new(i18n.t(&texts::NAME), |a: &StaffAccount| html! { &a.name }),
        Column::new(
            i18n.t(&texts::PHONE),
            |a: &StaffAccount| html! { a.phone_masked.clone().unwrap_or_default() },
        ),
        {
            let i18n = i18n.clone();
            Column::new(
                i18n.t(&texts::ROLES),
                move |a: &StaffAccount| html! { i18n.roles(&a.roles) },
            )
        },
        {
            let i18n = i18n.clone();
            Column::new(i18n.t(&STATUS), move |a: &StaffAccount| {
                if a.enabled {
                    html! { i18n.t(&ENABLED) }
                } else {
                    html! { <span class="zp-badge-off">{ i18n.t(&DISABLED) }</span> }
                }
            })
        },
        {
            let i18n = i18n.clone();
            Column::new(i18n.t(&LAST_LOGIN), move |a: &StaffAccount| {
                html! { a.last_login_at.as_ref().map(format_time).unwrap_or_else(|| i18n.t(&NEVER).to_owned()) }
            })
        },
    ];
    if can_edit {
        let (i18n, open, toggle) = (i18n.clone(), open.clone(), toggle_enabled.clone());
        columns.push(Column::new(i18n.t(&texts::ACTIONS), move |a: &StaffAccount| {
            let action = |label: &Text, id: &str, cb: Callback<MouseEvent>| {
                html! {
                    <button type="button" class="pf-v6-c-button pf-m-link pf-m-inline" id={format!("{id}-{}", a.id)}
                        onclick={cb} aria-label={format!("{} {}", i18n.t(label), a.name)}>
                        <span class="pf-v6-c-button__text">{ i18n.t(label) }</span>
                    </button>
                }
            };
            let opener = |make: fn(StaffAccount) -> Open| {
                let (open, a) = (open.clone(), a.clone());
                Callback::from(move |_: MouseEvent| open.set(make(a.clone())))
            };
            let toggle = {
                let (toggle, a) = (toggle.clone(), a.clone());
                Callback::from(move |_: MouseEvent| toggle.emit(a.clone()))
            };
            html! {
                <span class="zp-row-actions">
                    { action(&EDIT, "edit", opener(Open::Edit)) }
                    { action(if a.enabled { &DISABLE } else { &ENABLE }, "toggle", toggle) }
                    { action(&RESET_PASSWORD, "reset", opener(Open::Reset)) }
                    { action(&DELETE, "delete", opener(Open::Delete)) }
                </span>
            }
        }));
    }

    let rows = remote
        .data
        .as_ref()
        .map(|p| Rc::new(p.items.clone()))
        .unwrap_or_default();
    let (page, per_page, total) = remote
        .data
        .as_ref()
        .map(|p| (p.page, p.per_page, p.total))
        .unwrap_or((1, query.per_page.unwrap_or(20), 0));
    let mut role_options = vec![(AttrValue::from(""), AttrValue::from(i18n.t(&texts::ALL)))];
    role_options.extend(
        STAFF_ROLES
            .iter()
            .map(|r| (AttrValue::from(r.as_str()), AttrValue::from(i18n.role(*r)))),
    );
    let open_create = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(Open::Create))
    };

    html! {
        <>
            <frontend_kit::pages::PageTitle title={TITLE}>
                if can_edit {
                    <button id="create-staff" type="button" class="pf-v6-c-button pf-m-primary" onclick={open_create}>
                        <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-plus" aria-hidden="true"></i></span>
                        <span class="pf-v6-c-button__text">{ i18n.t(&CREATE) }</span>
                    </button>
                }
            </frontend_kit::pages::PageTitle>
            <form class="pf-v6-c-form zp-toolbar" novalidate=true onsubmit={on_submit(search)}>
                <SelectField id="filter-role" label={i18n.t(&ROLE_FILTER)} options={role_options} value={(*role).clone()} onchange={on_role} />
                <TextField id="filter-q" label={i18n.t(&KEYWORD)} value={(*keyword).clone()} oninput={bind(&keyword)}
                    placeholder={AttrValue::from(i18n.t(&KEYWORD_HINT))} />
                <div class="pf-v6-c-form__group pf-m-action">
                    <SubmitButton id="search" label={i18n.t(&texts::SEARCH)} />
                </div>
            </form>
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            <DataTable<StaffAccount> id="staff-table" caption={i18n.t(&TITLE)} {columns} {rows} loading={remote.loading} />
            <Pager {page} {per_page} {total} onchange={on_page} />
            { match &*open {
                Open::None => html! {},
                Open::Create => html! { <CreateDialog on_done={on_done.clone()} /> },
                Open::Edit(a) => html! { <EditDialog account={a.clone()} on_done={on_done.clone()} /> },
                Open::Reset(a) => html! { <ResetPasswordDialog account={a.clone()} on_done={on_done.clone()} /> },
                Open::Delete(a) => html! { <DeleteDialog account={a.clone()} on_done={on_done.clone()} /> },
            } }
        </>
    }
}
