//! `/institution/certification`: 机构认证 (T-7.2.5b) — where the institution stands
//! (`#institution-status`), the version in force and the one under review or returned (with the
//! review note), the form submitting a new version, the contact (changed without review) and
//! every version with its review outcome. Only the head (机构负责人) writes; the others read.

mod contact;
mod form;
mod gate;

use std::rc::Rc;

use frontend_kit::components::orgs::{CertificationHistory, CertificationView};
use frontend_kit::pages::{NotLoaded, PageTitle, SectionCard};
use frontend_kit::prelude::*;
use shared_types::orgs::{InstitutionStatus, ReviewStatus};
use yew::prelude::*;

pub use gate::CertificationGate;

use contact::ContactForm;
use form::CertificationForm;

use crate::pages::HEADS;

pub const TITLE: Text = Text::new("机构认证", "Certification");
const STATUS: Text = Text::new("认证状态：", "Certification: ");
const IN_FORCE: Text = Text::new("现行认证信息", "Version in force");
const OPEN_PENDING: Text = Text::new("待审核版本", "Version under review");
const OPEN_RETURNED: Text = Text::new("被退回的版本", "Returned version");
const RETURNED_NOTE: Text = Text::new("退回原因：", "Returned because: ");
const FORM: Text = Text::new("提交认证资料", "Submit certification data");
const CONTACT: Text = Text::new("联系人", "Contact");
const HISTORY: Text = Text::new("认证记录", "Certification history");
const PENDING_HINT: Text = Text::new(
    "已有版本在审核中，审核完成后才能再次提交。",
    "A version is under review; you can submit again once it is decided.",
);

#[component]
pub fn Certification() -> Html {
    let i18n = use_i18n();
    let can_edit = use_has_role(&HEADS);
    let changes = use_state_eq(|| 0u32);
    let institution = use_remote(*changes, |_| frontend_kit::api::my_institution());
    let versions = use_remote(*changes, |_| frontend_kit::api::my_certifications());
    let changed = {
        let changes = changes.clone();
        Callback::from(move |()| changes.set(changes.wrapping_add(1)))
    };
    let Some(inst) = institution.data.clone() else {
        return html! { <NotLoaded title={TITLE} error={institution.error.clone()} /> };
    };
    let pending = inst.status == InstitutionStatus::Pending;
    let returned_note = inst
        .open
        .as_ref()
        .filter(|c| c.status == ReviewStatus::Returned && !c.review_note.is_empty())
        .map(|c| c.review_note.clone());
    html! {
        <>
            <PageTitle title={TITLE} />
            // The institution, then its status: "认证状态：<name>" read as if the name were the status.
            <p class="zp-course-facts">
                <strong>{ &inst.name }</strong>
                <code>{ &inst.credit_code }</code>
                <span>{ i18n.t(&STATUS) }<span id="institution-status">{ status_label(&i18n, inst.status) }</span></span>
            </p>
            if let Some(note) = returned_note {
                <p class="zp-warn-text" id="cert-review-note" role="status">{ i18n.t(&RETURNED_NOTE) }{ note }</p>
            }
            <div class="zp-cards">
                if let Some(current) = &inst.current {
                    <SectionCard id="cert-current" title={i18n.t(&IN_FORCE)}>
                        <CertificationView id="cert-current-facts" certification={current.clone()} />
                    </SectionCard>
                }
                if let Some(open) = &inst.open {
                    <SectionCard id="cert-open" title={i18n.t(if open.status == ReviewStatus::Pending { &OPEN_PENDING } else { &OPEN_RETURNED })}>
                        <CertificationView id="cert-open-facts" certification={open.clone()} />
                    </SectionCard>
                }
            </div>
            <div class="zp-cards">
                if can_edit {
                    <SectionCard id="cert-form" title={i18n.t(&FORM)}>
                        if pending {
                            <p class="zp-muted">{ i18n.t(&PENDING_HINT) }</p>
                        } else {
                            <CertificationForm key={*changes} institution={inst.clone()} on_saved={changed.clone()} />
                        }
                    </SectionCard>
                }
                <SectionCard id="cert-contact" title={i18n.t(&CONTACT)}>
                    <ContactForm key={*changes} institution={inst.clone()} {can_edit} on_saved={changed} />
                </SectionCard>
            </div>
            <SectionCard id="cert-history" title={i18n.t(&HISTORY)}>
                <FormError message={versions.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
                <CertificationHistory versions={versions.data.clone().unwrap_or_else(|| Rc::new(Vec::new()))}
                    loading={versions.loading} />
            </SectionCard>
        </>
    }
}
