//! Where the learner's real-name verification stands (`#real-name-status`, `data-status` the
//! wire status): the status, the name and masked ID number on record, how and when it was
//! decided, why it was refused. Shown on the real-name page and, as a card with the way there
//! (`#real-name-link`), in the account settings.

use frontend_kit::components::format_time;
use frontend_kit::pages::SectionCard;
use frontend_kit::prelude::*;
use shared_types::face::{RealNameState, RealNameStatus};
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

pub(crate) const TITLE: Text = Text::new("实名认证", "Real-name verification");
const STATUS: Text = Text::new("认证状态", "Status");
const ID_NUMBER: Text = Text::new("身份证号", "ID-card number");
const METHOD: Text = Text::new("认证方式", "Verified by");
const SUBMITTED: Text = Text::new("提交时间", "Submitted");
const DECIDED: Text = Text::new("审核时间", "Decided");
const REASON: Text = Text::new("未通过原因", "Reason");
const FACE: Text = Text::new("人脸信息", "Face on file");
const FACE_YES: Text = Text::new("已采集", "Yes");
const FACE_NO: Text = Text::new("未采集", "Not yet");
const GO: Text = Text::new("去实名认证", "Verify my identity");
const VIEW: Text = Text::new("查看实名认证", "View verification");

/// What the status means for the learner.
fn hint(status: RealNameStatus) -> Text {
    match status {
        RealNameStatus::Unverified => Text::new(
            "尚未实名认证。认证后才能参加需要人脸核验的学习和考试。",
            "Not verified yet. Study and exams with face checks need a verified identity.",
        ),
        RealNameStatus::Pending => Text::new(
            "资料已提交，正在审核，请耐心等待。",
            "Submitted and under review; please wait for the decision.",
        ),
        RealNameStatus::Verified => Text::new("已通过实名认证。", "Your identity is verified."),
        RealNameStatus::Rejected => Text::new(
            "认证未通过，请根据原因修改后重新提交。",
            "Not accepted: correct what the reason says and submit again.",
        ),
    }
}

#[derive(Properties, PartialEq)]
pub struct RealNameStatusViewProps {
    pub state: RealNameState,
}

#[component]
pub fn RealNameStatusView(props: &RealNameStatusViewProps) -> Html {
    let i18n = use_i18n();
    let s = &props.state;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    html! {
        <div id="real-name-status" data-status={s.status.code()}>
            <p class={classes!(if s.status == RealNameStatus::Rejected { "zp-warn-text" } else { "zp-muted" })}>
                { i18n.t(&hint(s.status)) }
            </p>
            <Facts>
                { fact(i18n.t(&STATUS), status_label(&i18n, s.status)) }
                if let Some(name) = &s.name { { fact(i18n.t(&texts::NAME), name.clone()) } }
                if s.id_number_masked.is_some() {
                    { fact(i18n.t(&ID_NUMBER), html! { <code id="real-name-id-masked">{ opt(&s.id_number_masked) }</code> }) }
                }
                if let Some(method) = s.method { { fact(i18n.t(&METHOD), i18n.t(&method.text())) } }
                if let Some(at) = s.submitted_at.as_ref().map(format_time) { { fact(i18n.t(&SUBMITTED), at) } }
                if let Some(at) = s.decided_at.as_ref().map(format_time) { { fact(i18n.t(&DECIDED), at) } }
                if let Some(reason) = &s.reject_reason {
                    { fact(i18n.t(&REASON), html! { <span id="real-name-reason" class="zp-prewrap zp-warn-text">{ reason }</span> }) }
                }
                { fact(i18n.t(&FACE), i18n.t(if s.face_enrolled { &FACE_YES } else { &FACE_NO })) }
            </Facts>
        </div>
    }
}

/// The account settings' card: the status and the way to the real-name page.
#[component]
pub fn RealNameCard() -> Html {
    let i18n = use_i18n();
    let remote = use_remote((), |()| frontend_kit::api::my_real_name());
    let needs_action = remote.data.as_ref().is_none_or(|s| {
        matches!(
            s.status,
            RealNameStatus::Unverified | RealNameStatus::Rejected
        )
    });
    html! {
        <SectionCard id="account-real-name" title={i18n.t(&TITLE)}>
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            if let Some(state) = &remote.data {
                <RealNameStatusView state={(**state).clone()} />
            } else if remote.loading {
                <Loading />
            }
            <Link<Route> id="real-name-link" to={Route::RealName}
                class={classes!("pf-v6-c-button", if needs_action { "pf-m-primary" } else { "pf-m-secondary" })}>
                <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-id-card" aria-hidden="true"></i></span>
                <span class="pf-v6-c-button__text">{ i18n.t(if needs_action { &GO } else { &VIEW }) }</span>
            </Link<Route>>
        </SectionCard>
    }
}
