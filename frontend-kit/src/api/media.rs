//! Uploads straight to the object store by presigned multipart upload (`docs/catalog-api.md`,
//! Media): the API hands out part URLs and records each stored part; the bytes never pass
//! through it. [`crate::components::upload`] drives these calls.

use gloo_net::http::{Method, RequestBuilder};
use shared_types::media::{
    Media, PartDone, PresignPartsRequest, PresignedParts, StartUploadRequest, UploadSession,
};
use shared_types::{ApiError, ErrorCode};
use uuid::Uuid;

use super::{call, call_empty, get, local_error, post_without_body};
use crate::i18n::Text;

/// `POST /api/v1/media/uploads`
pub async fn start_upload(req: &StartUploadRequest) -> Result<UploadSession, ApiError> {
    call(Method::POST, "/api/v1/media/uploads", req).await
}

/// `GET /api/v1/media/uploads/{id}` — which parts are already stored (to resume).
pub async fn upload_session(media_id: Uuid) -> Result<UploadSession, ApiError> {
    get(&format!("/api/v1/media/uploads/{media_id}")).await
}

/// `POST /api/v1/media/uploads/{id}/parts`
pub async fn presign_parts(
    media_id: Uuid,
    part_numbers: Vec<u32>,
) -> Result<PresignedParts, ApiError> {
    call(
        Method::POST,
        &format!("/api/v1/media/uploads/{media_id}/parts"),
        &PresignPartsRequest { part_numbers },
    )
    .await
}

/// `PUT /api/v1/media/uploads/{id}/parts/{n}`
pub async fn part_done(media_id: Uuid, part_number: u32, done: &PartDone) -> Result<(), ApiError> {
    call_empty(
        Method::PUT,
        &format!("/api/v1/media/uploads/{media_id}/parts/{part_number}"),
        Some(done),
    )
    .await
}

/// `POST /api/v1/media/uploads/{id}/complete` — the server probes the file (422 `file` when it
/// cannot be played or read).
pub async fn complete_upload(media_id: Uuid) -> Result<Media, ApiError> {
    post_without_body(&format!("/api/v1/media/uploads/{media_id}/complete")).await
}

/// `GET /api/v1/media/{id}`
pub async fn media_file(media_id: Uuid) -> Result<Media, ApiError> {
    get(&format!("/api/v1/media/{media_id}")).await
}

const PART_FAILED: Text = Text::new(
    "分片上传失败，网络恢复后可继续上传",
    "A part failed to upload; resume once the connection is back",
);

/// A part could not be stored (network down, URL expired): the upload pauses and can resume.
pub fn upload_failed() -> ApiError {
    local_error(ErrorCode::Unknown, Some(&PART_FAILED))
}

/// PUTs one part's bytes to its presigned URL and answers the stored part's `ETag`. Nothing but
/// the bytes is sent: the URL's signature covers the request, and the store's CORS rules expose
/// `ETag` to the page.
pub async fn put_part(url: &str, bytes: &web_sys::Blob) -> Result<String, ApiError> {
    let response = RequestBuilder::new(url)
        .method(Method::PUT)
        .body(bytes.clone())
        .map_err(|_| upload_failed())?
        .send()
        .await
        .map_err(|_| upload_failed())?;
    if !response.ok() {
        return Err(upload_failed());
    }
    response.headers().get("etag").ok_or_else(upload_failed)
}
