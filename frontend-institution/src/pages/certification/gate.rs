//! The notice on pages whose actions need a certified institution (qualifications, the shop,
//! classes, plans): until then the server refuses them with 409 "机构尚未通过认证", so the page
//! says so up front, with the way to the certification page, instead of letting a dialog fail
//! (T-7.2.5b).

use frontend_kit::prelude::*;
use shared_types::orgs::InstitutionStatus;
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

const NOT_YET: Text = Text::new("机构尚未认证", "Your institution is not certified yet");
const UNDER_REVIEW: Text = Text::new("认证资料审核中", "Your certification is under review");
const RETURNED: Text = Text::new("认证资料被退回", "Your certification was returned");
const NEEDED: Text = Text::new(
    "机构通过认证后才能{0}。",
    "Once the institution is certified you can {0}.",
);
const GO_SUBMIT: Text = Text::new("去提交认证资料", "Submit certification data");
const GO_VIEW: Text = Text::new("查看认证进度", "View certification");

#[derive(Properties, PartialEq)]
pub struct CertificationGateProps {
    /// What the page does once certified, e.g. 申请培训资质 / apply for qualifications.
    pub what: Text,
}

/// Nothing once an approved certification is in force (also while an edit awaits review).
#[component]
pub fn CertificationGate(props: &CertificationGateProps) -> Html {
    let i18n = use_i18n();
    // Asked afresh rather than read from the session, which may predate the approval.
    let institution = use_remote((), |()| frontend_kit::api::my_institution());
    let Some(inst) = institution.data.as_ref().filter(|i| !i.certified) else {
        return html! {};
    };
    let (title, link) = match inst.status {
        InstitutionStatus::Pending => (UNDER_REVIEW, GO_VIEW),
        InstitutionStatus::Returned => (RETURNED, GO_SUBMIT),
        _ => (NOT_YET, GO_SUBMIT),
    };
    html! {
        <div id="certification-gate" class="pf-v6-c-alert pf-m-warning pf-m-inline zp-gate" role="status">
            <div class="pf-v6-c-alert__icon"><i class="fas fa-fw fa-exclamation-triangle" aria-hidden="true"></i></div>
            <p class="pf-v6-c-alert__title">{ i18n.t(&title) }</p>
            <div class="pf-v6-c-alert__description">
                <p>{ i18n.fmt(&NEEDED, &[i18n.t(&props.what)]) }</p>
            </div>
            <div class="pf-v6-c-alert__action-group">
                <Link<Route> to={Route::Certification} class="pf-v6-c-button pf-m-link pf-m-inline">{ i18n.t(&link) }</Link<Route>>
            </div>
        </div>
    }
}
