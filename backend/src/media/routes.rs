//! `/api/v1/media/...`: uploads, media, playback and HLS playlists (Casbin object `media`).

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::middleware::from_fn_with_state;
use axum::response::IntoResponse;
use axum::routing::{get, post, put};
use axum::{Extension, Json, Router};
use serde::Deserialize;
use shared_types::ApiError;
use shared_types::media::{
    Media, PartDone, Playback, PresignPartsRequest, PresignedParts, StartUploadRequest,
    UploadSession,
};
use uuid::Uuid;

use super::{playback, playlist, service};
use crate::app::AppState;
use crate::authz;
use crate::error::AppError;
use crate::identity::{Principal, session};
use crate::web::{ApiJson, ApiQuery};

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/api/v1/media/uploads", post(start_upload))
        .route("/api/v1/media/uploads/{id}", get(show_upload))
        .route("/api/v1/media/uploads/{id}/parts", post(presign_parts))
        .route("/api/v1/media/uploads/{id}/parts/{n}", put(part_done))
        .route("/api/v1/media/uploads/{id}/complete", post(complete))
        .route("/api/v1/media/{id}", get(show))
        .route("/api/v1/media/{id}/playback", get(playback_urls))
        .route("/api/v1/media/{id}/hls/{file}", get(hls))
        .route_layer(from_fn_with_state(
            (state.authz.clone(), "media"),
            authz::enforce,
        ))
        .route_layer(from_fn_with_state(state.clone(), session::require_session))
}

/// Starts a multipart upload: the file is checked by kind (type, size, name) and split in parts.
#[utoipa::path(post, path = "/api/v1/media/uploads", tag = "media", request_body = StartUploadRequest,
    responses((status = 201, body = UploadSession), (status = 422, body = ApiError, description = "content_type / size_bytes / file_name"), (status = 403, body = ApiError)))]
pub async fn start_upload(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(req): ApiJson<StartUploadRequest>,
) -> Result<(StatusCode, Json<UploadSession>), AppError> {
    let session = service::start(&state, &p, &req).await?;
    Ok((StatusCode::CREATED, Json(session)))
}

/// Where an upload stands (resume: the parts already stored). Uploader or regulator admin.
#[utoipa::path(get, path = "/api/v1/media/uploads/{id}", tag = "media", params(("id" = Uuid, Path)),
    responses((status = 200, body = UploadSession), (status = 404, body = ApiError)))]
pub async fn show_upload(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<UploadSession>, AppError> {
    Ok(Json(service::session(&state, &p, id).await?))
}

/// Presigned `PUT` URLs (15 minutes) for the listed parts.
#[utoipa::path(post, path = "/api/v1/media/uploads/{id}/parts", tag = "media", params(("id" = Uuid, Path)),
    request_body = PresignPartsRequest,
    responses((status = 200, body = PresignedParts), (status = 404, body = ApiError), (status = 409, body = ApiError, description = "the upload is complete"), (status = 422, body = ApiError, description = "part_numbers")))]
pub async fn presign_parts(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<PresignPartsRequest>,
) -> Result<Json<PresignedParts>, AppError> {
    Ok(Json(service::presign_parts(&state, &p, id, &req).await?))
}

/// Records that part `n` is stored, with the ETag the store answered.
#[utoipa::path(put, path = "/api/v1/media/uploads/{id}/parts/{n}", tag = "media",
    params(("id" = Uuid, Path), ("n" = u32, Path)), request_body = PartDone,
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError, description = "part_number / etag / size_bytes")))]
pub async fn part_done(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path((id, n)): Path<(Uuid, u32)>,
    ApiJson(req): ApiJson<PartDone>,
) -> Result<StatusCode, AppError> {
    service::part_done(&state, &p, id, n, &req).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Assembles the parts and probes the file: 422 `file` with the reason when it cannot be
/// played or read; 422 `parts` naming the parts still missing.
#[utoipa::path(post, path = "/api/v1/media/uploads/{id}/complete", tag = "media", params(("id" = Uuid, Path)),
    responses((status = 200, body = Media), (status = 404, body = ApiError), (status = 422, body = ApiError, description = "file (rejected, with the reason) / parts (missing)")))]
pub async fn complete(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Media>, AppError> {
    Ok(Json(service::complete(&state, &p, id).await?))
}

/// A file: its status, duration and renditions.
#[utoipa::path(get, path = "/api/v1/media/{id}", tag = "media", params(("id" = Uuid, Path)),
    responses((status = 200, body = Media), (status = 404, body = ApiError)))]
pub async fn show(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Media>, AppError> {
    Ok(Json(service::get(&state, &p, id).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PlaybackQuery {
    /// Adds the subtitle tracks of this courseware (which must play the media).
    pub courseware_id: Option<Uuid>,
}

/// Presigned playback URLs, valid 10 minutes.
#[utoipa::path(get, path = "/api/v1/media/{id}/playback", tag = "media", params(("id" = Uuid, Path), PlaybackQuery),
    responses((status = 200, body = Playback), (status = 404, body = ApiError)))]
pub async fn playback_urls(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiQuery(q): ApiQuery<PlaybackQuery>,
) -> Result<Json<Playback>, AppError> {
    Ok(Json(
        playback::playback(&state, &p, id, q.courseware_id).await?,
    ))
}

/// HLS playlists: `master.m3u8` lists the renditions; `{rendition}.m3u8` has presigned segment
/// URLs (10 minutes). Not cached: the URLs expire.
#[utoipa::path(get, path = "/api/v1/media/{id}/hls/{file}", tag = "media",
    params(("id" = Uuid, Path), ("file" = String, Path, description = "`master.m3u8` or `{rendition}.m3u8`")),
    responses((status = 200, content_type = "application/vnd.apple.mpegurl", body = String), (status = 404, body = ApiError)))]
pub async fn hls(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path((id, file)): Path<(Uuid, String)>,
) -> Result<impl IntoResponse, AppError> {
    let text = match file.strip_suffix(".m3u8") {
        Some("master") => playback::master(&state, &p, id).await?,
        Some(rendition) => playback::variant(&state, &p, id, rendition).await?,
        None => return Err(AppError::not_found("播放列表", "Playlist")),
    };
    Ok((
        [
            (header::CONTENT_TYPE, playlist::CONTENT_TYPE),
            (header::CACHE_CONTROL, "no-store"),
        ],
        text,
    ))
}
