//! The regulator's decisions on a course: assign to an expert group, publish, take down with a
//! reason. Each dialog reports `on_done(true)` after the change, `on_done(false)` when cancelled;
//! the server's refusal (e.g. a 409 because the course moved on) shows inside the dialog.

use std::rc::Rc;

use frontend_kit::components::form::check_required;
use frontend_kit::prelude::*;
use shared_types::catalog::CourseDetail;
use shared_types::review::{AssignRequest, TakeDownRequest};
use uuid::Uuid;
use yew::prelude::*;

const ASSIGN_TITLE: Text = Text::new("分配专家组：{0}", "Assign to a group: {0}");
const GROUP: Text = Text::new("专家组", "Expert group");
const PICK_GROUP: Text = Text::new("请选择专家组", "Pick a group");
const NO_GROUPS: Text = Text::new(
    "尚无专家组，请先在“审核专家”中创建。",
    "No expert groups yet; create one under Experts first.",
);
const GROUP_INFO: Text = Text::new("{0}；成员：{1}", "{0}; members: {1}");
const REASSIGN: Text = Text::new(
    "该课程正在审核中，重新分配将取消当前轮次。",
    "The course is in review; assigning again cancels the open round.",
);
const ASSIGN: Text = Text::new("分配", "Assign");
const PUBLISH_TITLE: Text = Text::new("发布课程", "Publish the course");
const PUBLISH_BODY: Text = Text::new(
    "确定发布“{0}”（修订 v{1}）吗？发布后学员即可在课程中心看到，原上线版本将被替换。",
    "Publish “{0}” (revision {1})? Learners will find it in the catalogue; the live revision is replaced.",
);
const PUBLISH: Text = Text::new("发布", "Publish");
const TAKE_DOWN_TITLE: Text = Text::new("下架课程：{0}", "Take down: {0}");
const REASON: Text = Text::new("下架原因", "Reason");
const REASON_HINT: Text = Text::new(
    "将记录在审核记录中并告知课程提供方；再次上架需重新审核。",
    "Recorded in the review records and shown to the provider; listing again needs a new review.",
);
const TAKE_DOWN: Text = Text::new("下架", "Take down");

#[derive(Properties, PartialEq)]
pub struct CourseDialogProps {
    pub course: Rc<CourseDetail>,
    pub on_done: Callback<bool>,
}

fn changed<T>(on_done: &Callback<bool>) -> impl FnOnce(T) + 'static {
    let on_done = on_done.clone();
    move |_| on_done.emit(true)
}

#[component]
pub fn AssignDialog(props: &CourseDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let groups = use_remote((), |()| frontend_kit::api::list_expert_groups());
    let group = use_state(String::new);
    let group_id = Uuid::parse_str(&group).ok();
    let group_error = group_id.is_none().then_some(PICK_GROUP);
    let onsubmit = {
        let (submit, on_done, id) = (submit.clone(), props.on_done.clone(), props.course.id);
        Callback::from(move |()| {
            // A nil id never leaves: `run` stops at the missing choice.
            let req = AssignRequest {
                group_id: group_id.unwrap_or_default(),
            };
            submit.run(
                group_id.is_none(),
                async move { frontend_kit::api::assign_course(id, &req).await },
                changed(&on_done),
            );
        })
    };
    let list = groups.data.clone().unwrap_or_default();
    let mut options = vec![(AttrValue::from(""), AttrValue::from(i18n.t(&PICK_GROUP)))];
    options.extend(list.iter().map(|g| {
        (
            AttrValue::from(g.id.to_string()),
            AttrValue::from(g.name.clone()),
        )
    }));
    let chosen = list.iter().find(|g| Some(g.id) == group_id);
    let on_close = props.on_done.reform(|()| false);
    let title = i18n.fmt(&ASSIGN_TITLE, &[&props.course.revision.name]);
    html! {
        <Dialog id="assign-dialog" {title} onclose={on_close.clone()}
            footer={html! { <DialogActions form="assign-form" label={i18n.t(&ASSIGN)} busy={submit.busy()} oncancel={on_close} /> }}>
            <form id="assign-form" class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n)} />
                <FormError id="groups-error" message={groups.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
                if props.course.revision.status == shared_types::catalog::RevisionStatus::InReview {
                    <p class="zp-warn-text">{ i18n.t(&REASSIGN) }</p>
                }
                if !groups.loading && list.is_empty() {
                    <p class="zp-muted">{ i18n.t(&NO_GROUPS) }</p>
                }
                <SelectField id="assign-group" label={i18n.t(&GROUP)} {options} value={(*group).clone()} onchange={bind(&group)} />
                if let Some(message) = submit.field_error(&i18n, "group_id", group_error) {
                    <p class="zp-badge-off" role="alert">{ message }</p>
                }
                if let Some(g) = chosen {
                    <p class="zp-muted">{ i18n.fmt(&GROUP_INFO, &[
                        i18n.t(&g.decision_rule.text()),
                        &g.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join("、"),
                    ]) }</p>
                }
            </form>
        </Dialog>
    }
}

#[component]
pub fn PublishDialog(props: &CourseDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let onsubmit = {
        let (submit, on_done, id) = (submit.clone(), props.on_done.clone(), props.course.id);
        Callback::from(move |()| {
            submit.run(
                false,
                frontend_kit::api::publish_course(id),
                changed(&on_done),
            );
        })
    };
    let on_close = props.on_done.reform(|()| false);
    let r = &props.course.revision;
    html! {
        <Dialog id="publish-dialog" title={i18n.t(&PUBLISH_TITLE)} onclose={on_close.clone()}
            footer={html! { <DialogActions form="publish-form" label={i18n.t(&PUBLISH)} busy={submit.busy()} oncancel={on_close} /> }}>
            <form id="publish-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n)} />
                <p>{ i18n.fmt(&PUBLISH_BODY, &[&r.name, &r.revision_no.to_string()]) }</p>
            </form>
        </Dialog>
    }
}

#[component]
pub fn TakeDownDialog(props: &CourseDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let reason = use_state(String::new);
    let reason_error = check_required(&reason);
    let onsubmit = {
        let (submit, on_done, id) = (submit.clone(), props.on_done.clone(), props.course.id);
        let req = TakeDownRequest {
            reason: reason.trim().to_owned(),
        };
        let invalid = reason_error.is_some();
        Callback::from(move |()| {
            let req = req.clone();
            submit.run(
                invalid,
                async move { frontend_kit::api::take_down_course(id, &req).await },
                changed(&on_done),
            );
        })
    };
    let on_close = props.on_done.reform(|()| false);
    let title = i18n.fmt(&TAKE_DOWN_TITLE, &[&props.course.revision.name]);
    html! {
        <Dialog id="take-down-dialog" {title} onclose={on_close.clone()}
            footer={html! { <DialogActions form="take-down-form" label={i18n.t(&TAKE_DOWN)} busy={submit.busy()} danger=true oncancel={on_close} /> }}>
            <form id="take-down-form" class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n)} />
                <TextAreaField id="take-down-reason" label={i18n.t(&REASON)} required=true maxlength="500"
                    value={(*reason).clone()} oninput={bind(&reason)} helper={AttrValue::from(i18n.t(&REASON_HINT))}
                    error={submit.field_error(&i18n, "reason", reason_error)} />
            </form>
        </Dialog>
    }
}
