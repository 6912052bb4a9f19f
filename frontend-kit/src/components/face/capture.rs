//! 现场人像 — a live portrait from the camera (`#camera-capture`): the preview
//! (`#camera-preview`) with guidance, "take" (`#camera-shoot`) counts down and takes the frame,
//! then retake (`#camera-retake`) or use it (`#camera-use`), which uploads it and reports the
//! capture. The camera stops when the component goes away.

use shared_types::ApiError;
use shared_types::face::CapturePurpose;
use yew::prelude::*;

use super::camera::{CameraError, use_camera};
use super::image::ObjectUrl;
use super::upload::{Sent, progress_bar, send_capture};
use super::{COUNTDOWN_SECONDS, Captured, GUIDANCE, count_down, viewfinder};
use crate::components::form::FormError;
use crate::i18n::{Text, use_i18n};

const STARTING: Text = Text::new("正在打开摄像头…", "Opening the camera…");
const SHOOT: Text = Text::new("拍照", "Take the photo");
const RETAKE: Text = Text::new("重拍", "Retake");
const USE: Text = Text::new("使用此照片", "Use this photo");
const TRY_AGAIN: Text = Text::new("重试", "Try again");
const TAKEN: Text = Text::new("拍摄的照片", "The photo taken");

#[derive(Clone, PartialEq)]
enum Stage {
    Starting,
    Failed(CameraError),
    Live,
    Counting(u32),
    Taken(std::rc::Rc<ObjectUrl>),
    Sending(std::rc::Rc<ObjectUrl>),
}

#[derive(Properties, PartialEq)]
pub struct CameraCaptureProps {
    /// What the upload is for (a portrait, usually).
    #[prop_or(CapturePurpose::Portrait)]
    pub purpose: CapturePurpose,
    /// The uploaded frame.
    pub on_captured: Callback<Captured>,
}

#[component]
pub fn CameraCapture(props: &CameraCaptureProps) -> Html {
    let i18n = use_i18n();
    let camera = use_camera();
    let stage = use_state(|| Stage::Starting);
    let frame = use_mut_ref(|| None::<web_sys::Blob>);
    let sent = use_state_eq(|| None::<Sent>);
    let error = use_state_eq(|| None::<ApiError>);
    let start = {
        let (camera, stage) = (camera.clone(), stage.clone());
        Callback::from(move |()| {
            let (camera, stage) = (camera.clone(), stage.clone());
            stage.set(Stage::Starting);
            wasm_bindgen_futures::spawn_local(async move {
                match camera.start().await {
                    Ok(_) => stage.set(Stage::Live),
                    Err(e) => stage.set(Stage::Failed(e)),
                }
            });
        })
    };
    {
        let start = start.clone();
        use_effect_with((), move |_| start.emit(()));
    }
    let shoot = {
        let (camera, stage, frame) = (camera.clone(), stage.clone(), frame.clone());
        Callback::from(move |_: MouseEvent| {
            let (camera, stage, frame) = (camera.clone(), stage.clone(), frame.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let counting = stage.clone();
                count_down(COUNTDOWN_SECONDS, move |n| counting.set(Stage::Counting(n))).await;
                match camera.frame().await {
                    Ok(blob) => match ObjectUrl::new(&blob) {
                        Some(url) => {
                            *frame.borrow_mut() = Some(blob);
                            stage.set(Stage::Taken(url));
                        }
                        None => stage.set(Stage::Failed(CameraError::NoFrame)),
                    },
                    Err(e) => stage.set(Stage::Failed(e)),
                }
            });
        })
    };
    let retake = {
        let (stage, error) = (stage.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            stage.set(Stage::Live);
        })
    };
    let use_it = {
        let (camera, stage, frame, sent, error) = (
            camera.clone(),
            stage.clone(),
            frame.clone(),
            sent.clone(),
            error.clone(),
        );
        let (purpose, on_captured) = (props.purpose, props.on_captured.clone());
        Callback::from(move |_: MouseEvent| {
            let (Stage::Taken(url), Some(blob)) = ((*stage).clone(), frame.borrow().clone()) else {
                return;
            };
            stage.set(Stage::Sending(url.clone()));
            error.set(None);
            let (camera, stage, sent, error, on_captured) = (
                camera.clone(),
                stage.clone(),
                sent.clone(),
                error.clone(),
                on_captured.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let progress = {
                    let sent = sent.clone();
                    Callback::from(move |s: Sent| sent.set(Some(s)))
                };
                let result = send_capture(&blob, "image/jpeg", purpose, &progress).await;
                sent.set(None);
                match result {
                    Ok(capture_id) => {
                        camera.stop();
                        on_captured.emit(Captured {
                            capture_id,
                            preview: Some(url),
                        });
                    }
                    Err(err) => {
                        error.set(Some(err));
                        stage.set(Stage::Taken(url));
                    }
                }
            });
        })
    };
    let (count, still) = match &*stage {
        Stage::Counting(n) => (Some(*n), None),
        Stage::Taken(url) | Stage::Sending(url) => (None, Some(url.clone())),
        _ => (None, None),
    };
    let button = |id: &'static str,
                  label: &Text,
                  primary: bool,
                  onclick: Callback<MouseEvent>,
                  disabled: bool| {
        html! {
            <button {id} type="button" {onclick} {disabled}
                class={classes!("pf-v6-c-button", if primary { "pf-m-primary" } else { "pf-m-secondary" })}>
                <span class="pf-v6-c-button__text">{ i18n.t(label) }</span>
            </button>
        }
    };
    let actions = match &*stage {
        Stage::Starting => html! { <p class="zp-muted" role="status">{ i18n.t(&STARTING) }</p> },
        Stage::Failed(e) => html! {
            <>
                <FormError id="camera-error" message={AttrValue::from(i18n.t(&e.text()))} />
                { button("camera-start", &TRY_AGAIN, true, start.reform(|_: MouseEvent| ()), false) }
            </>
        },
        Stage::Live | Stage::Counting(_) => button(
            "camera-shoot",
            &SHOOT,
            true,
            shoot,
            matches!(*stage, Stage::Counting(_)),
        ),
        Stage::Taken(_) | Stage::Sending(_) => {
            let sending = matches!(*stage, Stage::Sending(_));
            html! {
                <>
                    { button("camera-use", &USE, true, use_it, sending) }
                    { button("camera-retake", &RETAKE, false, retake, sending) }
                </>
            }
        }
    };
    html! {
        <div id="camera-capture" class="zp-camera" data-stage={stage_name(&stage)}>
            <p class="zp-muted zp-camera-guidance">{ i18n.t(&GUIDANCE) }</p>
            { viewfinder(&camera, "camera-preview", count, None, still.is_some()) }
            if let Some(url) = &still {
                <img class="zp-camera-still" id="camera-still" src={url.as_str().to_owned()} alt={i18n.t(&TAKEN)} />
            }
            <FormError id="camera-upload-error" message={error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            { progress_bar(&i18n, "camera-upload-progress", *sent) }
            <div class="zp-row-actions zp-camera-actions">{ actions }</div>
        </div>
    }
}

/// The stage in `data-stage`, for tests and styling.
fn stage_name(stage: &Stage) -> &'static str {
    match stage {
        Stage::Starting => "starting",
        Stage::Failed(_) => "failed",
        Stage::Live => "live",
        Stage::Counting(_) => "counting",
        Stage::Taken(_) => "taken",
        Stage::Sending(_) => "sending",
    }
}
