//! HTTP handlers of the registers: enterprises (`enterprises`), departments (`departments`) and
//! trainee types (`trainee_types`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use shared_types::ApiError;
use shared_types::orgs::{
    Department, DepartmentInput, Enterprise, EnterpriseInput, EnterpriseQuery, TraineeType,
    TraineeTypeInput,
};
use shared_types::page::{Page, PageQuery};
use uuid::Uuid;

use super::{departments, enterprises, trainee_types};
use crate::app::AppState;
use crate::error::AppError;
use crate::identity::Principal;
use crate::web::{ApiJson, ApiQuery};

/// Enterprises settled in the region, searchable (T-7.2.7d).
#[utoipa::path(get, path = "/api/v1/enterprises", tag = "orgs", params(EnterpriseQuery),
    responses((status = 200, body = Page<Enterprise>), (status = 403, body = ApiError)))]
pub async fn list_enterprises(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<EnterpriseQuery>,
) -> Result<Json<Page<Enterprise>>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) =
        enterprises::list(&mut tx, p.tenant.id, &q, paging.limit(), paging.offset()).await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

#[utoipa::path(post, path = "/api/v1/enterprises", tag = "orgs", request_body = EnterpriseInput,
    responses((status = 201, body = Enterprise), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create_enterprise(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(input): ApiJson<EnterpriseInput>,
) -> Result<(StatusCode, Json<Enterprise>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let e = enterprises::create(&mut tx, p.tenant.id, p.user_id, &input).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(e)))
}

#[utoipa::path(get, path = "/api/v1/enterprises/{id}", tag = "orgs", params(("id" = Uuid, Path)),
    responses((status = 200, body = Enterprise), (status = 404, body = ApiError)))]
pub async fn show_enterprise(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Enterprise>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let e = enterprises::get(&mut tx, p.tenant.id, id).await?;
    tx.commit().await?;
    Ok(Json(e))
}

#[utoipa::path(put, path = "/api/v1/enterprises/{id}", tag = "orgs", params(("id" = Uuid, Path)),
    request_body = EnterpriseInput,
    responses((status = 200, body = Enterprise), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update_enterprise(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<EnterpriseInput>,
) -> Result<Json<Enterprise>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let e = enterprises::update(&mut tx, p.tenant.id, id, &input).await?;
    tx.commit().await?;
    Ok(Json(e))
}

/// The caller's department tree: the regulator's own, or the institution's (T-7.2.4).
#[utoipa::path(get, path = "/api/v1/departments", tag = "orgs",
    responses((status = 200, body = Vec<Department>)))]
pub async fn list_departments(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<Department>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let tree = departments::tree(&mut tx, &p).await?;
    tx.commit().await?;
    Ok(Json(tree))
}

#[utoipa::path(post, path = "/api/v1/departments", tag = "orgs", request_body = DepartmentInput,
    responses((status = 201, body = Department), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create_department(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(input): ApiJson<DepartmentInput>,
) -> Result<(StatusCode, Json<Department>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let d = departments::create(&mut tx, &p, &input).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(d)))
}

#[utoipa::path(put, path = "/api/v1/departments/{id}", tag = "orgs", params(("id" = Uuid, Path)),
    request_body = DepartmentInput,
    responses((status = 200, body = Department), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update_department(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<DepartmentInput>,
) -> Result<Json<Department>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let d = departments::update(&mut tx, &p, id, &input).await?;
    tx.commit().await?;
    Ok(Json(d))
}

#[utoipa::path(delete, path = "/api/v1/departments/{id}", tag = "orgs", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn delete_department(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    departments::delete(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The site's trainee types (T-7.2.4).
#[utoipa::path(get, path = "/api/v1/trainee-types", tag = "orgs",
    responses((status = 200, body = Vec<TraineeType>)))]
pub async fn list_trainee_types(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<TraineeType>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let types = trainee_types::list(&mut tx, p.tenant.id).await?;
    tx.commit().await?;
    Ok(Json(types))
}

#[utoipa::path(post, path = "/api/v1/trainee-types", tag = "orgs", request_body = TraineeTypeInput,
    responses((status = 201, body = TraineeType), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create_trainee_type(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(input): ApiJson<TraineeTypeInput>,
) -> Result<(StatusCode, Json<TraineeType>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let t = trainee_types::create(&mut tx, p.tenant.id, &input).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(t)))
}

#[utoipa::path(put, path = "/api/v1/trainee-types/{id}", tag = "orgs", params(("id" = Uuid, Path)),
    request_body = TraineeTypeInput,
    responses((status = 200, body = TraineeType), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update_trainee_type(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<TraineeTypeInput>,
) -> Result<Json<TraineeType>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let t = trainee_types::update(&mut tx, p.tenant.id, id, &input).await?;
    tx.commit().await?;
    Ok(Json(t))
}

#[utoipa::path(delete, path = "/api/v1/trainee-types/{id}", tag = "orgs", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn delete_trainee_type(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    trainee_types::delete(&mut tx, p.tenant.id, id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
