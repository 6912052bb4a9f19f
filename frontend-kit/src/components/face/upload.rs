//! One image to the object store: a capture slot for its purpose, then the PUT of its bytes
//! with progress; answers the capture id the next request names.

use shared_types::face::CapturePurpose;
use shared_types::{ApiError, ErrorCode};
use uuid::Uuid;
use yew::prelude::*;

use crate::api;
use crate::components::ProgressBar;
use crate::format::bytes;
use crate::i18n::{I18n, Text};

const TOO_LARGE: Text = Text::new(
    "照片过大（最大 {0}），请换一张",
    "The photo is too large (at most {0}); choose another",
);
const SENDING: Text = Text::new("正在上传照片", "Uploading the photo");
const OF: Text = Text::new("{0} / {1}", "{0} of {1}");

/// Bytes sent of the image being uploaded, `(sent, total)`.
pub type Sent = (f64, f64);

/// Uploads `image` for `purpose`, telling `progress` how far it got.
pub async fn send_capture(
    image: &web_sys::Blob,
    content_type: &str,
    purpose: CapturePurpose,
    progress: &Callback<Sent>,
) -> Result<Uuid, ApiError> {
    let slot = api::capture_slot(purpose, content_type).await?;
    // A size in bytes: exact in f64.
    if slot.max_bytes > 0 && image.size() > slot.max_bytes as f64 {
        let lang = crate::i18n::current_lang();
        return Err(ApiError {
            code: ErrorCode::PayloadTooLarge,
            message: crate::i18n::format_text(TOO_LARGE.get(lang), &[&bytes(slot.max_bytes)]),
            field: Some("file".into()),
        });
    }
    progress.emit((0.0, image.size()));
    api::put_capture(&slot.upload_url, image, content_type, progress).await?;
    Ok(slot.capture_id)
}

/// The progress bar of an upload (`<id>`), while one runs.
pub fn progress_bar(i18n: &I18n, id: &str, sent: Option<Sent>) -> Html {
    let Some((done, total)) = sent else {
        return html! {};
    };
    let percent = if total > 0.0 {
        (done / total * 100.0).clamp(0.0, 100.0) as u32
    } else {
        0
    };
    // Sizes of a browser blob are whole bytes.
    let detail = i18n.fmt(&OF, &[&bytes(done as i64), &bytes(total as i64)]);
    html! {
        <ProgressBar id={id.to_owned()} caption={i18n.t(&SENDING)} {percent} detail={AttrValue::from(detail)} />
    }
}
