//! An ID-card photo field: a file input (`<id>`, camera or gallery on a phone) whose choice is
//! previewed at once (`<id>-preview`), made small enough, and uploaded to a capture slot with a
//! progress bar (`<id>-progress`); `<id>-done` once stored, `<id>-error` when it was not.

use shared_types::ApiError;
use shared_types::face::CapturePurpose;
use uuid::Uuid;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::image::{ObjectUrl, prepare_photo};
use super::upload::{Sent, progress_bar, send_capture};
use crate::i18n::{Text, use_i18n};

const CHOOSE: Text = Text::new("拍摄或选择照片", "Take or choose a photo");
const CHOOSE_AGAIN: Text = Text::new("重新选择", "Choose another");
const STORED: Text = Text::new("照片已上传", "Photo uploaded");
const UNREADABLE: Text = Text::new(
    "无法读取此图片，请选择 JPG 或 PNG 照片",
    "This image cannot be read; choose a JPG or PNG photo",
);

#[derive(Clone, PartialEq)]
enum Stage {
    Empty,
    Sending,
    Stored,
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct PhotoUploadProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub purpose: CapturePurpose,
    /// The stored photo's capture id; `None` while a new choice uploads or after it failed.
    pub on_uploaded: Callback<Option<Uuid>>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub helper: Option<AttrValue>,
    /// The form's own message (e.g. "required" after a submit without it).
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

#[component]
pub fn PhotoUpload(props: &PhotoUploadProps) -> Html {
    let i18n = use_i18n();
    let stage = use_state(|| Stage::Empty);
    let preview = use_state(|| None::<std::rc::Rc<ObjectUrl>>);
    let sent = use_state_eq(|| None::<Sent>);
    let onchange = {
        let (stage, preview, sent) = (stage.clone(), preview.clone(), sent.clone());
        let (purpose, on_uploaded, i18n) = (props.purpose, props.on_uploaded.clone(), i18n.clone());
        Callback::from(move |e: Event| {
            let Some(file) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|files| files.get(0))
            else {
                return;
            };
            on_uploaded.emit(None);
            stage.set(Stage::Sending);
            let (stage, preview, sent, on_uploaded, i18n) = (
                stage.clone(),
                preview.clone(),
                sent.clone(),
                on_uploaded.clone(),
                i18n.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let Some((image, content_type)) = prepare_photo(&file).await else {
                    preview.set(None);
                    stage.set(Stage::Failed(i18n.t(&UNREADABLE).to_owned()));
                    return;
                };
                preview.set(ObjectUrl::new(&image));
                let progress = {
                    let sent = sent.clone();
                    Callback::from(move |s: Sent| sent.set(Some(s)))
                };
                let result: Result<Uuid, ApiError> =
                    send_capture(&image, content_type, purpose, &progress).await;
                sent.set(None);
                match result {
                    Ok(id) => {
                        stage.set(Stage::Stored);
                        on_uploaded.emit(Some(id));
                    }
                    Err(err) => stage.set(Stage::Failed(i18n.error(&err))),
                }
            });
        })
    };
    let sending = *stage == Stage::Sending;
    let id = props.id.clone();
    let error = match &*stage {
        Stage::Failed(message) => Some(AttrValue::from(message.clone())),
        _ => props.error.clone(),
    };
    html! {
        <div class="pf-v6-c-form__group zp-photo-field">
            <div class="pf-v6-c-form__group-label">
                <label class="pf-v6-c-form__label" for={id.clone()}>
                    <span class="pf-v6-c-form__label-text">{ props.label.clone() }</span>
                    if props.required {
                        <span class="pf-v6-c-form__label-required" aria-hidden="true">{ " *" }</span>
                    }
                </label>
            </div>
            <div class="pf-v6-c-form__group-control">
                <div class="zp-file-pick">
                    <input type="file" id={id.clone()} class="zp-file-input" accept="image/jpeg,image/png"
                        disabled={sending} {onchange} aria-invalid={error.is_some().to_string()}
                        aria-describedby={error.is_some().then(|| format!("{id}-error"))} />
                    <label for={id.clone()} aria-hidden="true"
                        class={classes!("pf-v6-c-button", "pf-m-secondary", "pf-m-small", sending.then_some("pf-m-disabled"))}>
                        <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-camera" aria-hidden="true"></i></span>
                        <span class="pf-v6-c-button__text">
                            { i18n.t(if preview.is_some() { &CHOOSE_AGAIN } else { &CHOOSE }) }
                        </span>
                    </label>
                </div>
                if let Some(helper) = &props.helper {
                    <p class="zp-muted zp-helper">{ helper.clone() }</p>
                }
                if let Some(url) = &*preview {
                    <img id={format!("{id}-preview")} class="zp-photo-preview" src={url.as_str().to_owned()} alt={props.label.clone()} />
                }
                { progress_bar(&i18n, &format!("{id}-progress"), *sent) }
                if *stage == Stage::Stored {
                    <p class="zp-muted zp-ok-text" id={format!("{id}-done")}>{ i18n.t(&STORED) }</p>
                }
                if let Some(error) = error {
                    <p class="pf-v6-c-helper-text__item pf-m-error zp-field-error" id={format!("{id}-error")} role="alert">{ error }</p>
                }
            </div>
        </div>
    }
}
