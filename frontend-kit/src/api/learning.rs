//! The learning engine (`docs/learning-api.md`): a trainee's play sessions, their heartbeats and
//! challenges, study hours and progress stream; the regulator's risk events and study records.
//!
//! Heartbeats go out with `keepalive`, so the one sent as the page hides still arrives when the
//! tab closes; the close itself is a `navigator.sendBeacon`.

use gloo_net::http::Method;
use shared_types::ApiError;
use shared_types::learning::{
    ChallengeAnswer, ChallengeResult, CloseSession, Heartbeat, HeartbeatAnswer, HeartbeatRecord,
    OpenSessionRequest, PlaySession, PlaySessionRecord, RiskEvent, RiskQuery, StudyHours,
};
use shared_types::orgs::ReasonRequest;
use shared_types::page::{Page, PageQuery};
use uuid::Uuid;

use super::{call, call_empty, call_keepalive, get, with_query};

/// Where the learner's progress streams from (Server-Sent Events).
pub const PROGRESS_STREAM: &str = "/api/v1/me/progress/stream";

/// `POST /api/v1/learning/sessions` — with this browser's device id (the one signed in with);
/// the learner's other open play session closes.
pub async fn open_play_session(courseware_id: Uuid) -> Result<PlaySession, ApiError> {
    let req = OpenSessionRequest {
        courseware_id,
        device_id: crate::device::device_id(),
    };
    call(Method::POST, "/api/v1/learning/sessions", &req).await
}

/// `POST /api/v1/learning/sessions/{id}/heartbeats`
pub async fn send_heartbeat(
    session_id: Uuid,
    beat: &Heartbeat,
) -> Result<HeartbeatAnswer, ApiError> {
    call_keepalive(
        &format!("/api/v1/learning/sessions/{session_id}/heartbeats"),
        beat,
    )
    .await
}

fn close_path(session_id: Uuid) -> String {
    format!("/api/v1/learning/sessions/{session_id}/close")
}

/// `POST /api/v1/learning/sessions/{id}/close` — the player leaves (within the app).
pub async fn close_play_session(session_id: Uuid, token: String) -> Result<(), ApiError> {
    call_empty(
        Method::POST,
        &close_path(session_id),
        Some(&CloseSession { token }),
    )
    .await
}

/// The same close as a beacon, for a page being unloaded (a plain request would be cancelled).
/// Whether the browser queued it.
pub fn close_play_session_beacon(session_id: Uuid, token: String) -> bool {
    let Ok(body) = serde_json::to_string(&CloseSession { token }) else {
        return false;
    };
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let parts = js_sys::Array::of1(&body.into());
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .ok()
        .and_then(|blob| {
            gloo_utils::window()
                .navigator()
                .send_beacon_with_opt_blob(&close_path(session_id), Some(&blob))
                .ok()
        })
        .unwrap_or(false)
}

/// `POST /api/v1/learning/sessions/{id}/challenges/{challenge_id}`
pub async fn answer_challenge(
    session_id: Uuid,
    challenge_id: Uuid,
    answer: String,
) -> Result<ChallengeResult, ApiError> {
    call(
        Method::POST,
        &format!("/api/v1/learning/sessions/{session_id}/challenges/{challenge_id}"),
        &ChallengeAnswer { answer },
    )
    .await
}

/// `GET /api/v1/me/study-hours`
pub async fn my_study_hours() -> Result<StudyHours, ApiError> {
    get("/api/v1/me/study-hours").await
}

/// `GET /api/v1/risk-events`
pub async fn list_risk_events(query: &RiskQuery) -> Result<Page<RiskEvent>, ApiError> {
    get(&with_query("/api/v1/risk-events", query)).await
}

/// `POST /api/v1/risk-events/{id}/clear` — a false alarm; the session credits again.
pub async fn clear_risk_event(id: Uuid, reason: String) -> Result<RiskEvent, ApiError> {
    let path = format!("/api/v1/risk-events/{id}/clear");
    call(Method::POST, &path, &ReasonRequest { reason }).await
}

/// `POST /api/v1/risk-events/{id}/confirm` — cheating; the session's credited time is voided.
pub async fn confirm_risk_event(id: Uuid, reason: String) -> Result<RiskEvent, ApiError> {
    let path = format!("/api/v1/risk-events/{id}/confirm");
    call(Method::POST, &path, &ReasonRequest { reason }).await
}

/// `GET /api/v1/learners/{user_id}/play-sessions`
pub async fn learner_play_sessions(
    user_id: Uuid,
    paging: PageQuery,
) -> Result<Page<PlaySessionRecord>, ApiError> {
    get(&with_query(
        &format!("/api/v1/learners/{user_id}/play-sessions"),
        &paging,
    ))
    .await
}

/// `GET /api/v1/play-sessions/{id}/heartbeats`
pub async fn play_session_heartbeats(id: Uuid) -> Result<Vec<HeartbeatRecord>, ApiError> {
    get(&format!("/api/v1/play-sessions/{id}/heartbeats")).await
}
