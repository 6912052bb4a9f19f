//! Real-name routes: the learner's own (`face`), the regulator's review queue (`real_name`),
//! institution staff verifying their trainees in person (`institution_real_name`).

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use shared_types::ApiError;
use shared_types::face::{
    InPersonVerification, RealNameDecision, RealNameQuery, RealNameReview, RealNameState,
    RealNameSubmission,
};
use shared_types::page::Page;
use uuid::Uuid;

use super::{service, views};
use crate::app::AppState;
use crate::authz::guarded;
use crate::error::AppError;
use crate::identity::Principal;
use crate::web::{ApiJson, ApiQuery};

pub fn router(state: &AppState) -> Router<AppState> {
    let own = Router::new().route("/api/v1/me/real-name", get(current).post(submit));
    let reviews = Router::new()
        .route("/api/v1/real-name/reviews", get(queue))
        .route(
            "/api/v1/real-name/reviews/{verification_id}/decision",
            post(decide),
        );
    let institution = Router::new()
        .route("/api/v1/institution/real-name", get(institution_list))
        .route(
            "/api/v1/institution/trainees/{user_id}/real-name",
            post(in_person),
        );
    Router::new()
        .merge(guarded(state, "face", own))
        .merge(guarded(state, "real_name", reviews))
        .merge(guarded(state, "institution_real_name", institution))
}

/// The learner's real-name status (ID number masked) and whether a face is enrolled.
#[utoipa::path(get, path = "/api/v1/me/real-name", tag = "real-name", responses((status = 200, body = RealNameState)))]
pub async fn current(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<RealNameState>, AppError> {
    Ok(Json(views::current(&state, &p).await?))
}

/// Submits name, ID number (GB 11643), ID photo(s) and a live portrait (upload slots of
/// `POST /api/v1/face/captures`); pending until reviewed, or decided at once by the tenant's
/// identity-check service.
#[utoipa::path(post, path = "/api/v1/me/real-name", tag = "real-name", request_body = RealNameSubmission,
    responses((status = 200, body = RealNameState), (status = 409, body = ApiError), (status = 422, body = ApiError),
        (status = 503, body = ApiError, description = "face engine or identity service unavailable")))]
pub async fn submit(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(req): ApiJson<RealNameSubmission>,
) -> Result<Json<RealNameState>, AppError> {
    Ok(Json(service::submit(&state, &p, &req).await?))
}

/// The review queue with short-lived photo links.
#[utoipa::path(get, path = "/api/v1/real-name/reviews", tag = "real-name", params(RealNameQuery),
    responses((status = 200, body = Page<RealNameReview>)))]
pub async fn queue(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<RealNameQuery>,
) -> Result<Json<Page<RealNameReview>>, AppError> {
    Ok(Json(views::queue(&state, &p, &q).await?))
}

/// Approves (the portrait becomes the face reference) or rejects with a reason.
#[utoipa::path(post, path = "/api/v1/real-name/reviews/{verification_id}/decision", tag = "real-name",
    params(("verification_id" = Uuid, Path)), request_body = RealNameDecision,
    responses((status = 200, body = RealNameReview), (status = 404, body = ApiError), (status = 409, body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn decide(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<RealNameDecision>,
) -> Result<Json<RealNameReview>, AppError> {
    Ok(Json(service::decide(&state, &p, id, &req).await?))
}

/// The institution's trainees with their real-name status.
#[utoipa::path(get, path = "/api/v1/institution/real-name", tag = "real-name", params(RealNameQuery),
    responses((status = 200, body = Page<RealNameReview>)))]
pub async fn institution_list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<RealNameQuery>,
) -> Result<Json<Page<RealNameReview>>, AppError> {
    Ok(Json(views::institution_list(&state, &p, &q).await?))
}

/// Verified in person by institution staff (optionally with a portrait taken on the spot).
#[utoipa::path(post, path = "/api/v1/institution/trainees/{user_id}/real-name", tag = "real-name",
    params(("user_id" = Uuid, Path)), request_body = InPersonVerification,
    responses((status = 200, body = RealNameReview), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn in_person(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(user_id): Path<Uuid>,
    ApiJson(req): ApiJson<InPersonVerification>,
) -> Result<Json<RealNameReview>, AppError> {
    Ok(Json(service::in_person(&state, &p, user_id, &req).await?))
}
