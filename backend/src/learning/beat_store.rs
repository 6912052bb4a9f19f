//! SQL of a heartbeat batch, two statements whatever the batch's size: one reads and locks
//! everything the batch decides on (sessions, progress, today's totals, open challenges), one
//! writes everything it decided (`unnest` over arrays in data-modifying CTEs). Every round trip
//! is a turn of the lane the other heartbeats wait for. The learners' pages hear of it after the
//! commit (`stream::Publisher`).

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};
use shared_types::learning::Challenge;
use shared_types::tenant::TenantSettings;
use sqlx::PgConnection;
use uuid::Uuid;

use super::intervals::Ranges;
use super::sessions::TENANT_CLOCK;
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
    /// The answer to the last heartbeat as sent (JSON), replayed to its retry.
    pub last_answer: Option<String>,
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

/// A learner's progress on a courseware lineage.
#[derive(Debug, Clone, Default)]
pub struct ProgressState {
    pub ranges: Ranges,
    pub resume_ms: i64,
    pub changed: bool,
}

/// Everything a batch decides on.
pub struct Loaded {
    /// The tenant's settings, its calendar day and the database's clock (ms), as
    /// `sessions::clock` gives them; read with the sessions, so none when no session was found.
    pub clock: Option<(TenantSettings, NaiveDate, i64)>,
    pub sessions: Vec<SessionRow>,
    /// Progress per (learner, lineage); a learner who never studied the lineage has none.
    pub progress: HashMap<(Uuid, Uuid), ProgressState>,
    /// Each learner's credited time on the batch's day.
    pub today: HashMap<Uuid, i64>,
    /// The open (unanswered) challenge of each session, with its expiry in ms.
    pub challenges: HashMap<Uuid, (Challenge, i64)>,
}

#[derive(sqlx::FromRow)]
struct LoadedRow {
    #[sqlx(flatten)]
    session: SessionRow,
    tenant_settings: String,
    day: NaiveDate,
    now_ms: i64,
    intervals: Option<Vec<i64>>,
    resume_ms: Option<i64>,
    today_ms: Option<i64>,
    challenge_id: Option<Uuid>,
    prompt_zh: Option<String>,
    prompt_en: Option<String>,
    choices: Option<Vec<String>>,
    expires_at: Option<DateTime<Utc>>,
}

/// The statement of [`load`]: tenant `$1`, sessions `$2`.
static LOAD: LazyLock<String> = LazyLock::new(|| {
    format!(
        "select ps.play_session_id, ps.user_id, ps.courseware_id, ps.lineage_id, ps.kind, ps.duration_ms, ps.closed_at,
                ps.close_reason, ps.token_hash, ps.prev_token_hash, ps.last_seq,
                (extract(epoch from ps.last_at) * 1000)::bigint as last_at_ms, ps.last_position_ms, ps.last_answer,
                ps.credited_ms, ps.heartbeat_count,
                (extract(epoch from ps.next_check_at) * 1000)::bigint as next_check_ms,
                ps.risk_hold, ps.gap_n, ps.gap_mean, ps.gap_m2,
                s.end_reason as login_end_reason, s.ended_at is not null as login_ended,
                ps.face_due, (extract(epoch from ps.next_face_at) * 1000)::bigint as next_face_ms, ps.face_turn,
                p.intervals, p.resume_ms, d.credited_ms as today_ms,
                c.challenge_id, c.prompt_zh, c.prompt_en, c.choices, c.expires_at,
                t.settings::text as tenant_settings, t.day, t.now_ms
         from play_sessions ps
         cross join ({TENANT_CLOCK}) t
         cross join lateral (select end_reason, ended_at from sessions where session_id = ps.login_session_id) s
         left join lateral (select intervals, resume_ms from courseware_progress
                            where user_id = ps.user_id and lineage_id = ps.lineage_id for update) p on true
         -- `offset 0` keeps the day in the lookup's key: flattened into the join, the day became a
         -- filter over every day the learner ever studied
         left join lateral (select credited_ms from daily_study where user_id = ps.user_id and day = t.day offset 0) d on true
         left join lateral (select challenge_id, prompt_zh, prompt_en, choices, expires_at from study_challenges
                            where play_session_id = ps.play_session_id and answered_at is null
                            order by issued_at desc limit 1) c on true
         where ps.play_session_id = any($2) order by ps.play_session_id for update of ps"
    )
});

