//! One tenant's share of a heartbeat batch, in one transaction: lock what the heartbeats touch,
//! check each against its session's token chain, decide it (`rules.rs`), then write every
//! decision, session, progress and daily total back (one statement each way, `beat_store.rs`).
//! The answers, and the events for the learners' pages, go out only after the commit, so every
//! acknowledged credit is durable.

use std::collections::{HashMap, HashSet};

use shared_types::catalog::CoursewareKind;
use shared_types::learning::{
    Challenge, Decision, Heartbeat, HeartbeatAnswer, RiskKind, StreamEvent,
};
use shared_types::tenant::TenantSettings;
use sqlx::PgConnection;
use uuid::Uuid;

use super::beat_store::{
    self, BeatRow, NewChallenge, ProgressState, ProgressWrite, SessionRow, Writes,
};
use super::risk::{self, Cadence};
use super::rules::{self, Before, Limits, Report};
use super::stream::Addressed;
use super::{checks, sessions};
use crate::crypto;
use crate::db::stored;
use crate::error::AppError;
use crate::face::gate;

fn not_found() -> AppError {
    AppError::not_found("学习会话", "Play session")
}

fn secs(ms: i64) -> f64 {
    ms as f64 / 1000.0
}

/// Positions and rates must be real numbers a player can report.
fn check(beat: &Heartbeat) -> Result<(), AppError> {
    if !beat.position.is_finite() || beat.position < 0.0 || beat.position > 1e7 {
        return Err(AppError::invalid(
            "position",
            "须为非负的秒数",
            "must be a non-negative number of seconds",
        ));
    }
    if !beat.rate.is_finite() || !(0.0..=16.0).contains(&beat.rate) {
        return Err(AppError::invalid(
            "rate",
            "播放速度无效",
            "is not a playback rate",
        ));
    }
    Ok(())
}

/// Everything the batch read, changed in memory as its heartbeats are decided.
struct Batch<'a> {
    settings: &'a TenantSettings,
    now_ms: i64,
    sessions: HashMap<Uuid, SessionRow>,
    progress: HashMap<(Uuid, Uuid), ProgressState>,
    today: HashMap<Uuid, i64>,
    added_today: HashMap<Uuid, i64>,
    challenges: HashMap<Uuid, (Challenge, i64)>,
    new_challenges: Vec<NewChallenge>,
    beats: Vec<BeatRow>,
    events: Vec<Addressed>,
    touched: HashSet<Uuid>,
}

/// What a batch decided: the answer of each heartbeat, in order, and the events for the
/// learners' pages, to send once the transaction has committed.
pub struct Decided {
    pub answers: Vec<Result<HeartbeatAnswer, AppError>>,
    pub events: Vec<Addressed>,
}

/// Decides `jobs` (session id and heartbeat, in arrival order) of tenant `tenant_id` inside
/// the transaction `conn`.
pub async fn apply(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    jobs: &[(Uuid, Heartbeat)],
) -> Result<Decided, AppError> {
    let mut ids: Vec<Uuid> = jobs.iter().map(|(id, _)| *id).collect();
    ids.sort();
    ids.dedup();
    let loaded = beat_store::load(conn, tenant_id, &ids).await?;
    let (settings, day, now_ms) = match loaded.clock {
        Some(clock) => clock,
        // None of the sessions exists: every answer is a 404, but decided on the same clock.
        None => sessions::clock(conn, tenant_id).await?,
    };
    let mut batch = Batch {
        settings: &settings,
        now_ms,
        sessions: loaded
            .sessions
            .into_iter()
            .map(|r| (r.play_session_id, r))
            .collect(),
        progress: loaded.progress,
        today: loaded.today,
        challenges: loaded.challenges,
        added_today: HashMap::new(),
        new_challenges: Vec::new(),
        beats: Vec::new(),
        events: Vec::new(),
        touched: HashSet::new(),
    };
    let mut answers = Vec::with_capacity(jobs.len());
    for (id, beat) in jobs {
        let answer = match check(beat) {
            Ok(()) => batch.one(conn, tenant_id, *id, beat).await,
            Err(err) => Err(err),
        };
        answers.push(answer);
    }
    beat_store::insert_challenges(conn, tenant_id, &batch.new_challenges).await?;
    let session_of: HashMap<(Uuid, Uuid), &SessionRow> = batch
        .sessions
        .values()
        .map(|s| ((s.user_id, s.lineage_id), s))
        .collect();
    let writes = Writes {
        beats: &batch.beats,
        sessions: batch
            .touched
            .iter()
            .filter_map(|id| batch.sessions.get(id))
            .collect(),
        progress: batch
            .progress
            .iter()
            .filter(|(_, p)| p.changed)
            .map(|(&(user, lineage), state)| ProgressWrite {
                user,
                lineage,
                state,
                done: session_of
                    .get(&(user, lineage))
                    .is_some_and(|s| complete(s, state)),
            })
            .collect(),
        added_today: batch.added_today.iter().map(|(u, ms)| (*u, *ms)).collect(),
    };
    beat_store::write(conn, tenant_id, day, &writes).await?;
    Ok(Decided {
        answers,
        events: batch.events,
    })
}

