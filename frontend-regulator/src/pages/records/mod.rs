//! `/regulator/records`: 审核记录 — every course transition (who, when, what, opinion;
//! T-7.2.7k), filtered by kind, action, dates and course, paged; "导出 CSV" and "导出 Excel"
//! download every matching row with the same filters.

use chrono::NaiveDate;
use frontend_kit::components::DEFAULT_PER_PAGE;
use frontend_kit::components::history::history_columns;
use frontend_kit::prelude::*;
use shared_types::catalog::{CourseAction, CourseEvent, CourseKind};
use shared_types::review::{ExportFormat, ReviewRecordQuery};
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

pub const TITLE: Text = Text::new("审核记录", "Review records");
const COURSE: Text = Text::new("课程", "Course");
const KIND: Text = Text::new("课程类型", "Course kind");
const ACTION: Text = Text::new("操作", "Action");
const KEYWORD: Text = Text::new("课程", "Course");
const KEYWORD_HINT: Text = Text::new("课程名称或编号", "Course name or number");
const FROM: Text = Text::new("开始日期", "From");
const TO: Text = Text::new("结束日期", "To");
const EXPORT_CSV: Text = Text::new("导出 CSV", "Export CSV");
const EXPORT_XLSX: Text = Text::new("导出 Excel", "Export Excel");

/// The columns of a list of transitions; `with_course` adds the course (the records page) —
/// a course's own history leaves it out.
pub(crate) fn event_columns(i18n: &I18n, with_course: bool) -> Vec<Column<CourseEvent>> {
    let mut columns = history_columns(i18n);
    if with_course {
        let i = i18n.clone();
        columns.insert(
            1,
            Column::new(i18n.t(&COURSE), move |e: &CourseEvent| {
                html! {
                    <>
                        <Link<Route> to={Route::Course { id: e.course_id }}>{ &e.course_name }</Link<Route>>
                        <br /><code class="zp-muted">{ &e.course_no }</code>{ " " }
                        <span class="zp-muted">{ i.t(&e.kind.text()) }</span>
                    </>
                }
            }),
        );
    }
    columns
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

#[component]
pub fn Records() -> Html {
    let i18n = use_i18n();
    let kind = use_state(String::new);
    let action = use_state(String::new);
    let keyword = use_state(String::new);
    let from = use_state(String::new);
    let to = use_state(String::new);
    let query = use_state(|| ReviewRecordQuery {
        page: Some(1),
        per_page: Some(DEFAULT_PER_PAGE),
        ..Default::default()
    });
    let remote = use_remote((*query).clone(), |q| async move {
        frontend_kit::api::review_records(&q).await
    });
    let search = {
        let (kind, action, keyword, from, to, query) = (
            kind.clone(),
            action.clone(),
            keyword.clone(),
            from.clone(),
            to.clone(),
            query.clone(),
        );
        Callback::from(move |()| {
            query.set(ReviewRecordQuery {
                kind: CourseKind::from_code(&kind),
                action: CourseAction::from_code(&action),
                q: Some(keyword.trim().to_owned()).filter(|s| !s.is_empty()),
                from: date(&from),
                to: date(&to),
                page: Some(1),
                ..(*query).clone()
            });
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |(page, per_page): (u32, u32)| {
            query.set(ReviewRecordQuery {
                page: Some(page),
                per_page: Some(per_page),
                ..(*query).clone()
            });
        })
    };
    // The links export what the table shows: the filters last searched for.
    let export = |format: ExportFormat, id: &str, label: &Text, icon: &str| {
        html! {
            <a id={id.to_owned()} class="pf-v6-c-button pf-m-secondary" download=""
                href={frontend_kit::api::review_records_export_url(&query, format)}>
                <span class="pf-v6-c-button__icon pf-m-start"><i class={classes!("fas", icon.to_owned())} aria-hidden="true"></i></span>
                <span class="pf-v6-c-button__text">{ i18n.t(label) }</span>
            </a>
        }
    };
    let kinds = [CourseKind::Own, CourseKind::Offline, CourseKind::Vod];
    html! {
        <>
            <frontend_kit::pages::PageTitle title={TITLE}>
                <div class="zp-row-actions">
                    { export(ExportFormat::Csv, "export-csv", &EXPORT_CSV, "fa-file-csv") }
                    { export(ExportFormat::Xlsx, "export-xlsx", &EXPORT_XLSX, "fa-file-excel") }
                </div>
            </frontend_kit::pages::PageTitle>
            <form class="pf-v6-c-form zp-toolbar" novalidate=true onsubmit={on_submit(search)}>
                <SelectField id="filter-kind" label={i18n.t(&KIND)} value={(*kind).clone()}
                    options={choices(&i18n, kinds, Some(&texts::ALL))} onchange={bind(&kind)} />
                <SelectField id="filter-action" label={i18n.t(&ACTION)} value={(*action).clone()}
                    options={choices(&i18n, CourseAction::ALL, Some(&texts::ALL))} onchange={bind(&action)} />
                <TextField id="filter-q" label={i18n.t(&KEYWORD)} value={(*keyword).clone()} oninput={bind(&keyword)}
                    placeholder={AttrValue::from(i18n.t(&KEYWORD_HINT))} />
                <TextField id="filter-from" label={i18n.t(&FROM)} input_type="date" value={(*from).clone()} oninput={bind(&from)} />
                <TextField id="filter-to" label={i18n.t(&TO)} input_type="date" value={(*to).clone()} oninput={bind(&to)} />
                <div class="pf-v6-c-form__group pf-m-action">
                    <SubmitButton id="search" label={i18n.t(&texts::SEARCH)} />
                </div>
            </form>
            <PagedTable<CourseEvent> id="records-table" caption={i18n.t(&TITLE)} columns={event_columns(&i18n, true)}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
        </>
    }
}
