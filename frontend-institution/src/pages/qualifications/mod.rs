//! `/institution/qualifications`: 培训资质 (T-7.2.7g) — the training types the institution may
//! train in, with their review status and the regulator's notes; the head applies for another
//! type (`#apply-qualification`); below, every review step so far.

mod apply;

use std::rc::Rc;

use frontend_kit::components::dialog_done;
use frontend_kit::components::orgs::{qualification_columns, qualification_event_columns};
use frontend_kit::components::primary_button;
use frontend_kit::pages::{PageTitle, SectionCard};
use frontend_kit::prelude::*;
use shared_types::orgs::{Qualification, QualificationEvent};
use yew::prelude::*;

use apply::ApplyDialog;

use crate::pages::HEADS;
use crate::pages::certification::CertificationGate;

pub const TITLE: Text = Text::new("培训资质", "Qualifications");
const APPLY: Text = Text::new("申请资质", "Apply");
const OWN: Text = Text::new("本机构资质", "Our qualifications");
const HISTORY: Text = Text::new("审核记录", "Review history");
const APPLIED: Text = Text::new("资质申请已提交", "Application submitted");
const GATED: Text = Text::new("申请培训资质", "apply for qualifications");

#[component]
pub fn Qualifications() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let can_apply = use_has_role(&HEADS);
    let changes = use_state_eq(|| 0u32);
    let own = use_remote(*changes, |_| frontend_kit::api::my_qualifications());
    let events = use_remote(*changes, |_| frontend_kit::api::my_qualification_events());
    let applying = use_state_eq(|| false);
    let changed = {
        let changes = changes.clone();
        Callback::from(move |()| changes.set(changes.wrapping_add(1)))
    };
    let on_done = dialog_done(&applying, false, &toaster, i18n.t(&APPLIED), &changed);
    let open = {
        let applying = applying.clone();
        Callback::from(move |_: MouseEvent| applying.set(true))
    };
    let error =
        |e: &Option<shared_types::ApiError>| e.as_ref().map(|e| AttrValue::from(i18n.error(e)));
    let own_rows: Rc<Vec<Qualification>> = own.data.clone().unwrap_or_default();
    let event_rows: Rc<Vec<QualificationEvent>> = events.data.clone().unwrap_or_default();
    html! {
        <>
            <PageTitle title={TITLE}>
                if can_apply {
                    { primary_button("apply-qualification", "fa-plus", i18n.t(&APPLY), open) }
                }
            </PageTitle>
            <CertificationGate what={GATED} />
            <SectionCard id="own-qualifications" title={i18n.t(&OWN)}>
                <FormError message={error(&own.error)} />
                <DataTable<Qualification> id="qualifications-table" caption={i18n.t(&OWN)}
                    columns={qualification_columns(&i18n, false)} rows={own_rows} loading={own.loading} />
            </SectionCard>
            <SectionCard id="qualification-history" title={i18n.t(&HISTORY)}>
                <FormError message={error(&events.error)} />
                <DataTable<QualificationEvent> id="qualification-events-table" caption={i18n.t(&HISTORY)}
                    columns={qualification_event_columns(&i18n, false)} rows={event_rows} loading={events.loading} />
            </SectionCard>
            if *applying {
                <ApplyDialog {on_done} />
            }
        </>
    }
}
