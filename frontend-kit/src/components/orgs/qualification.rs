//! The columns of qualification lists (培训资质, T-7.2.7g) and of their review history, for the
//! institution's own page and the regulator's queue.

use shared_types::orgs::{Qualification, QualificationEvent};
use yew::prelude::*;

use crate::components::{Column, MediaLink, format_time, or_dash, status_label};
use crate::i18n::{I18n, Labelled, Text};

const INSTITUTION: Text = Text::new("机构", "Institution");
const TRAINING_TYPE: Text = Text::new("培训类型", "Training type");
const STATUS: Text = Text::new("状态", "Status");
const NOTE: Text = Text::new("申请说明", "Application note");
const EVIDENCE: Text = Text::new("证明材料", "Evidence");
const EVIDENCE_N: Text = Text::new("材料 {0}", "File {0}");
const APPLIED: Text = Text::new("申请时间", "Applied");
const REVIEW_NOTE: Text = Text::new("审核意见", "Review note");
const TIME: Text = Text::new("时间", "Time");
const ACTION: Text = Text::new("操作", "Action");
const ACTOR: Text = Text::new("操作人", "By");
const EVENT_NOTE: Text = Text::new("意见 / 原因", "Note / reason");

fn training_type(i18n: &I18n, t: shared_types::catalog::TrainingType) -> Html {
    html! {
        <>{ i18n.t(&t.text()) }<br /><span class="zp-muted">{ i18n.t(&t.category().text()) }</span></>
    }
}

/// Type (with its category), status, note, evidence links, applied, review note; `with_institution`
/// puts the institution first (the regulator's queue).
pub fn qualification_columns(i18n: &I18n, with_institution: bool) -> Vec<Column<Qualification>> {
    let (i1, i2, i3) = (i18n.clone(), i18n.clone(), i18n.clone());
    let mut columns = vec![
        Column::new(i18n.t(&TRAINING_TYPE), move |q: &Qualification| {
            training_type(&i1, q.training_type)
        }),
        Column::new(i18n.t(&STATUS), move |q: &Qualification| {
            status_label(&i2, q.status)
        }),
        Column::new(i18n.t(&NOTE), |q: &Qualification| {
            html! { <span class="zp-prewrap">{ or_dash(q.note.clone()) }</span> }
        }),
        Column::new(i18n.t(&EVIDENCE), move |q: &Qualification| {
            if q.evidence_media_ids.is_empty() {
                return or_dash("");
            }
            html! {
                <ul class="zp-file-list">
                    { for q.evidence_media_ids.iter().enumerate().map(|(n, media_id)| html! {
                        <li><MediaLink media_id={*media_id} label={i3.fmt(&EVIDENCE_N, &[&(n + 1).to_string()])} /></li>
                    }) }
                </ul>
            }
        }),
        Column::new(i18n.t(&APPLIED), |q: &Qualification| {
            html! { <span class="zp-nowrap">{ format_time(&q.applied_at) }</span> }
        }),
        Column::new(i18n.t(&REVIEW_NOTE), |q: &Qualification| {
            html! { <span class="zp-prewrap">{ or_dash(q.review_note.clone()) }</span> }
        }),
    ];
    if with_institution {
        columns.insert(
            0,
            Column::new(i18n.t(&INSTITUTION), |q: &Qualification| {
                html! { &q.institution.name }
            }),
        );
    }
    columns
}

/// Time, (institution,) type, action, actor and note of each review step.
pub fn qualification_event_columns(
    i18n: &I18n,
    with_institution: bool,
) -> Vec<Column<QualificationEvent>> {
    let (i1, i2) = (i18n.clone(), i18n.clone());
    let mut columns = vec![
        Column::new(i18n.t(&TIME), |e: &QualificationEvent| {
            html! { <span class="zp-nowrap">{ format_time(&e.at) }</span> }
        }),
        Column::new(i18n.t(&TRAINING_TYPE), move |e: &QualificationEvent| {
            training_type(&i1, e.training_type)
        }),
        Column::new(i18n.t(&ACTION), move |e: &QualificationEvent| {
            html! { i2.t(&e.action.text()) }
        }),
        Column::new(
            i18n.t(&ACTOR),
            |e: &QualificationEvent| html! { &e.actor_name },
        ),
        Column::new(i18n.t(&EVENT_NOTE), |e: &QualificationEvent| {
            html! { <span class="zp-prewrap">{ or_dash(e.note.clone()) }</span> }
        }),
    ];
    if with_institution {
        columns.insert(
            1,
            Column::new(i18n.t(&INSTITUTION), |e: &QualificationEvent| {
                html! { &e.institution_name }
            }),
        );
    }
    columns
}
