//! HTTP handlers of a draft's outline: chapters, coursewares and subtitle tracks (Casbin
//! `courses`; the rules are in `outline.rs` and `arrange.rs`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::Deserialize;
use shared_types::ApiError;
use shared_types::catalog::{
    Chapter, ChapterInput, CourseDetail, CoursewareInput, OrderRequest, SubtitleInput,
};
use uuid::Uuid;

use super::{arrange, authoring, outline};
use crate::app::AppState;
use crate::error::AppError;
use crate::identity::Principal;
use crate::web::ApiJson;

#[utoipa::path(post, path = "/api/v1/courses/{id}/chapters", tag = "catalog", params(("id" = Uuid, Path)), request_body = ChapterInput,
    responses((status = 201, body = Chapter), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn add_chapter(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<ChapterInput>,
) -> Result<(StatusCode, Json<Chapter>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let chapter = outline::add_chapter(&mut tx, &p, id, &input).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(chapter)))
}

/// Adds a video, PDF document or link to a chapter; answers the whole course.
#[utoipa::path(post, path = "/api/v1/chapters/{id}/coursewares", tag = "catalog", params(("id" = Uuid, Path)), request_body = CoursewareInput,
    responses((status = 201, body = CourseDetail), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn add_courseware(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<CoursewareInput>,
) -> Result<(StatusCode, Json<CourseDetail>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let course_id = outline::add_courseware(&mut tx, &p, id, &input).await?;
    let detail = authoring::detail(&mut tx, &p, course_id).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// Renames a chapter of a draft or returned revision.
#[utoipa::path(put, path = "/api/v1/chapters/{id}", tag = "catalog", params(("id" = Uuid, Path)), request_body = ChapterInput,
    responses((status = 200, body = Chapter), (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn rename_chapter(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<ChapterInput>,
) -> Result<Json<Chapter>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let chapter = arrange::rename_chapter(&mut tx, &p, id, &input).await?;
    tx.commit().await?;
    Ok(Json(chapter))
}

/// Puts the chapters in a new order (every chapter id once; 422 `ids` otherwise).
#[utoipa::path(put, path = "/api/v1/courses/{id}/chapters/order", tag = "catalog", params(("id" = Uuid, Path)), request_body = OrderRequest,
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn order_chapters(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<OrderRequest>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    arrange::order_chapters(&mut tx, &p, id, &input.ids).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Puts a chapter's coursewares in a new order (every courseware id once; 422 `ids` otherwise).
#[utoipa::path(put, path = "/api/v1/chapters/{id}/coursewares/order", tag = "catalog", params(("id" = Uuid, Path)), request_body = OrderRequest,
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn order_coursewares(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<OrderRequest>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    arrange::order_coursewares(&mut tx, &p, id, &input.ids).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes a courseware of a draft or returned revision; answers the whole course. Replacing a
/// video (or changing the kind) drops its subtitles.
#[utoipa::path(put, path = "/api/v1/coursewares/{id}", tag = "catalog", params(("id" = Uuid, Path)), request_body = CoursewareInput,
    responses((status = 200, body = CourseDetail), (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update_courseware(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<CoursewareInput>,
) -> Result<Json<CourseDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let course_id = outline::update_courseware(&mut tx, &p, id, &input).await?;
    let detail = authoring::detail(&mut tx, &p, course_id).await?;
    tx.commit().await?;
    Ok(Json(detail))
}

/// Removes a chapter and its coursewares from a draft or returned revision.
#[utoipa::path(delete, path = "/api/v1/chapters/{id}", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn delete_chapter(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    outline::delete_chapter(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a courseware from a draft or returned revision.
#[utoipa::path(delete, path = "/api/v1/coursewares/{id}", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn delete_courseware(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    outline::delete_courseware(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct SubtitlePath {
    id: Uuid,
    lang: String,
}

/// Sets a video's WebVTT subtitle track (`zh-CN` is required before submission, Z-III.4).
#[utoipa::path(put, path = "/api/v1/coursewares/{id}/subtitles/{lang}", tag = "catalog",
    params(("id" = Uuid, Path), ("lang" = String, Path, description = "zh-CN or en-US")), request_body = SubtitleInput,
    responses((status = 200, body = CourseDetail), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn put_subtitle(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(path): Path<SubtitlePath>,
    ApiJson(input): ApiJson<SubtitleInput>,
) -> Result<Json<CourseDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let course_id = outline::put_subtitle(&mut tx, &p, path.id, &path.lang, &input).await?;
    let detail = authoring::detail(&mut tx, &p, course_id).await?;
    tx.commit().await?;
    Ok(Json(detail))
}

/// Removes a video's subtitle track (404 when it has none).
#[utoipa::path(delete, path = "/api/v1/coursewares/{id}/subtitles/{lang}", tag = "catalog",
    params(("id" = Uuid, Path), ("lang" = String, Path, description = "zh-CN or en-US")),
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn delete_subtitle(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(path): Path<SubtitlePath>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    outline::delete_subtitle(&mut tx, &p, path.id, &path.lang).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
