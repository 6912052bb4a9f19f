//! Learning routes: a trainee's play sessions, challenges, study hours and progress stream
//! (`learning`); the heartbeats and the close, authorised by the session's one-time token; the
//! regulator's study records and risk events (`risk_events`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use shared_types::ApiError;
use shared_types::learning::{
    ChallengeAnswer, ChallengeResult, CloseSession, Heartbeat, HeartbeatAnswer, HeartbeatRecord,
    OpenSessionRequest, PlaySession, PlaySessionRecord, RiskEvent, RiskQuery, RiskStatus,
    StudyHours,
};
use shared_types::orgs::ReasonRequest;
use shared_types::page::{Page, PageQuery};
use uuid::Uuid;

use super::{checks, hours, records, sessions};
use crate::app::AppState;
use crate::authz::guarded;
use crate::db::Scope;
use crate::error::AppError;
use crate::identity::Principal;
use crate::identity::session::tenant_of_token;
use crate::web::{ApiJson, ApiQuery, ClientInfo};

pub fn router(state: &AppState) -> Router<AppState> {
    let learner = Router::new()
        .route("/api/v1/learning/sessions", post(open))
        .route(
            "/api/v1/learning/sessions/{session_id}/challenges/{challenge_id}",
            post(answer_challenge),
        )
        .route("/api/v1/me/study-hours", get(study_hours))
        .route("/api/v1/me/progress/stream", get(progress_stream));
    let records = Router::new()
        .route("/api/v1/risk-events", get(risk_events))
        .route("/api/v1/risk-events/{id}/clear", post(clear_risk))
        .route("/api/v1/risk-events/{id}/confirm", post(confirm_risk))
        .route(
            "/api/v1/learners/{user_id}/play-sessions",
            get(play_sessions),
        )
        .route("/api/v1/play-sessions/{id}/heartbeats", get(heartbeats));
    Router::new()
        .route(
            "/api/v1/learning/sessions/{session_id}/heartbeats",
            post(heartbeat),
        )
        .route("/api/v1/learning/sessions/{session_id}/close", post(close))
        .merge(guarded(state, "learning", learner))
        .merge(guarded(state, "risk_events", records))
}

/// Opens a play session of a courseware in the learner's tasks; their other one closes.
#[utoipa::path(post, path = "/api/v1/learning/sessions", tag = "learning", request_body = OpenSessionRequest,
    responses((status = 201, body = PlaySession), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn open(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    client: ClientInfo,
    ApiJson(req): ApiJson<OpenSessionRequest>,
) -> Result<(StatusCode, Json<PlaySession>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let session = sessions::open(&mut tx, &p, &req, &client).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(session)))
}

fn tenant_of(token: &str) -> Result<Uuid, AppError> {
    tenant_of_token(token)
        .ok_or_else(|| AppError::invalid("token", "心跳凭证无效", "is not a heartbeat token"))
}

/// One heartbeat: its decision and reason code, and the token of the next one. Authorised by
/// the token, so it needs no cookie and costs no session lookup.
#[utoipa::path(post, path = "/api/v1/learning/sessions/{session_id}/heartbeats", tag = "learning", params(("session_id" = Uuid, Path)),
    request_body = Heartbeat, security(()),
    responses((status = 200, body = HeartbeatAnswer), (status = 404, body = ApiError), (status = 422, body = ApiError),
        (status = 503, body = ApiError, description = "busy: retry the same heartbeat")))]
pub async fn heartbeat(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    ApiJson(beat): ApiJson<Heartbeat>,
) -> Result<Json<HeartbeatAnswer>, AppError> {
    let tenant_id = tenant_of(&beat.token)?;
    Ok(Json(
        state.learning.batcher.submit(tenant_id, id, beat).await?,
    ))
}

/// Closes the play session (the player leaves the page).
#[utoipa::path(post, path = "/api/v1/learning/sessions/{session_id}/close", tag = "learning", params(("session_id" = Uuid, Path)),
    request_body = CloseSession, security(()),
    responses((status = 204), (status = 409, body = ApiError)))]
