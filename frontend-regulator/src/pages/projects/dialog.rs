//! Creating or editing a training project: name (`#project-name`), training type
//! (`#project-type`), period (`#project-starts`, `#project-ends`), description and the policy
//! (`#policy-…`, see [`super::policy`]).

use frontend_kit::components::form::{Period, check_required};
use frontend_kit::prelude::*;
use shared_types::catalog::TrainingType;
use shared_types::training::{Project, ProjectInput};
use yew::prelude::*;

use super::policy::{PolicyFields, PolicyForm};

const CREATE_TITLE: Text = Text::new("新建培训项目", "New training project");
const EDIT_TITLE: Text = Text::new("编辑项目：{0}", "Edit project: {0}");
const NAME: Text = Text::new("项目名称", "Name");
const TYPE: Text = Text::new("培训类型", "Training type");
const STARTS: Text = Text::new("开始日期", "From");
const ENDS: Text = Text::new("结束日期", "To");
const DESCRIPTION: Text = Text::new("项目说明", "Description");
const POLICY: Text = Text::new("培训政策", "Policy");

#[derive(Properties, PartialEq)]
pub struct ProjectDialogProps {
    /// `None`: a new project.
    pub project: Option<Project>,
    pub on_done: Callback<bool>,
}

#[component]
pub fn ProjectDialog(props: &ProjectDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let p = props.project.as_ref();
    let name = use_state(|| p.map(|p| p.name.clone()).unwrap_or_default());
    let training_type = use_state(|| {
        p.map_or(TrainingType::StartYourBusiness, |p| p.training_type)
            .code()
            .to_owned()
    });
    let starts = use_state(|| p.map(|p| p.starts_on.to_string()).unwrap_or_default());
    let ends = use_state(|| p.map(|p| p.ends_on.to_string()).unwrap_or_default());
    let description = use_state(|| p.map(|p| p.description.clone()).unwrap_or_default());
    let policy = use_state(|| PolicyForm::from_policy(p.map(|p| &p.policy)));
    let name_error = check_required(&name);
    let period = Period::check(&starts, &ends);
    let (parsed, problems) = policy.read();
    let invalid = name_error.is_some() || !period.is_valid() || !problems.is_empty();
    let onsubmit = {
        let req = ProjectInput {
            name: name.trim().to_owned(),
            training_type: TrainingType::from_code(&training_type)
                .unwrap_or(TrainingType::StartYourBusiness),
            starts_on: period.starts.unwrap_or_default(),
            ends_on: period.ends.unwrap_or_default(),
            description: description.trim().to_owned(),
            policy: parsed,
        };
        let id = p.map(|p| p.id);
        submit.for_dialog(invalid, req, &props.on_done, move |req| async move {
            match id {
                Some(id) => frontend_kit::api::update_project(id, &req).await,
                None => frontend_kit::api::create_project(&req).await,
            }
        })
    };
    let on_policy = {
        let policy = policy.clone();
        Callback::from(move |next: PolicyForm| policy.set(next))
    };
    let policy_error = {
        let (submit, i18n) = (submit.clone(), i18n.clone());
        Callback::from(move |(field, problem): (&'static str, Option<Text>)| {
            submit.field_error(&i18n, field, problem)
        })
    };
    let title = match p {
        Some(p) => i18n.fmt(&EDIT_TITLE, &[&p.name]),
        None => i18n.t(&CREATE_TITLE).to_owned(),
    };
    let err = |field: &str, problem: Option<Text>| submit.field_error(&i18n, field, problem);
    let on_close = props.on_done.reform(|()| false);
    html! {
        <FormDialog id="project-dialog" {title} label={i18n.t(&texts::SAVE)} busy={submit.busy()}
            error={submit.form_error(&i18n)} {onsubmit} onclose={on_close}>
            <TextField id="project-name" label={i18n.t(&NAME)} required=true maxlength="100"
                value={(*name).clone()} oninput={bind(&name)} error={err("name", name_error)} />
            <SelectField id="project-type" label={i18n.t(&TYPE)} value={(*training_type).clone()}
                options={choices(&i18n, TrainingType::ALL, None)} onchange={bind(&training_type)} />
            <TextField id="project-starts" label={i18n.t(&STARTS)} input_type="date" required=true
                value={(*starts).clone()} oninput={bind(&starts)} error={err("starts_on", period.starts_error)} />
            <TextField id="project-ends" label={i18n.t(&ENDS)} input_type="date" required=true
                value={(*ends).clone()} oninput={bind(&ends)} error={err("ends_on", period.ends_error)} />
            <TextAreaField id="project-description" label={i18n.t(&DESCRIPTION)} maxlength="4000"
                value={(*description).clone()} oninput={bind(&description)} error={err("description", None)} />
            <h3 class="pf-v6-c-title pf-m-md zp-subhead">{ i18n.t(&POLICY) }</h3>
            <PolicyFields form={(*policy).clone()} onchange={on_policy} error={policy_error} />
        </FormDialog>
    }
}
