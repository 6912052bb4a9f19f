//! Adding or editing a trainee type: code (`#type-code`, used in import files), name
//! (`#type-name`), enabled (`#type-enabled`) and position (`#type-position`).

use frontend_kit::components::form::{check_required, parse_field};
use frontend_kit::prelude::*;
use shared_types::orgs::{TraineeType, TraineeTypeInput};
use yew::prelude::*;

use super::{CODE, ENABLED, NAME, POSITION};

const CREATE_TITLE: Text = Text::new("新增学员类型", "Add a trainee type");
const EDIT_TITLE: Text = Text::new("编辑学员类型：{0}", "Edit trainee type: {0}");
const CODE_HINT: Text = Text::new(
    "小写字母、数字和下划线，如 urban_unemployed；导入文件可用代码代替名称",
    "Lower-case letters, digits and underscores, e.g. urban_unemployed; import files may use it instead of the name",
);
const BAD_CODE: Text = Text::new(
    "只能使用小写字母、数字和下划线",
    "Lower-case letters, digits and underscores only",
);
const ENABLED_HINT: Text = Text::new(
    "停用后不能再选择，已有学员不受影响",
    "Disabled types cannot be chosen; existing trainees keep theirs",
);
const BAD_POSITION: Text = Text::new("请输入整数", "Enter a whole number");

fn check_code(s: &str) -> Option<Text> {
    check_required(s).or_else(|| {
        (!s.trim()
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
        .then_some(BAD_CODE)
    })
}

#[derive(Properties, PartialEq)]
pub struct TraineeTypeDialogProps {
    /// `None`: a new type.
    pub trainee_type: Option<TraineeType>,
    pub on_done: Callback<bool>,
}

#[component]
pub fn TraineeTypeDialog(props: &TraineeTypeDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let t = props.trainee_type.as_ref();
    let code = use_state(|| t.map(|t| t.code.clone()).unwrap_or_default());
    let name = use_state(|| t.map(|t| t.name.clone()).unwrap_or_default());
    let enabled = use_state_eq(|| t.is_none_or(|t| t.enabled));
    let position = use_state(|| t.map_or(0, |t| t.position).to_string());
    let code_error = check_code(&code);
    let name_error = check_required(&name);
    let position_value = parse_field::<i32>(&position, BAD_POSITION);
    let onsubmit = {
        let req = TraineeTypeInput {
            code: code.trim().to_owned(),
            name: name.trim().to_owned(),
            enabled: *enabled,
            position: position_value.unwrap_or_default(),
        };
        let invalid = code_error.is_some() || name_error.is_some() || position_value.is_err();
        let id = t.map(|t| t.id);
        submit.for_dialog(invalid, req, &props.on_done, move |req| async move {
            match id {
                Some(id) => frontend_kit::api::update_trainee_type(id, &req).await,
                None => frontend_kit::api::create_trainee_type(&req).await,
            }
        })
    };
    let on_enabled = {
        let enabled = enabled.clone();
        Callback::from(move |on: bool| enabled.set(on))
    };
    let title = match t {
        Some(t) => i18n.fmt(&EDIT_TITLE, &[&t.name]),
        None => i18n.t(&CREATE_TITLE).to_owned(),
    };
    let err = |field: &str, problem: Option<Text>| submit.field_error(&i18n, field, problem);
    let on_close = props.on_done.reform(|()| false);
    html! {
        <FormDialog id="trainee-type-dialog" {title} label={i18n.t(&texts::SAVE)} busy={submit.busy()}
            error={submit.form_error(&i18n)} {onsubmit} onclose={on_close}>
            <TextField id="type-code" label={i18n.t(&CODE)} required=true maxlength="50" autocomplete="off"
                helper={AttrValue::from(i18n.t(&CODE_HINT))}
                value={(*code).clone()} oninput={bind(&code)} error={err("code", code_error)} />
            <TextField id="type-name" label={i18n.t(&NAME)} required=true maxlength="50"
                value={(*name).clone()} oninput={bind(&name)} error={err("name", name_error)} />
            <CheckField id="type-enabled" label={i18n.t(&ENABLED)} checked={*enabled} onchange={on_enabled}
                description={AttrValue::from(i18n.t(&ENABLED_HINT))} />
            <TextField id="type-position" label={i18n.t(&POSITION)} inputmode="numeric"
                value={(*position).clone()} oninput={bind(&position)} error={err("position", position_value.err())} />
        </FormDialog>
    }
}