fn kind_of(s: &SessionRow) -> CoursewareKind {
    stored(&s.kind).unwrap_or(CoursewareKind::Video)
}

fn complete(s: &SessionRow, p: &ProgressState) -> bool {
    rules::is_complete(kind_of(s), s.duration_ms, &p.ranges)
}

impl Batch<'_> {
    async fn one(
        &mut self,
        conn: &mut PgConnection,
        tenant_id: Uuid,
        id: Uuid,
        beat: &Heartbeat,
    ) -> Result<HeartbeatAnswer, AppError> {
        let now_ms = self.now_ms;
        let token = crypto::token_hash(&beat.token);
        let seq = i64::try_from(beat.seq).unwrap_or(i64::MAX);
        let s = self.sessions.get(&id).ok_or_else(not_found)?;
        // A retry of the last heartbeat (its answer was lost): the same answer, nothing new.
        if seq == s.last_seq
            && s.prev_token_hash.as_deref() == Some(token.as_slice())
            && let Some(answer) = &s.last_answer
        {
            return serde_json::from_str(answer).map_err(|e| AppError::Internal(e.into()));
        }
        let position_ms = (beat.position * 1000.0).round() as i64;
        let (user, lineage, courseware) = (s.user_id, s.lineage_id, s.courseware_id);
        let in_order = seq == s.last_seq + 1 && token == s.token_hash;
        let mut row = BeatRow {
            session: id,
            seq,
            client_time: beat.client_time,
            position_ms,
            playing: beat.playing,
            visible: beat.visible,
            focused: beat.focused,
            rate: beat.rate as f32,
            decision: Decision::Stale.as_str(),
            credited_ms: 0,
            ranges: Vec::new(),
            signals: serde_json::to_string(&beat.signals).unwrap_or_default(),
        };
        if !in_order {
            self.beats.push(row);
            return Ok(self.answer(id, Decision::Stale, 0, String::new()));
        }
        let hold = self.risk(conn, tenant_id, id, beat, position_ms).await?;
        let s = self.sessions.get_mut(&id).ok_or_else(not_found)?;
        if s.closed_at.is_none() && s.close_reason.is_none() && s.login_ended {
            // Signed out, or signed in elsewhere: the play session ends with the sign-in.
            s.close_reason = Some(match s.login_end_reason.as_deref() {
                Some("replaced") => Decision::SessionReplaced.as_str().to_owned(),
                _ => Decision::SessionClosed.as_str().to_owned(),
            });
        }
        if s.close_reason.is_none() {
            let face = &self.settings.face_check;
            gate::fall_due(
                &mut s.face_due,
                &mut s.next_face_ms,
                &mut s.face_turn,
                face,
                now_ms,
            );
        }
        let overdue = self
            .challenges
            .get(&id)
            .is_some_and(|(_, expires)| *expires < now_ms);
        let kind = kind_of(s);
        let before = Before {
            kind,
            duration_ms: s.duration_ms,
            last_at_ms: s.last_at_ms,
            last_position_ms: s.last_position_ms,
            closed: s
                .close_reason
                .as_deref()
                .map(|r| stored(r).unwrap_or(Decision::SessionClosed)),
            risk_hold: s.risk_hold || hold,
            verification_overdue: overdue,
            face_pending: s.face_due,
        };
        let report = Report {
            position_ms,
            playing: beat.playing,
            visible: beat.visible,
            focused: beat.focused,
            rate: beat.rate,
        };
        let progress = self.progress.entry((user, lineage)).or_default();
        let today = self.today.get(&user).copied().unwrap_or(0);
        let limits = Limits {
            interval_ms: i64::from(self.settings.heartbeat_seconds) * 1000,
            daily_cap_ms: self.settings.daily_cap_seconds() * 1000,
        };
        let outcome = rules::decide(&before, &report, &progress.ranges, today, &limits, now_ms);
        let credited_ms = outcome.credited_ms();
        for &(a, b) in &outcome.credited {
            progress.ranges.add(a, b);
        }
        let mut cadence = Cadence {
            n: s.gap_n,
            mean: s.gap_mean,
            m2: s.gap_m2,
        };
        if outcome.rebase {
            cadence.push((now_ms - s.last_at_ms) as f64);
            s.last_at_ms = now_ms;
            s.last_position_ms = position_ms;
            progress.resume_ms = if kind == CoursewareKind::Video {
                position_ms.min(progress.ranges.furthest())
            } else {
                position_ms
            };
            progress.changed = true;
        }
        (s.gap_n, s.gap_mean, s.gap_m2) = (cadence.n, cadence.mean, cadence.m2);
        s.credited_ms += credited_ms;
        s.heartbeat_count += 1;
        if credited_ms > 0 {
            *self.today.entry(user).or_insert(0) += credited_ms;
            *self.added_today.entry(user).or_insert(0) += credited_ms;
        }
        let closed = before.closed.is_some();
        let due = s.next_check_ms.is_some_and(|at| at <= now_ms);
        if !closed && due && !self.challenges.contains_key(&id) {
            let (challenge, answer) =
                checks::new_challenge(now_ms, self.settings.human_check.answer_seconds);
            let expires = challenge.expires_at.timestamp_millis();
            self.new_challenges.push(NewChallenge {
                session: id,
                user,
                challenge: challenge.clone(),
                answer,
            });
            self.challenges.insert(id, (challenge, expires));
            s.next_check_ms = None;
        }
        let robotic = cadence.robotic();
        let next = if closed {
            String::new()
        } else {
            crypto::new_session_token(tenant_id)
        };
        if !closed {
            s.prev_token_hash = Some(std::mem::replace(
                &mut s.token_hash,
                crypto::token_hash(&next),
            ));
            s.last_seq = seq;
        }
        self.touched.insert(id);
        row.decision = outcome.decision.as_str();
        row.credited_ms = credited_ms;
        row.ranges = outcome.credited.iter().flat_map(|&(a, b)| [a, b]).collect();
        self.beats.push(row);
        if robotic {
            risk::raise(
                conn,
                self.settings,
                tenant_id,
                user,
                Some(id),
                RiskKind::RoboticTiming,
                &[],
            )
            .await?;
        }
        let answer = self.answer(id, outcome.decision, credited_ms, next);
        if credited_ms > 0 {
            self.events.push(Addressed::event(
                tenant_id,
                user,
                StreamEvent::Progress {
                    courseware_id: courseware,
                    lineage_id: lineage,
                    credited_seconds: answer.courseware_credited_seconds,
                    resume_position: secs(
                        self.progress
                            .get(&(user, lineage))
                            .map_or(0, |p| p.resume_ms),
                    ),
                    complete: answer.complete,
                    today_credited_seconds: answer.today_credited_seconds,
                },
            ));
        }
        if let Some(s) = self.sessions.get_mut(&id) {
            s.last_answer = serde_json::to_string(&answer).ok();
        }
        Ok(answer)
    }

    /// The client's signals (and an impossible position) as risk events; whether one holds the
    /// session.
    async fn risk(
        &mut self,
        conn: &mut PgConnection,
        tenant_id: Uuid,
        id: Uuid,
        beat: &Heartbeat,
        position_ms: i64,
    ) -> Result<bool, AppError> {
        let Some(s) = self.sessions.get(&id) else {
            return Ok(false);
        };
        let user = s.user_id;
        let mut found = risk::from_signals(&beat.signals);
        if kind_of(s) == CoursewareKind::Video && position_ms > s.duration_ms + rules::SLACK_MS {
            found.push((
                RiskKind::ImpossiblePosition,
                "position beyond the video's end",
            ));
        }
        let mut hold = false;
        for (kind, what) in found {
            let seq = beat.seq.to_string();
            let position = format!("{:.1}", beat.position);
            let evidence = [
                ("signal", what),
                ("seq", seq.as_str()),
                ("position", position.as_str()),
            ];
            hold |= risk::raise(
                conn,
                self.settings,
                tenant_id,
                user,
                Some(id),
                kind,
                &evidence,
            )
            .await?;
        }
        if hold && let Some(s) = self.sessions.get_mut(&id) {
            s.risk_hold = true;
        }
        Ok(hold)
    }

    fn answer(
        &self,
        id: Uuid,
        decision: Decision,
        credited_ms: i64,
        next_token: String,
    ) -> HeartbeatAnswer {
        let s = self.sessions.get(&id);
        let progress = s.and_then(|s| self.progress.get(&(s.user_id, s.lineage_id)));
        let today = s
            .and_then(|s| self.today.get(&s.user_id))
            .copied()
            .unwrap_or(0);
        let cap = self.settings.daily_cap_seconds() * 1000;
        HeartbeatAnswer {
            decision,
            credited_seconds: secs(credited_ms),
            courseware_credited_seconds: secs(progress.map_or(0, |p| p.ranges.len())),
            furthest_position: secs(progress.map_or(0, |p| p.ranges.furthest())),
            complete: s.zip(progress).is_some_and(|(s, p)| complete(s, p)),
            today_credited_seconds: secs(today),
            today_remaining_seconds: secs((cap - today).max(0)),
            next_token,
            challenge: self.challenges.get(&id).map(|(c, _)| c.clone()),
            face_check: s.and_then(|s| {
                gate::due(
                    s.face_due,
                    s.face_turn.as_deref(),
                    &self.settings.face_check,
                )
            }),
        }
    }
}
