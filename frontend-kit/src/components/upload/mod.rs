//! A file field that uploads what is chosen straight to the object store (videos of several GB
//! included), with a progress bar, automatic retries, and a resume button when the connection
//! drops; choosing the same file again later resumes too. Reports the stored, checked media.

mod multi;
mod transfer;

use std::cell::RefCell;
use std::rc::Rc;

use shared_types::media::{Media, MediaKind};
use shared_types::{ApiError, ErrorCode};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::format::bytes;
use crate::i18n::{Labelled, Text, use_i18n};

pub use multi::MultiUpload;

const SENDING: Text = Text::new("正在上传 {0}", "Uploading {0}");
const CHECKING: Text = Text::new("正在检查文件…", "Checking the file…");
const OF: Text = Text::new("{0} / {1}", "{0} of {1}");
const PAUSED: Text = Text::new("上传已暂停：{0}", "Upload paused: {0}");
const RESUME: Text = Text::new("继续上传", "Resume upload");
const REFUSED: Text = Text::new("文件未被接受：{0}", "File refused: {0}");
const CHOOSE: Text = Text::new("选择文件", "Choose a file");
const NOTHING_CHOSEN: Text = Text::new("未选择文件", "No file chosen");
const DONE: Text = Text::new("已上传：{0}", "Uploaded: {0}");
const DONE_VIDEO: Text = Text::new("已上传：{0}（{1}）", "Uploaded: {0} ({1})");

/// What the field is doing.
#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Sending,
    Paused(ApiError),
    Refused(ApiError),
    Done(Media),
}

#[derive(Properties, PartialEq)]
pub struct FileUploadProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub kind: MediaKind,
    /// The stored, checked file (a video may still be transcoding).
    pub on_uploaded: Callback<Media>,
    #[prop_or_default]
    pub helper: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
}

/// What the file picker offers for each kind (the server checks again).
fn accept(kind: MediaKind) -> &'static str {
    match kind {
        MediaKind::Video => "video/*",
        MediaKind::Document => "application/pdf,.pdf",
        MediaKind::Subtitle => "text/vtt,.vtt",
        MediaKind::Image => "image/png,image/jpeg",
        MediaKind::Licence => "application/pdf,image/png,image/jpeg",
    }
}

