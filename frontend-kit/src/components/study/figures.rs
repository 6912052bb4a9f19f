//! The figures the study page always shows (Z-III.5): today's credited time and what the daily
//! cap still allows, this courseware's credited time, and the course's progress — in study hours
//! of the site's length and minutes, live as heartbeats are answered and as the progress stream
//! reports other devices.

use shared_types::learning::PlaySession;
use shared_types::training::MyTaskCourse;
use yew::prelude::*;

use crate::components::{Label, ProgressBar, Tone, use_remote};
use crate::format::{clock, duration, percent, study_seconds};
use crate::i18n::{Text, use_i18n};
use crate::learning::use_progress;

const TODAY: Text = Text::new("今日已学", "Credited today");
const REMAINING: Text = Text::new("今日还可学", "Left today");
const COURSEWARE: Text = Text::new("本课件已学", "This courseware");
const COURSE: Text = Text::new("课程进度：{0}", "Course progress: {0}");
const DONE: Text = Text::new("已学完", "Complete");

#[derive(Properties, PartialEq)]
pub struct FiguresProps {
    pub session: std::rc::Rc<PlaySession>,
    pub today_credited: f64,
    pub today_remaining: f64,
    pub courseware_credited: f64,
    pub complete: bool,
}

/// One figure: its label, the time in study hours and minutes (`data-seconds`: whole seconds),
/// and the exact clock time under it (a short stretch shows before it makes a minute).
fn figure(id: &'static str, label: &str, seconds: f64, text: String, extra: Html) -> Html {
    html! {
        <div class="zp-study-figure">
            <span class="zp-study-figure-label">{ label.to_owned() }</span>
            <strong id={id} data-seconds={format!("{:.0}", seconds.max(0.0).floor())}>{ text }</strong>
            <span class="zp-study-figure-exact">{ clock(seconds) }{ extra }</span>
        </div>
    }
}

#[component]
pub fn Figures(props: &FiguresProps) -> Html {
    let i18n = use_i18n();
    let s = &props.session;
    let minutes = s.study_hour_minutes;
    let time = |seconds: f64| study_seconds(seconds, minutes, i18n.lang);
    let done = if props.complete {
        html! { <Label text={i18n.t(&DONE)} tone={Tone::Green} icon="fa-check" /> }
    } else {
        html! {}
    };
    html! {
        <div class="zp-study-figures" id="study-figures">
            <div class="zp-study-figure-row">
                { figure("today-credited", i18n.t(&TODAY), props.today_credited, time(props.today_credited), html! {}) }
                { figure("today-remaining", i18n.t(&REMAINING), props.today_remaining, time(props.today_remaining), html! {}) }
                { figure("courseware-credited", i18n.t(&COURSEWARE), props.courseware_credited, time(props.courseware_credited), done) }
            </div>
            <CourseProgress session={s.clone()} courseware_credited={props.courseware_credited} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CourseProgressProps {
    session: std::rc::Rc<PlaySession>,
    courseware_credited: f64,
}

/// The course's credited time against its length, from the learner's tasks and what was
/// streamed since (this courseware: the player's own, freshest figure).
#[component]
fn CourseProgress(props: &CourseProgressProps) -> Html {
    let i18n = use_i18n();
    let stream = use_progress();
    let tasks = use_remote((), |()| crate::api::my_tasks());
    let s = &props.session;
    let course: Option<MyTaskCourse> = tasks.data.as_ref().and_then(|tasks| {
        tasks
            .iter()
            .flat_map(|t| t.courses.iter())
            .find(|c| c.course_id == s.course_id)
            .cloned()
    });
    let Some(course) = course else {
        return html! {};
    };
    let credited: f64 = course
        .chapters
        .iter()
        .flat_map(|ch| ch.coursewares.iter())
        .map(|w| {
            let known = stream.credited(w.id, f64::from(w.credited_seconds));
            if w.id == s.courseware_id {
                known.max(props.courseware_credited)
            } else {
                known
            }
        })
        .sum();
    let whole = |x: f64| x.max(0.0).floor() as i64;
    // Against the course's length: a duration reads better than study hours here.
    let time = duration(
        i32::try_from(whole(credited)).unwrap_or(i32::MAX),
        i18n.lang,
    );
    let total = duration(course.duration_seconds, i18n.lang);
    html! {
        <ProgressBar id="course-progress" caption={AttrValue::from(i18n.fmt(&COURSE, &[&course.name]))}
            percent={percent(whole(credited), i64::from(course.duration_seconds))}
            detail={AttrValue::from(format!("{time} / {total}"))} />
    }
}
