//! `/regulator/courses`: 课程审核 — the review queues (Z-III.1, T-7.2.7i): one tab per course
//! kind, a status filter and search, paged; each row opens the course's review page.

mod detail;
mod dialogs;
mod history;

use frontend_kit::components::{DEFAULT_PER_PAGE, format_time};
use frontend_kit::format::duration;
use frontend_kit::prelude::*;
use shared_types::catalog::{CourseKind, CourseSummary, RevisionStatus};
use shared_types::review::ReviewQueueQuery;
use yew::prelude::*;
use yew_nested_router::components::Link;

pub use detail::CourseReview;

use crate::app::Route;

pub const TITLE: Text = Text::new("课程审核", "Course review");
const KINDS: Text = Text::new("课程类型", "Course kind");
const STATUS: Text = Text::new("审核状态", "Review status");
const LISTING: Text = Text::new("上架状态", "Listing");
const KEYWORD: Text = Text::new("关键字", "Keyword");
const KEYWORD_HINT: Text = Text::new("课程名称或编号", "Course name or number");
const COURSE_NO: Text = Text::new("课程编号", "Course number");
const NAME: Text = Text::new("课程名称", "Course name");
const TRAINING_TYPE: Text = Text::new("培训类型", "Training type");
const LECTURERS: Text = Text::new("讲师", "Lecturers");
const DURATION: Text = Text::new("时长", "Duration");
const REVISION: Text = Text::new("修订", "Revision");
const UPDATED: Text = Text::new("更新时间", "Updated");
const REVIEW: Text = Text::new("查看", "Open");

/// The kinds with a queue (live courses do not exist yet).
const QUEUE_KINDS: [CourseKind; 3] = [CourseKind::Own, CourseKind::Offline, CourseKind::Vod];

#[component]
pub fn Queue() -> Html {
    let i18n = use_i18n();
    let status = use_state(String::new);
    let keyword = use_state(String::new);
    let query = use_state(|| ReviewQueueQuery {
        kind: Some(CourseKind::Own),
        page: Some(1),
        per_page: Some(DEFAULT_PER_PAGE),
        ..Default::default()
    });
    let remote = use_remote((*query).clone(), |q| async move {
        frontend_kit::api::review_queue(&q).await
    });

    let search = {
        let (status, keyword, query) = (status.clone(), keyword.clone(), query.clone());
        Callback::from(move |()| {
            query.set(ReviewQueueQuery {
                status: RevisionStatus::from_code(&status),
                q: Some(keyword.trim().to_owned()).filter(|s| !s.is_empty()),
                page: Some(1),
                ..(*query).clone()
            });
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |(page, per_page): (u32, u32)| {
            query.set(ReviewQueueQuery {
                page: Some(page),
                per_page: Some(per_page),
                ..(*query).clone()
            });
        })
    };
    let tab = |kind: CourseKind| {
        let selected = query.kind == Some(kind);
        let onclick = {
            let query = query.clone();
            Callback::from(move |_: MouseEvent| {
                query.set(ReviewQueueQuery {
                    kind: Some(kind),
                    page: Some(1),
                    ..(*query).clone()
                });
            })
        };
        html! {
            <li class={classes!("pf-v6-c-tabs__item", selected.then_some("pf-m-current"))} role="presentation">
                <button type="button" class="pf-v6-c-tabs__link" role="tab" aria-selected={selected.to_string()}
                    aria-controls="queue-table" id={format!("tab-{}", kind.code())} {onclick}>
                    <span class="pf-v6-c-tabs__item-text">{ i18n.t(&kind.text()) }</span>
                </button>
            </li>
        }
    };

    html! {
        <>
            <frontend_kit::pages::PageTitle title={TITLE} />
            <div class="pf-v6-c-tabs zp-tabs">
                <ul class="pf-v6-c-tabs__list" role="tablist" aria-label={i18n.t(&KINDS)}>
                    { for QUEUE_KINDS.into_iter().map(tab) }
                </ul>
            </div>
            <form class="pf-v6-c-form zp-toolbar" novalidate=true onsubmit={on_submit(search)}>
                <SelectField id="filter-status" label={i18n.t(&STATUS)} value={(*status).clone()}
                    options={choices(&i18n, RevisionStatus::ALL, Some(&texts::ALL))}
                    onchange={bind(&status)} />
                <TextField id="filter-q" label={i18n.t(&KEYWORD)} value={(*keyword).clone()} oninput={bind(&keyword)}
                    placeholder={AttrValue::from(i18n.t(&KEYWORD_HINT))} />
                <div class="pf-v6-c-form__group pf-m-action">
                    <SubmitButton id="search" label={i18n.t(&texts::SEARCH)} />
                </div>
            </form>
            <PagedTable<CourseSummary> id="queue-table" caption={i18n.t(&TITLE)} columns={columns(&i18n)}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
        </>
    }
}

fn columns(i18n: &I18n) -> Vec<Column<CourseSummary>> {
    let i = i18n.clone();
    let link = |c: &CourseSummary, body: Html| {
        html! { <Link<Route> to={Route::Course { id: c.id }}>{ body }</Link<Route>> }
    };
    vec![
        Column::new(
            i18n.t(&COURSE_NO),
            |c: &CourseSummary| html! { <code>{ &c.course_no }</code> },
        ),
        Column::new(i18n.t(&NAME), move |c: &CourseSummary| {
            link(c, html! { &c.name })
        }),
        {
            let i = i.clone();
            Column::new(i18n.t(&TRAINING_TYPE), move |c: &CourseSummary| {
                html! { i.t(&c.training_type.text()) }
            })
        },
        Column::new(i18n.t(&LECTURERS), |c: &CourseSummary| {
            html! { c.lecturers.iter().map(|l| l.name.as_str()).collect::<Vec<_>>().join("、") }
        }),
        {
            let i = i.clone();
            Column::new(i18n.t(&DURATION), move |c: &CourseSummary| {
                html! { duration(c.duration_seconds, i.lang) }
            })
        },
        Column::new(
            i18n.t(&REVISION),
            |c: &CourseSummary| html! { format!("v{}", c.revision_no) },
        ),
        {
            let i = i.clone();
            Column::new(i18n.t(&STATUS), move |c: &CourseSummary| {
                status_label(&i, c.status)
            })
        },
        {
            let i = i.clone();
            Column::new(i18n.t(&LISTING), move |c: &CourseSummary| {
                status_label(&i, c.listing)
            })
        },
        Column::new(
            i18n.t(&UPDATED),
            |c: &CourseSummary| html! { format_time(&c.updated_at) },
        ),
        Column::new(i18n.t(&texts::ACTIONS), move |c: &CourseSummary| {
            html! {
                <Link<Route> to={Route::Course { id: c.id }} class="pf-v6-c-button pf-m-link pf-m-inline">
                    { i.t(&REVIEW) }
                </Link<Route>>
            }
        }),
    ]
}