#[component]
pub fn FileUpload(props: &FileUploadProps) -> Html {
    let i18n = use_i18n();
    let stage = use_state(|| Stage::Idle);
    let progress = use_state_eq(|| (0i64, 0i64));
    let file: Rc<RefCell<Option<web_sys::File>>> = use_mut_ref(|| None);

    let start = {
        let (stage, progress, file) = (stage.clone(), progress.clone(), file.clone());
        let (kind, on_uploaded) = (props.kind, props.on_uploaded.clone());
        Callback::from(move |()| {
            let Some(chosen) = file.borrow().clone() else {
                return;
            };
            stage.set(Stage::Sending);
            let (stage, on_uploaded) = (stage.clone(), on_uploaded.clone());
            let report = {
                let progress = progress.clone();
                Callback::from(move |p: (i64, i64)| progress.set(p))
            };
            wasm_bindgen_futures::spawn_local(async move {
                match transfer::upload(&chosen, kind, &report).await {
                    Ok(media) => {
                        stage.set(Stage::Done(media.clone()));
                        on_uploaded.emit(media);
                    }
                    // The server named what is wrong with the file: choosing it again won't help.
                    Err(err) if err.code == ErrorCode::InvalidField => {
                        stage.set(Stage::Refused(err));
                    }
                    Err(err) => stage.set(Stage::Paused(err)),
                }
            });
        })
    };
    let onchange = {
        let (file, start) = (file.clone(), start.clone());
        Callback::from(move |e: Event| {
            let chosen = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            if chosen.is_some() {
                *file.borrow_mut() = chosen;
                start.emit(());
            }
        })
    };
    let sending = *stage == Stage::Sending;
    let (sent, total) = *progress;
    let percent = if total > 0 { sent * 100 / total } else { 0 };
    let name = file
        .borrow()
        .as_ref()
        .map(web_sys::File::name)
        .unwrap_or_default();
    let bar = matches!(*stage, Stage::Sending | Stage::Paused(_)).then(|| {
        let caption = if sending && total > 0 && sent == total {
            i18n.t(&CHECKING).to_owned()
        } else {
            i18n.fmt(&SENDING, &[&name])
        };
        html! {
            <div class="pf-v6-c-progress pf-m-sm zp-upload-progress" id={format!("{}-progress", props.id)}>
                <div class="pf-v6-c-progress__description">{ caption }</div>
                <div class="pf-v6-c-progress__status" aria-hidden="true">
                    <span class="pf-v6-c-progress__measure">{ format!("{percent}%") }</span>
                </div>
                <div class="pf-v6-c-progress__bar" role="progressbar" aria-valuemin="0" aria-valuemax="100"
                    aria-valuenow={percent.to_string()} aria-label={i18n.fmt(&SENDING, &[&name])}>
                    <div class="pf-v6-c-progress__indicator" style={format!("width: {percent}%;")}></div>
                </div>
                <div class="pf-v6-c-progress__helper-text">{ i18n.fmt(&OF, &[&bytes(sent), &bytes(total)]) }</div>
            </div>
        }
    });
    let status = match &*stage {
        Stage::Idle | Stage::Sending => html! {},
        Stage::Paused(err) => {
            let onclick = start.reform(|_: MouseEvent| ());
            html! {
                <div class="zp-upload-status" role="alert">
                    <span class="zp-warn-text">{ i18n.fmt(&PAUSED, &[&i18n.error(err)]) }</span>
                    <button id={format!("{}-resume", props.id)} type="button" class="pf-v6-c-button pf-m-secondary pf-m-small" {onclick}>
                        <span class="pf-v6-c-button__text">{ i18n.t(&RESUME) }</span>
                    </button>
                </div>
            }
        }
        Stage::Refused(err) => html! {
            <p class="zp-badge-off" role="alert" id={format!("{}-error", props.id)}>{ i18n.fmt(&REFUSED, &[&i18n.error(err)]) }</p>
        },
        Stage::Done(media) => {
            // A video goes on to be transcoded: say where it stands.
            let text = if media.kind == MediaKind::Video {
                i18n.fmt(
                    &DONE_VIDEO,
                    &[&media.file_name, i18n.t(&media.status.text())],
                )
            } else {
                i18n.fmt(&DONE, &[&media.file_name])
            };
            html! { <p class="zp-upload-status zp-muted" id={format!("{}-done", props.id)}>{ text }</p> }
        }
    };
    html! {
        <div class="pf-v6-c-form__group">
            <div class="pf-v6-c-form__group-label">
                <label class="pf-v6-c-form__label" for={props.id.clone()}>
                    <span class="pf-v6-c-form__label-text">{ props.label.clone() }</span>
                    if props.required {
                        <span class="pf-v6-c-form__label-required" aria-hidden="true">{ " *" }</span>
                    }
                </label>
            </div>
            <div class="pf-v6-c-form__group-control">
                // The native control's text follows the browser's language; this one the page's.
                <div class="zp-file-pick">
                    <input type="file" id={props.id.clone()} class="zp-file-input" accept={accept(props.kind)}
                        disabled={sending} {onchange} />
                    <label for={props.id.clone()} class={classes!("pf-v6-c-button", "pf-m-secondary", "pf-m-small", sending.then_some("pf-m-disabled"))}
                        aria-hidden="true">
                        <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-upload"></i></span>
                        <span class="pf-v6-c-button__text">{ i18n.t(&CHOOSE) }</span>
                    </label>
                    <span class="zp-muted zp-file-name">
                        { if name.is_empty() { i18n.t(&NOTHING_CHOSEN).to_owned() } else { name.clone() } }
                    </span>
                </div>
                if let Some(helper) = &props.helper {
                    <p class="zp-muted zp-helper">{ helper.clone() }</p>
                }
                { bar.unwrap_or_default() }
                { status }
            </div>
        </div>
    }
}
