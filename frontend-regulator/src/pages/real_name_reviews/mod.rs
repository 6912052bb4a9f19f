//! `/regulator/real-name-reviews`: 实名审核 (T-7.2.6b) — the learners' real-name submissions,
//! pending first (`#filter-status`). Each row (`.rn-review`, `data-id` the verification id,
//! `data-status`) shows the photos (ID card sides, live portrait; short-lived links), the
//! portrait's similarity to the ID photo when the face engine compared them, and — for the
//! review desk, while pending — approve (`.rn-approve`) or reject with a reason (`.rn-reject`).

mod approve;
mod reject;

use frontend_kit::components::face::{EvidencePhotos, ID_NUMBER, score_text, use_real_name_list};
use frontend_kit::components::{dialog_done, format_time, or_dash};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::face::{RealNameReview, RealNameStatus};
use yew::prelude::*;

use crate::pages::{REVIEW_DESK, use_has_role};
use approve::ApproveButton;
use reject::{REJECT, RejectDialog};

pub const TITLE: Text = Text::new("实名审核", "Real-name reviews");
const STATUS: Text = Text::new("状态", "Status");
const SUBMITTED: Text = Text::new("提交时间", "Submitted");
const LEARNER: Text = Text::new("学员", "Learner");
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
    let list = use_real_name_list(
        Some(RealNameStatus::Pending),
        "rn-review",
        |r| ("data-id", r.verification_id.to_string()),
        |q| async move { frontend_kit::api::real_name_reviews(&q).await },
    );
    let reload = &list.remote.reload;
    let reject = use_state(|| None::<RealNameReview>);
    let on_rejected = dialog_done(&reject, None, &toaster, i18n.t(&REJECTED), reload);
    html! {
        <>
            <PageTitle title={TITLE} />
            { list.filter_bar(&i18n, &STATUS) }
            { list.table("real-name-reviews", i18n.t(&TITLE), columns(&i18n, desk, reload, &reject)) }
            if let Some(review) = &*reject {
                <RejectDialog review={review.clone()} on_done={on_rejected} />
            }
        </>
    }
}
