//! Real-name verification (实名认证, T-7.2.6b) and face checks (人脸核验, T-7.2.6c/d): upload
//! slots for camera frames and ID photos and the presigned PUT of their bytes, the learner's
//! submission, the face checks of a play session, the institution's in-person verification,
//! and the regulator's review queue and face-check records.

use gloo_net::http::Method;
use shared_types::face::{
    CapturePurpose, CaptureRequest, CaptureSlot, FaceCheckQuery, FaceCheckRecord, FaceCheckRequest,
    FaceCheckResult, InPersonVerification, RealNameDecision, RealNameQuery, RealNameReview,
    RealNameState, RealNameSubmission,
};
use shared_types::page::Page;
use shared_types::{ApiError, ErrorCode};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::Callback;

use super::{call, get, local_error, with_query};
use crate::i18n::Text;

/// `POST /api/v1/face/captures` — a slot for one image.
pub async fn capture_slot(
    purpose: CapturePurpose,
    content_type: &str,
) -> Result<CaptureSlot, ApiError> {
    let req = CaptureRequest {
        purpose,
        content_type: content_type.to_owned(),
    };
    call(Method::POST, "/api/v1/face/captures", &req).await
}

const PUT_FAILED: Text = Text::new(
    "照片上传失败，请检查网络后重试",
    "The photo did not upload; check the connection and try again",
);

fn put_failed() -> ApiError {
    local_error(ErrorCode::Unknown, Some(&PUT_FAILED))
}

/// PUTs an image to its slot's presigned URL (no auth header: the signature covers it), telling
/// `progress` the bytes sent `(sent, total)`. An `XMLHttpRequest`, since `fetch` reports no
/// upload progress.
pub async fn put_capture(
    url: &str,
    image: &web_sys::Blob,
    content_type: &str,
    progress: &Callback<(f64, f64)>,
) -> Result<(), ApiError> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| put_failed())?;
    xhr.open("PUT", url).map_err(|_| put_failed())?;
    xhr.set_request_header("Content-Type", content_type)
        .map_err(|_| put_failed())?;
    let on_progress = {
        let progress = progress.clone();
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() {
                progress.emit((e.loaded(), e.total()));
            }
        })
    };
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&reject));
        xhr.set_onabort(Some(&reject));
    });
    xhr.send_with_opt_blob(Some(image))
        .map_err(|_| put_failed())?;
    let sent = wasm_bindgen_futures::JsFuture::from(done).await;
    // The closure must live until the request ended.
    drop(on_progress);
    match (sent, xhr.status()) {
        (Ok(_), Ok(status)) if (200..300).contains(&status) => {
            progress.emit((image.size(), image.size()));
            Ok(())
        }
        _ => Err(put_failed()),
    }
}

/// `GET /api/v1/me/real-name`
pub async fn my_real_name() -> Result<RealNameState, ApiError> {
    get("/api/v1/me/real-name").await
}

/// `POST /api/v1/me/real-name` — pending, or decided at once by an identity-check service.
pub async fn submit_real_name(req: &RealNameSubmission) -> Result<RealNameState, ApiError> {
    call(Method::POST, "/api/v1/me/real-name", req).await
}

/// `POST /api/v1/learning/sessions/{id}/face-checks`
pub async fn check_face(
    session_id: Uuid,
    req: &FaceCheckRequest,
) -> Result<FaceCheckResult, ApiError> {
    let path = format!("/api/v1/learning/sessions/{session_id}/face-checks");
    call(Method::POST, &path, req).await
}

/// `POST /api/v1/learning/sessions/{id}/face-checks/no-camera` — the tenant's fallback decides.
pub async fn report_no_camera(session_id: Uuid) -> Result<FaceCheckResult, ApiError> {
    let path = format!("/api/v1/learning/sessions/{session_id}/face-checks/no-camera");
    call(Method::POST, &path, &serde_json::json!({})).await
}

/// `GET /api/v1/institution/real-name` — the institution's trainees and where they stand.
pub async fn institution_real_names(
    filter: &RealNameQuery,
) -> Result<Page<RealNameReview>, ApiError> {
    get(&with_query("/api/v1/institution/real-name", filter)).await
}

/// `POST /api/v1/institution/trainees/{user_id}/real-name` — seen in person by the staff.
pub async fn verify_in_person(
    user_id: Uuid,
    req: &InPersonVerification,
) -> Result<RealNameReview, ApiError> {
    let path = format!("/api/v1/institution/trainees/{user_id}/real-name");
    call(Method::POST, &path, req).await
}

/// `GET /api/v1/real-name/reviews`
pub async fn real_name_reviews(filter: &RealNameQuery) -> Result<Page<RealNameReview>, ApiError> {
    get(&with_query("/api/v1/real-name/reviews", filter)).await
}

/// `POST /api/v1/real-name/reviews/{id}/decision` — a reason is required to reject.
pub async fn decide_real_name(
    verification_id: Uuid,
    decision: &RealNameDecision,
) -> Result<RealNameReview, ApiError> {
    let path = format!("/api/v1/real-name/reviews/{verification_id}/decision");
    call(Method::POST, &path, decision).await
}

/// `GET /api/v1/face/checks`
pub async fn face_checks(filter: &FaceCheckQuery) -> Result<Page<FaceCheckRecord>, ApiError> {
    get(&with_query("/api/v1/face/checks", filter)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared_types::face::{FaceOutcome, RealNameStatus};

    #[test]
    fn filters_name_only_what_is_set() {
        let f = RealNameQuery {
            status: Some(RealNameStatus::Pending),
            page: Some(1),
            per_page: None,
        };
        assert_eq!(with_query("/r", &f), "/r?status=pending&page=1");
        let f = FaceCheckQuery {
            outcome: Some(FaceOutcome::NoFace),
            failed_only: true,
            ..FaceCheckQuery::default()
        };
        assert_eq!(with_query("/f", &f), "/f?outcome=no_face&failed_only=true");
        let all = FaceCheckQuery::default();
        assert_eq!(with_query("/f", &all), "/f?failed_only=false");
    }
}
