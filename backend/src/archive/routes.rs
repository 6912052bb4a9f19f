//! Voucher routes: the list and the PDF (`vouchers`), and the anonymous verification.

use std::time::Duration;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use shared_types::ApiError;
use shared_types::archive::{Voucher, VoucherVerification};
use uuid::Uuid;

use super::vouchers;
use crate::app::AppState;
use crate::authz::guarded;
use crate::db::Scope;
use crate::error::AppError;
use crate::identity::Principal;
use crate::tenancy::Site;

/// Presigned download links live this long.
pub const FILE_TTL: Duration = Duration::from_secs(600);

pub fn router(state: &AppState) -> Router<AppState> {
    let own = Router::new()
        .route("/api/v1/vouchers", get(list))
        .route("/api/v1/vouchers/{id}/file", get(file));
    Router::new()
        .route("/api/v1/vouchers/verify/{code}", get(verify))
        .merge(guarded(state, "vouchers", own))
}

/// The vouchers of the caller's institution (regulator staff: all), newest first.
#[utoipa::path(get, path = "/api/v1/vouchers", tag = "archive",
    responses((status = 200, body = Vec<Voucher>), (status = 403, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<Voucher>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let items = vouchers::list(&mut tx, &p).await?;
    tx.commit().await?;
    Ok(Json(items))
}

/// Redirects to a presigned URL of a stored file (10 minutes), shown inline as `file_name`.
pub async fn presigned_redirect(
    state: &AppState,
    key: &str,
    content_type: &str,
    file_name: &str,
) -> Result<Response, AppError> {
    let url = state
        .storage
        .presign_get_inline(key, FILE_TTL, content_type, file_name)
        .await?;
    Ok(Redirect::temporary(&url).into_response())
}

/// The voucher's PDF: a redirect to a presigned URL valid for 10 minutes.
#[utoipa::path(get, path = "/api/v1/vouchers/{id}/file", tag = "archive", params(("id" = Uuid, Path)),
    responses((status = 307, description = "to the presigned PDF"), (status = 404, body = ApiError)))]
pub async fn file(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (key, name) = vouchers::file(&mut tx, &p, id).await?;
    tx.commit().await?;
    presigned_redirect(&state, &key, "application/pdf", &name).await
}

/// Checks a voucher's code (anonymous, `X-Tenant`).
#[utoipa::path(get, path = "/api/v1/vouchers/verify/{code}", tag = "archive", params(("code" = String, Path),
    ("X-Tenant" = String, Header, description = "site code")),
    responses((status = 200, body = VoucherVerification)))]
pub async fn verify(
    State(state): State<AppState>,
    Site(tenant): Site,
    Path(code): Path<String>,
) -> Result<Json<VoucherVerification>, AppError> {
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant.id)).await?;
    let answer = vouchers::verify(&mut tx, tenant.id, &code).await?;
    tx.commit().await?;
    Ok(Json(answer))
}
