//! The course's elements (Z-III.3) and copyright (Z-III.2) on its open revision: name, training
//! type, audience, summary, tags, lecturers, topic (same content by other lecturers, Z-III.6),
//! copyright holder and licence evidence, prices (on-demand) or venue and hours (offline).
//! Read-only once the revision is submitted.

use std::rc::Rc;

use frontend_kit::components::FileUpload;
use frontend_kit::components::form::check_required;
use frontend_kit::format::{parse_yuan, yuan_input};
use frontend_kit::prelude::*;
use shared_types::catalog::{CourseDetail, CourseFields, CourseKind, TopicInput, TrainingType};
use shared_types::media::{Media, MediaKind};
use uuid::Uuid;
use yew::prelude::*;

use crate::pages::lecturers::LecturerPicker;

pub const NAME: Text = Text::new("课程名称", "Course name");
pub const TRAINING_TYPE: Text = Text::new("培训类型", "Training type");
pub const TYPE_HINT: Text = Text::new(
    "培训类别（安全生产、职业技能、创业培训）由培训类型决定，并写入课程编号。",
    "The training category (safety, vocational, entrepreneurship) follows from the type and is part of the course number.",
);
const AUDIENCE: Text = Text::new("培训对象", "Target audience");
const SUMMARY: Text = Text::new("重点内容简介", "Key content summary");
const TAGS: Text = Text::new("标签", "Tags");
const TAGS_HINT: Text = Text::new("用逗号或顿号分隔", "Separate with commas");
const TOPIC: Text = Text::new("同内容主题", "Topic (same content)");
const TOPIC_HINT: Text = Text::new(
    "同一内容由不同讲师讲授的课程归入同一主题，分配课程时可选择讲师。",
    "Courses with the same content by different lecturers share a topic, so an admin can choose the lecturer.",
);
const NEW_TOPIC: Text = Text::new("新主题名称", "New topic name");
const ADD_TOPIC: Text = Text::new("新建主题", "Add topic");
const COPYRIGHT: Text = Text::new("版权方", "Copyright holder");
const LICENCE: Text = Text::new("版权授权证明", "Licence evidence");
const LICENCE_HINT: Text = Text::new(
    "PDF、JPG 或 PNG，提交审核前必须上传。",
    "PDF, JPG or PNG; required before submission.",
);
const LICENCE_ON_FILE: Text = Text::new("已上传授权证明", "Licence evidence on file");
const PRICE: Text = Text::new("课程价格（元）", "Price (yuan)");
const SEAT_PRICE: Text = Text::new("单席位价格（元）", "Price per seat (yuan)");
const BAD_PRICE: Text = Text::new(
    "请输入金额，最多两位小数",
    "Enter an amount with at most two decimals",
);
const VENUE: Text = Text::new("上课地点", "Venue");
const SCHEDULE: Text = Text::new("课程安排", "Schedule");
const HOURS: Text = Text::new("线下学时", "Classroom hours");
const BAD_HOURS: Text = Text::new("请输入学时数", "Enter the number of hours");
const SAVED: Text = Text::new("课程信息已保存", "Course saved");

