//! `/institution/courses`: 课程管理 — the institution's own courses (Z-III.3) with their review
//! state, filtered by kind, status and keyword; "新建课程" creates one and opens its editor.

mod create;
mod editor;
mod fields;
mod outline;
mod outline_dialogs;
mod subtitles;

use frontend_kit::components::{DEFAULT_PER_PAGE, format_time};
use frontend_kit::format::duration;
use frontend_kit::prelude::*;
use shared_types::catalog::{CourseKind, CourseQuery, CourseSummary, Listing, RevisionStatus};
use yew::prelude::*;
use yew_nested_router::components::Link;

pub use editor::CourseEditor;

use crate::app::Route;

pub const TITLE: Text = Text::new("课程管理", "Courses");
const NEW_COURSE: Text = Text::new("新建课程", "New course");
const KIND: Text = Text::new("课程类型", "Course kind");
const STATUS: Text = Text::new("审核状态", "Review status");
const LISTING: Text = Text::new("上架状态", "Listing");
const KEYWORD: Text = Text::new("关键字", "Keyword");
const KEYWORD_HINT: Text = Text::new("课程名称或编号", "Course name or number");
const COURSE_NO: Text = Text::new("课程编号", "Course number");
const NAME: Text = Text::new("课程名称", "Course name");
const TRAINING_TYPE: Text = Text::new("培训类型", "Training type");
const DURATION: Text = Text::new("时长", "Duration");
const UPDATED: Text = Text::new("更新时间", "Updated");
const EDIT: Text = Text::new("编辑", "Edit");

/// The kinds an institution creates (live courses come later).
pub const AUTHORED_KINDS: [CourseKind; 3] = [CourseKind::Own, CourseKind::Offline, CourseKind::Vod];

#[component]
pub fn Courses() -> Html {
    let i18n = use_i18n();
    let kind = use_state(String::new);
    let status = use_state(String::new);
    let listing = use_state(String::new);
    let keyword = use_state(String::new);
    let creating = use_state_eq(|| false);
    let query = use_state(|| CourseQuery {
        page: Some(1),
        per_page: Some(DEFAULT_PER_PAGE),
        ..Default::default()
    });
    let remote = use_remote((*query).clone(), |q| async move {
        frontend_kit::api::list_courses(&q).await
    });
    let search = {
        let (kind, status, listing, keyword, query) = (
            kind.clone(),
            status.clone(),
            listing.clone(),
            keyword.clone(),
            query.clone(),
        );
        Callback::from(move |()| {
            query.set(CourseQuery {
                kind: CourseKind::from_code(&kind),
                status: RevisionStatus::from_code(&status),
                listing: Listing::from_code(&listing),
                q: Some(keyword.trim().to_owned()).filter(|s| !s.is_empty()),
                page: Some(1),
                per_page: query.per_page,
            });
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |(page, per_page): (u32, u32)| {
            query.set(CourseQuery {
                page: Some(page),
                per_page: Some(per_page),
                ..(*query).clone()
            });
        })
    };
    let open_create = {
        let creating = creating.clone();
        Callback::from(move |_: MouseEvent| creating.set(true))
    };
    let close_create = {
        let creating = creating.clone();
        Callback::from(move |()| creating.set(false))
    };

    html! {
        <>
            <frontend_kit::pages::PageTitle title={TITLE}>
                <button id="new-course" type="button" class="pf-v6-c-button pf-m-primary" onclick={open_create}>
                    <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-plus" aria-hidden="true"></i></span>
                    <span class="pf-v6-c-button__text">{ i18n.t(&NEW_COURSE) }</span>
                </button>
            </frontend_kit::pages::PageTitle>
            <form class="pf-v6-c-form zp-toolbar" novalidate=true onsubmit={on_submit(search)}>
                <SelectField id="filter-kind" label={i18n.t(&KIND)} value={(*kind).clone()}
                    options={choices(&i18n, AUTHORED_KINDS, Some(&texts::ALL))} onchange={bind(&kind)} />
                <SelectField id="filter-status" label={i18n.t(&STATUS)} value={(*status).clone()}
                    options={choices(&i18n, RevisionStatus::ALL, Some(&texts::ALL))} onchange={bind(&status)} />
                <SelectField id="filter-listing" label={i18n.t(&LISTING)} value={(*listing).clone()}
                    options={choices(&i18n, Listing::ALL, Some(&texts::ALL))} onchange={bind(&listing)} />
                <TextField id="filter-q" label={i18n.t(&KEYWORD)} value={(*keyword).clone()} oninput={bind(&keyword)}
                    placeholder={AttrValue::from(i18n.t(&KEYWORD_HINT))} />
                <div class="pf-v6-c-form__group pf-m-action">
                    <SubmitButton id="search" label={i18n.t(&texts::SEARCH)} />
                </div>
            </form>
            <PagedTable<CourseSummary> id="courses-table" caption={i18n.t(&TITLE)} columns={columns(&i18n)}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
            if *creating {
                <create::CreateCourseDialog on_close={close_create} />
            }
        </>
    }
}

fn columns(i18n: &I18n) -> Vec<Column<CourseSummary>> {
    let (i1, i2, i3, i4, i5) = (
        i18n.clone(),
        i18n.clone(),
        i18n.clone(),
        i18n.clone(),
        i18n.clone(),
    );
    vec![
        Column::new(
            i18n.t(&COURSE_NO),
            |c: &CourseSummary| html! { <code>{ &c.course_no }</code> },
        ),
        Column::new(i18n.t(&NAME), |c: &CourseSummary| {
            html! { <Link<Route> to={Route::Course { id: c.id }}>{ &c.name }</Link<Route>> }
        }),
        Column::new(i18n.t(&KIND), move |c: &CourseSummary| {
            html! { i1.t(&c.kind.text()) }
        }),
        Column::new(i18n.t(&TRAINING_TYPE), move |c: &CourseSummary| {
            html! { i2.t(&c.training_type.text()) }
        }),
        Column::new(i18n.t(&DURATION), move |c: &CourseSummary| {
            html! { duration(c.duration_seconds, i3.lang) }
        }),
        Column::new(i18n.t(&STATUS), move |c: &CourseSummary| {
            html! { <>{ status_label(&i4, c.status) }<span class="zp-muted">{ format!(" v{}", c.revision_no) }</span></> }
        }),
        Column::new(i18n.t(&LISTING), move |c: &CourseSummary| {
            status_label(&i5, c.listing)
        }),
        Column::new(
            i18n.t(&UPDATED),
            |c: &CourseSummary| html! { format_time(&c.updated_at) },
        ),
        Column::new(i18n.t(&texts::ACTIONS), {
            let i = i18n.clone();
            move |c: &CourseSummary| {
                html! {
                    <Link<Route> to={Route::Course { id: c.id }} class="pf-v6-c-button pf-m-link pf-m-inline">
                        { i.t(&EDIT) }
                    </Link<Route>>
                }
            }
        }),
    ]
}