pub async fn close(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<CloseSession>,
) -> Result<StatusCode, AppError> {
    let tenant_id = tenant_of(&req.token)?;
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant_id)).await?;
    sessions::close(&mut tx, tenant_id, id, &req.token).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/learning/sessions/{session_id}/challenges/{challenge_id}", tag = "learning",
    params(("session_id" = Uuid, Path), ("challenge_id" = Uuid, Path)), request_body = ChallengeAnswer,
    responses((status = 200, body = ChallengeResult), (status = 404, body = ApiError)))]
pub async fn answer_challenge(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path((id, challenge_id)): Path<(Uuid, Uuid)>,
    ApiJson(req): ApiJson<ChallengeAnswer>,
) -> Result<Json<ChallengeResult>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let result = checks::answer(&mut tx, &p, id, challenge_id, &req.answer).await?;
    tx.commit().await?;
    Ok(Json(result))
}

/// The learner's study hours: total, today, per day, course, task and class.
#[utoipa::path(get, path = "/api/v1/me/study-hours", tag = "learning", responses((status = 200, body = StudyHours)))]
pub async fn study_hours(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<StudyHours>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let hours = hours::of(&mut tx, &p).await?;
    tx.commit().await?;
    Ok(Json(hours))
}

/// The learner's progress as Server-Sent Events (`progress`, `session`), on every device, until
/// this sign-in ends.
#[utoipa::path(get, path = "/api/v1/me/progress/stream", tag = "learning",
    responses((status = 200, description = "text/event-stream of StreamEvent; ends when the sign-in that opened it ends"), (status = 401, body = ApiError)))]
pub async fn progress_stream(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> impl IntoResponse {
    state
        .learning
        .hub
        .stream(p.tenant.id, p.user_id, p.session_id)
}

#[utoipa::path(get, path = "/api/v1/risk-events", tag = "learning", params(RiskQuery),
    responses((status = 200, body = Page<RiskEvent>)))]
pub async fn risk_events(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<RiskQuery>,
) -> Result<Json<Page<RiskEvent>>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) =
        records::list(&mut tx, &state.config.keyring, p.tenant.id, &q, paging).await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

async fn decide(
    state: &AppState,
    p: &Principal,
    id: Uuid,
    to: RiskStatus,
    reason: &str,
) -> Result<Json<RiskEvent>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let event = records::decide(&mut tx, &state.config.keyring, p, id, to, reason).await?;
    tx.commit().await?;
    Ok(Json(event))
}

/// A false alarm: the session credits again unless another high-confidence event holds it.
#[utoipa::path(post, path = "/api/v1/risk-events/{id}/clear", tag = "learning", params(("id" = Uuid, Path)),
    request_body = ReasonRequest, responses((status = 200, body = RiskEvent), (status = 409, body = ApiError)))]
pub async fn clear_risk(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<ReasonRequest>,
) -> Result<Json<RiskEvent>, AppError> {
    decide(&state, &p, id, RiskStatus::Cleared, &req.reason).await
}

/// Cheating: the session's credited time is voided (recorded, never deleted).
#[utoipa::path(post, path = "/api/v1/risk-events/{id}/confirm", tag = "learning", params(("id" = Uuid, Path)),
    request_body = ReasonRequest, responses((status = 200, body = RiskEvent), (status = 409, body = ApiError)))]
pub async fn confirm_risk(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<ReasonRequest>,
) -> Result<Json<RiskEvent>, AppError> {
    decide(&state, &p, id, RiskStatus::Confirmed, &req.reason).await
}

/// A learner's play sessions: start, end, IP, device, credited time (Z-IV.6).
#[utoipa::path(get, path = "/api/v1/learners/{user_id}/play-sessions", tag = "learning", params(("user_id" = Uuid, Path), PageQuery),
    responses((status = 200, body = Page<PlaySessionRecord>)))]
pub async fn play_sessions(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiQuery(paging): ApiQuery<PageQuery>,
) -> Result<Json<Page<PlaySessionRecord>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) = records::sessions_of(&mut tx, p.tenant.id, id, paging).await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

/// Every heartbeat of a play session with the decision and its reason code.
#[utoipa::path(get, path = "/api/v1/play-sessions/{id}/heartbeats", tag = "learning", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<HeartbeatRecord>)))]
pub async fn heartbeats(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<HeartbeatRecord>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let items = records::heartbeats_of(&mut tx, p.tenant.id, id).await?;
    tx.commit().await?;
    Ok(Json(items))
}
