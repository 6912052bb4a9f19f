//! SQL of a heartbeat batch: everything a batch decides on is read and locked in a few
//! statements (sessions, progress, today's totals, open challenges), and everything it decided
//! is written in a few more (`unnest` over arrays), whatever the batch's size.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use shared_types::learning::Challenge;
use sqlx::PgConnection;
use uuid::Uuid;

use super::intervals::Ranges;
use crate::error::AppError;

/// A play session as a batch works on it (locked for the batch's transaction).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub play_session_id: Uuid,
    pub user_id: Uuid,
    pub courseware_id: Uuid,
    pub lineage_id: Uuid,
    pub kind: String,
    pub duration_ms: i64,
    pub closed_at: Option<DateTime<Utc>>,
    pub close_reason: Option<String>,
    pub token_hash: Vec<u8>,
    pub prev_token_hash: Option<Vec<u8>>,
    pub last_seq: i64,
    pub last_at_ms: i64,
    pub last_position_ms: i64,
    pub last_answer: Option<serde_json::Value>,
    pub credited_ms: i64,
    pub heartbeat_count: i32,
    pub next_check_ms: Option<i64>,
    pub risk_hold: bool,
    pub gap_n: i32,
    pub gap_mean: f64,
    pub gap_m2: f64,
    /// The sign-in session ended: by a login elsewhere (`replaced`) or otherwise.
    pub login_end_reason: Option<String>,
    pub login_ended: bool,
    /// The face gate (`face::gate`): a check is due; when the next one falls due; the head turn
    /// it must show.
    pub face_due: bool,
    pub next_face_ms: Option<i64>,
    pub face_turn: Option<String>,
}

pub async fn lock_sessions(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> Result<Vec<SessionRow>, AppError> {
    Ok(sqlx::query_as(
        "select ps.play_session_id, ps.user_id, ps.courseware_id, ps.lineage_id, ps.kind, ps.duration_ms, ps.closed_at, ps.close_reason,
                ps.token_hash, ps.prev_token_hash, ps.last_seq,
                (extract(epoch from ps.last_at) * 1000)::bigint as last_at_ms, ps.last_position_ms, ps.last_answer,
                ps.credited_ms, ps.heartbeat_count,
                (extract(epoch from ps.next_check_at) * 1000)::bigint as next_check_ms,
                ps.risk_hold, ps.gap_n, ps.gap_mean, ps.gap_m2,
                s.end_reason as login_end_reason, s.ended_at is not null as login_ended,
                ps.face_due, (extract(epoch from ps.next_face_at) * 1000)::bigint as next_face_ms, ps.face_turn
         from play_sessions ps join sessions s on s.session_id = ps.login_session_id
         where ps.play_session_id = any($1) order by ps.play_session_id for update of ps",
    )
    .bind(ids)
    .fetch_all(conn)
    .await?)
}

/// A learner's progress on a courseware lineage.
#[derive(Debug, Clone, Default)]
pub struct ProgressState {
    pub ranges: Ranges,
    pub resume_ms: i64,
    pub changed: bool,
}

pub async fn lock_progress(
    conn: &mut PgConnection,
    pairs: &[(Uuid, Uuid)],
) -> Result<HashMap<(Uuid, Uuid), ProgressState>, AppError> {
    let (users, lineages): (Vec<Uuid>, Vec<Uuid>) = pairs.iter().copied().unzip();
    let rows: Vec<(Uuid, Uuid, Vec<i64>, i64)> = sqlx::query_as(
        "select p.user_id, p.lineage_id, p.intervals, p.resume_ms from courseware_progress p
         join unnest($1::uuid[], $2::uuid[]) as k (u, l) on p.user_id = k.u and p.lineage_id = k.l
         order by p.user_id, p.lineage_id for update of p",
    )
    .bind(&users)
    .bind(&lineages)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(u, l, flat, resume_ms)| {
            let state = ProgressState {
                ranges: Ranges::from_flat(&flat),
                resume_ms,
                changed: false,
            };
            ((u, l), state)
        })
        .collect())
}

