//! The columns of the training lists the apps share: projects, classes, a class's trainees, its
//! tasks and its history. Pages add their own action columns (T-7.2.5d, T-7.2.7h).

use shared_types::training::{ClassEvent, ClassSummary, ClassTrainee, Project, Task};
use uuid::Uuid;
use yew::prelude::*;
use yew_nested_router::components::Link;
use yew_nested_router::prelude::Target;

use super::policy::policy_summary;
use crate::components::label::Toned;
use crate::components::{Column, format_time, or_dash, status_label};
use crate::format::{study_hours, study_time_of};
use crate::i18n::{I18n, Labelled, Text, texts};

const CODE: Text = Text::new("编号", "Number");
const PROJECT: Text = Text::new("培训项目", "Project");
const CLASS: Text = Text::new("班级", "Class");
const INSTITUTION: Text = Text::new("机构", "Institution");
const TRAINING_TYPE: Text = Text::new("培训类型", "Training type");
const PERIOD: Text = Text::new("起止日期", "Period");
const POLICY: Text = Text::new("培训政策", "Policy");
const STATUS: Text = Text::new("状态", "Status");
const CLASSES: Text = Text::new("已开班级", "Classes");
const MODE: Text = Text::new("培训方式", "Mode");
const TRAINEES: Text = Text::new("学员/容量", "Trainees / capacity");
const SUBMITTED: Text = Text::new("申请时间", "Submitted");
const NAME: Text = Text::new("姓名", "Name");
const ID_CARD: Text = Text::new("身份证号", "ID card");
const TRAINEE_TYPE: Text = Text::new("学员类型", "Trainee type");
const ENTERPRISE: Text = Text::new("所属企业", "Enterprise");
const EDUCATION: Text = Text::new("文化程度", "Education");
const SIGNED_IN: Text = Text::new("已登录", "Signed in");
const STUDIED: Text = Text::new("已学学时", "Studied");
const NEVER_SIGNED_IN: Text = Text::new("未登录", "Not yet");
const STARTED: Text = Text::new("已开始学习", "Studying");
const TASK: Text = Text::new("任务名称", "Task");
const COURSES: Text = Text::new("课程", "Courses");
const DEADLINE: Text = Text::new("截止时间", "Deadline");
const HOURS: Text = Text::new("要求学时", "Required hours");
const TIME: Text = Text::new("时间", "Time");
const ACTION: Text = Text::new("操作", "Action");
const ACTOR: Text = Text::new("操作人", "By");
const NOTE: Text = Text::new("说明", "Note");

/// A status label, with "studying" beside it once trainees have study records.
fn status_and_start(i18n: &I18n, status: impl Toned, started: bool) -> Html {
    html! {
        <span class="zp-labels">
            { status_label(i18n, status) }
            if started { <span class="zp-muted">{ i18n.t(&STARTED) }</span> }
        </span>
    }
}

/// `2026-12-01 ~ 2027-12-31`, free to break after the tilde only: a squeezed column then takes
/// two lines instead of pushing the names beside it into four.
fn period_cell(from: chrono::NaiveDate, to: chrono::NaiveDate) -> Html {
    html! {
        // One element: in a row stacked at phone width each child of a cell takes its own line.
        <span><span class="zp-nowrap">{ format!("{from} ~") }</span>{ " " }<span class="zp-nowrap">{ to.to_string() }</span></span>
    }
}

fn type_label(i18n: &I18n) -> impl Fn(shared_types::catalog::TrainingType) -> Html + use<> {
    let i18n = i18n.clone();
    move |t| html! { i18n.t(&t.text()) }
}

/// Number, name, type, period, policy, status and approved classes.
pub fn project_columns(i18n: &I18n) -> Vec<Column<Project>> {
    let (t, i1, i2) = (type_label(i18n), i18n.clone(), i18n.clone());
    vec![
        Column::new(
            i18n.t(&CODE),
            |p: &Project| html! { <code>{ &p.code }</code> },
        ),
        Column::new(
            i18n.t(&PROJECT),
            |p: &Project| html! { <strong>{ &p.name }</strong> },
        ),
        Column::new(
            i18n.t(&TRAINING_TYPE),
            move |p: &Project| t(p.training_type),
        ),
        Column::new(i18n.t(&PERIOD), |p: &Project| {
            period_cell(p.starts_on, p.ends_on)
        }),
        Column::new(
            i18n.t(&POLICY),
            move |p: &Project| html! { policy_summary(&i1, &p.policy) },
        ),
        Column::new(i18n.t(&STATUS), move |p: &Project| {
            status_label(&i2, p.status)
        }),
        Column::new(
            i18n.t(&CLASSES),
            |p: &Project| html! { p.class_count.to_string() },
        ),
    ]
}

/// An app's route to one class's page.
pub trait ClassRoute: Target + 'static {
    fn class(id: Uuid) -> Self;
}