/// Reads the play sessions `ids` of tenant `tenant_id` with the tenant's clock, the learners'
/// progress, their totals of the tenant's day and open challenges, locking the sessions and the
/// progress rows for the transaction; in one statement, since every round trip is a turn of the
/// lane the other heartbeats wait for. Every part is a
/// lookup driven by the session (`lateral`), so the statement stays linear in the batch's size
/// whatever plan the planner picks: as plain joins, a generic plan made for ten rows went
/// quadratic on batches of five hundred, and a custom plan for five hundred scanned every
/// sign-in session of the tenant.
pub async fn load(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ids: &[Uuid],
) -> Result<Loaded, AppError> {
    let rows: Vec<LoadedRow> = sqlx::query_as(&LOAD)
        .bind(tenant_id)
        .bind(ids)
        .fetch_all(conn)
        .await?;
    let mut loaded = Loaded {
        clock: rows.first().map(|r| {
            let settings = serde_json::from_str(&r.tenant_settings).unwrap_or_default();
            (settings, r.day, r.now_ms)
        }),
        sessions: Vec::with_capacity(rows.len()),
        progress: HashMap::with_capacity(rows.len()),
        today: HashMap::with_capacity(rows.len()),
        challenges: HashMap::new(),
    };
    for row in rows {
        let s = &row.session;
        if let (Some(flat), Some(resume_ms)) = (&row.intervals, row.resume_ms) {
            let state = ProgressState {
                ranges: Ranges::from_flat(flat),
                resume_ms,
                changed: false,
            };
            loaded.progress.insert((s.user_id, s.lineage_id), state);
        }
        if let Some(ms) = row.today_ms {
            loaded.today.insert(s.user_id, ms);
        }
        if let (Some(id), Some(prompt_zh), Some(prompt_en), Some(choices), Some(expires_at)) = (
            row.challenge_id,
            row.prompt_zh,
            row.prompt_en,
            row.choices,
            row.expires_at,
        ) {
            let challenge = Challenge {
                id,
                prompt_zh,
                prompt_en,
                choices,
                expires_at,
            };
            let expires_ms = expires_at.timestamp_millis();
            loaded
                .challenges
                .insert(s.play_session_id, (challenge, expires_ms));
        }
        loaded.sessions.push(row.session);
    }
    Ok(loaded)
}

/// One heartbeat to append (its learner and lineage are its session's).
#[derive(Debug, Clone)]
pub struct BeatRow {
    pub session: Uuid,
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

/// A learner's progress as the batch leaves it; `done` when its intervals cover the courseware.
pub struct ProgressWrite<'a> {
    pub user: Uuid,
    pub lineage: Uuid,
    pub state: &'a ProgressState,
    pub done: bool,
}

/// Everything one batch decided.
pub struct Writes<'a> {
    pub beats: &'a [BeatRow],
    /// Every session the batch touched, as it ended.
    pub sessions: Vec<&'a SessionRow>,
    /// The progress that changed.
    pub progress: Vec<ProgressWrite<'a>>,
    /// Each learner's newly credited time of the day.
    pub added_today: Vec<(Uuid, i64)>,
}

/// `{1,2,3}` — an array literal PostgreSQL casts to `bigint[]`.
fn array_literal(values: &[i64]) -> String {
    let inner: Vec<String> = values.iter().map(i64::to_string).collect();
    format!("{{{}}}", inner.join(","))
}

fn ms_time(ms: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default()
}

