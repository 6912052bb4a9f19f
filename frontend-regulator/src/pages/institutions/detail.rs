//! `/regulator/institution/{id}`: one institution — its facts and contact, the certification
//! version in force and the one awaiting review (documents open from here), every version, its
//! qualifications, and the review of a pending version (`#review-institution` → the kit's review
//! dialog: `#approve`, `#return`, `#review-note`, `#review-submit`) for the review desk.
//! Serves T-7.2.5b, T-7.2.7e, T-7.2.7g.

use std::rc::Rc;

use frontend_kit::components::format_time;
use frontend_kit::components::orgs::{
    CertificationHistory, CertificationView, qualification_columns,
};
use frontend_kit::pages::{NotLoaded, PageTitle, SectionCard};
use frontend_kit::prelude::*;
use shared_types::orgs::{InstitutionStatus, Qualification, QualificationQuery, ReviewRequest};
use uuid::Uuid;
use yew::prelude::*;

use crate::pages::{REVIEW_DESK, use_has_role};

const TITLE: Text = Text::new("机构详情", "Institution");
const REVIEW: Text = Text::new("审核认证资料", "Review certification");
const REVIEW_TITLE: Text = Text::new("审核机构认证：{0}", "Review certification: {0}");
const REVIEWED: Text = Text::new("审核结论已提交", "Decision recorded");
const FACTS: Text = Text::new("机构信息", "Institution");
const CREDIT_CODE: Text = Text::new("统一社会信用代码", "Credit code");
const ADDRESS: Text = Text::new("地址", "Address");
const CONTACT: Text = Text::new("联系人", "Contact");
const STATUS: Text = Text::new("认证状态", "Status");
const CERTIFIED_AT: Text = Text::new("认证时间", "Certified");
const REGISTERED: Text = Text::new("注册时间", "Registered");
const IN_FORCE: Text = Text::new("现行认证信息", "Version in force");
const OPEN: Text = Text::new("待审核 / 退回版本", "Version under review or returned");
const HISTORY: Text = Text::new("认证记录", "Certification history");
const QUALIFICATIONS: Text = Text::new("培训资质", "Qualifications");

#[derive(Properties, PartialEq)]
pub struct InstitutionPageProps {
    pub id: Uuid,
}

#[component]
pub fn InstitutionPage(props: &InstitutionPageProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let desk = use_has_role(&REVIEW_DESK);
    let changes = use_state_eq(|| 0u32);
    let reviewing = use_state_eq(|| false);
    let remote = use_remote((props.id, *changes), |(id, _)| {
        frontend_kit::api::institution(id)
    });
    let versions = use_remote((props.id, *changes), |(id, _)| {
        frontend_kit::api::institution_certifications(id)
    });
    let qualifications = use_remote(props.id, |id| async move {
        let query = QualificationQuery {
            institution_id: Some(id),
            per_page: Some(100),
            ..Default::default()
        };
        frontend_kit::api::list_qualifications(&query).await
    });
    let changed = {
        let changes = changes.clone();
        Callback::from(move |()| changes.set(changes.wrapping_add(1)))
    };
    let on_done = frontend_kit::components::dialog_done(
        &reviewing,
        false,
        &toaster,
        i18n.t(&REVIEWED),
        &changed,
    );
    let Some(inst) = remote.data.clone() else {
        return html! { <NotLoaded title={TITLE} error={remote.error.clone()} /> };
    };
    let open_review = {
        let reviewing = reviewing.clone();
        Callback::from(move |_: MouseEvent| reviewing.set(true))
    };
    let id = inst.id;
    let error =
        |e: &Option<shared_types::ApiError>| e.as_ref().map(|e| AttrValue::from(i18n.error(e)));
    let qualification_rows: Rc<Vec<Qualification>> = qualifications
        .data
        .as_ref()
        .map(|p| Rc::new(p.items.clone()))
        .unwrap_or_default();
    html! {
        <>
            <PageTitle title={TITLE}>
                if desk && inst.status == InstitutionStatus::Pending {
                    <button id="review-institution" type="button" class="pf-v6-c-button pf-m-primary" onclick={open_review}>
                        <span class="pf-v6-c-button__text">{ i18n.t(&REVIEW) }</span>
                    </button>
                }
            </PageTitle>
            <h2 class="pf-v6-c-title pf-m-xl zp-course-heading" id="institution-name">{ &inst.name }</h2>
            <div class="zp-cards">
                <SectionCard id="institution-facts" title={i18n.t(&FACTS)}>
                    <Facts>
                        { fact(i18n.t(&STATUS), html! { <span id="institution-status">{ status_label(&i18n, inst.status) }</span> }) }
                        { fact(i18n.t(&CREDIT_CODE), html! { <code>{ &inst.credit_code }</code> }) }
                        { fact(i18n.t(&ADDRESS), inst.address.clone()) }
                        { fact(i18n.t(&CONTACT), format!("{} {}", inst.contact_name, inst.contact_phone)) }
                        if let Some(at) = &inst.certified_at {
                            { fact(i18n.t(&CERTIFIED_AT), format_time(at)) }
                        }
                        { fact(i18n.t(&REGISTERED), format_time(&inst.created_at)) }
                    </Facts>
                </SectionCard>
                if let Some(current) = &inst.current {
                    <SectionCard id="cert-current" title={i18n.t(&IN_FORCE)}>
                        <CertificationView id="cert-current-facts" certification={current.clone()} />
                    </SectionCard>
                }
                if let Some(open) = &inst.open {
                    <SectionCard id="cert-open" title={i18n.t(&OPEN)}>
                        <CertificationView id="cert-open-facts" certification={open.clone()} />
                    </SectionCard>
                }
            </div>
            <SectionCard id="cert-history" title={i18n.t(&HISTORY)}>
                <FormError message={error(&versions.error)} />
                <CertificationHistory versions={versions.data.clone().unwrap_or_default()} loading={versions.loading} />
            </SectionCard>
            <SectionCard id="institution-qualifications" title={i18n.t(&QUALIFICATIONS)}>
                <FormError message={error(&qualifications.error)} />
                <DataTable<Qualification> id="institution-qualifications-table" caption={i18n.t(&QUALIFICATIONS)}
                    columns={qualification_columns(&i18n, false)} rows={qualification_rows} loading={qualifications.loading} />
            </SectionCard>
            if *reviewing {
                <ReviewDialog title={i18n.fmt(&REVIEW_TITLE, &[&inst.name])} {on_done}
                    job={Job::new(move |req: ReviewRequest| async move { frontend_kit::api::review_institution(id, &req).await })}>
                    if let Some(open) = &inst.open {
                        <CertificationView id="review-facts" certification={open.clone()} />
                    }
                </ReviewDialog>
            }
        </>
    }
}
