//! The certification form: name, address, legal representative, business scope, the business
//! licence (`#cert-licence`) and further documents (`#cert-doc-1`, `#cert-doc-2`…), sent as a new
//! version for review (`#submit-certification`). It starts from the returned version, else the
//! one in force, else what was given at sign-up (T-7.2.5b).

use std::rc::Rc;

use frontend_kit::components::announce;
use frontend_kit::components::form::check_required;
use frontend_kit::components::{FileUpload, MultiUpload};
use frontend_kit::prelude::*;
use shared_types::media::{Media, MediaKind};
use shared_types::orgs::{CertificationInput, Institution};
use uuid::Uuid;
use yew::prelude::*;

const NAME: Text = Text::new("机构名称", "Institution name");
const ADDRESS: Text = Text::new("机构地址", "Address");
const LEGAL_REP: Text = Text::new("法定代表人", "Legal representative");
const SCOPE: Text = Text::new("经营（办学）范围", "Business scope");
const LICENCE: Text = Text::new("营业执照", "Business licence");
const LICENCE_HINT: Text = Text::new("PDF、JPG 或 PNG", "PDF, JPG or PNG");
const LICENCE_ON_FILE: Text = Text::new(
    "已上传营业执照；重新上传可替换。",
    "A licence is on file; upload again to replace it.",
);
const LICENCE_MISSING: Text = Text::new("请上传营业执照", "Upload the business licence");
const DOCUMENTS: Text = Text::new(
    "其他材料（办学许可证、场地证明等）",
    "Further documents (permits, site proof…)",
);
const SUBMIT: Text = Text::new("提交审核", "Submit for review");
const SUBMITTED: Text = Text::new("认证资料已提交，等待审核", "Submitted for review");

#[derive(Properties, PartialEq)]
pub struct CertificationFormProps {
    pub institution: Rc<Institution>,
    pub on_saved: Callback<()>,
}

#[component]
pub fn CertificationForm(props: &CertificationFormProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let submit = use_submit();
    let inst = &props.institution;
    let start = inst
        .open
        .as_ref()
        .or(inst.current.as_ref())
        .map(|c| c.data.clone())
        .unwrap_or_else(|| CertificationInput {
            name: inst.name.clone(),
            address: inst.address.clone(),
            ..Default::default()
        });
    let name = use_state(|| start.name.clone());
    let address = use_state(|| start.address.clone());
    let legal_rep = use_state(|| start.legal_representative.clone());
    let scope = use_state(|| start.business_scope.clone());
    let licence = use_state(|| start.licence_media_id);
    let documents = use_state(|| start.document_media_ids.clone());
    let name_error = check_required(&name);
    let address_error = check_required(&address);
    let legal_error = check_required(&legal_rep);
    let licence_error = licence.is_none().then_some(LICENCE_MISSING);
    let invalid = [name_error, address_error, legal_error, licence_error]
        .iter()
        .any(Option::is_some);
    let onsubmit = {
        let req = CertificationInput {
            name: name.trim().to_owned(),
            address: address.trim().to_owned(),
            legal_representative: legal_rep.trim().to_owned(),
            business_scope: scope.trim().to_owned(),
            licence_media_id: *licence,
            document_media_ids: (*documents).clone(),
        };
        let (submit, on_saved, toaster) = (submit.clone(), props.on_saved.clone(), toaster.clone());
        let message = i18n.t(&SUBMITTED);
        Callback::from(move |()| {
            let req = req.clone();
            submit.run(
                invalid,
                async move { frontend_kit::api::submit_certification(&req).await },
                announce(&toaster, message, on_saved.clone()),
            );
        })
    };
    let on_licence = {
        let licence = licence.clone();
        Callback::from(move |media: Media| licence.set(Some(media.id)))
    };
    let on_documents = {
        let documents = documents.clone();
        Callback::from(move |ids: Vec<Uuid>| documents.set(ids))
    };
    let err = |field: &str, problem: Option<Text>| submit.field_error(&i18n, field, problem);
    html! {
        <form id="certification-form" class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
            <FormError message={submit.form_error(&i18n)} />
            <TextField id="cert-name" label={i18n.t(&NAME)} required=true maxlength="100"
                value={(*name).clone()} oninput={bind(&name)} error={err("name", name_error)} />
            <TextField id="cert-address" label={i18n.t(&ADDRESS)} required=true maxlength="200"
                value={(*address).clone()} oninput={bind(&address)} error={err("address", address_error)} />
            <TextField id="cert-legal-rep" label={i18n.t(&LEGAL_REP)} required=true maxlength="50"
                value={(*legal_rep).clone()} oninput={bind(&legal_rep)} error={err("legal_representative", legal_error)} />
            <TextAreaField id="cert-scope" label={i18n.t(&SCOPE)} maxlength="2000"
                value={(*scope).clone()} oninput={bind(&scope)} error={err("business_scope", None)} />
            if start.licence_media_id.is_some() {
                <p class="zp-muted" id="cert-licence-on-file">{ i18n.t(&LICENCE_ON_FILE) }</p>
            }
            <FileUpload id="cert-licence" label={i18n.t(&LICENCE)} kind={MediaKind::Licence} required=true
                helper={AttrValue::from(i18n.t(&LICENCE_HINT))} on_uploaded={on_licence} />
            if let Some(message) = err("licence_media_id", licence_error) {
                <p class="zp-badge-off" role="alert">{ message }</p>
            }
            <MultiUpload id="cert-doc" label={i18n.t(&DOCUMENTS)} kind={MediaKind::Licence}
                initial={start.document_media_ids.clone()} onchange={on_documents}
                helper={AttrValue::from(i18n.t(&LICENCE_HINT))} />
            if let Some(message) = err("document_media_ids", None) {
                <p class="zp-badge-off" role="alert">{ message }</p>
            }
            <div class="pf-v6-c-form__group pf-m-action">
                <SubmitButton id="submit-certification" label={i18n.t(&SUBMIT)} busy={submit.busy()} />
            </div>
        </form>
    }
}
