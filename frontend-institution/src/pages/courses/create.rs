//! "新建课程": the kind, name and training type a course starts with (its number is assigned
//! from the category); everything else is filled in on the editor it opens.

use frontend_kit::components::form::check_required;
use frontend_kit::prelude::*;
use shared_types::catalog::{CourseFields, CourseKind, CreateCourseRequest, TrainingType};
use yew::prelude::*;

use super::AUTHORED_KINDS;
use super::fields::{NAME, TRAINING_TYPE, TYPE_HINT};
use crate::app::Route;

const TITLE: Text = Text::new("新建课程", "New course");
const KIND: Text = Text::new("课程类型", "Course kind");
const KIND_HINT: Text = Text::new(
    "自有课供本机构学员学习；线下课在教室授课；点播课可售卖给其他机构。",
    "Own courses are for your trainees; offline courses are taught in a classroom; on-demand courses can be sold to other institutions.",
);
const CREATE: Text = Text::new("创建", "Create");

#[derive(Properties, PartialEq)]
pub struct CreateCourseProps {
    pub on_close: Callback<()>,
}

#[component]
pub fn CreateCourseDialog(props: &CreateCourseProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let navigate = use_navigate::<Route>();
    let kind = use_state(|| CourseKind::Own.code().to_owned());
    let name = use_state(String::new);
    let training_type = use_state(|| TrainingType::SafetyManager.code().to_owned());
    let name_error = check_required(&name);
    let onsubmit = {
        let req = CreateCourseRequest {
            kind: CourseKind::from_code(&kind).unwrap_or(CourseKind::Own),
            fields: CourseFields::new(
                name.trim().to_owned(),
                TrainingType::from_code(&training_type).unwrap_or(TrainingType::SafetyManager),
            ),
        };
        let (submit, invalid) = (submit.clone(), name_error.is_some());
        Callback::from(move |()| {
            let req = req.clone();
            let navigate = navigate.clone();
            submit.run(
                invalid,
                async move { frontend_kit::api::create_course(&req).await },
                move |course| navigate.emit(Route::Course { id: course.id }),
            );
        })
    };
    html! {
        <Dialog id="create-course-dialog" title={i18n.t(&TITLE)} onclose={props.on_close.clone()}
            footer={html! { <DialogActions form="create-course-form" label={i18n.t(&CREATE)} busy={submit.busy()} oncancel={props.on_close.clone()} /> }}>
            <form id="create-course-form" class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n)} />
                <SelectField id="course-kind" label={i18n.t(&KIND)} value={(*kind).clone()}
                    options={choices(&i18n, AUTHORED_KINDS, None)} onchange={bind(&kind)} />
                <p class="zp-muted">{ i18n.t(&KIND_HINT) }</p>
                <TextField id="course-name" label={i18n.t(&NAME)} required=true maxlength="100"
                    value={(*name).clone()} oninput={bind(&name)} error={submit.field_error(&i18n, "name", name_error)} />
                <SelectField id="course-training-type" label={i18n.t(&TRAINING_TYPE)} value={(*training_type).clone()}
                    options={choices(&i18n, TrainingType::ALL, None)} onchange={bind(&training_type)} />
                <p class="zp-muted">{ i18n.t(&TYPE_HINT) }</p>
            </form>
        </Dialog>
    }
}
