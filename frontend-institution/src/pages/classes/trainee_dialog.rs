//! Adding a trainee to the class, or editing one: name, resident ID-card number (checked here
//! as the server does, GB 11643), phone, trainee type (the enabled entries of the dictionary),
//! enterprise (searched among the region's, `#trainee-enterprise-q` → `#trainee-enterprise`) and
//! education. A phone or ID number that already has an account joins with that account.
//!
//! The list shows ID numbers and phones masked only, so an edit asks for both again (Z-II.1).

use frontend_kit::components::form::{check_id_card, check_name, check_phone};
use frontend_kit::dates::today;
use frontend_kit::prelude::*;
use shared_types::orgs::EnterpriseQuery;
use shared_types::training::{ClassTrainee, Education, NamedRef, TraineeInput};
use uuid::Uuid;
use yew::prelude::*;

const ADD_TITLE: Text = Text::new("添加学员", "Add a trainee");
const EDIT_TITLE: Text = Text::new("编辑学员：{0}", "Edit trainee: {0}");
const NAME: Text = Text::new("姓名", "Name");
const ID_CARD: Text = Text::new("身份证号", "ID-card number");
const RETYPE: Text = Text::new("现为 {0}，请输入完整号码", "Now {0}; type the full number");
const TYPE: Text = Text::new("学员类型", "Trainee type");
const PICK_TYPE: Text = Text::new("请选择学员类型", "Choose a trainee type");
const ENTERPRISE_Q: Text = Text::new("查找企业", "Find an enterprise");
const ENTERPRISE_HINT: Text = Text::new("企业名称或统一社会信用代码", "Name or credit code");
const ENTERPRISE: Text = Text::new("所属企业", "Enterprise");
const EDUCATION: Text = Text::new("文化程度", "Education");
const NONE: Text = Text::new("（无）", "(none)");

#[derive(Properties, PartialEq)]
pub struct TraineeDialogProps {
    pub class_id: Uuid,
    /// `None`: a new trainee.
    pub trainee: Option<ClassTrainee>,
    pub on_done: Callback<bool>,
}

#[component]
pub fn TraineeDialog(props: &TraineeDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let t = props.trainee.as_ref();
    let types = use_remote((), |()| frontend_kit::api::list_trainee_types());
    let name = use_state(|| t.map(|t| t.name.clone()).unwrap_or_default());
    let id_card = use_state(String::new);
    let phone = use_state(String::new);
    let trainee_type = use_state(|| {
        t.and_then(|t| t.trainee_type.as_ref())
            .map(|r| r.id.to_string())
            .unwrap_or_default()
    });
    let enterprise = use_state(|| {
        t.and_then(|t| t.enterprise.as_ref())
            .map(|r| r.id.to_string())
            .unwrap_or_default()
    });
    let education = use_state(|| {
        t.map_or(Education::Senior, |t| t.education)
            .code()
            .to_owned()
    });

    let name_error = check_name(&name);
    let id_error = check_id_card(&id_card, today());
    let phone_error = check_phone(&phone);
    let type_id = Uuid::parse_str(&trainee_type).ok();
    let type_error = type_id.is_none().then_some(PICK_TYPE);
    let invalid = [name_error, id_error, phone_error, type_error]
        .iter()
        .any(Option::is_some);
    let onsubmit = {
        let req = TraineeInput {
            name: name.trim().to_owned(),
            id_card_no: id_card.trim().to_ascii_uppercase(),
            phone: phone.trim().to_owned(),
            trainee_type_id: type_id.unwrap_or_default(),
            enterprise_id: Uuid::parse_str(&enterprise).ok(),
            education: Education::from_code(&education).unwrap_or(Education::Senior),
        };
        let (class_id, enrolment) = (props.class_id, t.map(|t| t.id));
        submit.for_dialog(invalid, req, &props.on_done, move |req| async move {
            match enrolment {
                Some(id) => frontend_kit::api::update_trainee(class_id, id, &req).await,
                None => frontend_kit::api::add_trainee(class_id, &req).await,
            }
        })
    };
    // Enabled types, and the trainee's own even if it was disabled since.
    let mut type_options = vec![(AttrValue::from(""), AttrValue::from(i18n.t(&PICK_TYPE)))];
    type_options.extend(
        types
            .data
            .iter()
            .flat_map(|list| list.iter())
            .filter(|ty| ty.enabled || ty.id.to_string() == *trainee_type)
            .map(|ty| {
                (
                    AttrValue::from(ty.id.to_string()),
                    AttrValue::from(ty.name.clone()),
                )
            }),
    );
    let retype = |masked: Option<&String>| masked.map(|m| AttrValue::from(i18n.fmt(&RETYPE, &[m])));
    let title = match t {
        Some(t) => i18n.fmt(&EDIT_TITLE, &[&t.name]),
        None => i18n.t(&ADD_TITLE).to_owned(),
    };
    let err = |field: &str, problem: Option<Text>| submit.field_error(&i18n, field, problem);
    let on_close = props.on_done.reform(|()| false);
    html! {
        <FormDialog id="trainee-dialog" {title} label={i18n.t(&texts::SAVE)} busy={submit.busy()}
            error={submit.form_error(&i18n)} {onsubmit} onclose={on_close}>
            <TextField id="trainee-name" label={i18n.t(&NAME)} required=true maxlength="50"
                value={(*name).clone()} oninput={bind(&name)} error={err("name", name_error)} />
            <TextField id="trainee-id-card" label={i18n.t(&ID_CARD)} required=true maxlength="18" autocomplete="off"
                value={(*id_card).clone()} oninput={bind(&id_card)} helper={retype(t.map(|t| &t.id_card_masked))}
                error={err("id_card_no", id_error)} />
            <TextField id="trainee-phone" label={i18n.t(&texts::PHONE)} input_type="tel" inputmode="numeric" maxlength="11"
                required=true value={(*phone).clone()} oninput={bind(&phone)} helper={retype(t.map(|t| &t.phone_masked))}
                error={err("phone", phone_error)} />
            <SelectField id="trainee-type" label={i18n.t(&TYPE)} options={type_options} value={(*trainee_type).clone()}
                onchange={bind(&trainee_type)} required=true error={err("trainee_type_id", type_error)} />
            <EnterprisePicker value={(*enterprise).clone()} onchange={bind(&enterprise)}
                current={t.and_then(|t| t.enterprise.clone())} />
            <SelectField id="trainee-education" label={i18n.t(&EDUCATION)} value={(*education).clone()}
                options={choices(&i18n, Education::ALL.iter().copied(), None)} onchange={bind(&education)} />
        </FormDialog>
    }
}