/// Writes one batch in one statement: appends the heartbeats, writes the sessions, the changed
/// progress and the day's totals back.
pub async fn write(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    day: NaiveDate,
    w: &Writes<'_>,
) -> Result<(), AppError> {
    let (beats, sessions, progress) = (w.beats, &w.sessions, &w.progress);
    sqlx::query(
        "with beats as (
             -- the heartbeat's tenant, learner and lineage are its session's (no foreign key to check)
             insert into heartbeats (tenant_id, play_session_id, user_id, lineage_id, seq, client_time, position_ms,
                                     playing, visible, focused, rate, decision, credited_ms, ranges, day, signals)
             select ps.tenant_id, x.s, ps.user_id, ps.lineage_id, q, ct, p, pl, v, f, r, d, c, rg::bigint[], $2, sg::jsonb
             from unnest($3::uuid[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bool[], $8::bool[], $9::bool[],
                         $10::real[], $11::text[], $12::bigint[], $13::text[], $14::text[])
                  with ordinality as x (s, q, ct, p, pl, v, f, r, d, c, rg, sg, n)
             join play_sessions ps on ps.play_session_id = x.s and ps.play_session_id = any($3)
             order by x.n),
         sessions as (
             update play_sessions ps set token_hash = x.th, prev_token_hash = x.pth, last_seq = x.seq, last_at = x.at,
                    last_position_ms = x.pos, last_answer = x.ans, credited_ms = x.cred, heartbeat_count = x.cnt,
                    next_check_at = x.chk, risk_hold = x.hold, gap_n = x.gn, gap_mean = x.gm, gap_m2 = x.gm2,
                    face_due = x.fd, next_face_at = x.nf, face_turn = x.ft,
                    close_reason = coalesce(ps.close_reason, x.close),
                    closed_at = case when ps.closed_at is null and x.close is not null then now() else ps.closed_at end
             from unnest($15::uuid[], $16::bytea[], $17::bytea[], $18::bigint[], $19::timestamptz[], $20::bigint[],
                         $21::text[], $22::bigint[], $23::int[], $24::timestamptz[], $25::bool[], $26::int[],
                         $27::float8[], $28::float8[], $29::text[], $30::bool[], $31::timestamptz[], $32::text[])
                  as x (id, th, pth, seq, at, pos, ans, cred, cnt, chk, hold, gn, gm, gm2, close, fd, nf, ft)
             -- the key array again: a lookup by key whatever the planner believes of the table
             where ps.play_session_id = x.id and ps.play_session_id = any($15)),
         progress as (
             insert into courseware_progress (tenant_id, user_id, lineage_id, intervals, credited_ms, resume_ms,
                                              completed_at)
             select $1, u, l, i::bigint[], c, r, case when d then now() end
             from unnest($33::uuid[], $34::uuid[], $35::text[], $36::bigint[], $37::bigint[], $38::bool[])
                  as x (u, l, i, c, r, d)
             on conflict (user_id, lineage_id) do update set intervals = excluded.intervals,
                 credited_ms = excluded.credited_ms, resume_ms = excluded.resume_ms, updated_at = now(),
                 completed_at = coalesce(courseware_progress.completed_at, excluded.completed_at)),
         today as (
             insert into daily_study (tenant_id, user_id, day, credited_ms)
             select $1, u, $2, c from unnest($39::uuid[], $40::bigint[]) as x (u, c)
             on conflict (user_id, day) do update set credited_ms = daily_study.credited_ms + excluded.credited_ms,
                                                   updated_at = now())
         select 1",
    )
    .bind(tenant_id)
    .bind(day)
    .bind(beats.iter().map(|r| r.session).collect::<Vec<_>>())
    .bind(beats.iter().map(|r| r.seq).collect::<Vec<_>>())
    .bind(beats.iter().map(|r| r.client_time).collect::<Vec<_>>())
    .bind(beats.iter().map(|r| r.position_ms).collect::<Vec<_>>())
    .bind(beats.iter().map(|r| r.playing).collect::<Vec<_>>())
    .bind(beats.iter().map(|r| r.visible).collect::<Vec<_>>())
    .bind(beats.iter().map(|r| r.focused).collect::<Vec<_>>())
    .bind(beats.iter().map(|r| r.rate).collect::<Vec<_>>())
    .bind(beats.iter().map(|r| r.decision).collect::<Vec<_>>())
    .bind(beats.iter().map(|r| r.credited_ms).collect::<Vec<_>>())
    .bind(beats.iter().map(|r| array_literal(&r.ranges)).collect::<Vec<_>>())
    .bind(beats.iter().map(|r| r.signals.as_str()).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.play_session_id).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.token_hash.as_slice()).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.prev_token_hash.as_deref()).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.last_seq).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| ms_time(r.last_at_ms)).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.last_position_ms).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.last_answer.as_deref()).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.credited_ms).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.heartbeat_count).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.next_check_ms.map(ms_time)).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.risk_hold).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.gap_n).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.gap_mean).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.gap_m2).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.close_reason.as_deref()).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.face_due).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.next_face_ms.map(ms_time)).collect::<Vec<_>>())
    .bind(sessions.iter().map(|r| r.face_turn.as_deref()).collect::<Vec<_>>())
    .bind(progress.iter().map(|p| p.user).collect::<Vec<_>>())
    .bind(progress.iter().map(|p| p.lineage).collect::<Vec<_>>())
    .bind(progress.iter().map(|p| array_literal(&p.state.ranges.to_flat())).collect::<Vec<_>>())
    .bind(progress.iter().map(|p| p.state.ranges.len()).collect::<Vec<_>>())
    .bind(progress.iter().map(|p| p.state.resume_ms).collect::<Vec<_>>())
    .bind(progress.iter().map(|p| p.done).collect::<Vec<_>>())
    .bind(w.added_today.iter().map(|(u, _)| *u).collect::<Vec<_>>())
    .bind(w.added_today.iter().map(|(_, c)| *c).collect::<Vec<_>>())
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
