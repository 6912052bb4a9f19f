//! One course of a task as the trainee sees it: number, name, duration and time credited, then
//! its chapters with each courseware's kind, duration, whether it is required and whether it is
//! done (T-7.2.5d).

use frontend_kit::format::{duration, study_time};
use frontend_kit::prelude::*;
use shared_types::training::{MyCourseware, MyTaskCourse};
use yew::prelude::*;

const DURATION: Text = Text::new("时长 {0}", "{0} long");
const CREDITED: Text = Text::new("已获 {0}", "{0} credited");
const REQUIRED: Text = Text::new("必修", "Required");
const ELECTIVE: Text = Text::new("选修", "Elective");
const DONE: Text = Text::new("已完成", "Done");

#[derive(Properties, PartialEq)]
pub struct TaskCourseProps {
    pub course: MyTaskCourse,
}

#[component]
pub fn TaskCourse(props: &TaskCourseProps) -> Html {
    let i18n = use_i18n();
    let c = &props.course;
    let courseware = |w: &MyCourseware| {
        html! {
            <li class="zp-courseware" id={format!("courseware-{}", w.id)}>
                <span class="zp-courseware-title">{ &w.title }</span>
                <span class="zp-courseware-meta">
                    <Label text={i18n.t(&w.kind.text())} />
                    <Label text={i18n.t(if w.required { &REQUIRED } else { &ELECTIVE })} tone={if w.required { Tone::Blue } else { Tone::Grey }} />
                    <span class="zp-muted">{ duration(w.duration_seconds, i18n.lang) }</span>
                    if w.completed {
                        <Label text={i18n.t(&DONE)} tone={Tone::Green} icon="fa-check" />
                    } else if w.credited_seconds > 0 {
                        <span class="zp-muted">{ i18n.fmt(&CREDITED, &[&study_time(i64::from(w.credited_seconds), i18n.lang)]) }</span>
                    }
                </span>
            </li>
        }
    };
    html! {
        <li class="zp-task-course" id={format!("task-course-{}", c.course_id)}>
            <strong>{ &c.name }</strong>{ " " }<code class="zp-muted">{ &c.course_no }</code>
            <p class="zp-course-facts zp-muted">
                <span>{ i18n.fmt(&DURATION, &[&duration(c.duration_seconds, i18n.lang)]) }</span>
                <span>{ i18n.fmt(&CREDITED, &[&study_time(i64::from(c.credited_seconds), i18n.lang)]) }</span>
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