#[derive(Properties, PartialEq)]
struct EnterprisePickerProps {
    /// The chosen enterprise's id, or empty.
    value: AttrValue,
    onchange: Callback<String>,
    /// The trainee's enterprise when the dialog opened.
    current: Option<NamedRef>,
}

/// A search box and the matching enterprises (the first page of `GET /api/v1/enterprises?q=`);
/// the one picked stays selectable while the search changes.
#[component]
fn EnterprisePicker(props: &EnterprisePickerProps) -> Html {
    let i18n = use_i18n();
    let q = use_state(String::new);
    let picked = use_state(|| props.current.clone());
    let found = use_remote((*q).clone(), |q: String| async move {
        let query = EnterpriseQuery {
            q: Some(q.trim().to_owned()).filter(|s| !s.is_empty()),
            per_page: Some(20),
            ..Default::default()
        };
        frontend_kit::api::list_enterprises(&query).await
    });
    let listed: Vec<NamedRef> = found
        .data
        .iter()
        .flat_map(|p| p.items.iter())
        .map(|e| NamedRef {
            id: e.id,
            name: format!("{}（{}）", e.name, e.district),
        })
        .collect();
    let onchange = {
        let (picked, onchange, listed) = (picked.clone(), props.onchange.clone(), listed.clone());
        Callback::from(move |value: String| {
            picked.set(listed.iter().find(|e| e.id.to_string() == value).cloned());
            onchange.emit(value);
        })
    };
    let options: Vec<(AttrValue, AttrValue)> =
        std::iter::once((AttrValue::from(""), AttrValue::from(i18n.t(&NONE))))
            .chain(
                picked
                    .iter()
                    .chain(
                        listed
                            .iter()
                            .filter(|e| picked.as_ref().is_none_or(|p| p.id != e.id)),
                    )
                    .map(|e| {
                        (
                            AttrValue::from(e.id.to_string()),
                            AttrValue::from(e.name.clone()),
                        )
                    }),
            )
            .collect();
    html! {
        <>
            <TextField id="trainee-enterprise-q" label={i18n.t(&ENTERPRISE_Q)} value={(*q).clone()} oninput={bind(&q)}
                placeholder={AttrValue::from(i18n.t(&ENTERPRISE_HINT))} />
            <SelectField id="trainee-enterprise" label={i18n.t(&ENTERPRISE)} {options} value={props.value.clone()} {onchange} />
        </>
    }
}
