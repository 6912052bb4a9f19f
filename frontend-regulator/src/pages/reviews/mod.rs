//! `/regulator/reviews`: 我的审核 — the signed-in expert's review rounds, open ones first by
//! default; each opens the expert review page.

mod opinion;
mod round;

use frontend_kit::components::{DEFAULT_PER_PAGE, format_time};
use frontend_kit::prelude::*;
use shared_types::review::{RoundQuery, RoundStatus, RoundSummary};
use yew::prelude::*;
use yew_nested_router::components::Link;

pub use round::ExpertReview;

use crate::app::Route;

pub const TITLE: Text = Text::new("我的审核", "My reviews");
const STATUS: Text = Text::new("轮次状态", "Round status");
const COURSE: Text = Text::new("课程", "Course");
const KIND: Text = Text::new("课程类型", "Course kind");
const GROUP: Text = Text::new("专家组", "Group");
const PROGRESS: Text = Text::new("意见进度", "Opinions");
const MINE: Text = Text::new("我的意见", "My opinion");
const GIVEN: Text = Text::new("已提交", "Given");
const PENDING: Text = Text::new("待提交", "To give");
const ASSIGNED: Text = Text::new("分配时间", "Assigned");
const OPEN_REVIEW: Text = Text::new("审核", "Review");
const VIEW: Text = Text::new("查看", "View");
const STATUSES: [RoundStatus; 4] = [
    RoundStatus::Open,
    RoundStatus::Approved,
    RoundStatus::Returned,
    RoundStatus::Cancelled,
];

#[component]
pub fn MyReviews() -> Html {
    let i18n = use_i18n();
    let status = use_state(|| RoundStatus::Open.code().to_owned());
    let query = use_state(|| RoundQuery {
        status: Some(RoundStatus::Open),
        page: Some(1),
        per_page: Some(DEFAULT_PER_PAGE),
    });
    let remote = use_remote((*query).clone(), |q| async move {
        frontend_kit::api::my_rounds(&q).await
    });
    let on_status = {
        let (status, query) = (status.clone(), query.clone());
        Callback::from(move |v: String| {
            query.set(RoundQuery {
                status: RoundStatus::from_code(&v),
                page: Some(1),
                ..(*query).clone()
            });
            status.set(v);
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |(page, per_page): (u32, u32)| {
            query.set(RoundQuery {
                page: Some(page),
                per_page: Some(per_page),
                ..(*query).clone()
            });
        })
    };
    let (i1, i2, i3, i4) = (i18n.clone(), i18n.clone(), i18n.clone(), i18n.clone());
    let columns = vec![
        Column::new(i18n.t(&COURSE), |r: &RoundSummary| {
            html! {
                <>
                    <Link<Route> to={Route::Review { round_id: r.id }}>{ &r.course_name }</Link<Route>>
                    <br /><code class="zp-muted">{ &r.course_no }</code><span class="zp-muted">{ format!(" v{}", r.revision_no) }</span>
                </>
            }
        }),
        Column::new(
            i18n.t(&KIND),
            move |r: &RoundSummary| html! { i1.t(&r.kind.text()) },
        ),
        Column::new(i18n.t(&GROUP), |r: &RoundSummary| html! { &r.group.name }),
        Column::new(i18n.t(&STATUS), move |r: &RoundSummary| {
            status_label(&i2, r.status)
        }),
        Column::new(
            i18n.t(&PROGRESS),
            |r: &RoundSummary| html! { format!("{}/{}", r.opinions, r.reviewers) },
        ),
        Column::new(i18n.t(&MINE), move |r: &RoundSummary| {
            if r.my_opinion_given {
                html! { <Label text={i3.t(&GIVEN)} tone={Tone::Green} icon="fa-check" /> }
            } else {
                html! { <Label text={i3.t(&PENDING)} tone={Tone::Orange} /> }
            }
        }),
        Column::new(
            i18n.t(&ASSIGNED),
            |r: &RoundSummary| html! { format_time(&r.assigned_at) },
        ),
        Column::new(i18n.t(&texts::ACTIONS), move |r: &RoundSummary| {
            let label = if r.status == RoundStatus::Open && !r.my_opinion_given {
                &OPEN_REVIEW
            } else {
                &VIEW
            };
            html! {
                <Link<Route> to={Route::Review { round_id: r.id }} class="pf-v6-c-button pf-m-link pf-m-inline">
                    { i4.t(label) }
                </Link<Route>>
            }
        }),
    ];
    html! {
        <>
            <frontend_kit::pages::PageTitle title={TITLE} />
            <div class="pf-v6-c-form zp-toolbar">
                <SelectField id="filter-status" label={i18n.t(&STATUS)} value={(*status).clone()}
                    options={choices(&i18n, STATUSES, Some(&texts::ALL))} onchange={on_status} />
            </div>
            <PagedTable<RoundSummary> id="reviews-table" caption={i18n.t(&TITLE)} {columns}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
        </>
    }
}