/// Number, name (a link to the class's page), the institution (regulator lists), project, type,
/// mode, period, trainees, status and when it was submitted.
pub fn class_columns<R: ClassRoute>(
    i18n: &I18n,
    with_institution: bool,
) -> Vec<Column<ClassSummary>> {
    let (t, i1, i2) = (type_label(i18n), i18n.clone(), i18n.clone());
    let mut columns = vec![
        Column::new(
            i18n.t(&CODE),
            |c: &ClassSummary| html! { <code>{ &c.class_no }</code> },
        ),
        Column::new(i18n.t(&CLASS), move |c: &ClassSummary| {
            html! { <Link<R> to={R::class(c.id)}>{ &c.name }</Link<R>> }
        }),
        Column::new(
            i18n.t(&PROJECT),
            |c: &ClassSummary| html! { &c.project_name },
        ),
        Column::new(i18n.t(&TRAINING_TYPE), move |c: &ClassSummary| {
            t(c.training_type)
        }),
        Column::new(
            i18n.t(&MODE),
            move |c: &ClassSummary| html! { i1.t(&c.mode.text()) },
        ),
        Column::new(i18n.t(&PERIOD), |c: &ClassSummary| {
            period_cell(c.starts_on, c.ends_on)
        }),
        Column::new(i18n.t(&TRAINEES), |c: &ClassSummary| {
            html! { format!("{} / {}", c.trainee_count, c.capacity) }
        }),
        Column::new(i18n.t(&STATUS), move |c: &ClassSummary| {
            status_label(&i2, c.status)
        }),
        Column::new(i18n.t(&SUBMITTED), |c: &ClassSummary| {
            html! { <span class="zp-nowrap">{ or_dash(c.submitted_at.as_ref().map(format_time).unwrap_or_default()) }</span> }
        }),
    ];
    if with_institution {
        columns.insert(
            2,
            Column::new(
                i18n.t(&INSTITUTION),
                |c: &ClassSummary| html! { &c.institution_name },
            ),
        );
    }
    columns
}

/// Name, masked ID card and phone, type, enterprise, education, status, the study time credited
/// in the class and whether they have signed in.
pub fn trainee_columns(i18n: &I18n) -> Vec<Column<ClassTrainee>> {
    let (i1, i2, i3) = (i18n.clone(), i18n.clone(), i18n.clone());
    let lang = i18n.lang;
    let named = |r: &Option<shared_types::training::NamedRef>| {
        or_dash(r.as_ref().map(|r| r.name.clone()).unwrap_or_default())
    };
    vec![
        Column::new(
            i18n.t(&NAME),
            |t: &ClassTrainee| html! { <strong class="zp-nowrap">{ &t.name }</strong> },
        ),
        Column::new(
            i18n.t(&ID_CARD),
            |t: &ClassTrainee| html! { <code class="zp-nowrap">{ &t.id_card_masked }</code> },
        ),
        Column::new(
            i18n.t(&texts::PHONE),
            |t: &ClassTrainee| html! { <span class="zp-nowrap">{ &t.phone_masked }</span> },
        ),
        Column::new(i18n.t(&TRAINEE_TYPE), move |t: &ClassTrainee| {
            named(&t.trainee_type)
        }),
        Column::new(i18n.t(&ENTERPRISE), move |t: &ClassTrainee| {
            named(&t.enterprise)
        }),
        Column::new(
            i18n.t(&EDUCATION),
            move |t: &ClassTrainee| html! { i1.t(&t.education.text()) },
        ),
        Column::new(i18n.t(&STATUS), move |t: &ClassTrainee| {
            status_and_start(&i2, t.status, t.started)
        }),
        Column::new(i18n.t(&STUDIED), move |t: &ClassTrainee| {
            html! { <span class="zp-nowrap">{ study_time_of(&t.studied, lang) }</span> }
        }),
        Column::new(i18n.t(&SIGNED_IN), move |t: &ClassTrainee| {
            html! { i3.t(if t.signed_in { &SIGNED_IN } else { &NEVER_SIGNED_IN }) }
        }),
    ]
}

/// Name, courses, deadline, required hours and status.
pub fn task_columns(i18n: &I18n) -> Vec<Column<Task>> {
    let (i1, i2) = (i18n.clone(), i18n.clone());
    vec![
        Column::new(
            i18n.t(&TASK),
            |t: &Task| html! { <strong>{ &t.name }</strong> },
        ),
        Column::new(i18n.t(&COURSES), |t: &Task| {
            html! {
                <ul class="zp-plain-list">
                    { for t.courses.iter().map(|c| html! { <li>{ &c.name }{ " " }<code class="zp-muted">{ &c.course_no }</code></li> }) }
                </ul>
            }
        }),
        Column::new(i18n.t(&DEADLINE), |t: &Task| {
            html! { <span class="zp-nowrap">{ format_time(&t.deadline) }</span> }
        }),
        Column::new(
            i18n.t(&HOURS),
            move |t: &Task| html! { study_hours(t.required_hours, i1.lang) },
        ),
        Column::new(i18n.t(&STATUS), move |t: &Task| {
            status_and_start(&i2, t.status, t.started)
        }),
    ]
}

/// Time, action, actor and note of each step of a class's history.
pub fn class_event_columns(i18n: &I18n) -> Vec<Column<ClassEvent>> {
    let i1 = i18n.clone();
    vec![
        Column::new(i18n.t(&TIME), |e: &ClassEvent| {
            html! { <span class="zp-nowrap">{ format_time(&e.at) }</span> }
        }),
        Column::new(
            i18n.t(&ACTION),
            move |e: &ClassEvent| html! { i1.t(&e.action.text()) },
        ),
        Column::new(i18n.t(&ACTOR), |e: &ClassEvent| html! { &e.actor_name }),
        Column::new(i18n.t(&NOTE), |e: &ClassEvent| {
            html! { <span class="zp-prewrap">{ or_dash(e.note.clone()) }</span> }
        }),
    ]
}
