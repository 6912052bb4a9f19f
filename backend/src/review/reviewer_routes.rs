//! HTTP for an expert's own review rounds (Casbin object `reviews`). A round the caller does not
//! review is a 404, as if it did not exist.

use axum::extract::{Path, State};
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use shared_types::ApiError;
use shared_types::page::{Page, PageQuery};
use shared_types::review::{OpinionRequest, RoundDetail, RoundQuery, RoundSummary};
use uuid::Uuid;

use super::opinions;
use super::rounds::{self, Reader};
use crate::app::AppState;
use crate::authz;
use crate::error::AppError;
use crate::identity::{Principal, session};
use crate::web::{ApiJson, ApiQuery};

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/api/v1/reviews", get(list))
        .route("/api/v1/reviews/{round_id}", get(show))
        .route("/api/v1/reviews/{round_id}/opinion", post(give_opinion))
        .route_layer(from_fn_with_state(
            (state.authz.clone(), "reviews"),
            authz::enforce,
        ))
        .route_layer(from_fn_with_state(state.clone(), session::require_session))
}

/// The rounds the caller reviews, newest first.
#[utoipa::path(get, path = "/api/v1/reviews", tag = "review", params(RoundQuery),
    responses((status = 200, body = Page<RoundSummary>), (status = 403, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<RoundQuery>,
) -> Result<Json<Page<RoundSummary>>, AppError> {
    let paging = PageQuery {
        page: q.page.unwrap_or(1),
        per_page: q.per_page.unwrap_or(20),
    };
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) = rounds::list_for_reviewer(
        &mut tx,
        p.tenant.id,
        p.user_id,
        &q,
        paging.limit(),
        paging.offset(),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

/// One of the caller's rounds: the revision under review, the reviewers, the opinions so far.
#[utoipa::path(get, path = "/api/v1/reviews/{round_id}", tag = "review", params(("round_id" = Uuid, Path)),
    responses((status = 200, body = RoundDetail), (status = 404, body = ApiError)))]
pub async fn show(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(round_id): Path<Uuid>,
) -> Result<Json<RoundDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let round = rounds::detail(
        &mut tx,
        &state.config.keyring,
        p.tenant.id,
        p.user_id,
        round_id,
        Reader::Reviewer,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(round))
}

/// Gives the caller's opinion once; the round's rule may then decide it.
#[utoipa::path(post, path = "/api/v1/reviews/{round_id}/opinion", tag = "review", params(("round_id" = Uuid, Path)),
    request_body = OpinionRequest,
    responses((status = 200, body = RoundDetail), (status = 404, body = ApiError),
        (status = 409, body = ApiError, description = "the round is closed, or the opinion was already given"),
        (status = 422, body = ApiError, description = "invalid_field: checklist.<point> (approve) / opinion (return)")))]
pub async fn give_opinion(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(round_id): Path<Uuid>,
    ApiJson(req): ApiJson<OpinionRequest>,
) -> Result<Json<RoundDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let round = opinions::give(
        &mut tx,
        &state.config.keyring,
        p.tenant.id,
        p.user_id,
        round_id,
        &req,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(round))
}
