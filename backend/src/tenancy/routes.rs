use axum::extract::State;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use axum::{Extension, Json, Router};
use shared_types::ApiError;
use shared_types::account::TenantSummary;
use shared_types::tenant::{CreateTenantRequest, Tenant, TenantSettings};

use super::{Site, service};
use crate::app::AppState;
use crate::authz;
use crate::error::AppError;
use crate::identity::{Principal, session};
use crate::web::ApiJson;

pub fn router(state: &AppState) -> Router<AppState> {
    let settings = Router::new()
        .route(
            "/api/v1/tenant/settings",
            get(get_settings).patch(patch_settings),
        )
        .route_layer(from_fn_with_state(
            (state.authz.clone(), "tenant_settings"),
            authz::enforce,
        ))
        .route_layer(from_fn_with_state(state.clone(), session::require_session));
    let platform = Router::new()
        .route(
            "/api/v1/platform/tenants",
            get(list_tenants).post(create_tenant),
        )
        .route_layer(from_fn_with_state(
            (state.authz.clone(), "platform_tenants"),
            authz::enforce,
        ))
        .route_layer(from_fn_with_state(state.clone(), session::require_session));
    Router::new()
        .route("/api/v1/site", get(site))
        .merge(settings)
        .merge(platform)
}

/// The site an anonymous caller is on (from `X-Tenant`, the host, or the default).
#[utoipa::path(get, path = "/api/v1/site", tag = "tenancy",
    params(("X-Tenant" = Option<String>, Header, description = "site code, e.g. `zj`")),
    responses((status = 200, body = TenantSummary), (status = 404, body = ApiError, description = "tenant_not_found")))]
pub async fn site(Site(tenant): Site) -> Json<TenantSummary> {
    Json(TenantSummary {
        code: tenant.code,
        name: tenant.name,
    })
}

/// The tenant's study and face-check settings (regulator staff).
#[utoipa::path(get, path = "/api/v1/tenant/settings", tag = "tenancy",
    responses((status = 200, body = TenantSettings), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn get_settings(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<TenantSettings>, AppError> {
    Ok(Json(service::settings(&state.db, &p.tenant).await?))
}

/// Changes some settings (a JSON merge patch); the result is validated as a whole (regulator admin).
#[utoipa::path(patch, path = "/api/v1/tenant/settings", tag = "tenancy", request_body = TenantSettings,
    responses((status = 200, body = TenantSettings), (status = 422, body = ApiError), (status = 403, body = ApiError)))]
pub async fn patch_settings(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(patch): ApiJson<serde_json::Value>,
) -> Result<Json<TenantSettings>, AppError> {
    Ok(Json(
        service::update_settings(&state.db, p.scope(), &patch).await?,
    ))
}

/// Every tenant (platform admin).
#[utoipa::path(get, path = "/api/v1/platform/tenants", tag = "platform",
    responses((status = 200, body = Vec<Tenant>), (status = 403, body = ApiError)))]
pub async fn list_tenants(State(state): State<AppState>) -> Result<Json<Vec<Tenant>>, AppError> {
    Ok(Json(service::list(&state.db).await?))
}

/// Creates a tenant (platform admin); also `backend tenant create`.
#[utoipa::path(post, path = "/api/v1/platform/tenants", tag = "platform", request_body = CreateTenantRequest,
    responses((status = 201, body = Tenant), (status = 409, body = ApiError, description = "already_exists: code"), (status = 422, body = ApiError), (status = 403, body = ApiError)))]
pub async fn create_tenant(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<CreateTenantRequest>,
) -> Result<(StatusCode, Json<Tenant>), AppError> {
    Ok((
        StatusCode::CREATED,
        Json(service::create(&state.db, req).await?),
    ))
}