/// Each learner's credited time on `day`.
pub async fn today(
    conn: &mut PgConnection,
    users: &[Uuid],
    day: NaiveDate,
) -> Result<HashMap<Uuid, i64>, AppError> {
    let rows: Vec<(Uuid, i64)> = sqlx::query_as(
        "select user_id, credited_ms from daily_study where user_id = any($1) and day = $2",
    )
    .bind(users)
    .bind(day)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().collect())
}

/// The open (unanswered) challenge of each session, with its expiry in ms.
pub async fn open_challenges(
    conn: &mut PgConnection,
    sessions: &[Uuid],
) -> Result<HashMap<Uuid, (Challenge, i64)>, AppError> {
    type Row = (Uuid, Uuid, String, String, Vec<String>, DateTime<Utc>);
    let rows: Vec<Row> = sqlx::query_as(
        "select play_session_id, challenge_id, prompt_zh, prompt_en, choices, expires_at from study_challenges
         where play_session_id = any($1) and answered_at is null",
    )
    .bind(sessions)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(session, id, prompt_zh, prompt_en, choices, expires_at)| {
            let expires_ms = expires_at.timestamp_millis();
            let challenge = Challenge {
                id,
                prompt_zh,
                prompt_en,
                choices,
                expires_at,
            };
            (session, (challenge, expires_ms))
        })
        .collect())
}

/// One heartbeat to append.
#[derive(Debug, Clone)]
pub struct BeatRow {
    pub session: Uuid,
    pub user: Uuid,
    pub lineage: Uuid,
    pub seq: i64,
    pub client_time: i64,
    pub position_ms: i64,
    pub playing: bool,
    pub visible: bool,
    pub focused: bool,
    pub rate: f32,
    pub decision: &'static str,
    pub credited_ms: i64,
    pub ranges: Vec<i64>,
    pub signals: String,
}

/// `{1,2,3}` — an array literal PostgreSQL casts to `bigint[]`.
fn array_literal(values: &[i64]) -> String {
    let inner: Vec<String> = values.iter().map(i64::to_string).collect();
    format!("{{{}}}", inner.join(","))
}

