//! Applying for a qualification: the training type (`#qualification-type`), a note and the
//! evidence (`#qualification-evidence-1`…: permits, teacher lists, site photos). The server
//! refuses (409) a type already pending or approved, and everything until the institution is
//! certified; the dialog shows why (T-7.2.7g).

use frontend_kit::components::MultiUpload;
use frontend_kit::prelude::*;
use shared_types::catalog::TrainingType;
use shared_types::media::MediaKind;
use shared_types::orgs::QualificationInput;
use uuid::Uuid;
use yew::prelude::*;

const TITLE: Text = Text::new("申请培训资质", "Apply for a qualification");
const TYPE: Text = Text::new("培训类型", "Training type");
const NOTE: Text = Text::new("申请说明", "Note");
const EVIDENCE: Text = Text::new("证明材料", "Evidence");
const EVIDENCE_HINT: Text = Text::new(
    "办学许可、师资名单、场地照片等，PDF、JPG 或 PNG",
    "Permits, teacher lists, site photos…; PDF, JPG or PNG",
);
const SUBMIT: Text = Text::new("提交申请", "Apply");

#[derive(Properties, PartialEq)]
pub struct ApplyDialogProps {
    pub on_done: Callback<bool>,
}

#[component]
pub fn ApplyDialog(props: &ApplyDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let training_type = use_state(|| TrainingType::SafetyManager.code().to_owned());
    let note = use_state(String::new);
    let evidence = use_state(Vec::<Uuid>::new);
    let onsubmit = {
        let req = QualificationInput {
            training_type: TrainingType::from_code(&training_type)
                .unwrap_or(TrainingType::SafetyManager),
            note: note.trim().to_owned(),
            evidence_media_ids: (*evidence).clone(),
        };
        submit.for_dialog(false, req, &props.on_done, move |req| async move {
            frontend_kit::api::apply_qualification(&req).await
        })
    };
    let on_evidence = {
        let evidence = evidence.clone();
        Callback::from(move |ids: Vec<Uuid>| evidence.set(ids))
    };
    let on_close = props.on_done.reform(|()| false);
    html! {
        <FormDialog id="qualification-dialog" title={i18n.t(&TITLE)} label={i18n.t(&SUBMIT)} busy={submit.busy()}
            error={submit.form_error(&i18n)} {onsubmit} onclose={on_close}>
            <SelectField id="qualification-type" label={i18n.t(&TYPE)} value={(*training_type).clone()}
                options={choices(&i18n, TrainingType::ALL, None)} onchange={bind(&training_type)} />
            <TextAreaField id="qualification-note" label={i18n.t(&NOTE)} maxlength="2000"
                value={(*note).clone()} oninput={bind(&note)} error={submit.field_error(&i18n, "note", None)} />
            <MultiUpload id="qualification-evidence" label={i18n.t(&EVIDENCE)} kind={MediaKind::Licence}
                initial={Vec::<Uuid>::new()} onchange={on_evidence} helper={AttrValue::from(i18n.t(&EVIDENCE_HINT))} />
        </FormDialog>
    }
}
