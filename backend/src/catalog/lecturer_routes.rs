//! HTTP handlers of lecturer profiles (Casbin `lecturers`) and their photos (Casbin `catalogue`:
//! photos show on published courses).

use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use shared_types::ApiError;
use shared_types::catalog::{Lecturer, LecturerInput};
use shared_types::page::{Page, PageQuery};
use uuid::Uuid;

use super::lecturers;
use crate::app::AppState;
use crate::error::AppError;
use crate::identity::Principal;
use crate::web::{ApiJson, ApiQuery};

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct LecturerQuery {
    q: Option<String>,
    page: Option<u32>,
    per_page: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/lecturers", tag = "catalog", params(LecturerQuery),
    responses((status = 200, body = Page<Lecturer>), (status = 403, body = ApiError)))]
pub async fn list_lecturers(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<LecturerQuery>,
) -> Result<Json<Page<Lecturer>>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) =
        lecturers::list(&mut tx, &p, q.q.as_deref(), paging.limit(), paging.offset()).await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

#[utoipa::path(post, path = "/api/v1/lecturers", tag = "catalog", request_body = LecturerInput,
    responses((status = 201, body = Lecturer), (status = 422, body = ApiError), (status = 403, body = ApiError)))]
pub async fn create_lecturer(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(input): ApiJson<LecturerInput>,
) -> Result<(StatusCode, Json<Lecturer>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let lecturer = lecturers::create(&mut tx, &p, &input).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(lecturer)))
}

#[utoipa::path(get, path = "/api/v1/lecturers/{id}", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 200, body = Lecturer), (status = 404, body = ApiError)))]
pub async fn show_lecturer(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Lecturer>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let lecturer = lecturers::show(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(Json(lecturer))
}

/// Changes a lecturer's profile; courses naming them are found by the new name.
#[utoipa::path(put, path = "/api/v1/lecturers/{id}", tag = "catalog", params(("id" = Uuid, Path)), request_body = LecturerInput,
    responses((status = 200, body = Lecturer), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update_lecturer(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<LecturerInput>,
) -> Result<Json<Lecturer>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let lecturer = lecturers::update(&mut tx, &p, id, &input).await?;
    tx.commit().await?;
    Ok(Json(lecturer))
}

/// How long a photo's presigned URL lives, and how long the browser may keep the redirect.
const PHOTO_TTL: Duration = Duration::from_secs(600);

/// A lecturer's photo: a redirect to a short-lived presigned URL of the image. Every signed-in
/// role may see it, as it is shown on published courses (Casbin `catalogue`).
#[utoipa::path(get, path = "/api/v1/lecturers/{id}/photo", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 307, description = "to the presigned image"), (status = 404, body = ApiError)))]
pub async fn lecturer_photo(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (key, content_type, file_name) = lecturers::photo(&mut tx, p.tenant.id, id).await?;
    tx.commit().await?;
    let url = state
        .storage
        .presign_get_inline(&key, PHOTO_TTL, &content_type, &file_name)
        .await?;
    let mut response = Redirect::temporary(&url).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    Ok(response)
}
