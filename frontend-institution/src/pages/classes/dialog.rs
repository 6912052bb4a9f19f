//! Opening a class under a project, or editing one: project (`#class-project`, the open ones),
//! name, mode, venue (required unless online), dates, capacity and lecturers. A new class is a
//! draft and opens at once; the server refuses (409) until the institution is certified and
//! qualified for the project's training type, and the dialog shows why (T-7.2.5d).

use std::rc::Rc;

use frontend_kit::components::form::{Period, check_required, parse_field};
use frontend_kit::prelude::*;
use shared_types::training::{ClassDetail, ClassInput, ClassMode, ProjectQuery, ProjectStatus};
use uuid::Uuid;
use yew::prelude::*;

use crate::app::Route;
use crate::pages::lecturers::LecturerPicker;

const NEW_TITLE: Text = Text::new("申请开班", "New class");
const EDIT_TITLE: Text = Text::new("编辑班级：{0}", "Edit class: {0}");
const PROJECT: Text = Text::new("培训项目", "Project");
const PICK_PROJECT: Text = Text::new("请选择培训项目", "Choose a project");
const NAME: Text = Text::new("班级名称", "Class name");
const MODE: Text = Text::new("培训方式", "Mode");
const VENUE: Text = Text::new("培训地点", "Venue");
const STARTS: Text = Text::new("开班日期", "Starts on");
const ENDS: Text = Text::new("结班日期", "Ends on");
const CAPACITY: Text = Text::new("班级容量（人）", "Capacity (trainees)");
const BAD_CAPACITY: Text = Text::new("请输入 1 以上的整数", "Enter a whole number from 1");
const CREATE: Text = Text::new("创建班级", "Create class");

#[derive(Properties, PartialEq)]
pub struct ClassDialogProps {
    /// `None`: a new class, which opens once created.
    pub class: Option<Rc<ClassDetail>>,
    /// The project a new class starts under.
    #[prop_or_default]
    pub project_id: Option<Uuid>,
    pub on_close: Callback<()>,
    /// After an edit was saved.
    #[prop_or_default]
    pub on_saved: Callback<()>,
}

