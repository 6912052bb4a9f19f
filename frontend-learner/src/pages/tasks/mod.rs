//! `/learner/tasks`: 我的任务 (T-7.2.5d) — the active learning tasks of the trainee's classes, each
//! (`.zp-task`) with its name, class, deadline, the study hours required, the time credited so
//! far (in study hours of 45 minutes and minutes, live from the progress stream) and a progress
//! bar, then its courses with their chapters and coursewares.

mod course;

use frontend_kit::components::{ProgressBar, format_time};
use frontend_kit::format::{study_hours, study_percent, study_time};
use frontend_kit::learning::use_progress;
use frontend_kit::pages::{PageTitle, SectionCard};
use frontend_kit::prelude::*;
use shared_types::training::MyTask;
use yew::prelude::*;

use course::TaskCourse;

pub const TITLE: Text = Text::new("我的任务", "My tasks");
const EMPTY: Text = Text::new("暂无学习任务", "No learning tasks yet");
const CLASS: Text = Text::new("班级", "Class");
const DEADLINE: Text = Text::new("截止时间", "Deadline");
const REQUIRED: Text = Text::new("要求学时", "Required");
const CREDITED: Text = Text::new("已获学时", "Credited");
const PROGRESS: Text = Text::new("学习进度", "Progress");
const COURSES: Text = Text::new("课程", "Courses");

#[component]
pub fn MyTasks() -> Html {
    let i18n = use_i18n();
    let remote = use_remote((), |()| frontend_kit::api::my_tasks());
    let tasks = remote.data.clone().unwrap_or_default();
    html! {
        <>
            <PageTitle title={TITLE} />
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            if remote.loading && tasks.is_empty() {
                <Loading />
            } else if tasks.is_empty() {
                <p class="zp-muted" id="tasks-empty">{ i18n.t(&EMPTY) }</p>
            }
            { for tasks.iter().map(|t| html! { <TaskCard task={t.clone()} /> }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct TaskCardProps {
    task: MyTask,
}

#[component]
fn TaskCard(props: &TaskCardProps) -> Html {
    let i18n = use_i18n();
    let stream = use_progress();
    let t = &props.task;
    let streamed: f64 = t.courses.iter().map(|c| stream.course_credited(c)).sum();
    let credited = i64::from(t.credited_seconds).max(streamed.floor() as i64);
    html! {
        <div class="zp-task" id={format!("task-{}", t.id)}>
            <SectionCard id={format!("task-{}-card", t.id)} title={t.name.clone()}>
                <Facts>
                    { fact(i18n.t(&CLASS), html! { <span class="zp-task-class">{ &t.class_name }</span> }) }
                    { fact(i18n.t(&DEADLINE), html! { <span class="zp-task-deadline">{ format_time(&t.deadline) }</span> }) }
                    { fact(i18n.t(&REQUIRED), html! { <span class="zp-task-hours">{ study_hours(t.required_hours, i18n.lang) }</span> }) }
                    { fact(i18n.t(&CREDITED), html! { <span class="zp-task-credited">{ study_time(credited, i18n.lang) }</span> }) }
                </Facts>
                <ProgressBar id={format!("task-{}-progress", t.id)} caption={i18n.t(&PROGRESS)}
                    percent={study_percent(credited, t.required_hours)}
                    detail={AttrValue::from(format!("{} / {}", study_time(credited, i18n.lang), study_hours(t.required_hours, i18n.lang)))} />
                <h3 class="pf-v6-c-title pf-m-md zp-subhead">{ i18n.t(&COURSES) }</h3>
                <ul class="zp-task-courses">
                    { for t.courses.iter().map(|c| html! { <TaskCourse course={c.clone()} /> }) }
                </ul>
            </SectionCard>
        </div>
    }
}
