//! The real-name submission: name (`#rn-name`), ID-card number (`#rn-id-number`, checked as
//! typed by the GB 11643 rules the server applies again), the ID card's photo side
//! (`#rn-id-front`, required) and emblem side (`#rn-id-back`), and a live portrait from the
//! camera (`#rn-take-portrait` opens it), then `#rn-submit`. Errors: the form's in `#form-error`,
//! a field's under it (`#<field>-helper`, `#rn-id-front-error`, `#rn-portrait-error`).

use frontend_kit::components::Dialog;
use frontend_kit::components::face::{CameraCapture, Captured, PhotoUpload, Whose, use_identity};
use frontend_kit::prelude::*;
use shared_types::face::{CapturePurpose, RealNameState, RealNameSubmission};
use uuid::Uuid;
use yew::prelude::*;

const ID_FRONT: Text = Text::new("身份证人像面", "ID card, photo side");
const ID_BACK: Text = Text::new("身份证国徽面", "ID card, emblem side");
const PHOTO_HELP: Text = Text::new(
    "请拍摄完整、清晰、无反光的证件照片",
    "Photograph the whole card, sharp and without glare",
);
const PORTRAIT: Text = Text::new("现场人像", "Live portrait");
const TAKE: Text = Text::new("拍摄人像", "Take a portrait");
const RETAKE: Text = Text::new("重新拍摄", "Take it again");
const PORTRAIT_HELP: Text = Text::new(
    "使用摄像头现场拍摄，用于后续学习和考试中的人脸核验",
    "Taken with the camera now; face checks in study and exams compare against it",
);
const PORTRAIT_TAKEN: Text = Text::new("现场人像", "The live portrait");
const PHOTO_REQUIRED: Text = Text::new("请上传此照片", "Upload this photo");
const PORTRAIT_REQUIRED: Text = Text::new("请拍摄现场人像", "Take a live portrait");
const SUBMIT: Text = Text::new("提交认证", "Submit");
const SUBMITTED: Text = Text::new("实名认证资料已提交", "Verification submitted");

#[derive(Properties, PartialEq)]
pub struct RealNameFormProps {
    pub on_submitted: Callback<RealNameState>,
}

#[component]
pub fn RealNameForm(props: &RealNameFormProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let submit = use_submit();
    let identity = use_identity(String::new);
    let front = use_state_eq(|| None::<Uuid>);
    let back = use_state_eq(|| None::<Uuid>);
    let portrait = use_state(|| None::<Captured>);
    let camera_open = use_state_eq(|| false);

    let front_error = submit.field_error(
        &i18n,
        "id_front_capture",
        front.is_none().then_some(PHOTO_REQUIRED),
    );
    let portrait_error = submit.field_error(
        &i18n,
        "portrait_capture",
        portrait.is_none().then_some(PORTRAIT_REQUIRED),
    );

    let request = match (&*front, &*portrait) {
        (Some(front), Some(portrait)) => Some(RealNameSubmission {
            name: identity.name(),
            id_number: identity.id_number(),
            id_front_capture: *front,
            id_back_capture: *back,
            portrait_capture: portrait.capture_id,
        }),
        _ => None,
    };
    let invalid = identity.invalid() || request.is_none();
    let onsubmit = {
        let (submit, toaster, i18n) = (submit.clone(), toaster.clone(), i18n.clone());
        let on_submitted = props.on_submitted.clone();
        Callback::from(move |()| {
            let req = request.clone();
            let (toaster, i18n, on_submitted) =
                (toaster.clone(), i18n.clone(), on_submitted.clone());
            submit.run(
                invalid,
                async move {
                    match req {
                        Some(req) => frontend_kit::api::submit_real_name(&req).await,
                        // Never sent: `run` stops at `invalid`.
                        None => frontend_kit::api::my_real_name().await,
                    }
                },
                move |state| {
                    toaster.success(i18n.t(&SUBMITTED));
                    on_submitted.emit(state);
                },
            );
        })
    };
    let set_id = |state: &UseStateHandle<Option<Uuid>>| {
        let state = state.clone();
        Callback::from(move |id: Option<Uuid>| state.set(id))
    };
    let open_camera = {
        let camera_open = camera_open.clone();
        Callback::from(move |_: MouseEvent| camera_open.set(true))
    };
    let close_camera = {
        let camera_open = camera_open.clone();
        Callback::from(move |()| camera_open.set(false))
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
        <form class="pf-v6-c-form zp-real-name-form" novalidate=true onsubmit={on_submit(onsubmit)}>
            <FormError message={submit.form_error(&i18n)} />
            { identity.fields(&i18n, &submit, "rn", Whose::Own) }
            <PhotoUpload id="rn-id-front" label={text(&ID_FRONT)} purpose={CapturePurpose::IdFront} required=true
                helper={text(&PHOTO_HELP)} on_uploaded={set_id(&front)} error={front_error} />
            <PhotoUpload id="rn-id-back" label={text(&ID_BACK)} purpose={CapturePurpose::IdBack}
                on_uploaded={set_id(&back)} error={submit.field_error(&i18n, "id_back_capture", None)} />
            <div class="pf-v6-c-form__group">
                <div class="pf-v6-c-form__group-label">
                    <span class="pf-v6-c-form__label">
                        <span class="pf-v6-c-form__label-text">{ i18n.t(&PORTRAIT) }</span>
                        <span class="pf-v6-c-form__label-required" aria-hidden="true">{ " *" }</span>
                    </span>
                </div>
                <div class="pf-v6-c-form__group-control">
                    <p class="zp-muted zp-helper">{ i18n.t(&PORTRAIT_HELP) }</p>
                    if let Some(url) = portrait.as_ref().and_then(|p| p.preview.clone()) {
                        <img id="rn-portrait-preview" class="zp-photo-preview" src={url.as_str().to_owned()} alt={text(&PORTRAIT_TAKEN)} />
                    }
                    <button id="rn-take-portrait" type="button" class="pf-v6-c-button pf-m-secondary" onclick={open_camera}>
                        <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-camera" aria-hidden="true"></i></span>
                        <span class="pf-v6-c-button__text">{ i18n.t(if portrait.is_some() { &RETAKE } else { &TAKE }) }</span>
                    </button>
                    if let Some(error) = portrait_error {
                        <p id="rn-portrait-error" class="pf-v6-c-helper-text__item pf-m-error zp-field-error" role="alert">{ error }</p>
                    }
                </div>
            </div>
            <div class="pf-v6-c-form__group pf-m-action">
                <SubmitButton id="rn-submit" label={text(&SUBMIT)} busy={submit.busy()} />
            </div>
            if *camera_open {
                <Dialog id="portrait-dialog" title={text(&PORTRAIT)} onclose={close_camera}>
                    <CameraCapture purpose={CapturePurpose::Portrait} {on_captured} />
                </Dialog>
            }
        </form>
    }
}
