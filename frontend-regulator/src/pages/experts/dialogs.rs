//! Creating, editing and deleting an expert group: name, decision rule, members picked among
//! the experts. Each dialog reports `on_done(true)` after a change, `on_done(false)` when cancelled.

use std::rc::Rc;

use frontend_kit::components::form::check_name;
use frontend_kit::prelude::*;
use shared_types::review::{DecisionRule, Expert, ExpertGroup, ExpertGroupInput};
use uuid::Uuid;
use yew::prelude::*;

const CREATE_TITLE: Text = Text::new("新建专家组", "New expert group");
const EDIT_TITLE: Text = Text::new("编辑专家组：{0}", "Edit group: {0}");
const DELETE_TITLE: Text = Text::new("删除专家组", "Delete group");
const DELETE_BODY: Text = Text::new(
    "确定删除专家组“{0}”吗？已有的审核轮次和意见仍保留。",
    "Delete the group “{0}”? Its past rounds and opinions are kept.",
);
const NAME: Text = Text::new("组名", "Name");
const RULE: Text = Text::new("决定规则", "Decision rule");
const MEMBERS: Text = Text::new("成员", "Members");
const PICK_MEMBER: Text = Text::new("请至少选择一位专家", "Pick at least one expert");
const NO_EXPERTS: Text = Text::new(
    "尚无专家账号，请先在“人员管理”中授予“审核专家”角色。",
    "No experts yet; grant the Review expert role under Staff accounts first.",
);
const DISABLED: Text = Text::new("（已停用）", " (disabled)");
const DELETE: Text = Text::new("删除", "Delete");

#[derive(Properties, PartialEq)]
pub struct GroupDialogProps {
    /// `None`: a new group.
    pub group: Option<ExpertGroup>,
    pub experts: Rc<Vec<Expert>>,
    pub on_done: Callback<bool>,
}

#[component]
pub fn GroupDialog(props: &GroupDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let g = props.group.as_ref();
    let name = use_state(|| g.map(|g| g.name.clone()).unwrap_or_default());
    let rule = use_state(|| {
        g.map(|g| g.decision_rule)
            .unwrap_or(DecisionRule::Majority)
            .code()
            .to_owned()
    });
    let members = use_state(|| {
        g.map(|g| g.members.iter().map(|m| m.id).collect::<Vec<Uuid>>())
            .unwrap_or_default()
    });
    let name_error = check_name(&name);
    let members_error = members.is_empty().then_some(PICK_MEMBER);
    let invalid = name_error.is_some() || members_error.is_some();
    let onsubmit = {
        let req = ExpertGroupInput {
            name: name.trim().to_owned(),
            decision_rule: DecisionRule::from_code(&rule).unwrap_or(DecisionRule::Majority),
            member_ids: (*members).clone(),
        };
        let (submit, on_done, id) = (submit.clone(), props.on_done.clone(), g.map(|g| g.id));
        Callback::from(move |()| {
            let req = req.clone();
            let on_done = on_done.clone();
            submit.run(
                invalid,
                async move {
                    match id {
                        Some(id) => frontend_kit::api::update_expert_group(id, &req).await,
                        None => frontend_kit::api::create_expert_group(&req).await,
                    }
                },
                move |_| on_done.emit(true),
            );
        })
    };
    let toggle = |id: Uuid| {
        let members = members.clone();
        Callback::from(move |on: bool| {
            let mut next: Vec<Uuid> = members.iter().copied().filter(|m| *m != id).collect();
            if on {
                next.push(id);
            }
            members.set(next);
        })
    };
    let title = match g {
        Some(g) => i18n.fmt(&EDIT_TITLE, &[&g.name]),
        None => i18n.t(&CREATE_TITLE).to_owned(),
    };
    let members_message = submit.field_error(&i18n, "member_ids", members_error);
    let on_close = props.on_done.reform(|()| false);
    html! {
        <Dialog id="group-dialog" {title} onclose={on_close.clone()}
            footer={html! { <DialogActions form="group-form" label={i18n.t(&texts::SAVE)} busy={submit.busy()} oncancel={on_close} /> }}>
            <form id="group-form" class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n)} />
                <TextField id="group-name" label={i18n.t(&NAME)} required=true maxlength="50"
                    value={(*name).clone()} oninput={bind(&name)} error={submit.field_error(&i18n, "name", name_error)} />
                <SelectField id="group-rule" label={i18n.t(&RULE)} value={(*rule).clone()}
                    options={choices(&i18n, DecisionRule::ALL, None)} onchange={bind(&rule)} />
                <fieldset class="pf-v6-c-form__group" id="group-members"
                    aria-describedby={members_message.is_some().then_some("group-members-error")}>
                    <legend class="pf-v6-c-form__group-label">
                        <span class="pf-v6-c-form__label"><span class="pf-v6-c-form__label-text">{ i18n.t(&MEMBERS) }</span></span>
                    </legend>
                    if props.experts.is_empty() {
                        <p class="zp-muted">{ i18n.t(&NO_EXPERTS) }</p>
                    }
                    { for props.experts.iter().map(|e| {
                        let label = if e.enabled { e.name.clone() } else { format!("{}{}", e.name, i18n.t(&DISABLED)) };
                        html! {
                            <CheckField id={format!("member-{}", e.id)} {label} checked={members.contains(&e.id)}
                                onchange={toggle(e.id)} description={e.username.clone().map(AttrValue::from)} />
                        }
                    }) }
                    if let Some(message) = members_message {
                        <p class="zp-badge-off" id="group-members-error" role="alert">{ message }</p>
                    }
                </fieldset>
            </form>
        </Dialog>
    }
}

#[derive(Properties, PartialEq)]
pub struct DeleteGroupProps {
    pub group: ExpertGroup,
    pub on_done: Callback<bool>,
}

#[component]
pub fn DeleteGroupDialog(props: &DeleteGroupProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let onsubmit = {
        let (submit, on_done, id) = (submit.clone(), props.on_done.clone(), props.group.id);
        Callback::from(move |()| {
            let on_done = on_done.clone();
            submit.run(
                false,
                frontend_kit::api::delete_expert_group(id),
                move |()| on_done.emit(true),
            );
        })
    };
    let on_close = props.on_done.reform(|()| false);
    html! {
        <Dialog id="delete-group-dialog" title={i18n.t(&DELETE_TITLE)} onclose={on_close.clone()}
            footer={html! { <DialogActions form="delete-group-form" label={i18n.t(&DELETE)} busy={submit.busy()} danger=true oncancel={on_close} /> }}>
            <form id="delete-group-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n)} />
                <p>{ i18n.fmt(&DELETE_BODY, &[&props.group.name]) }</p>
            </form>
        </Dialog>
    }
}
