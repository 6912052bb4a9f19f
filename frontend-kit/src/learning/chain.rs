//! The heartbeat chain of one play session: `seq` 1, 2, 3…, each heartbeat carrying the token the
//! previous answer handed out. A heartbeat whose answer never came (network error, 503) is sent
//! again unchanged — same `seq`, same token — and the server replays its answer, so nothing is
//! credited twice.

use shared_types::learning::{ClientSignals, Heartbeat, HeartbeatAnswer, PlaySession};
use shared_types::{ApiError, ErrorCode};

/// What the page reports in a heartbeat besides the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub position: f64,
    pub playing: bool,
    pub visible: bool,
    pub focused: bool,
    pub rate: f64,
    /// The device's clock, ms since the epoch.
    pub client_time: i64,
    pub signals: ClientSignals,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BeatChain {
    /// The `seq` of the last answered heartbeat (0 before the first).
    answered: u64,
    /// The token for the next new heartbeat.
    token: String,
    /// Sent, not answered yet: sent again as it is.
    pending: Option<Heartbeat>,
}

impl BeatChain {
    pub fn new(session: &PlaySession) -> BeatChain {
        BeatChain {
            answered: 0,
            token: session.heartbeat_token.clone(),
            pending: None,
        }
    }

    /// The heartbeat to send: the unanswered one again, else a new one of `report`.
    pub fn next(&mut self, report: Report) -> Heartbeat {
        self.pending
            .get_or_insert_with(|| Heartbeat {
                seq: self.answered + 1,
                position: report.position,
                playing: report.playing,
                visible: report.visible,
                focused: report.focused,
                rate: report.rate,
                client_time: report.client_time,
                token: self.token.clone(),
                signals: report.signals,
            })
            .clone()
    }

    /// Whether a heartbeat is waiting to be sent again.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// The answer to the pending heartbeat arrived: the next one takes its token.
    pub fn answered(&mut self, answer: &HeartbeatAnswer) {
        if let Some(beat) = self.pending.take() {
            self.answered = beat.seq;
            if !answer.next_token.is_empty() {
                self.token = answer.next_token.clone();
            }
        }
    }

    /// The pending heartbeat was refused for good: the next one is new, with the same `seq` and
    /// token.
    pub fn discard_pending(&mut self) {
        self.pending = None;
    }

    /// A token the server accepts for closing the session: the newest it handed out, or the
    /// one in flight (it takes the current and the previous one).
    pub fn close_token(&self) -> String {
        self.pending
            .as_ref()
            .map_or_else(|| self.token.clone(), |b| b.token.clone())
    }
}

/// Whether a failed heartbeat should be sent again: no answer, or the server was busy.
pub fn is_retryable(err: &ApiError) -> bool {
    matches!(
        err.code,
        ErrorCode::Unknown | ErrorCode::Unavailable | ErrorCode::Timeout | ErrorCode::RateLimited
    )
}

/// When the next regular heartbeat goes, ms: one interval, give or take 300 ms (`random` in
/// 0..1) — a person's player is not a metronome, and the server's cadence check should not take
/// it for one on a fast network.
pub fn beat_delay_ms(interval_seconds: u32, random: f64) -> u32 {
    let base = interval_seconds.max(1) * 1000;
    let jitter = (random.clamp(0.0, 1.0) * 600.0) as u32;
    base.saturating_sub(300) + jitter
}

/// How long to wait before retry number `attempt` (1-based): 1 s, 2 s, 4 s… never longer than
/// half a heartbeat interval, so a recovered connection still beats within the server's window.
pub fn retry_delay_ms(attempt: u32, interval_seconds: u32) -> u32 {
    let cap = (interval_seconds.max(2) * 500).max(1_000);
    1_000u32
        .saturating_mul(1 << attempt.saturating_sub(1).min(10))
        .min(cap)
}