fn text_of(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn some_text(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

#[derive(Properties, PartialEq)]
pub struct FieldsFormProps {
    pub course: Rc<CourseDetail>,
    pub editable: bool,
    pub on_saved: Callback<()>,
}

#[component]
pub fn FieldsForm(props: &FieldsFormProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let submit = use_submit();
    let start = props.course.fields();
    let name = use_state(|| start.name.clone());
    let training_type = use_state(|| start.training_type.code().to_owned());
    let audience = use_state(|| start.audience.clone());
    let summary = use_state(|| start.summary.clone());
    let tags = use_state(|| start.tags.join("，"));
    let lecturer_ids = use_state(|| start.lecturer_ids.clone());
    let topic = use_state(|| start.topic_id.map(|t| t.to_string()).unwrap_or_default());
    let copyright = use_state(|| start.copyright_holder.clone());
    let licence = use_state(|| start.licence_media_id);
    let price = use_state(|| start.price_cents.map(yuan_input).unwrap_or_default());
    let seat_price = use_state(|| start.seat_price_cents.map(yuan_input).unwrap_or_default());
    let venue = use_state(|| text_of(&start.venue));
    let schedule = use_state(|| text_of(&start.schedule));
    let hours = use_state(|| {
        start
            .offline_hours
            .map(|h| h.to_string())
            .unwrap_or_default()
    });

    let kind = props.course.kind;
    let name_error = check_required(&name);
    let price_cents = parse_yuan(&price);
    let seat_cents = parse_yuan(&seat_price);
    let offline_hours = match hours.trim() {
        "" => Ok(None),
        h => h.parse::<f64>().map(Some).map_err(|_| ()),
    };
    let invalid = name_error.is_some()
        || price_cents.is_err()
        || seat_cents.is_err()
        || offline_hours.is_err();
    let onsubmit = {
        let fields = CourseFields {
            name: name.trim().to_owned(),
            summary: summary.trim().to_owned(),
            training_type: TrainingType::from_code(&training_type).unwrap_or(start.training_type),
            audience: audience.trim().to_owned(),
            tags: tags
                .split([',', '，', '、', ';', '；'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            lecturer_ids: (*lecturer_ids).clone(),
            topic_id: Uuid::parse_str(&topic).ok(),
            copyright_holder: copyright.trim().to_owned(),
            licence_media_id: *licence,
            price_cents: price_cents
                .ok()
                .flatten()
                .filter(|_| kind == CourseKind::Vod),
            seat_price_cents: seat_cents
                .ok()
                .flatten()
                .filter(|_| kind == CourseKind::Vod),
            venue: some_text(&venue).filter(|_| kind == CourseKind::Offline),
            schedule: some_text(&schedule).filter(|_| kind == CourseKind::Offline),
            offline_hours: offline_hours
                .ok()
                .flatten()
                .filter(|_| kind == CourseKind::Offline),
        };
        let (submit, on_saved, id) = (submit.clone(), props.on_saved.clone(), props.course.id);
        let (toaster, i18n) = (toaster.clone(), i18n.clone());
        Callback::from(move |()| {
            let fields = fields.clone();
            let (on_saved, toaster, i18n) = (on_saved.clone(), toaster.clone(), i18n.clone());
            submit.run(
                invalid,
                async move { frontend_kit::api::update_course(id, &fields).await },
                move |_| {
                    toaster.success(i18n.t(&SAVED));
                    on_saved.emit(());
                },
            );
        })
    };
    let on_lecturers = {
        let lecturer_ids = lecturer_ids.clone();
        Callback::from(move |ids: Vec<Uuid>| lecturer_ids.set(ids))
    };
    let on_licence = {
        let licence = licence.clone();
        Callback::from(move |media: Media| licence.set(Some(media.id)))
    };
    let err = |field: &str, problem: Option<Text>| submit.field_error(&i18n, field, problem);

    html! {
        <form id="course-form" class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
            <fieldset disabled={!props.editable} class="zp-fieldset">
                <FormError message={submit.form_error(&i18n)} />
                <TextField id="field-name" label={i18n.t(&NAME)} required=true maxlength="100"
                    value={(*name).clone()} oninput={bind(&name)} error={err("name", name_error)} />
                <SelectField id="field-training-type" label={i18n.t(&TRAINING_TYPE)} value={(*training_type).clone()}
                    options={choices(&i18n, TrainingType::ALL, None)} onchange={bind(&training_type)} />
                <TextField id="field-audience" label={i18n.t(&AUDIENCE)} maxlength="200"
                    value={(*audience).clone()} oninput={bind(&audience)} error={err("audience", None)} />
                <TextAreaField id="field-summary" label={i18n.t(&SUMMARY)} maxlength="2000"
                    value={(*summary).clone()} oninput={bind(&summary)} error={err("summary", None)} />
                <TextField id="field-tags" label={i18n.t(&TAGS)} helper={AttrValue::from(i18n.t(&TAGS_HINT))}
                    value={(*tags).clone()} oninput={bind(&tags)} error={err("tags", None)} />
                <LecturerPicker id="field-lecturers" prefix="lecturer" selected={(*lecturer_ids).clone()}
                    onchange={on_lecturers} error={err("lecturer_ids", None)} />
                <TopicPicker value={(*topic).clone()} onchange={bind(&topic)} error={err("topic_id", None)} />
                <TextField id="field-copyright" label={i18n.t(&COPYRIGHT)} maxlength="100"
                    value={(*copyright).clone()} oninput={bind(&copyright)} error={err("copyright_holder", None)} />
                if licence.is_some() {
                    <p class="zp-muted" id="licence-on-file"><i class="fas fa-file-contract" aria-hidden="true"></i>{ " " }{ i18n.t(&LICENCE_ON_FILE) }</p>
                }
                if props.editable {
                    <FileUpload id="field-licence" label={i18n.t(&LICENCE)} kind={MediaKind::Licence}
                        helper={AttrValue::from(i18n.t(&LICENCE_HINT))} on_uploaded={on_licence} />
                }
                if let Some(message) = err("licence_media_id", None) {
                    <p class="zp-badge-off" role="alert">{ message }</p>
                }
                if kind == CourseKind::Vod {
                    <TextField id="field-price" label={i18n.t(&PRICE)} inputmode="decimal" value={(*price).clone()}
                        oninput={bind(&price)} error={err("price_cents", price_cents.err().map(|_| BAD_PRICE))} />
                    <TextField id="field-seat-price" label={i18n.t(&SEAT_PRICE)} inputmode="decimal" value={(*seat_price).clone()}
                        oninput={bind(&seat_price)} error={err("seat_price_cents", seat_cents.err().map(|_| BAD_PRICE))} />
                }
                if kind == CourseKind::Offline {
                    <TextField id="field-venue" label={i18n.t(&VENUE)} maxlength="200" value={(*venue).clone()}
                        oninput={bind(&venue)} error={err("venue", None)} />
                    <TextField id="field-schedule" label={i18n.t(&SCHEDULE)} maxlength="500" value={(*schedule).clone()}
                        oninput={bind(&schedule)} error={err("schedule", None)} />
                    <TextField id="field-hours" label={i18n.t(&HOURS)} inputmode="decimal" value={(*hours).clone()}
                        oninput={bind(&hours)} error={err("offline_hours", offline_hours.err().map(|()| BAD_HOURS))} />
                }
                if props.editable {
                    <div class="pf-v6-c-form__group pf-m-action">
                        <SubmitButton id="save-course" label={i18n.t(&texts::SAVE)} busy={submit.busy()} />
                    </div>
                }
            </fieldset>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct TopicPickerProps {
    value: AttrValue,
    onchange: Callback<String>,
    error: Option<AttrValue>,
}

/// The topic select, with a small form to add a topic and pick it at once.
#[component]
fn TopicPicker(props: &TopicPickerProps) -> Html {
    let i18n = use_i18n();
    let topics = use_remote((), |()| frontend_kit::api::list_topics());
    let new_name = use_state(String::new);
    let adding = use_submit();
    let mut options = vec![(AttrValue::from(""), AttrValue::from(i18n.t(&texts::NONE)))];
    if let Some(list) = &topics.data {
        options.extend(list.iter().map(|t| {
            (
                AttrValue::from(t.id.to_string()),
                AttrValue::from(format!("{}（{}）", t.name, t.course_count)),
            )
        }));
    }
    let add = {
        let (adding, new_name, reload, onchange) = (
            adding.clone(),
            new_name.clone(),
            topics.reload.clone(),
            props.onchange.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let req = TopicInput {
                name: new_name.trim().to_owned(),
            };
            let (new_name, reload, onchange) = (new_name.clone(), reload.clone(), onchange.clone());
            adding.run(
                req.name.is_empty(),
                async move { frontend_kit::api::create_topic(&req).await },
                move |topic| {
                    new_name.set(String::new());
                    reload.emit(());
                    onchange.emit(topic.id.to_string());
                },
            );
        })
    };
    html! {
        <div class="zp-topic-picker">
            <SelectField id="field-topic" label={i18n.t(&TOPIC)} {options} value={props.value.clone()}
                onchange={props.onchange.clone()} />
            <p class="zp-muted">{ i18n.t(&TOPIC_HINT) }</p>
            if let Some(message) = &props.error {
                <p class="zp-badge-off" role="alert">{ message.clone() }</p>
            }
            <div class="zp-inline-add">
                <TextField id="new-topic" label={i18n.t(&NEW_TOPIC)} maxlength="100" value={(*new_name).clone()}
                    oninput={bind(&new_name)} error={adding.field_error(&i18n, "name", None)} />
                <button id="add-topic" type="button" class="pf-v6-c-button pf-m-secondary" onclick={add} disabled={adding.busy()}>
                    <span class="pf-v6-c-button__text">{ i18n.t(&ADD_TOPIC) }</span>
                </button>
            </div>
        </div>
    }
}