#[component]
pub fn ClassDialog(props: &ClassDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let navigate = use_navigate::<Route>();
    let c = props.class.as_deref();
    let projects = use_remote((), |()| async move {
        let query = ProjectQuery {
            status: Some(ProjectStatus::Open),
            per_page: Some(100),
            ..Default::default()
        };
        frontend_kit::api::list_projects(&query).await
    });
    let project = use_state(|| {
        c.map(|c| c.summary.project_id)
            .or(props.project_id)
            .map(|id| id.to_string())
            .unwrap_or_default()
    });
    let name = use_state(|| c.map(|c| c.summary.name.clone()).unwrap_or_default());
    let mode = use_state(|| {
        c.map_or(ClassMode::Offline, |c| c.summary.mode)
            .code()
            .to_owned()
    });
    let venue = use_state(|| c.map(|c| c.venue.clone()).unwrap_or_default());
    let starts = use_state(|| {
        c.map(|c| c.summary.starts_on.to_string())
            .unwrap_or_default()
    });
    let ends = use_state(|| c.map(|c| c.summary.ends_on.to_string()).unwrap_or_default());
    let capacity = use_state(|| c.map_or(50, |c| c.summary.capacity).to_string());
    let lecturer_ids = use_state(|| {
        c.map(|c| c.lecturers.iter().map(|l| l.id).collect::<Vec<_>>())
            .unwrap_or_default()
    });

    let mode_value = ClassMode::from_code(&mode).unwrap_or(ClassMode::Offline);
    let project_id = Uuid::parse_str(&project).ok();
    let project_error = project_id.is_none().then_some(PICK_PROJECT);
    let name_error = check_required(&name);
    let venue_error = (mode_value != ClassMode::Online)
        .then(|| check_required(&venue))
        .flatten();
    let period = Period::check(&starts, &ends);
    let capacity_value = parse_field::<u32>(&capacity, BAD_CAPACITY)
        .and_then(|n| if n > 0 { Ok(n) } else { Err(BAD_CAPACITY) });
    let invalid = !period.is_valid()
        || [project_error, name_error, venue_error, capacity_value.err()]
            .iter()
            .any(Option::is_some);
    let onsubmit = {
        let req = ClassInput {
            project_id: project_id.unwrap_or_default(),
            name: name.trim().to_owned(),
            mode: mode_value,
            venue: venue.trim().to_owned(),
            starts_on: period.starts.unwrap_or_default(),
            ends_on: period.ends.unwrap_or_default(),
            capacity: capacity_value.unwrap_or_default(),
            lecturer_ids: (*lecturer_ids).clone(),
            // An edit keeps the class's own policy; a new class takes the project's.
            policy: c.map(|c| c.policy.clone()),
        };
        let (submit, on_saved, id) = (
            submit.clone(),
            props.on_saved.clone(),
            c.map(|c| c.summary.id),
        );
        Callback::from(move |()| {
            let (req, on_saved, navigate) = (req.clone(), on_saved.clone(), navigate.clone());
            submit.run(
                invalid,
                async move {
                    match id {
                        Some(id) => frontend_kit::api::update_class(id, &req).await,
                        None => frontend_kit::api::create_class(&req).await,
                    }
                },
                move |class| match id {
                    Some(_) => on_saved.emit(()),
                    None => navigate.emit(Route::Class {
                        id: class.summary.id,
                    }),
                },
            );
        })
    };
    let mut options = vec![(AttrValue::from(""), AttrValue::from(i18n.t(&PICK_PROJECT)))];
    if let Some(c) = c.filter(|c| {
        !projects
            .data
            .as_ref()
            .is_some_and(|p| p.items.iter().any(|x| x.id == c.summary.project_id))
    }) {
        options.push((
            AttrValue::from(c.summary.project_id.to_string()),
            AttrValue::from(c.summary.project_name.clone()),
        ));
    }
    options.extend(projects.data.iter().flat_map(|p| p.items.iter()).map(|p| {
        (
            AttrValue::from(p.id.to_string()),
            AttrValue::from(format!("{}（{}）", p.name, i18n.t(&p.training_type.text()))),
        )
    }));
    let on_lecturers = {
        let lecturer_ids = lecturer_ids.clone();
        Callback::from(move |ids: Vec<Uuid>| lecturer_ids.set(ids))
    };
    let title = match c {
        Some(c) => i18n.fmt(&EDIT_TITLE, &[&c.summary.name]),
        None => i18n.t(&NEW_TITLE).to_owned(),
    };
    let label = i18n.t(if c.is_some() { &texts::SAVE } else { &CREATE });
    let err = |field: &str, problem: Option<Text>| submit.field_error(&i18n, field, problem);
    html! {
        <FormDialog id="class-dialog" {title} {label} busy={submit.busy()} error={submit.form_error(&i18n)}
            {onsubmit} onclose={props.on_close.clone()}>
            <SelectField id="class-project" label={i18n.t(&PROJECT)} {options} value={(*project).clone()} onchange={bind(&project)}
                required=true error={err("project_id", project_error)} />
            <TextField id="class-name" label={i18n.t(&NAME)} required=true maxlength="100"
                value={(*name).clone()} oninput={bind(&name)} error={err("name", name_error)} />
            <SelectField id="class-mode" label={i18n.t(&MODE)} value={(*mode).clone()}
                options={choices(&i18n, ClassMode::ALL.iter().copied(), None)} onchange={bind(&mode)} />
            <TextField id="class-venue" label={i18n.t(&VENUE)} required={mode_value != ClassMode::Online} maxlength="200"
                value={(*venue).clone()} oninput={bind(&venue)} error={err("venue", venue_error)} />
            <TextField id="class-starts" label={i18n.t(&STARTS)} input_type="date" required=true
                value={(*starts).clone()} oninput={bind(&starts)} error={err("starts_on", period.starts_error)} />
            <TextField id="class-ends" label={i18n.t(&ENDS)} input_type="date" required=true
                value={(*ends).clone()} oninput={bind(&ends)} error={err("ends_on", period.ends_error)} />
            <TextField id="class-capacity" label={i18n.t(&CAPACITY)} input_type="number" inputmode="numeric" min="1" step="1"
                required=true value={(*capacity).clone()} oninput={bind(&capacity)} error={err("capacity", capacity_value.err())} />
            <LecturerPicker id="class-lecturers" prefix="class-lecturer" selected={(*lecturer_ids).clone()}
                onchange={on_lecturers} error={err("lecturer_ids", None)} />
        </FormDialog>
    }
}
