//! 学习过程人脸核验 — a face check of a play session (Z-II.3, T-7.2.6c): the learner's camera
//! frame (and the turned frame when the policy asks for liveness) against their references. A
//! pass lifts the gate until the next random moment; a failure keeps crediting paused and raises
//! a risk event with the check (and so its snapshot) as evidence. Without a camera the tenant's
//! fallback decides: human verification instead, or no study.

use shared_types::face::{
    CapturePurpose, FaceCheckRequest, FaceCheckResult, FaceFallback, FaceOutcome, TurnDirection,
};
use shared_types::tenant::FaceCheckPolicy;
use sqlx::PgConnection;
use uuid::Uuid;

use super::captures::{self, Capture};
use super::verdict::{self, Evidence};
use super::{gate, references};
use crate::app::AppState;
use crate::error::{AppError, Text};
use crate::identity::Principal;
use crate::learning::{risk, sessions};

/// The learner's open play session with a check due: (the head turn it asks for).
async fn due_session(
    conn: &mut PgConnection,
    p: &Principal,
    session_id: Uuid,
) -> Result<Option<String>, AppError> {
    let row: Option<(bool, Option<String>, bool)> = sqlx::query_as(
        "select face_due, face_turn, closed_at is not null from play_sessions
         where play_session_id = $1 and user_id = $2 for update",
    )
    .bind(session_id)
    .bind(p.user_id)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        None => Err(AppError::not_found("学习会话", "Play session")),
        Some((_, _, true)) => Err(AppError::Conflict(Text::new(
            "学习已结束",
            "the play session is closed",
        ))),
        Some((false, _, _)) => Err(AppError::Conflict(Text::new(
            "当前无需人脸核验",
            "no face check is due for this play session",
        ))),
        Some((true, turn, false)) => Ok(turn),
    }
}

