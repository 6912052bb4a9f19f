//! `/institution/`: the institution user's home page — who they are, and where their institution
//! stands with its certification (T-7.2.5b): until it is certified nothing else (qualifications,
//! orders, classes, plans) can be done, so the next step is offered prominently.

use frontend_kit::pages::{HomeSummary, SectionCard};
use frontend_kit::prelude::*;
use shared_types::orgs::{InstitutionRef, InstitutionStatus};
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

const INSTITUTION: Text = Text::new("本机构", "Your institution");
const STATUS: Text = Text::new("认证状态：", "Certification: ");
const NOT_CERTIFIED: Text = Text::new(
    "机构通过认证后，才能申请培训资质、购买课程、开设班级和制定培训计划。",
    "Once your institution is certified you can apply for qualifications, buy courses, open classes and make plans.",
);
const PENDING: Text = Text::new(
    "认证资料已提交，正在等待监管部门审核。",
    "Your certification data awaits the regulator's review.",
);
const RETURNED: Text = Text::new(
    "认证资料被退回，请按审核意见修改后重新提交。",
    "Your certification was returned: correct it as the review asks and submit again.",
);
const CERTIFIED: Text = Text::new(
    "机构已通过认证，可申请培训资质并开展培训。",
    "Your institution is certified: apply for qualifications and start training.",
);
const GO_CERTIFY: Text = Text::new("提交认证资料", "Submit certification data");
const VIEW_CERTIFICATION: Text = Text::new("查看认证", "View certification");
const GO_QUALIFY: Text = Text::new("申请培训资质", "Apply for qualifications");

#[component]
pub fn Home() -> Html {
    let session = use_session();
    let institution = session.me().and_then(|me| me.institution.clone());
    html! {
        <HomeSummary>
            if let Some(institution) = institution {
                <InstitutionCard {institution} />
            }
        </HomeSummary>
    }
}

#[derive(Properties, PartialEq)]
struct InstitutionCardProps {
    institution: InstitutionRef,
}

#[component]
fn InstitutionCard(props: &InstitutionCardProps) -> Html {
    let i18n = use_i18n();
    let inst = &props.institution;
    let message = match (inst.certified, inst.status) {
        (_, InstitutionStatus::Pending) => PENDING,
        (_, InstitutionStatus::Returned) => RETURNED,
        (true, _) => CERTIFIED,
        (false, _) => NOT_CERTIFIED,
    };
    let link = |id: &'static str, to: Route, label: &Text, primary: bool| {
        let class = classes!(
            "pf-v6-c-button",
            if primary {
                "pf-m-primary"
            } else {
                "pf-m-secondary"
            }
        );
        html! { <Link<Route> {id} {to} {class}>{ i18n.t(label) }</Link<Route>> }
    };
    html! {
        <div class={classes!("zp-notice-card", inst.certified.then_some("zp-ok"))}>
            <SectionCard id="institution-card" title={format!("{}：{}", i18n.t(&INSTITUTION), inst.name)}>
                <p>{ i18n.t(&STATUS) }<span id="home-institution-status">{ status_label(&i18n, inst.status) }</span></p>
                <p>{ i18n.t(&message) }</p>
                <div class="zp-row-actions">
                    if matches!(inst.status, InstitutionStatus::Registered | InstitutionStatus::Returned) {
                        { link("go-certify", Route::Certification, &GO_CERTIFY, true) }
                    } else {
                        { link("go-certification", Route::Certification, &VIEW_CERTIFICATION, false) }
                    }
                    if inst.certified {
                        { link("go-qualify", Route::Qualifications, &GO_QUALIFY, false) }
                    }
                </div>
            </SectionCard>
        </div>
    }
}
