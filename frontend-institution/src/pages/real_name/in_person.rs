//! 现场核验 — institution staff saw the trainee and the ID card (`#in-person-dialog`): name
//! (`#ip-name`), ID-card number (`#ip-id-number`, checked as the server does), a note
//! (`#ip-note`) and, optionally, a portrait taken on the spot with the staff's camera
//! (`#ip-take-portrait`; it becomes the trainee's face reference); sent by `#ip-submit`. Who
//! verified and when is recorded by the server.

use frontend_kit::components::face::{CameraCapture, Captured, Whose, use_identity};
use frontend_kit::prelude::*;
use shared_types::face::{CapturePurpose, InPersonVerification, RealNameReview};
use yew::prelude::*;

const TITLE: Text = Text::new("现场核验：{0}", "Verify in person: {0}");
const BODY: Text = Text::new(
    "请当面核对学员本人与其身份证原件，确认一致后提交。",
    "Check the trainee in person against their original ID card, then submit.",
);
const NOTE: Text = Text::new("核验说明", "Note");
const NOTE_HELP: Text = Text::new(
    "如核验地点、证件情况等",
    "Where it was checked, the state of the card, …",
);
const PORTRAIT: Text = Text::new("现场人像（可选）", "Portrait on the spot (optional)");
const TAKE: Text = Text::new("拍摄人像", "Take a portrait");
const RETAKE: Text = Text::new("重新拍摄", "Take it again");
const CONFIRM: Text = Text::new("确认核验通过", "Confirm verified");

#[derive(Properties, PartialEq)]
pub struct InPersonDialogProps {
    pub trainee: RealNameReview,
    pub on_done: Callback<bool>,
}

#[component]
pub fn InPersonDialog(props: &InPersonDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let t = &props.trainee;
    let identity = use_identity(|| t.name.clone());
    let note = use_state(String::new);
    let portrait = use_state(|| None::<Captured>);
    let camera_open = use_state_eq(|| false);

    let req = InPersonVerification {
        name: identity.name(),
        id_number: identity.id_number(),
        portrait_capture: portrait.as_ref().map(|p| p.capture_id),
        note: note.trim().to_owned(),
    };
    let user_id = t.user_id;
    let onsubmit = submit.for_dialog(
        identity.invalid(),
        req,
        &props.on_done,
        move |req| async move { frontend_kit::api::verify_in_person(user_id, &req).await },
    );
    let toggle_camera = {
        let camera_open = camera_open.clone();
        Callback::from(move |_: MouseEvent| camera_open.set(!*camera_open))
    };
    let on_captured = {
        let (portrait, camera_open) = (portrait.clone(), camera_open.clone());
        Callback::from(move |c: Captured| {
            portrait.set(Some(c));
            camera_open.set(false);
        })
    };
    let text = |t: &Text| AttrValue::from(i18n.t(t));
    html! {
        <FormDialog id="in-person-dialog" title={i18n.fmt(&TITLE, &[&t.account])} label={text(&CONFIRM)}
            busy={submit.busy()} error={submit.form_error(&i18n)} {onsubmit} onclose={props.on_done.reform(|()| false)}
            submit_id="ip-submit">
            <p class="zp-muted">{ i18n.t(&BODY) }</p>
            { identity.fields(&i18n, &submit, "ip", Whose::Trainee) }
            <TextAreaField id="ip-note" label={text(&NOTE)} helper={text(&NOTE_HELP)} maxlength="500" rows={3}
                value={(*note).clone()} oninput={bind(&note)} error={submit.field_error(&i18n, "note", None)} />
            <div class="pf-v6-c-form__group">
                <div class="pf-v6-c-form__group-label">
                    <span class="pf-v6-c-form__label"><span class="pf-v6-c-form__label-text">{ i18n.t(&PORTRAIT) }</span></span>
                </div>
                <div class="pf-v6-c-form__group-control">
                    if let Some(url) = portrait.as_ref().and_then(|p| p.preview.clone()) {
                        <img id="ip-portrait-preview" class="zp-photo-preview" src={url.as_str().to_owned()} alt={text(&PORTRAIT)} />
                    }
                    if *camera_open {
                        <CameraCapture purpose={CapturePurpose::Portrait} {on_captured} />
                    } else {
                        <button id="ip-take-portrait" type="button" class="pf-v6-c-button pf-m-secondary" onclick={toggle_camera}>
                            <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-camera" aria-hidden="true"></i></span>
                            <span class="pf-v6-c-button__text">{ i18n.t(if portrait.is_some() { &RETAKE } else { &TAKE }) }</span>
                        </button>
                    }
                </div>
            </div>
        </FormDialog>
    }
}
