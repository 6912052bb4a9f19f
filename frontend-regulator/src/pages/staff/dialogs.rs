//! The staff page's dialogs. Each reports `on_done(true)` after a change, `on_done(false)` when
//! cancelled.

use frontend_kit::components::form::{
    check_name, check_password_policy, check_phone, check_required,
};
use frontend_kit::prelude::*;
use shared_types::Role;
use shared_types::admin::{
    CreateStaffRequest, ResetPasswordRequest, StaffAccount, UpdateStaffRequest,
};
use yew::prelude::*;

use super::STAFF_ROLES;

const CREATE_TITLE: Text = Text::new("新建人员账号", "New staff account");
const EDIT_TITLE: Text = Text::new("编辑账号：{0}", "Edit account: {0}");
const RESET_TITLE: Text = Text::new("重置密码：{0}", "Reset password: {0}");
const DELETE_TITLE: Text = Text::new("删除账号", "Delete account");
const DELETE_BODY: Text = Text::new(
    "确定删除账号“{0}”吗？删除后该账号无法登录，操作记录仍保留在审计日志中。",
    "Delete the account “{0}”? It can no longer sign in; its actions stay in the audit log.",
);
const PHONE_OPTIONAL: Text = Text::new("手机号（选填）", "Phone (optional)");
const PHONE_KEEP: Text = Text::new("留空则不修改", "Leave empty to keep it");
const INITIAL_PASSWORD: Text = Text::new("初始密码", "Initial password");
const NEW_PASSWORD: Text = Text::new("新密码", "New password");
const PICK_ROLE: Text = Text::new("请至少选择一个角色", "Pick at least one role");
const DELETE: Text = Text::new("删除", "Delete");

#[derive(Properties, PartialEq)]
pub struct CreateProps {
    pub on_done: Callback<bool>,
}

#[derive(Properties, PartialEq)]
pub struct AccountProps {
    pub account: StaffAccount,
    pub on_done: Callback<bool>,
}

/// What a dialog's call does on success: tell the page, which closes the dialog and reloads.
fn changed(on_done: &Callback<bool>) -> impl FnOnce(()) + 'static {
    let on_done = on_done.clone();
    move |()| on_done.emit(true)
}

/// The dialog's submit and cancel buttons.
fn footer(
    i18n: &I18n,
    form: &'static str,
    submit_label: &Text,
    busy: bool,
    danger: bool,
    on_done: &Callback<bool>,
) -> Html {
    html! {
        <DialogActions {form} label={i18n.t(submit_label)} {busy} {danger} oncancel={on_done.reform(|()| false)} />
    }
}

fn check_roles(roles: &[Role]) -> Option<Text> {
    roles.is_empty().then_some(PICK_ROLE)
}

fn check_optional_phone(phone: &str) -> Option<Text> {
    if phone.trim().is_empty() {
        None
    } else {
        check_phone(phone)
    }
}

#[component]
pub fn CreateDialog(props: &CreateProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let username = use_state(String::new);
    let name = use_state(String::new);
    let phone = use_state(String::new);
    let password = use_state(String::new);
    let roles = use_state(|| vec![Role::RegulatorViewer]);

    let username_error = check_required(&username);
    let name_error = check_name(&name);
    let phone_error = check_optional_phone(&phone);
    let password_error = check_password_policy(&password);
    let roles_error = check_roles(&roles);
    let invalid = [
        username_error,
        name_error,
        phone_error,
        password_error,
        roles_error,
    ]
    .iter()
    .any(Option::is_some);

    let onsubmit = {
        let req = CreateStaffRequest {
            username: username.trim().to_owned(),
            name: name.trim().to_owned(),
            phone: Some(phone.trim().to_owned()).filter(|p| !p.is_empty()),
            password: (*password).clone(),
            roles: (*roles).clone(),
            // This page hands out regulator roles only; institution accounts come from sign-up.
            institution_id: None,
        };
        let (submit, on_done) = (submit.clone(), props.on_done.clone());
        Callback::from(move |()| {
            let req = req.clone();
            submit.run(
                invalid,
                async move { frontend_kit::api::create_staff(&req).await.map(|_| ()) },
                changed(&on_done),
            );
        })
    };
    let on_roles = {
        let roles = roles.clone();
        Callback::from(move |r: Vec<Role>| roles.set(r))
    };
    let on_close = props.on_done.reform(|()| false);
    html! {
        <Dialog id="create-dialog" title={i18n.t(&CREATE_TITLE)} onclose={on_close}
            footer={footer(&i18n, "create-form", &texts::SAVE, submit.busy(), false, &props.on_done)}>
            <form id="create-form" class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n)} />
                <TextField id="staff-username" label={i18n.t(&texts::USERNAME)} required=true autocomplete="off"
                    value={(*username).clone()} oninput={bind(&username)} error={submit.field_error(&i18n, "username", username_error)} />
                <TextField id="staff-name" label={i18n.t(&texts::NAME)} required=true maxlength="50"
                    value={(*name).clone()} oninput={bind(&name)} error={submit.field_error(&i18n, "name", name_error)} />
                <TextField id="staff-phone" label={i18n.t(&PHONE_OPTIONAL)} input_type="tel" inputmode="numeric" maxlength="11"
                    value={(*phone).clone()} oninput={bind(&phone)} error={submit.field_error(&i18n, "phone", phone_error)} />
                <TextField id="staff-password" label={i18n.t(&INITIAL_PASSWORD)} input_type="password" required=true
                    autocomplete="new-password" value={(*password).clone()} oninput={bind(&password)}
                    error={submit.field_error(&i18n, "password", password_error)} helper={AttrValue::from(i18n.t(&texts::PASSWORD_POLICY))} />
                <RolePicker id="staff-roles" legend={i18n.t(&texts::ROLES)} options={STAFF_ROLES.to_vec()}
                    selected={(*roles).clone()} onchange={on_roles} error={submit.field_error(&i18n, "roles", roles_error)} />
            </form>
        </Dialog>
    }
}

