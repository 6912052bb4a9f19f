//! HTTP for experts and expert groups (Casbin object `expert_groups`: regulator admins write,
//! operators and viewers read).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, put};
use axum::{Extension, Json, Router};
use shared_types::ApiError;
use shared_types::review::{Expert, ExpertGroup, ExpertGroupInput};
use uuid::Uuid;

use super::experts;
use crate::app::AppState;
use crate::authz;
use crate::error::AppError;
use crate::identity::{Principal, session};
use crate::web::ApiJson;

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/api/v1/experts", get(list_experts))
        .route("/api/v1/expert-groups", get(list_groups).post(create_group))
        .route(
            "/api/v1/expert-groups/{id}",
            put(update_group).delete(delete_group),
        )
        .route_layer(from_fn_with_state(
            (state.authz.clone(), "expert_groups"),
            authz::enforce,
        ))
        .route_layer(from_fn_with_state(state.clone(), session::require_session))
}

/// Accounts with the expert role, their groups and how many open rounds they review.
#[utoipa::path(get, path = "/api/v1/experts", tag = "review",
    responses((status = 200, body = Vec<Expert>), (status = 403, body = ApiError)))]
pub async fn list_experts(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<Expert>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let experts = experts::list_experts(&mut tx, &state.config.keyring, p.tenant.id).await?;
    tx.commit().await?;
    Ok(Json(experts))
}

/// Live expert groups by name, with their members.
#[utoipa::path(get, path = "/api/v1/expert-groups", tag = "review",
    responses((status = 200, body = Vec<ExpertGroup>), (status = 403, body = ApiError)))]
pub async fn list_groups(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<ExpertGroup>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let groups = experts::list_groups(&mut tx, &state.config.keyring, p.tenant.id).await?;
    tx.commit().await?;
    Ok(Json(groups))
}

/// Creates a group (regulator admin). Members must be enabled experts of this site.
#[utoipa::path(post, path = "/api/v1/expert-groups", tag = "review", request_body = ExpertGroupInput,
    responses((status = 201, body = ExpertGroup), (status = 409, body = ApiError, description = "already_exists: name"),
        (status = 422, body = ApiError, description = "invalid_field: name / member_ids"), (status = 403, body = ApiError)))]
pub async fn create_group(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(input): ApiJson<ExpertGroupInput>,
) -> Result<(StatusCode, Json<ExpertGroup>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let group = experts::create_group(&mut tx, &state.config.keyring, p.tenant.id, &input).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(group)))
}

/// Renames a group, changes its rule and replaces its members; running rounds keep theirs.
#[utoipa::path(put, path = "/api/v1/expert-groups/{id}", tag = "review", params(("id" = Uuid, Path)),
    request_body = ExpertGroupInput,
    responses((status = 200, body = ExpertGroup), (status = 404, body = ApiError), (status = 409, body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn update_group(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<ExpertGroupInput>,
) -> Result<Json<ExpertGroup>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let group =
        experts::update_group(&mut tx, &state.config.keyring, p.tenant.id, id, &input).await?;
    tx.commit().await?;
    Ok(Json(group))
}

/// Deletes (soft) a group; refused while it has open review rounds.
#[utoipa::path(delete, path = "/api/v1/expert-groups/{id}", tag = "review", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError, description = "the group has open rounds")))]
pub async fn delete_group(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    experts::delete_group(&mut tx, p.tenant.id, id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
