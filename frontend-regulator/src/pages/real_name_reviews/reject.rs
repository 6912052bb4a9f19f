//! "不通过" a real-name submission (`#rn-reject-dialog`): the reason (`#rn-reject-reason`,
//! required: the learner reads it and submits again) and `#rn-reject-confirm`.

use frontend_kit::components::form::check_required;
use frontend_kit::prelude::*;
use shared_types::face::{RealNameDecision, RealNameReview};
use yew::prelude::*;

const TITLE: Text = Text::new("不通过：{0}", "Reject: {0}");
const BODY: Text = Text::new(
    "请写明不通过的原因，学员将看到此原因并据此重新提交。",
    "Say why: the learner reads the reason and submits again accordingly.",
);
const REASON: Text = Text::new("不通过原因", "Reason");
const REASON_HELP: Text = Text::new(
    "如：身份证照片模糊、人像与证件不符",
    "e.g. the ID photo is blurred, the portrait does not match the card",
);
pub(super) const REJECT: Text = Text::new("不通过", "Reject");

#[derive(Properties, PartialEq)]
pub struct RejectDialogProps {
    pub review: RealNameReview,
    pub on_done: Callback<bool>,
}

#[component]
pub fn RejectDialog(props: &RejectDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let reason = use_state(String::new);
    let reason_error = check_required(&reason);
    let req = RealNameDecision {
        approve: false,
        reason: reason.trim().to_owned(),
    };
    let id = props.review.verification_id;
    let onsubmit = submit.for_dialog(
        reason_error.is_some(),
        req,
        &props.on_done,
        move |req| async move { frontend_kit::api::decide_real_name(id, &req).await },
    );
    let who = format!("{} · {}", props.review.name, props.review.account);
    html! {
        <FormDialog id="rn-reject-dialog" title={i18n.fmt(&TITLE, &[&who])} label={i18n.t(&REJECT)} danger=true
            busy={submit.busy()} error={submit.form_error(&i18n)} {onsubmit} onclose={props.on_done.reform(|()| false)}
            submit_id="rn-reject-confirm">
            <p>{ i18n.t(&BODY) }</p>
            <TextAreaField id="rn-reject-reason" label={i18n.t(&REASON)} required=true maxlength="500" rows={3}
                helper={AttrValue::from(i18n.t(&REASON_HELP))} value={(*reason).clone()} oninput={bind(&reason)}
                error={submit.field_error(&i18n, "reason", reason_error)} />
        </FormDialog>
    }
}