#[component]
pub fn EditDialog(props: &AccountProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let account = &props.account;
    let name = use_state(|| account.name.clone());
    let phone = use_state(String::new);
    let roles = use_state(|| account.roles.clone());

    let name_error = check_name(&name);
    let phone_error = check_optional_phone(&phone);
    let roles_error = check_roles(&roles);
    let invalid = name_error.is_some() || phone_error.is_some() || roles_error.is_some();

    let onsubmit = {
        let req = UpdateStaffRequest {
            name: Some(name.trim().to_owned()).filter(|n| *n != account.name),
            phone: Some(phone.trim().to_owned()).filter(|p| !p.is_empty()),
            roles: Some((*roles).clone()).filter(|r| *r != account.roles),
            enabled: None,
        };
        let (id, submit, on_done) = (account.id, submit.clone(), props.on_done.clone());
        Callback::from(move |()| {
            let req = req.clone();
            if req == UpdateStaffRequest::default() && !invalid {
                on_done.emit(false);
                return;
            }
            submit.run(
                invalid,
                async move { frontend_kit::api::update_staff(id, &req).await.map(|_| ()) },
                changed(&on_done),
            );
        })
    };
    let on_roles = {
        let roles = roles.clone();
        Callback::from(move |r: Vec<Role>| roles.set(r))
    };
    // Roles outside the usual staff set (e.g. platform admin) stay visible and removable.
    let mut options = STAFF_ROLES.to_vec();
    options.extend(account.roles.iter().filter(|r| !STAFF_ROLES.contains(r)));
    let on_close = props.on_done.reform(|()| false);
    html! {
        <Dialog id="edit-dialog" title={i18n.fmt(&EDIT_TITLE, &[&account.name])} onclose={on_close}
            footer={footer(&i18n, "edit-form", &texts::SAVE, submit.busy(), false, &props.on_done)}>
            <form id="edit-form" class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n)} />
                <TextField id="staff-name" label={i18n.t(&texts::NAME)} required=true maxlength="50"
                    value={(*name).clone()} oninput={bind(&name)} error={submit.field_error(&i18n, "name", name_error)} />
                <TextField id="staff-phone" label={i18n.t(&PHONE_OPTIONAL)} input_type="tel" inputmode="numeric" maxlength="11"
                    value={(*phone).clone()} oninput={bind(&phone)} error={submit.field_error(&i18n, "phone", phone_error)}
                    helper={AttrValue::from(i18n.t(&PHONE_KEEP))} />
                <RolePicker id="staff-roles" legend={i18n.t(&texts::ROLES)} {options}
                    selected={(*roles).clone()} onchange={on_roles} error={submit.field_error(&i18n, "roles", roles_error)} />
            </form>
        </Dialog>
    }
}

#[component]
pub fn ResetPasswordDialog(props: &AccountProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let password = use_state(String::new);
    let password_error = check_password_policy(&password);
    let onsubmit = {
        let req = ResetPasswordRequest {
            new_password: (*password).clone(),
        };
        let (id, submit, on_done) = (props.account.id, submit.clone(), props.on_done.clone());
        let invalid = password_error.is_some();
        Callback::from(move |()| {
            let req = req.clone();
            submit.run(
                invalid,
                async move { frontend_kit::api::reset_staff_password(id, &req).await },
                changed(&on_done),
            );
        })
    };
    let on_close = props.on_done.reform(|()| false);
    html! {
        <Dialog id="reset-dialog" title={i18n.fmt(&RESET_TITLE, &[&props.account.name])} onclose={on_close}
            footer={footer(&i18n, "reset-form", &texts::SAVE, submit.busy(), false, &props.on_done)}>
            <form id="reset-form" class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n)} />
                <TextField id="staff-new-password" label={i18n.t(&NEW_PASSWORD)} input_type="password" required=true
                    autocomplete="new-password" value={(*password).clone()} oninput={bind(&password)}
                    error={submit.field_error(&i18n, "new_password", password_error)} helper={AttrValue::from(i18n.t(&texts::PASSWORD_POLICY))} />
            </form>
        </Dialog>
    }
}

#[component]
pub fn DeleteDialog(props: &AccountProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let onsubmit = {
        let (id, submit, on_done) = (props.account.id, submit.clone(), props.on_done.clone());
        Callback::from(move |()| {
            submit.run(
                false,
                async move { frontend_kit::api::delete_staff(id).await },
                changed(&on_done),
            );
        })
    };
    let on_close = props.on_done.reform(|()| false);
    html! {
        <Dialog id="delete-dialog" title={i18n.t(&DELETE_TITLE)} onclose={on_close}
            footer={footer(&i18n, "delete-form", &DELETE, submit.busy(), true, &props.on_done)}>
            <form id="delete-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n)} />
                <p>{ i18n.fmt(&DELETE_BODY, &[&props.account.name]) }</p>
            </form>
        </Dialog>
    }
}
