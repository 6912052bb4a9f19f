//! One version of an institution's certification data (认证资料) with its licence and further
//! documents, and the table of every version with its review outcome; a row opens its version.
//! Serves T-7.2.5b, T-7.2.7e.

use std::rc::Rc;

use shared_types::orgs::Certification;
use yew::prelude::*;

use crate::components::{
    Column, DataTable, Facts, MediaLink, fact, format_time, or_dash, status_label,
};
use crate::i18n::{Text, texts, use_i18n};

const VERSION: Text = Text::new("版本", "Version");
const STATUS: Text = Text::new("状态", "Status");
const NAME: Text = Text::new("机构名称", "Institution name");
const ADDRESS: Text = Text::new("地址", "Address");
const LEGAL_REP: Text = Text::new("法定代表人", "Legal representative");
const SCOPE: Text = Text::new("经营（办学）范围", "Business scope");
const LICENCE: Text = Text::new("营业执照", "Business licence");
const DOCUMENTS: Text = Text::new("其他材料", "Further documents");
const DOCUMENT_N: Text = Text::new("材料 {0}", "Document {0}");
const SUBMITTED: Text = Text::new("提交", "Submitted");
const REVIEWED: Text = Text::new("审核", "Reviewed");
const NOTE: Text = Text::new("审核意见", "Review note");
const HISTORY: Text = Text::new("认证记录", "Certification history");
const SHOW: Text = Text::new("查看", "View");
const BY_AT: Text = Text::new("{0}（{1}）", "{0} ({1})");

#[derive(Properties, PartialEq)]
pub struct CertificationViewProps {
    /// The list's id; the licence link is `<id>-licence`, documents `<id>-doc-<n>`.
    pub id: AttrValue,
    pub certification: Certification,
}

#[component]
pub fn CertificationView(props: &CertificationViewProps) -> Html {
    let i18n = use_i18n();
    let c = &props.certification;
    let d = &c.data;
    let none = || html! { <span class="zp-muted">{ i18n.t(&texts::NONE) }</span> };
    let licence = match d.licence_media_id {
        Some(media_id) => html! {
            <MediaLink {media_id} label={i18n.t(&LICENCE)} id={AttrValue::from(format!("{}-licence", props.id))} />
        },
        None => none(),
    };
    let documents = if d.document_media_ids.is_empty() {
        none()
    } else {
        html! {
            <ul class="zp-file-list">
                { for d.document_media_ids.iter().enumerate().map(|(n, media_id)| html! {
                    <li><MediaLink media_id={*media_id} label={i18n.fmt(&DOCUMENT_N, &[&(n + 1).to_string()])}
                        id={AttrValue::from(format!("{}-doc-{}", props.id, n + 1))} /></li>
                }) }
            </ul>
        }
    };
    let reviewed = match (&c.reviewed_by_name, &c.reviewed_at) {
        (Some(by), Some(at)) => html! { i18n.fmt(&BY_AT, &[by, &format_time(at)]) },
        _ => none(),
    };
    html! {
        <Facts id={props.id.clone()}>
            { fact(i18n.t(&VERSION), html! { <>{ format!("v{} ", c.version_no) }{ status_label(&i18n, c.status) }</> }) }
            { fact(i18n.t(&NAME), d.name.clone()) }
            { fact(i18n.t(&ADDRESS), d.address.clone()) }
            { fact(i18n.t(&LEGAL_REP), d.legal_representative.clone()) }
            { fact(i18n.t(&SCOPE), html! { <span class="zp-prewrap">{ &d.business_scope }</span> }) }
            { fact(i18n.t(&LICENCE), licence) }
            { fact(i18n.t(&DOCUMENTS), documents) }
            { fact(i18n.t(&SUBMITTED), i18n.fmt(&BY_AT, &[&c.submitted_by_name, &format_time(&c.submitted_at)])) }
            { fact(i18n.t(&REVIEWED), reviewed) }
            if !c.review_note.is_empty() {
                { fact(i18n.t(&NOTE), html! { <span class="zp-prewrap">{ &c.review_note }</span> }) }
            }
        </Facts>
    }
}

#[derive(Properties, PartialEq)]
pub struct CertificationHistoryProps {
    /// Every version, newest first.
    pub versions: Rc<Vec<Certification>>,
    #[prop_or_default]
    pub loading: bool,
}

/// `#certifications-table`; "查看" (`#view-certification-<n>`) shows that version below it.
#[component]
pub fn CertificationHistory(props: &CertificationHistoryProps) -> Html {
    let i18n = use_i18n();
    let shown = use_state_eq(|| None::<i32>);
    let (i1, i2, i3) = (i18n.clone(), i18n.clone(), i18n.clone());
    let columns = vec![
        Column::new(
            i18n.t(&VERSION),
            |c: &Certification| html! { format!("v{}", c.version_no) },
        ),
        Column::new(i18n.t(&STATUS), move |c: &Certification| {
            status_label(&i1, c.status)
        }),
        Column::new(i18n.t(&NAME), |c: &Certification| html! { &c.data.name }),
        Column::new(i18n.t(&SUBMITTED), move |c: &Certification| {
            html! { i2.fmt(&BY_AT, &[&c.submitted_by_name, &format_time(&c.submitted_at)]) }
        }),
        Column::new(i18n.t(&REVIEWED), |c: &Certification| {
            or_dash(c.reviewed_at.as_ref().map(format_time).unwrap_or_default())
        }),
        Column::new(i18n.t(&NOTE), |c: &Certification| {
            html! { <span class="zp-prewrap">{ or_dash(c.review_note.clone()) }</span> }
        }),
        Column::new(i18n.t(&texts::ACTIONS), {
            let shown = shown.clone();
            move |c: &Certification| {
                let (shown, n) = (shown.clone(), c.version_no);
                let onclick = Callback::from(move |_: MouseEvent| shown.set(Some(n)));
                html! {
                    <button type="button" class="pf-v6-c-button pf-m-link pf-m-inline" id={format!("view-certification-{n}")} {onclick}>
                        <span class="pf-v6-c-button__text">{ i3.t(&SHOW) }</span>
                    </button>
                }
            }
        }),
    ];
    let selected = shown.and_then(|n| props.versions.iter().find(|c| c.version_no == n));
    html! {
        <>
            <DataTable<Certification> id="certifications-table" caption={i18n.t(&HISTORY)} {columns}
                rows={props.versions.clone()} loading={props.loading} />
            if let Some(c) = selected {
                <h3 class="pf-v6-c-title pf-m-md zp-subhead">{ format!("{} v{}", i18n.t(&VERSION), c.version_no) }</h3>
                <CertificationView id="certification-shown" certification={c.clone()} />
            }
        </>
    }
}