#[cfg(test)]
mod tests {
    use shared_types::catalog::CoursewareKind;
    use shared_types::learning::Decision;
    use uuid::Uuid;

    use super::*;

    fn session() -> PlaySession {
        PlaySession {
            session_id: Uuid::nil(),
            courseware_id: Uuid::nil(),
            course_id: Uuid::nil(),
            kind: CoursewareKind::Video,
            title: "t".into(),
            media_id: None,
            url: None,
            duration_seconds: 600.0,
            resume_position: 0.0,
            furthest_position: 0.0,
            credited_seconds: 0.0,
            complete: false,
            heartbeat_interval_seconds: 10,
            heartbeat_token: "t0".into(),
            today_credited_seconds: 0.0,
            today_remaining_seconds: 21_600.0,
            study_hour_minutes: 45,
            face_check: None,
        }
    }

    fn report(position: f64) -> Report {
        Report {
            position,
            playing: true,
            visible: true,
            focused: true,
            rate: 1.0,
            client_time: 1,
            signals: ClientSignals::default(),
        }
    }

    fn answer(next: &str) -> HeartbeatAnswer {
        HeartbeatAnswer {
            decision: Decision::Credited,
            credited_seconds: 10.0,
            courseware_credited_seconds: 10.0,
            furthest_position: 10.0,
            complete: false,
            today_credited_seconds: 10.0,
            today_remaining_seconds: 100.0,
            next_token: next.into(),
            challenge: None,
            face_check: None,
        }
    }

    #[test]
    fn each_heartbeat_carries_the_token_of_the_previous_answer() {
        let mut chain = BeatChain::new(&session());
        let first = chain.next(report(0.0));
        assert_eq!((first.seq, first.token.as_str()), (1, "t0"));
        chain.answered(&answer("t1"));
        let second = chain.next(report(10.0));
        assert_eq!((second.seq, second.token.as_str()), (2, "t1"));
    }

    #[test]
    fn an_unanswered_heartbeat_is_retried_unchanged() {
        let mut chain = BeatChain::new(&session());
        let sent = chain.next(report(3.0));
        assert!(chain.is_pending());
        let again = chain.next(report(9.0));
        assert_eq!(again, sent);
        assert_eq!(chain.close_token(), "t0");
        chain.answered(&answer("t1"));
        assert_eq!(chain.next(report(12.0)).position, 12.0);
    }

    #[test]
    fn a_closed_sessions_empty_token_is_not_taken() {
        let mut chain = BeatChain::new(&session());
        chain.next(report(0.0));
        chain.answered(&answer(""));
        assert_eq!(chain.close_token(), "t0");
    }

    #[test]
    fn only_lost_or_refused_for_load_heartbeats_are_retried() {
        let err = |code| ApiError {
            code,
            message: String::new(),
            field: None,
        };
        assert!(is_retryable(&err(ErrorCode::Unavailable)));
        assert!(is_retryable(&err(ErrorCode::Unknown)));
        assert!(!is_retryable(&err(ErrorCode::NotFound)));
        assert!(!is_retryable(&err(ErrorCode::InvalidField)));
    }

    #[test]
    fn regular_beats_stay_within_300_ms_of_the_interval() {
        assert_eq!(beat_delay_ms(10, 0.0), 9_700);
        assert_eq!(beat_delay_ms(10, 1.0), 10_300);
        assert_eq!(beat_delay_ms(5, 0.5), 5_000);
        assert_eq!(beat_delay_ms(0, 2.0), 1_300);
    }

    #[test]
    fn retries_back_off_within_half_an_interval() {
        assert_eq!(retry_delay_ms(1, 10), 1_000);
        assert_eq!(retry_delay_ms(2, 10), 2_000);
        assert_eq!(retry_delay_ms(3, 10), 4_000);
        assert_eq!(retry_delay_ms(9, 10), 5_000);
        assert_eq!(retry_delay_ms(40, 60), 30_000);
    }
}
