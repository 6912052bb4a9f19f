//! Adding or editing an enterprise: credit code (`#enterprise-credit-code`, checked as the
//! server does; 409 when another enterprise has it), name, industry, district and address.
//! Serves T-7.2.7d.

use frontend_kit::components::form::{check_credit_code, check_required};
use frontend_kit::prelude::*;
use shared_types::orgs::{Enterprise, EnterpriseInput};
use yew::prelude::*;

use super::{DISTRICT, INDUSTRY};

const CREATE_TITLE: Text = Text::new("新增企业", "Add an enterprise");
const EDIT_TITLE: Text = Text::new("编辑企业：{0}", "Edit enterprise: {0}");
const CREDIT_CODE: Text = Text::new("统一社会信用代码", "Unified social credit code");
const NAME: Text = Text::new("企业名称", "Name");
const INDUSTRY_HINT: Text = Text::new(
    "如：建筑施工、危险化学品",
    "e.g. construction, hazardous chemicals",
);
const ADDRESS: Text = Text::new("地址", "Address");

#[derive(Properties, PartialEq)]
pub struct EnterpriseDialogProps {
    /// `None`: a new enterprise.
    pub enterprise: Option<Enterprise>,
    pub on_done: Callback<bool>,
}

#[component]
pub fn EnterpriseDialog(props: &EnterpriseDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let e = props.enterprise.as_ref();
    let credit_code = use_state(|| e.map(|e| e.credit_code.clone()).unwrap_or_default());
    let name = use_state(|| e.map(|e| e.name.clone()).unwrap_or_default());
    let industry = use_state(|| e.map(|e| e.industry.clone()).unwrap_or_default());
    let district = use_state(|| e.map(|e| e.district.clone()).unwrap_or_default());
    let address = use_state(|| e.map(|e| e.address.clone()).unwrap_or_default());
    let code_error = check_credit_code(&credit_code);
    let name_error = check_required(&name);
    let industry_error = check_required(&industry);
    let district_error = check_required(&district);
    let invalid = [code_error, name_error, industry_error, district_error]
        .iter()
        .any(Option::is_some);
    let onsubmit = {
        let req = EnterpriseInput {
            credit_code: credit_code.trim().to_ascii_uppercase(),
            name: name.trim().to_owned(),
            industry: industry.trim().to_owned(),
            district: district.trim().to_owned(),
            address: address.trim().to_owned(),
        };
        let id = e.map(|e| e.id);
        submit.for_dialog(invalid, req, &props.on_done, move |req| async move {
            match id {
                Some(id) => frontend_kit::api::update_enterprise(id, &req).await,
                None => frontend_kit::api::create_enterprise(&req).await,
            }
        })
    };
    let title = match e {
        Some(e) => i18n.fmt(&EDIT_TITLE, &[&e.name]),
        None => i18n.t(&CREATE_TITLE).to_owned(),
    };
    let err = |field: &str, problem: Option<Text>| submit.field_error(&i18n, field, problem);
    let on_close = props.on_done.reform(|()| false);
    html! {
        <FormDialog id="enterprise-dialog" {title} label={i18n.t(&texts::SAVE)} busy={submit.busy()}
            error={submit.form_error(&i18n)} {onsubmit} onclose={on_close}>
            <TextField id="enterprise-credit-code" label={i18n.t(&CREDIT_CODE)} required=true maxlength="18" autocomplete="off"
                value={(*credit_code).clone()} oninput={bind(&credit_code)} error={err("credit_code", code_error)} />
            <TextField id="enterprise-name" label={i18n.t(&NAME)} required=true maxlength="100"
                value={(*name).clone()} oninput={bind(&name)} error={err("name", name_error)} />
            <TextField id="enterprise-industry" label={i18n.t(&INDUSTRY)} required=true maxlength="50"
                helper={AttrValue::from(i18n.t(&INDUSTRY_HINT))}
                value={(*industry).clone()} oninput={bind(&industry)} error={err("industry", industry_error)} />
            <TextField id="enterprise-district" label={i18n.t(&DISTRICT)} required=true maxlength="50"
                value={(*district).clone()} oninput={bind(&district)} error={err("district", district_error)} />
            <TextField id="enterprise-address" label={i18n.t(&ADDRESS)} maxlength="200"
                value={(*address).clone()} oninput={bind(&address)} error={err("address", None)} />
        </FormDialog>
    }
}
