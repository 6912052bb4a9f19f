use axum::extract::State;
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use axum::{Extension, Json, Router};
use shared_types::audit::{AuditEntry, AuditQuery};
use shared_types::page::{Page, PageQuery};

use super::repo;
use crate::app::AppState;
use crate::authz;
use crate::error::AppError;
use crate::identity::{Principal, session};
use crate::web::ApiQuery;

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/api/v1/audit", get(list))
        .route_layer(from_fn_with_state(
            (state.authz.clone(), "audit"),
            authz::enforce,
        ))
        .route_layer(from_fn_with_state(state.clone(), session::require_session))
}

/// The tenant's audit trail, newest first, with filters (regulator admins).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = Page<AuditEntry>), (status = 401, body = shared_types::ApiError), (status = 403, body = shared_types::ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<Page<AuditEntry>>, AppError> {
    let paging = PageQuery {
        page: q.page.unwrap_or(1),
        per_page: q.per_page.unwrap_or(50),
    };
    let mut tx = state.db.begin_tenant(principal.scope()).await?;
    let (items, total) = repo::list(
        &mut tx,
        principal.tenant.id,
        &q,
        paging.limit(),
        paging.offset(),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}
