use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use shared_types::ApiError;
use shared_types::admin::{
    CreateStaffRequest, ResetPasswordRequest, StaffAccount, StaffQuery, UpdateStaffRequest,
};
use shared_types::page::{Page, PageQuery};
use uuid::Uuid;

use super::{Principal, session, staff};
use crate::app::AppState;
use crate::authz;
use crate::error::AppError;
use crate::web::{ApiJson, ApiQuery};

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/api/v1/admin/accounts", get(list).post(create))
        .route(
            "/api/v1/admin/accounts/{id}",
            get(show).patch(update).delete(remove),
        )
        .route("/api/v1/admin/accounts/{id}/password", post(reset_password))
        .route_layer(from_fn_with_state(
            (state.authz.clone(), "accounts"),
            authz::enforce,
        ))
        .route_layer(from_fn_with_state(state.clone(), session::require_session))
}

/// Staff accounts of the tenant, newest first (regulator staff).
#[utoipa::path(get, path = "/api/v1/admin/accounts", tag = "admin", params(StaffQuery),
    responses((status = 200, body = Page<StaffAccount>), (status = 403, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<StaffQuery>,
) -> Result<Json<Page<StaffAccount>>, AppError> {
    let paging = PageQuery {
        page: q.page.unwrap_or(1),
        per_page: q.per_page.unwrap_or(20),
    };
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) = staff::list(
        &mut tx,
        &state.config.keyring,
        &p.tenant,
        &q,
        paging.limit(),
        paging.offset(),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

/// Creates a staff account with roles (regulator admin).
#[utoipa::path(post, path = "/api/v1/admin/accounts", tag = "admin", request_body = CreateStaffRequest,
    responses((status = 201, body = StaffAccount), (status = 409, body = ApiError, description = "already_exists: username / phone"), (status = 422, body = ApiError), (status = 403, body = ApiError)))]
pub async fn create(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(req): ApiJson<CreateStaffRequest>,
) -> Result<(StatusCode, Json<StaffAccount>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let account = staff::create(&mut tx, &state.config.keyring, &p.tenant, &req).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(account)))
}

#[utoipa::path(get, path = "/api/v1/admin/accounts/{id}", tag = "admin", params(("id" = Uuid, Path)),
    responses((status = 200, body = StaffAccount), (status = 404, body = ApiError)))]
pub async fn show(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<StaffAccount>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let account = staff::get(&mut tx, &state.config.keyring, &p.tenant, id).await?;
    tx.commit().await?;
    Ok(Json(account))
}

/// Edits name, phone, roles or enabled (disabling ends the account's sessions).
#[utoipa::path(patch, path = "/api/v1/admin/accounts/{id}", tag = "admin", params(("id" = Uuid, Path)), request_body = UpdateStaffRequest,
    responses((status = 200, body = StaffAccount), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<UpdateStaffRequest>,
) -> Result<Json<StaffAccount>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let account = staff::update(
        &mut tx,
        &state.config.keyring,
        &p.tenant,
        p.user_id,
        id,
        &req,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(account))
}

/// Sets a new password and ends the account's sessions.
#[utoipa::path(post, path = "/api/v1/admin/accounts/{id}/password", tag = "admin", params(("id" = Uuid, Path)), request_body = ResetPasswordRequest,
    responses((status = 204), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn reset_password(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<ResetPasswordRequest>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    staff::reset_password(&mut tx, &p.tenant, id, &req.new_password).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes (soft) the account and ends its sessions.
#[utoipa::path(delete, path = "/api/v1/admin/accounts/{id}", tag = "admin", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn remove(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    staff::delete(&mut tx, &p.tenant, p.user_id, id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
