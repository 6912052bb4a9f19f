//! `/regulator/real-name-reviews`: 实名审核 (T-7.2.6b) — the learners' real-name submissions,
//! pending first (`#filter-status`). Each row (`.rn-review`, `data-id` the verification id,
//! `data-status`) shows the photos (ID card sides, live portrait; short-lived links), the
//! portrait's similarity to the ID photo when the face engine compared them, and — for the
//! review desk, while pending — approve (`.rn-approve`) or reject with a reason (`.rn-reject`).

mod approve;
mod reject;

use frontend_kit::components::face::{EvidencePhotos, score_text};
use frontend_kit::components::{
    DEFAULT_PER_PAGE, RowClass, RowData, dialog_done, format_time, or_dash,
};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::face::{RealNameQuery, RealNameReview, RealNameStatus};
use yew::prelude::*;

use crate::pages::{REVIEW_DESK, use_has_role};
use approve::ApproveButton;
use reject::{REJECT, RejectDialog};

pub const TITLE: Text = Text::new("实名审核", "Real-name reviews");
const STATUS: Text = Text::new("状态", "Status");
const SUBMITTED: Text = Text::new("提交时间", "Submitted");
const LEARNER: Text = Text::new("学员", "Learner");
const ID_NUMBER: Text = Text::new("身份证号", "ID-card number");
const METHOD: Text = Text::new("方式", "Method");
const PHOTOS: Text = Text::new("照片", "Photos");
const SCORE: Text = Text::new("人像相似度", "Portrait similarity");
const DECIDED: Text = Text::new("{0} 于 {1}", "{0} on {1}");
const REJECTED: Text = Text::new("已退回", "Rejected");

fn status_cell(i18n: &I18n, r: &RealNameReview) -> Html {
    html! {
        <div>
            { status_label(i18n, r.status) }
            if let Some(at) = &r.decided_at {
                <br /><span class="zp-muted">{ i18n.fmt(&DECIDED, &[r.decided_by.as_deref().unwrap_or("—"), &format_time(at)]) }</span>
            }
            if let Some(reason) = &r.reject_reason {
                <br /><span class="zp-prewrap zp-warn-text">{ reason }</span>
            }
        </div>
    }
}

fn columns(
    i18n: &I18n,
    desk: bool,
    reload: &Callback<()>,
    reject: &UseStateHandle<Option<RealNameReview>>,
) -> Vec<Column<RealNameReview>> {
    let (i1, i2, i3) = (i18n.clone(), i18n.clone(), i18n.clone());
    let mut columns = vec![
        Column::new(
            i18n.t(&SUBMITTED),
            |r: &RealNameReview| html! { format_time(&r.submitted_at) },
        ),
        Column::new(i18n.t(&LEARNER), |r: &RealNameReview| {
            html! {
                <div><strong>{ &r.name }</strong><br /><code class="zp-muted">{ &r.account }</code></div>
            }
        }),
        Column::new(
            i18n.t(&ID_NUMBER),
            |r: &RealNameReview| html! { <code>{ &r.id_number_masked }</code> },
        ),
        Column::new(
            i18n.t(&METHOD),
            move |r: &RealNameReview| html! { i1.t(&r.method.text()) },
        ),
        Column::new(
            i18n.t(&PHOTOS),
            |r: &RealNameReview| html! { <EvidencePhotos photos={r.photos.clone()} /> },
        ),
        Column::new(i18n.t(&SCORE), |r: &RealNameReview| {
            html! {
                <span class="rn-score">{ or_dash(score_text(r.portrait_score)) }</span>
            }
        }),
        Column::new(i18n.t(&STATUS), move |r: &RealNameReview| {
            status_cell(&i2, r)
        }),
    ];
    if desk {
        let (reload, reject) = (reload.clone(), reject.clone());
        columns.push(Column::new(i18n.t(&texts::ACTIONS), move |r: &RealNameReview| {
            if r.status != RealNameStatus::Pending {
                return html! {};
            }
            let (reject, row) = (reject.clone(), r.clone());
            let onclick = Callback::from(move |_: MouseEvent| reject.set(Some(row.clone())));
            html! {
                <div class="zp-row-actions">
                    <ApproveButton verification_id={r.verification_id} on_done={reload.clone()} />
                    <button type="button" id={format!("rn-reject-{}", r.verification_id)} {onclick}
                        class="pf-v6-c-button pf-m-link pf-m-inline pf-m-danger rn-reject">
                        <span class="pf-v6-c-button__text">{ i3.t(&REJECT) }</span>
                    </button>
                </div>
            }
        }));
    }
    columns
}

#[component]
pub fn RealNameReviews() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let desk = use_has_role(&REVIEW_DESK);
    let status = use_state(|| RealNameStatus::Pending.code().to_owned());
    let PagedList { query, remote } = use_paged(
        RealNameQuery {
            status: Some(RealNameStatus::Pending),
            per_page: Some(DEFAULT_PER_PAGE),
            ..RealNameQuery::default()
        },
        |q| async move { frontend_kit::api::real_name_reviews(&q).await },
    );
    let reject = use_state(|| None::<RealNameReview>);
    let on_rejected = dialog_done(&reject, None, &toaster, i18n.t(&REJECTED), &remote.reload);
    let search = {
        let (status, query) = (status.clone(), query.clone());
        Callback::from(move |()| {
            query.set(RealNameQuery {
                status: RealNameStatus::from_code(&status),
                page: Some(1),
                per_page: query.per_page,
            })
        })
    };
    let row_class = use_memo((), |_| {
        RowClass::new(|_: &RealNameReview| Some("rn-review"))
    });
    let row_data = use_memo((), |_| {
        RowData::new(|r: &RealNameReview| {
            vec![
                ("data-id", r.verification_id.to_string()),
                ("data-status", r.status.code().to_owned()),
            ]
        })
    });
    html! {
        <>
            <PageTitle title={TITLE} />
            <FilterBar onsearch={search}>
                <SelectField id="filter-status" label={i18n.t(&STATUS)} value={(*status).clone()}
                    options={choices(&i18n, RealNameStatus::ALL.iter().copied(), Some(&texts::ALL))} onchange={bind(&status)} />
            </FilterBar>
            <PagedTable<RealNameReview> id="real-name-reviews" caption={i18n.t(&TITLE)}
                columns={columns(&i18n, desk, &remote.reload, &reject)}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()}
                onpage={turn_page(&query)} row_class={(*row_class).clone()} row_data={(*row_data).clone()} />
            if let Some(review) = &*reject {
                <RejectDialog review={review.clone()} on_done={on_rejected} />
            }
        </>
    }
}