/// Thumbnails of the learner's recent check frames (repeat detection).
async fn earlier_thumbs(conn: &mut PgConnection, user_id: Uuid) -> Result<Vec<Vec<u8>>, AppError> {
    Ok(sqlx::query_scalar(
        "select thumb from face_checks where user_id = $1 and thumb is not null order by checked_at desc limit 50",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await?)
}

pub fn result(check_id: Uuid, outcome: FaceOutcome, score: Option<f32>) -> FaceCheckResult {
    FaceCheckResult {
        check_id,
        outcome,
        passed: outcome == FaceOutcome::Passed,
        score,
        message_zh: outcome.label_zh().to_owned(),
        message_en: outcome.label_en().to_owned(),
    }
}

pub async fn check(
    state: &AppState,
    p: &Principal,
    session_id: Uuid,
    req: &FaceCheckRequest,
) -> Result<FaceCheckResult, AppError> {
    let keyring = &state.config.keyring;
    // Read and reserve everything, then let the engine work outside the transaction.
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (settings, _, _) = sessions::clock(&mut tx, p.tenant.id).await?;
    let policy = settings.face_check.clone();
    let turn = due_session(&mut tx, p, session_id)
        .await?
        .and_then(|t| TurnDirection::parse(&t));
    let frame = captures::take(
        &mut tx,
        p.user_id,
        "capture_id",
        req.capture_id,
        &[CapturePurpose::Study],
    )
    .await?;
    let second = match (turn, req.turn_capture_id) {
        (Some(_), Some(id)) => Some(
            captures::take(
                &mut tx,
                p.user_id,
                "turn_capture_id",
                id,
                &[CapturePurpose::Study],
            )
            .await?,
        ),
        (Some(_), None) => {
            return Err(AppError::invalid(
                "turn_capture_id",
                "请按提示转头后再拍一张",
                "a second frame after the head turn is required",
            ));
        }
        (None, _) => None,
    };
    let refs = references::active(&mut tx, keyring, p.user_id).await?;
    let earlier = earlier_thumbs(&mut tx, p.user_id).await?;
    tx.commit().await?;

    let engine = state.face.for_provider(&policy.provider)?;
    let reading = engine
        .analyse(captures::bytes(state, "capture_id", &frame).await?)
        .await?;
    let second_reading = match &second {
        Some(c) => Some(
            engine
                .analyse(captures::bytes(state, "turn_capture_id", c).await?)
                .await?,
        ),
        None => None,
    };
    let evidence = Evidence {
        frame: &reading,
        turn: second_reading.as_ref().zip(turn),
        references: &refs,
        earlier: &earlier,
        camera_label: &req.camera_label,
    };
    let (outcome, score) = verdict::judge(&evidence, &policy);

    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let check_id = record(
        &mut tx,
        p,
        session_id,
        &frame,
        second.as_ref(),
        outcome,
        score,
        &req.camera_label,
        &reading.thumb,
    )
    .await?;
    if outcome == FaceOutcome::Passed {
        lift(&mut tx, session_id, &policy).await?;
    } else if let Some(kind) = verdict::risk_of(outcome) {
        let id = check_id.to_string();
        let score = score.map(|s| format!("{s:.3}")).unwrap_or_default();
        let evidence = [
            ("face_check_id", id.as_str()),
            ("outcome", outcome.as_str()),
            ("score", score.as_str()),
        ];
        risk::raise(
            &mut tx,
            &settings,
            p.tenant.id,
            p.user_id,
            Some(session_id),
            kind,
            &evidence,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(result(check_id, outcome, score))
}

/// Lifts the gate until the next random moment.
async fn lift(
    conn: &mut PgConnection,
    session_id: Uuid,
    policy: &FaceCheckPolicy,
) -> Result<(), AppError> {
    let now_ms = chrono::Utc::now().timestamp_millis();
    sqlx::query("update play_sessions set face_due = false, face_turn = null, next_face_at = $2 where play_session_id = $1")
        .bind(session_id)
        .bind(gate::next_at(policy, now_ms).map(sessions::ms_to_time))
        .execute(conn)
        .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn record(
    conn: &mut PgConnection,
    p: &Principal,
    session_id: Uuid,
    frame: &Capture,
    second: Option<&Capture>,
    outcome: FaceOutcome,
    score: Option<f32>,
    camera_label: &str,
    thumb: &[u8],
) -> Result<Uuid, AppError> {
    let id = Uuid::new_v4();
    let label: String = camera_label.chars().take(300).collect();
    sqlx::query(
        "insert into face_checks (check_id, tenant_id, user_id, purpose, play_session_id, capture_id, turn_capture_id,
                                  outcome, score, camera_label, thumb)
         values ($1, $2, $3, 'study', $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(id)
    .bind(p.tenant.id)
    .bind(p.user_id)
    .bind(session_id)
    .bind(frame.capture_id)
    .bind(second.map(|c| c.capture_id))
    .bind(outcome.as_str())
    .bind(score)
    .bind(label)
    .bind(thumb)
    .execute(conn)
    .await?;
    Ok(id)
}

/// The learner has no camera: the tenant's fallback. Human verification lifts the face gate for
/// this play session and puts a question at once; "no study" keeps it closed.
pub async fn no_camera(
    state: &AppState,
    p: &Principal,
    session_id: Uuid,
) -> Result<FaceCheckResult, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (settings, _, _) = sessions::clock(&mut tx, p.tenant.id).await?;
    due_session(&mut tx, p, session_id).await?;
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into face_checks (check_id, tenant_id, user_id, purpose, play_session_id, outcome)
         values ($1, $2, $3, 'study', $4, 'no_camera')",
    )
    .bind(id)
    .bind(p.tenant.id)
    .bind(p.user_id)
    .bind(session_id)
    .execute(&mut *tx)
    .await?;
    let passed = settings.face_check.fallback == FaceFallback::HumanCheck;
    if passed {
        sqlx::query(
            "update play_sessions set face_due = false, face_turn = null, next_face_at = null, next_check_at = now()
             where play_session_id = $1",
        )
        .bind(session_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let fallback = settings.face_check.fallback;
    Ok(FaceCheckResult {
        check_id: id,
        outcome: FaceOutcome::NoCamera,
        passed,
        score: None,
        message_zh: format!(
            "{}：{}",
            FaceOutcome::NoCamera.label_zh(),
            fallback.label_zh()
        ),
        message_en: format!(
            "{}: {}",
            FaceOutcome::NoCamera.label_en(),
            fallback.label_en()
        ),
    })
}