pub async fn append_beats(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    day: NaiveDate,
    rows: &[BeatRow],
) -> Result<(), AppError> {
    if rows.is_empty() {
        return Ok(());
    }
    let col = |f: fn(&BeatRow) -> Uuid| rows.iter().map(f).collect::<Vec<Uuid>>();
    sqlx::query(
        "insert into heartbeats (tenant_id, play_session_id, user_id, lineage_id, seq, client_time, position_ms, playing,
                                 visible, focused, rate, decision, credited_ms, ranges, day, signals)
         select $1, s, u, l, q, ct, p, pl, v, f, r, d, c, rg::bigint[], $2, sg::jsonb
         from unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bool[],
                     $10::bool[], $11::bool[], $12::real[], $13::text[], $14::bigint[], $15::text[], $16::text[])
              as x (s, u, l, q, ct, p, pl, v, f, r, d, c, rg, sg)",
    )
    .bind(tenant_id)
    .bind(day)
    .bind(col(|r| r.session))
    .bind(col(|r| r.user))
    .bind(col(|r| r.lineage))
    .bind(rows.iter().map(|r| r.seq).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.client_time).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.position_ms).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.playing).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.visible).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.focused).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.rate).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.decision).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.credited_ms).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| array_literal(&r.ranges)).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.signals.clone()).collect::<Vec<_>>())
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes back every session of the batch as it ended.
pub async fn save_sessions(conn: &mut PgConnection, rows: &[&SessionRow]) -> Result<(), AppError> {
    if rows.is_empty() {
        return Ok(());
    }
    let ms_time = |ms: i64| DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default();
    sqlx::query(
        "update play_sessions ps set token_hash = x.th, prev_token_hash = x.pth, last_seq = x.seq, last_at = x.at,
                last_position_ms = x.pos, last_answer = x.ans::jsonb, credited_ms = x.cred, heartbeat_count = x.cnt,
                next_check_at = x.chk, risk_hold = x.hold, gap_n = x.gn, gap_mean = x.gm, gap_m2 = x.gm2,
                face_due = x.fd, next_face_at = x.nf, face_turn = x.ft,
                close_reason = coalesce(ps.close_reason, x.close),
                closed_at = case when ps.closed_at is null and x.close is not null then now() else ps.closed_at end
         from unnest($1::uuid[], $2::bytea[], $3::bytea[], $4::bigint[], $5::timestamptz[], $6::bigint[], $7::text[],
                     $8::bigint[], $9::int[], $10::timestamptz[], $11::bool[], $12::int[], $13::float8[],
                     $14::float8[], $15::text[], $16::bool[], $17::timestamptz[], $18::text[])
              as x (id, th, pth, seq, at, pos, ans, cred, cnt, chk, hold, gn, gm, gm2, close, fd, nf, ft)
         where ps.play_session_id = x.id",
    )
    .bind(rows.iter().map(|r| r.play_session_id).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.token_hash.clone()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.prev_token_hash.clone()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.last_seq).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| ms_time(r.last_at_ms)).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.last_position_ms).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.last_answer.as_ref().map(|a| a.to_string())).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.credited_ms).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.heartbeat_count).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.next_check_ms.map(ms_time)).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.risk_hold).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.gap_n).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.gap_mean).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.gap_m2).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.close_reason.clone()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.face_due).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.next_face_ms.map(ms_time)).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.face_turn.clone()).collect::<Vec<_>>())
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes the changed progress: intervals, their total, the resume position, completion.
pub async fn save_progress(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    changed: &[((Uuid, Uuid), &ProgressState, bool)],
) -> Result<(), AppError> {
    if changed.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "insert into courseware_progress (tenant_id, user_id, lineage_id, intervals, credited_ms, resume_ms, completed_at)
         select $1, u, l, i::bigint[], c, r, case when d then now() end
         from unnest($2::uuid[], $3::uuid[], $4::text[], $5::bigint[], $6::bigint[], $7::bool[]) as x (u, l, i, c, r, d)
         on conflict (user_id, lineage_id) do update set intervals = excluded.intervals,
             credited_ms = excluded.credited_ms, resume_ms = excluded.resume_ms,
             completed_at = coalesce(courseware_progress.completed_at, excluded.completed_at)",
    )
    .bind(tenant_id)
    .bind(changed.iter().map(|((u, _), _, _)| *u).collect::<Vec<_>>())
    .bind(changed.iter().map(|((_, l), _, _)| *l).collect::<Vec<_>>())
    .bind(changed.iter().map(|(_, p, _)| array_literal(&p.ranges.to_flat())).collect::<Vec<_>>())
    .bind(changed.iter().map(|(_, p, _)| p.ranges.len()).collect::<Vec<_>>())
    .bind(changed.iter().map(|(_, p, _)| p.resume_ms).collect::<Vec<_>>())
    .bind(changed.iter().map(|(_, _, done)| *done).collect::<Vec<_>>())
    .execute(conn)
    .await?;
    Ok(())
}

/// Adds each learner's newly credited time to their total of `day`.
pub async fn add_today(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    day: NaiveDate,
    added: &[(Uuid, i64)],
) -> Result<(), AppError> {
    if added.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "insert into daily_study (tenant_id, user_id, day, credited_ms)
         select $1, u, $2, c from unnest($3::uuid[], $4::bigint[]) as x (u, c)
         on conflict (user_id, day) do update set credited_ms = daily_study.credited_ms + excluded.credited_ms",
    )
    .bind(tenant_id)
    .bind(day)
    .bind(added.iter().map(|(u, _)| *u).collect::<Vec<_>>())
    .bind(added.iter().map(|(_, c)| *c).collect::<Vec<_>>())
    .execute(conn)
    .await?;
    Ok(())
}

/// A challenge to put to the learner.
pub struct NewChallenge {
    pub session: Uuid,
    pub user: Uuid,
    pub challenge: Challenge,
    pub answer: String,
}

pub async fn insert_challenges(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    new: &[NewChallenge],
) -> Result<(), AppError> {
    for c in new {
        sqlx::query(
            "insert into study_challenges (challenge_id, tenant_id, play_session_id, user_id, prompt_zh, prompt_en,
                                           choices, answer, expires_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(c.challenge.id)
        .bind(tenant_id)
        .bind(c.session)
        .bind(c.user)
        .bind(&c.challenge.prompt_zh)
        .bind(&c.challenge.prompt_en)
        .bind(&c.challenge.choices)
        .bind(&c.answer)
        .bind(c.challenge.expires_at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
