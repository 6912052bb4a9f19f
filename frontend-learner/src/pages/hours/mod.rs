//! `/learner/hours`: 我的学时 (Z-III.5) — the credited study time in study hours of the site's
//! length and minutes: overall, today against the daily cap, and by day, course, task and class
//! (`GET /api/v1/me/study-hours`). It loads again when the progress stream reports another
//! credited minute.

use frontend_kit::format::study_time_of;
use frontend_kit::learning::use_progress;
use frontend_kit::pages::{PageTitle, SectionCard};
use frontend_kit::prelude::*;
use shared_types::learning::{DayStudy, NamedStudy, StudyHours, StudyTime};
use yew::prelude::*;

pub const TITLE: Text = Text::new("我的学时", "My study hours");
const SUMMARY: Text = Text::new("学时概览", "Overview");
const TOTAL: Text = Text::new("累计学时", "Total");
const TODAY: Text = Text::new("今日学时", "Today");
const CAP: Text = Text::new("每日上限", "Daily cap");
const HOUR_LENGTH: Text = Text::new("1 学时 = {0} 分钟", "1 study hour = {0} minutes");
const SECTIONS: Text = Text::new("学时明细", "Details");
const BY_DAY: Text = Text::new("按日", "By day");
const BY_COURSE: Text = Text::new("按课程", "By course");
const BY_TASK: Text = Text::new("按任务", "By task");
const BY_CLASS: Text = Text::new("按班级", "By class");
const DAY: Text = Text::new("日期", "Day");
const NAME: Text = Text::new("名称", "Name");
const TIME: Text = Text::new("学时", "Study time");

fn time_cell(i18n: &I18n, t: &StudyTime) -> Html {
    html! { <span class="zp-study-time" data-seconds={t.seconds.to_string()}>{ study_time_of(t, i18n.lang) }</span> }
}

fn named_columns(i18n: &I18n) -> Vec<Column<NamedStudy>> {
    let i = i18n.clone();
    vec![
        Column::new(i18n.t(&NAME), |n: &NamedStudy| html! { &n.name }),
        Column::new(i18n.t(&TIME), move |n: &NamedStudy| time_cell(&i, &n.time)),
    ]
}

fn day_columns(i18n: &I18n) -> Vec<Column<DayStudy>> {
    let i = i18n.clone();
    vec![
        Column::new(
            i18n.t(&DAY),
            |d: &DayStudy| html! { d.day.format("%Y-%m-%d").to_string() },
        ),
        Column::new(i18n.t(&TIME), move |d: &DayStudy| time_cell(&i, &d.time)),
    ]
}

#[component]
pub fn StudyHoursPage() -> Html {
    let i18n = use_i18n();
    let stream = use_progress();
    let minute = stream
        .today_credited_seconds
        .map(|s| (s / 60.0).floor() as i64);
    let remote = use_remote(minute, |_| frontend_kit::api::my_study_hours());
    html! {
        <>
            <PageTitle title={TITLE} />
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            { match &remote.data {
                Some(hours) => html! { <Hours hours={hours.clone()} /> },
                None if remote.loading => html! { <Loading /> },
                None => html! {},
            } }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct HoursProps {
    hours: std::rc::Rc<StudyHours>,
}

#[component]
fn Hours(props: &HoursProps) -> Html {
    let i18n = use_i18n();
    let tab = use_state_eq(|| "days");
    let onselect = {
        let tab = tab.clone();
        Callback::from(move |key: &'static str| tab.set(key))
    };
    let h = &props.hours;
    let cap = StudyTime::of(h.daily_cap_seconds, h.study_hour_minutes);
    let named = |id: &'static str, caption: &Text, rows: &[NamedStudy]| {
        html! {
            <DataTable<NamedStudy> {id} caption={i18n.t(caption)} columns={named_columns(&i18n)}
                rows={std::rc::Rc::new(rows.to_vec())} />
        }
    };
    let panel = match *tab {
        "courses" => named("hours-courses", &BY_COURSE, &h.courses),
        "tasks" => named("hours-tasks", &BY_TASK, &h.tasks),
        "classes" => named("hours-classes", &BY_CLASS, &h.classes),
        _ => html! {
            <DataTable<DayStudy> id="hours-days" caption={i18n.t(&BY_DAY)} columns={day_columns(&i18n)}
                rows={std::rc::Rc::new(h.days.clone())} />
        },
    };
    html! {
        <>
            <SectionCard id="hours-summary" title={i18n.t(&SUMMARY)}>
                <Facts>
                    { fact(i18n.t(&TOTAL), html! { <strong id="hours-total">{ time_cell(&i18n, &h.total) }</strong> }) }
                    { fact(i18n.t(&TODAY), html! { <span id="hours-today">{ time_cell(&i18n, &h.today) }</span> }) }
                    { fact(i18n.t(&CAP), html! { <span id="hours-cap">{ time_cell(&i18n, &cap) }</span> }) }
                </Facts>
                <p class="zp-muted zp-helper">{ i18n.fmt(&HOUR_LENGTH, &[&h.study_hour_minutes.to_string()]) }</p>
            </SectionCard>
            <Tabs label={SECTIONS} tabs={vec![("days", BY_DAY), ("courses", BY_COURSE), ("tasks", BY_TASK), ("classes", BY_CLASS)]}
                selected={*tab} {onselect} />
            <div role="tabpanel" aria-labelledby={format!("tab-{}", *tab)}>{ panel }</div>
        </>
    }
}
