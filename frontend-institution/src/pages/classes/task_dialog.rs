//! Publishing a learning task to an approved class: name (`#task-name`), its courses
//! (`#task-course-<course_id>`: on-demand courses the institution holds seats of, with the seats
//! left, and its own published courses, which need none), the deadline (`#task-deadline`, the end
//! of that day in Asia/Shanghai) and the study hours required (`#task-hours`). Publishing uses one
//! seat per trainee and bought course; the server refuses (409) when seats are short and names
//! the course (T-7.2.5d).

use frontend_kit::components::form::{check_required, parse_field};
use frontend_kit::components::toggled;
use frontend_kit::dates::{end_of_day_in_shanghai, parse_date};
use frontend_kit::prelude::*;
use shared_types::training::TaskInput;
use uuid::Uuid;
use yew::prelude::*;

use crate::pages::inventory::usable_courses;

const TITLE: Text = Text::new("发布学习任务", "Publish a learning task");
const NAME: Text = Text::new("任务名称", "Task name");
const COURSES: Text = Text::new("课程", "Courses");
const PICK_COURSE: Text = Text::new("请至少选择一门课程", "Pick at least one course");
const NO_COURSES: Text = Text::new(
    "暂无可用课程：请先在课程超市购买席位，或发布本机构的课程。",
    "No course available: buy seats in the shop, or publish a course of your own.",
);
const DEADLINE: Text = Text::new("截止日期", "Deadline");
const DEADLINE_HINT: Text = Text::new(
    "当天 24 时（北京时间）截止",
    "Ends at midnight that day (Beijing time)",
);
const BAD_DATE: Text = Text::new("请选择日期", "Pick a date");
const HOURS: Text = Text::new("要求学时", "Required study hours");
const HOURS_HINT: Text = Text::new(
    "1 学时 = 45 分钟，可保留一位小数",
    "1 study hour = 45 minutes; one decimal",
);
const BAD_HOURS: Text = Text::new("请输入大于 0 的数字", "Enter a number above 0");
const PUBLISH: Text = Text::new("发布", "Publish");

#[derive(Properties, PartialEq)]
pub struct TaskDialogProps {
    pub class_id: Uuid,
    pub on_done: Callback<bool>,
}

#[component]
pub fn TaskDialog(props: &TaskDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let courses = use_remote(i18n.clone(), usable_courses);
    let name = use_state(String::new);
    let picked = use_state(Vec::<Uuid>::new);
    let deadline = use_state(String::new);
    let hours = use_state(String::new);
    let name_error = check_required(&name);
    let courses_error = picked.is_empty().then_some(PICK_COURSE);
    let deadline_at = parse_date(&deadline).and_then(end_of_day_in_shanghai);
    let deadline_error = deadline_at.is_none().then_some(BAD_DATE);
    let hours_value = parse_field::<f64>(&hours, BAD_HOURS).and_then(|h| {
        if h > 0.0 {
            Ok((h * 10.0).round() / 10.0)
        } else {
            Err(BAD_HOURS)
        }
    });
    let invalid = [name_error, courses_error, deadline_error, hours_value.err()]
        .iter()
        .any(Option::is_some);
    let onsubmit = {
        let req = TaskInput {
            name: name.trim().to_owned(),
            course_ids: (*picked).clone(),
            deadline: deadline_at.unwrap_or_default(),
            required_hours: hours_value.unwrap_or_default(),
        };
        let class_id = props.class_id;
        submit.for_dialog(invalid, req, &props.on_done, move |req| async move {
            frontend_kit::api::create_task(class_id, &req).await
        })
    };
    let toggle = |id: Uuid| {
        let picked = picked.clone();
        Callback::from(move |on: bool| picked.set(toggled(&picked, id, on)))
    };
    let listed = courses.data.clone().unwrap_or_default();
    let err = |field: &str, problem: Option<Text>| submit.field_error(&i18n, field, problem);
    let on_close = props.on_done.reform(|()| false);
    html! {
        <FormDialog id="task-dialog" title={i18n.t(&TITLE)} label={i18n.t(&PUBLISH)} busy={submit.busy()}
            error={submit.form_error(&i18n).or_else(|| courses.error.as_ref().map(|e| AttrValue::from(i18n.error(e))))}
            {onsubmit} onclose={on_close}>
            <TextField id="task-name" label={i18n.t(&NAME)} required=true maxlength="100"
                value={(*name).clone()} oninput={bind(&name)} error={err("name", name_error)} />
            <fieldset class="pf-v6-c-form__group" id="task-courses">
                <legend class="pf-v6-c-form__group-label">
                    <span class="pf-v6-c-form__label"><span class="pf-v6-c-form__label-text">{ i18n.t(&COURSES) }</span></span>
                </legend>
                if !courses.loading && listed.is_empty() {
                    <p class="zp-muted">{ i18n.t(&NO_COURSES) }</p>
                }
                { for listed.iter().map(|c| html! {
                    <CheckField id={format!("task-course-{}", c.id)} label={c.label.clone()} checked={picked.contains(&c.id)}
                        onchange={toggle(c.id)} description={Some(AttrValue::from(c.note.clone()))} />
                }) }
                if let Some(message) = err("course_ids", courses_error) {
                    <p class="zp-badge-off" role="alert">{ message }</p>
                }
            </fieldset>
            <TextField id="task-deadline" label={i18n.t(&DEADLINE)} input_type="date" required=true
                helper={AttrValue::from(i18n.t(&DEADLINE_HINT))}
                value={(*deadline).clone()} oninput={bind(&deadline)} error={err("deadline", deadline_error)} />
            <TextField id="task-hours" label={i18n.t(&HOURS)} input_type="number" inputmode="decimal" min="0.1" step="0.1"
                required=true helper={AttrValue::from(i18n.t(&HOURS_HINT))}
                value={(*hours).clone()} oninput={bind(&hours)} error={err("required_hours", hours_value.err())} />
        </FormDialog>
    }
}
