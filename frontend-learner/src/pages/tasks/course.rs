//! One course of a task as the trainee sees it: number, name, duration and time credited, then
//! its chapters with each courseware's kind, duration, whether it is required, the time credited
//! (`#credited-<id>`, `data-seconds`) and whether it is done — live from the progress stream, so
//! another device's study shows within a moment — and the way to study it (`#study-<id>`)
//! (T-7.2.5d, Z-II.2).

use frontend_kit::format::{duration, study_time};
use frontend_kit::learning::use_progress;
use frontend_kit::prelude::*;
use shared_types::training::{MyCourseware, MyTaskCourse};
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

const DURATION: Text = Text::new("时长 {0}", "{0} long");
const CREDITED: Text = Text::new("已获 {0}", "{0} credited");
const REQUIRED: Text = Text::new("必修", "Required");
const ELECTIVE: Text = Text::new("选修", "Elective");
const DONE: Text = Text::new("已完成", "Done");
const STUDY: Text = Text::new("学习", "Study");
const CONTINUE: Text = Text::new("继续学习", "Continue");
const REVIEW: Text = Text::new("复习", "Review");

#[derive(Properties, PartialEq)]
pub struct TaskCourseProps {
    pub course: MyTaskCourse,
}

#[component]
pub fn TaskCourse(props: &TaskCourseProps) -> Html {
    let i18n = use_i18n();
    let stream = use_progress();
    let c = &props.course;
    let courseware = |w: &MyCourseware| {
        let credited = stream.credited(w.id, f64::from(w.credited_seconds));
        let done = stream.complete(w.id, w.completed);
        let whole = credited.max(0.0).floor() as i64;
        let action = match (done, whole > 0) {
            (true, _) => &REVIEW,
            (false, true) => &CONTINUE,
            (false, false) => &STUDY,
        };
        html! {
            <li class="zp-courseware" id={format!("courseware-{}", w.id)}>
                <span class="zp-courseware-title">{ &w.title }</span>
                <span class="zp-courseware-meta">
                    <Label text={i18n.t(&w.kind.text())} />
                    <Label text={i18n.t(if w.required { &REQUIRED } else { &ELECTIVE })} tone={if w.required { Tone::Blue } else { Tone::Grey }} />
                    <span class="zp-muted">{ duration(w.duration_seconds, i18n.lang) }</span>
                    <span class="zp-muted" id={format!("credited-{}", w.id)} data-seconds={whole.to_string()}
                        data-complete={done.to_string()}>
                        { i18n.fmt(&CREDITED, &[&study_time(whole, i18n.lang)]) }
                    </span>
                    if done {
                        <Label text={i18n.t(&DONE)} tone={Tone::Green} icon="fa-check" />
                    }
                    <Link<Route> id={format!("study-{}", w.id)} to={Route::Study { id: w.id }}
                        class={classes!("pf-v6-c-button", "pf-m-small", if done { "pf-m-secondary" } else { "pf-m-primary" })}>
                        <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-play" aria-hidden="true"></i></span>
                        <span class="pf-v6-c-button__text">{ i18n.t(action) }</span>
                    </Link<Route>>
                </span>
            </li>
        }
    };
    let course_credited = stream.course_credited(c).max(0.0).floor() as i64;
    html! {
        <li class="zp-task-course" id={format!("task-course-{}", c.course_id)}>
            <strong>{ &c.name }</strong>{ " " }<code class="zp-muted">{ &c.course_no }</code>
            <p class="zp-course-facts zp-muted">
                <span>{ i18n.fmt(&DURATION, &[&duration(c.duration_seconds, i18n.lang)]) }</span>
                <span class="zp-task-course-credited" data-seconds={course_credited.to_string()}>
                    { i18n.fmt(&CREDITED, &[&study_time(course_credited, i18n.lang)]) }
                </span>
            </p>
            <ul class="zp-chapters">
                { for c.chapters.iter().map(|ch| html! {
                    <li class="zp-chapter zp-task-chapter">
                        <div class="zp-chapter-title">{ &ch.title }</div>
                        <ul class="zp-coursewares">{ for ch.coursewares.iter().map(courseware) }</ul>
                    </li>
                }) }
            </ul>
        </li>
    }
}
