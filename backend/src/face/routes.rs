//! Face routes: upload slots (`face`: trainees, and institution staff for in-person portraits),
//! a play session's face checks (`face`), the regulators' snapshot list (`face_checks`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use shared_types::ApiError;
use shared_types::face::{
    CaptureRequest, CaptureSlot, FaceCheckQuery, FaceCheckRecord, FaceCheckRequest, FaceCheckResult,
};
use shared_types::page::Page;
use uuid::Uuid;

use super::{captures, records, study};
use crate::app::AppState;
use crate::authz::guarded;
use crate::error::AppError;
use crate::identity::Principal;
use crate::web::{ApiJson, ApiQuery};

pub fn router(state: &AppState) -> Router<AppState> {
    let own = Router::new()
        .route("/api/v1/face/captures", post(capture))
        .route(
            "/api/v1/learning/sessions/{session_id}/face-checks",
            post(check),
        )
        .route(
            "/api/v1/learning/sessions/{session_id}/face-checks/no-camera",
            post(no_camera),
        );
    let records = Router::new().route("/api/v1/face/checks", get(list));
    Router::new()
        .merge(guarded(state, "face", own))
        .merge(guarded(state, "face_checks", records))
}

/// An upload slot for an ID photo, a portrait or a camera frame: PUT the image to `upload_url`.
#[utoipa::path(post, path = "/api/v1/face/captures", tag = "face", request_body = CaptureRequest,
    responses((status = 201, body = CaptureSlot), (status = 422, body = ApiError)))]
pub async fn capture(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(req): ApiJson<CaptureRequest>,
) -> Result<(StatusCode, Json<CaptureSlot>), AppError> {
    Ok((
        StatusCode::CREATED,
        Json(captures::issue(&state, &p, &req).await?),
    ))
}

/// The face check a play session waits for (`face_check_pending`): passed, crediting goes on.
#[utoipa::path(post, path = "/api/v1/learning/sessions/{session_id}/face-checks", tag = "face",
    params(("session_id" = Uuid, Path)), request_body = FaceCheckRequest,
    responses((status = 200, body = FaceCheckResult), (status = 404, body = ApiError), (status = 409, body = ApiError),
        (status = 422, body = ApiError), (status = 503, body = ApiError, description = "face engine unavailable")))]
pub async fn check(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(session_id): Path<Uuid>,
    ApiJson(req): ApiJson<FaceCheckRequest>,
) -> Result<Json<FaceCheckResult>, AppError> {
    Ok(Json(study::check(&state, &p, session_id, &req).await?))
}

/// No camera: the tenant's fallback (human verification instead, or no study).
#[utoipa::path(post, path = "/api/v1/learning/sessions/{session_id}/face-checks/no-camera", tag = "face",
    params(("session_id" = Uuid, Path)),
    responses((status = 200, body = FaceCheckResult), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn no_camera(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(session_id): Path<Uuid>,
) -> Result<Json<FaceCheckResult>, AppError> {
    Ok(Json(study::no_camera(&state, &p, session_id).await?))
}

/// Face checks with their snapshots (regulators): failures by default filter, or a learner's.
#[utoipa::path(get, path = "/api/v1/face/checks", tag = "face", params(FaceCheckQuery),
    responses((status = 200, body = Page<FaceCheckRecord>)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<FaceCheckQuery>,
) -> Result<Json<Page<FaceCheckRecord>>, AppError> {
    Ok(Json(records::list(&state, &p, &q).await?))
}
