//! 播放会话 — opening and closing the one play session a learner studies in (Z-II.3: one
//! account, one course at a time; Z-IV.6: start and end, IP and device recorded). Opening a new
//! one closes the learner's other open session, whose player learns it at once from the progress
//! stream and from its next heartbeat. The player resumes at the last position, never past the
//! furthest credited point (Z-II.5).

use rand::Rng;
use shared_types::catalog::CoursewareKind;
use shared_types::learning::{Decision, OpenSessionRequest, PlaySession, StreamEvent};
use shared_types::tenant::TenantSettings;
use sqlx::PgConnection;
use uuid::Uuid;

use super::intervals::Ranges;
use super::{risk, rules, stream};
use crate::crypto;
use crate::db::stored;
use crate::error::{AppError, Text};
use crate::face::gate;
use crate::identity::Principal;
use crate::identity::fields;
use crate::web::ClientInfo;

fn not_found() -> AppError {
    AppError::not_found(
        "课件（或不在您的学习任务中）",
        "Courseware (or not in your learning tasks)",
    )
}

#[derive(sqlx::FromRow)]
struct CoursewareRow {
    course_id: Uuid,
    lineage_id: Uuid,
    title: String,
    kind: String,
    media_id: Option<Uuid>,
    url: Option<String>,
    duration_seconds: i32,
}

/// The tenant `$1`'s clock as one row: its settings, today's date in its time zone (`day`) and
/// the database's clock in ms (`now_ms`). Read on its own by [`clock`], and with the sessions by
/// a heartbeat batch (`beat_store::load`).
pub(super) const TENANT_CLOCK: &str =
    "select settings, (now() at time zone time_zone)::date as day,
            (extract(epoch from now()) * 1000)::bigint as now_ms
     from tenants where tenant_id = $1";

/// The tenant's settings, today's date in its time zone, and the database's clock (ms).
pub async fn clock(
    conn: &mut PgConnection,
    tenant_id: Uuid,
) -> Result<(TenantSettings, chrono::NaiveDate, i64), AppError> {
    let (settings, today, now_ms): (serde_json::Value, chrono::NaiveDate, i64) =
        sqlx::query_as(TENANT_CLOCK)
            .bind(tenant_id)
            .fetch_one(conn)
            .await?;
    Ok((
        serde_json::from_value(settings).unwrap_or_default(),
        today,
        now_ms,
    ))
}

/// When the next human-verification challenge is due: a random moment within the policy's
/// interval from now, or never when the policy is off.
pub fn next_check(settings: &TenantSettings, now_ms: i64) -> Option<i64> {
    let policy = &settings.human_check;
    policy.enabled.then(|| {
        let minutes = rand::thread_rng().gen_range(
            policy.min_interval_minutes
                ..=policy.max_interval_minutes.max(policy.min_interval_minutes),
        );
        now_ms + i64::from(minutes) * 60_000
    })
}

pub fn ms_to_time(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// Opens a play session of `req.courseware_id` for the signed-in learner on their device.
pub async fn open(
    conn: &mut PgConnection,
    p: &Principal,
    req: &OpenSessionRequest,
    client: &ClientInfo,
) -> Result<PlaySession, AppError> {
    let tenant_id = p.tenant.id;
    let device_id = fields::device_id("device_id", &req.device_id)?;
    let login_device: String = sqlx::query_scalar(
        "select device_id from sessions where tenant_id = $1 and session_id = $2",
    )
    .bind(tenant_id)
    .bind(p.session_id)
    .fetch_one(&mut *conn)
    .await?;
    if login_device != device_id {
        return Err(AppError::invalid(
            "device_id",
            "与登录所用设备不一致",
            "is not the device this session signed in on",
        ));
    }
    let cw: CoursewareRow = sqlx::query_as(
        "select c.course_id, w.lineage_id, w.title, w.kind, w.media_id, w.url, w.duration_seconds
         from coursewares w join courses c on c.live_revision_id = w.revision_id
         where w.tenant_id = $1 and w.courseware_id = $2 and learner_may_study($3, c.course_id)",
    )
    .bind(tenant_id)
    .bind(req.courseware_id)
    .bind(p.user_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(not_found)?;
    let kind: CoursewareKind = stored(&cw.kind)?;
    let (settings, today, now_ms) = clock(conn, tenant_id).await?;

    // One play session per learner: the others close now and are told.
    let replaced: Vec<(Uuid, String, bool)> = sqlx::query_as(
        "update play_sessions set closed_at = now(), close_reason = 'session_replaced'
         where tenant_id = $1 and user_id = $2 and closed_at is null
         returning play_session_id, device_id, last_at > now() - interval '1 minute'",
    )
    .bind(tenant_id)
    .bind(p.user_id)
    .fetch_all(&mut *conn)
    .await?;
    for (old, old_device, live) in &replaced {
        let event = StreamEvent::Session {
            session_id: *old,
            reason: Decision::SessionReplaced,
        };
        stream::notify(conn, tenant_id, p.user_id, &event).await?;
        if *live && *old_device != device_id {
            risk::raise(
                conn,
                &settings,
                tenant_id,
                p.user_id,
                Some(*old),
                shared_types::learning::RiskKind::ParallelSession,
                &[
                    ("device", old_device.as_str()),
                    ("new_device", device_id.as_str()),
                ],
            )
            .await?;
        }
    }

    // The progress row exists from the first opening on (the course counts as started), so the
    // first heartbeat updates it like every later one instead of inserting under load.
    let progress: Option<(Vec<i64>, i64)> = sqlx::query_as(
        "with created as (
             insert into courseware_progress (tenant_id, user_id, lineage_id) values ($1, $2, $3)
             on conflict (user_id, lineage_id) do nothing
             returning intervals, resume_ms)
         select intervals, resume_ms from created
         union all
         select intervals, resume_ms from courseware_progress where tenant_id = $1 and user_id = $2 and lineage_id = $3",
    )
    .bind(tenant_id)
    .bind(p.user_id)
    .bind(cw.lineage_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (flat, resume_ms) = progress.unwrap_or_default();
    let credited = Ranges::from_flat(&flat);
    let duration_ms = i64::from(cw.duration_seconds) * 1000;
    let resume_ms = match kind {
        CoursewareKind::Video => resume_ms.min(credited.furthest()),
        _ => resume_ms,
    };
    let token = crypto::new_session_token(tenant_id);
    let id = Uuid::new_v4();
    // An external link is not timed, so it needs no face either.
    let (face_due, face_turn) = match kind {
        CoursewareKind::Link => (false, None),
        _ => gate::opening(&settings.face_check),
    };
    sqlx::query(
        "insert into play_sessions (play_session_id, tenant_id, user_id, login_session_id, device_id, courseware_id,
                                    lineage_id, kind, duration_ms, ip, user_agent, token_hash, last_position_ms,
                                    next_check_at, face_due, face_turn)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
    )
    .bind(id)
    .bind(tenant_id)
    .bind(p.user_id)
    .bind(p.session_id)
    .bind(&device_id)
    .bind(req.courseware_id)
    .bind(cw.lineage_id)
    .bind(kind.as_str())
    .bind(duration_ms)
    .bind(&client.ip)
    .bind(client.user_agent.as_deref().unwrap_or(""))
    .bind(crypto::token_hash(&token))
    .bind(if kind == CoursewareKind::Video { resume_ms } else { 0 })
    .bind(next_check(&settings, now_ms).map(ms_to_time))
    .bind(face_due)
    .bind(&face_turn)
    .execute(&mut *conn)
    .await?;
    if kind == CoursewareKind::Link {
        // An external page cannot be timed: opening it completes it, with no study time.
        sqlx::query(
            "insert into courseware_progress (tenant_id, user_id, lineage_id, completed_at) values ($1, $2, $3, now())
             on conflict (user_id, lineage_id) do update set completed_at = coalesce(courseware_progress.completed_at, now())",
        )
        .bind(tenant_id)
        .bind(p.user_id)
        .bind(cw.lineage_id)
        .execute(&mut *conn)
        .await?;
    }
    risk::on_open(
        conn, &settings, tenant_id, p.user_id, id, &client.ip, &device_id,
    )
    .await?;
    // Today's row too, for the same reason.
    let today_ms: i64 = sqlx::query_scalar(
        "with created as (
             insert into daily_study (tenant_id, user_id, day) values ($1, $2, $3)
             on conflict (user_id, day) do nothing
             returning credited_ms)
         select credited_ms from created
         union all
         select credited_ms from daily_study where tenant_id = $1 and user_id = $2 and day = $3",
    )
    .bind(tenant_id)
    .bind(p.user_id)
    .bind(today)
    .fetch_optional(&mut *conn)
    .await?
    .unwrap_or(0);
    let cap_ms = settings.daily_cap_seconds() * 1000;
    let secs = |ms: i64| ms as f64 / 1000.0;
    Ok(PlaySession {
        session_id: id,
        courseware_id: req.courseware_id,
        course_id: cw.course_id,
        kind,
        title: cw.title,
        media_id: cw.media_id,
        url: cw.url,
        duration_seconds: secs(duration_ms),
        resume_position: secs(resume_ms),
        furthest_position: secs(credited.furthest()),
        credited_seconds: secs(credited.len()),
        complete: kind == CoursewareKind::Link || rules::is_complete(kind, duration_ms, &credited),
        heartbeat_interval_seconds: settings.heartbeat_seconds,
        heartbeat_token: token,
        today_credited_seconds: secs(today_ms),
        today_remaining_seconds: secs((cap_ms - today_ms).max(0)),
        study_hour_minutes: settings.study_hour_minutes,
        face_check: gate::due(face_due, face_turn.as_deref(), &settings.face_check),
    })
}

/// Closes a play session the player leaves; the token proves it is the player's.
pub async fn close(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    token: &str,
) -> Result<(), AppError> {
    let hash = crypto::token_hash(token);
    let done = sqlx::query(
        "update play_sessions set closed_at = now(), close_reason = 'session_closed'
         where tenant_id = $1 and play_session_id = $2 and closed_at is null
           and (token_hash = $3 or prev_token_hash = $3)",
    )
    .bind(tenant_id)
    .bind(id)
    .bind(&hash)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict(Text::new(
            "学习会话已结束或凭证无效",
            "The play session has ended or the token is not valid",
        )));
    }
    Ok(())
}
