//! 学时计算规则 — what one heartbeat earns (Z-II.4, Z-II.7, Z-III.5). Pure: the state before,
//! the heartbeat and the server's clock in; the decision, the credited pieces and the new
//! baseline out. The batcher (`batch.rs`) handles the token chain and storage around it.
//!
//! Credit = min(server wall time since the last heartbeat, position advance), only while playing
//! at rate 1, visible and focused, only over never-credited parts, only up to the daily cap.

use shared_types::catalog::CoursewareKind;
use shared_types::learning::Decision;

use super::intervals::{Ranges, take};

/// Slack on top of one heartbeat interval: for seeking, and for the longest gap that still
/// counts (2 intervals + this).
pub const SLACK_MS: i64 = 5_000;
/// A courseware is complete when at most this much of it is left uncredited.
pub const COMPLETE_SLACK_MS: i64 = 2_000;

/// The play session's state before the heartbeat.
#[derive(Debug, Clone)]
pub struct Before {
    pub kind: CoursewareKind,
    pub duration_ms: i64,
    /// When the last in-order heartbeat (or the opening) arrived, ms since the epoch.
    pub last_at_ms: i64,
    pub last_position_ms: i64,
    /// Closed (replaced by another session, or closed): its reason.
    pub closed: Option<Decision>,
    /// Crediting stopped by a high-confidence risk event.
    pub risk_hold: bool,
    /// A human-verification challenge is overdue.
    pub verification_overdue: bool,
    /// A face check is due and has not passed yet.
    pub face_pending: bool,
}

/// The media state a heartbeat reports.
#[derive(Debug, Clone, Copy)]
pub struct Report {
    pub position_ms: i64,
    pub playing: bool,
    pub visible: bool,
    pub focused: bool,
    pub rate: f64,
}

/// The tenant's settings that bound a credit.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub interval_ms: i64,
    pub daily_cap_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub decision: Decision,
    /// Newly credited pieces of the courseware's timeline.
    pub credited: Vec<(i64, i64)>,
    /// The heartbeat becomes the baseline of the next one.
    pub rebase: bool,
}

impl Outcome {
    fn none(decision: Decision, rebase: bool) -> Outcome {
        Outcome {
            decision,
            credited: Vec::new(),
            rebase,
        }
    }

    pub fn credited_ms(&self) -> i64 {
        self.credited.iter().map(|(s, e)| e - s).sum()
    }
}

/// Whether the credited ranges cover the courseware (within [`COMPLETE_SLACK_MS`]).
pub fn is_complete(kind: CoursewareKind, duration_ms: i64, credited: &Ranges) -> bool {
    match kind {
        CoursewareKind::Link => true,
        _ => duration_ms - credited.len() <= COMPLETE_SLACK_MS,
    }
}

/// Decides one in-order heartbeat. `credited` is the learner's credited ranges of this
/// courseware, `today_ms` what they were credited today, `now_ms` the server's clock.
pub fn decide(
    before: &Before,
    report: &Report,
    credited: &Ranges,
    today_ms: i64,
    limits: &Limits,
    now_ms: i64,
) -> Outcome {
    if let Some(reason) = before.closed {
        return Outcome::none(reason, false);
    }
    if before.kind == CoursewareKind::Link {
        return Outcome::none(Decision::Complete, true);
    }
    let video = before.kind == CoursewareKind::Video;
    if video && report.position_ms > before.duration_ms + SLACK_MS {
        return Outcome::none(Decision::BeyondEnd, false);
    }
    let wall = now_ms - before.last_at_ms;
    if wall > 2 * limits.interval_ms + SLACK_MS {
        return Outcome::none(Decision::Gap, true);
    }
    let refusal = if !report.playing {
        Some(Decision::Paused)
    } else if !report.visible {
        Some(Decision::Hidden)
    } else if !report.focused {
        Some(Decision::Unfocused)
    } else if (report.rate - 1.0).abs() > 0.01 {
        Some(Decision::Rate)
    } else if before.risk_hold {
        Some(Decision::RiskHold)
    } else if before.face_pending {
        Some(Decision::FaceCheckPending)
    } else if before.verification_overdue {
        Some(Decision::VerificationPending)
    } else {
        None
    };
    if let Some(decision) = refusal {
        return Outcome::none(decision, true);
    }
    // Past the cap nothing counts today, wherever the player is.
    let room = limits.daily_cap_ms - today_ms;
    if room <= 0 {
        return Outcome::none(Decision::CapReached, true);
    }
    // A video credits the stretch just played; a document the reading time, on a timeline that
    // grows from what was credited so far up to its minimum study time.
    let (start, length) = if video {
        let advance = report.position_ms - before.last_position_ms;
        if advance < 0 {
            return Outcome::none(Decision::Rewind, true);
        }
        if report.position_ms > credited.furthest() + limits.interval_ms + SLACK_MS {
            return Outcome::none(Decision::SeekAhead, true);
        }
        (before.last_position_ms, wall.min(advance))
    } else {
        let start = credited.len();
        (start, wall.min(before.duration_ms - start))
    };
    if length <= 0 {
        let done = is_complete(before.kind, before.duration_ms, credited);
        return Outcome::none(
            if done {
                Decision::Complete
            } else {
                Decision::Stalled
            },
            true,
        );
    }
    let end = (start + length).min(before.duration_ms);
    let fresh = credited.uncovered(start, end);
    if fresh.is_empty() {
        let done = is_complete(before.kind, before.duration_ms, credited);
        return Outcome::none(
            if done {
                Decision::Complete
            } else {
                Decision::Repeat
            },
            true,
        );
    }
    Outcome {
        decision: Decision::Credited,
        credited: take(&fresh, room),
        rebase: true,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const LIMITS: Limits = Limits {
        interval_ms: 10_000,
        daily_cap_ms: 360 * 60_000,
    };

    fn video(last_at_ms: i64, last_position_ms: i64) -> Before {
        Before {
            kind: CoursewareKind::Video,
            duration_ms: 600_000,
            last_at_ms,
            last_position_ms,
            closed: None,
            risk_hold: false,
            verification_overdue: false,
            face_pending: false,
        }
    }

    fn playing(position_ms: i64) -> Report {
        Report {
            position_ms,
            playing: true,
            visible: true,
            focused: true,
            rate: 1.0,
        }
    }

    fn decide_now(before: &Before, report: Report, credited: &Ranges, today: i64) -> Outcome {
        decide(
            before,
            &report,
            credited,
            today,
            &LIMITS,
            before.last_at_ms + 10_000,
        )
    }

    #[test]
    fn ten_seconds_played_credit_ten_seconds() {
        let o = decide_now(&video(0, 0), playing(10_000), &Ranges::default(), 0);
        assert_eq!(
            (o.decision, o.credited),
            (Decision::Credited, vec![(0, 10_000)])
        );
    }

    #[test]
    fn hidden_unfocused_paused_or_fast_playback_credits_nothing() {
        for (report, decision) in [
            (
                Report {
                    visible: false,
                    ..playing(10_000)
                },
                Decision::Hidden,
            ),
            (
                Report {
                    focused: false,
                    ..playing(10_000)
                },
                Decision::Unfocused,
            ),
            (
                Report {
                    playing: false,
                    ..playing(10_000)
                },
                Decision::Paused,
            ),
            (
                Report {
                    rate: 2.0,
                    ..playing(20_000)
                },
                Decision::Rate,
            ),
        ] {
            let o = decide_now(&video(0, 0), report, &Ranges::default(), 0);
            assert_eq!((o.decision, o.credited_ms()), (decision, 0));
        }
    }

    #[test]
    fn a_seek_ahead_credits_nothing() {
        let credited = Ranges::from_flat(&[0, 60_000]);
        let o = decide_now(&video(0, 60_000), playing(300_000), &credited, 0);
        assert_eq!(o.decision, Decision::SeekAhead);
        let o = decide_now(&video(0, 60_000), playing(70_000), &credited, 0);
        assert_eq!(o.decision, Decision::Credited);
    }

    #[test]
    fn repeats_gaps_and_the_cap_credit_nothing_more() {
        let credited = Ranges::from_flat(&[0, 60_000]);
        assert_eq!(
            decide_now(&video(0, 10_000), playing(20_000), &credited, 0).decision,
            Decision::Repeat
        );
        let gap = decide(
            &video(0, 0),
            &playing(10_000),
            &Ranges::default(),
            0,
            &LIMITS,
            60_000,
        );
        assert_eq!(gap.decision, Decision::Gap);
        let capped = decide_now(
            &video(0, 0),
            playing(10_000),
            &Ranges::default(),
            LIMITS.daily_cap_ms,
        );
        assert_eq!(capped.decision, Decision::CapReached);
        let partly = decide_now(
            &video(0, 0),
            playing(10_000),
            &Ranges::default(),
            LIMITS.daily_cap_ms - 4_000,
        );
        assert_eq!(partly.credited, vec![(0, 4_000)]);
    }

    #[test]
    fn wall_time_bounds_the_credit_of_a_fast_advance() {
        let before = video(0, 0);
        let o = decide(
            &before,
            &playing(9_000),
            &Ranges::default(),
            0,
            &LIMITS,
            5_000,
        );
        assert_eq!(o.credited, vec![(0, 5_000)]);
    }

    #[test]
    fn a_document_credits_visible_reading_time_up_to_its_minimum() {
        let before = Before {
            kind: CoursewareKind::Document,
            duration_ms: 15_000,
            ..video(0, 0)
        };
        let o = decide_now(&before, playing(3), &Ranges::from_flat(&[0, 10_000]), 0);
        assert_eq!(o.credited, vec![(10_000, 15_000)]);
        let done = decide_now(&before, playing(3), &Ranges::from_flat(&[0, 15_000]), 0);
        assert_eq!(done.decision, Decision::Complete);
    }

    #[test]
    fn closed_held_and_unverified_sessions_credit_nothing() {
        let mut before = video(0, 0);
        before.verification_overdue = true;
        assert_eq!(
            decide_now(&before, playing(10_000), &Ranges::default(), 0).decision,
            Decision::VerificationPending
        );
        before.face_pending = true;
        assert_eq!(
            decide_now(&before, playing(10_000), &Ranges::default(), 0).decision,
            Decision::FaceCheckPending
        );
        before.risk_hold = true;
        assert_eq!(
            decide_now(&before, playing(10_000), &Ranges::default(), 0).decision,
            Decision::RiskHold
        );
        before.closed = Some(Decision::SessionReplaced);
        let o = decide_now(&before, playing(10_000), &Ranges::default(), 0);
        assert_eq!((o.decision, o.rebase), (Decision::SessionReplaced, false));
    }

    /// One heartbeat of a random stream: the wall time since the last one and the position.
    fn beats() -> impl Strategy<Value = Vec<(i64, i64, bool, bool)>> {
        prop::collection::vec(
            (
                0i64..30_000,
                -20_000i64..40_000,
                any::<bool>(),
                any::<bool>(),
            ),
            1..60,
        )
    }

    proptest! {
        #[test]
        fn no_stream_credits_more_than_wall_time_advance_the_uncredited_part_or_the_cap(
            stream in beats(),
            cap_minutes in 1i64..20,
            already in prop::collection::vec(0i64..600_000, 0..6),
        ) {
            let limits = Limits { interval_ms: 10_000, daily_cap_ms: cap_minutes * 60_000 };
            let mut credited = Ranges::from_flat(&already);
            let never_before = 600_000 - credited.len();
            let (mut now, mut position, mut today, mut total) = (0i64, 0i64, 0i64, 0i64);
            let mut before = video(0, 0);
            for (wall, step, visible, focused) in stream {
                now += wall;
                position = (position + step).clamp(0, 610_000);
                let report = Report { visible, focused, ..playing(position) };
                let o = decide(&before, &report, &credited, today, &limits, now);
                let got = o.credited_ms();
                prop_assert!(got >= 0);
                prop_assert!(got <= wall.max(0), "more than wall time");
                prop_assert!(got <= (position - before.last_position_ms).max(0), "more than the advance");
                for &(s, e) in &o.credited {
                    prop_assert!(credited.uncovered(s, e) == vec![(s, e)], "credited twice");
                    credited.add(s, e);
                }
                today += got;
                total += got;
                if o.rebase {
                    before.last_at_ms = now;
                    before.last_position_ms = position;
                }
            }
            prop_assert!(today <= limits.daily_cap_ms, "beyond the daily cap");
            prop_assert!(total <= never_before, "more than was never credited");
        }

        #[test]
        fn replaying_credited_content_credits_zero(stream in beats()) {
            let credited = Ranges::from_flat(&[0, 600_000]);
            let (mut now, mut position) = (0i64, 0i64);
            let mut before = video(0, 0);
            for (wall, step, _, _) in stream {
                now += wall;
                position = (position + step).clamp(0, 600_000);
                let o = decide(&before, &playing(position), &credited, 0, &LIMITS, now);
                prop_assert_eq!(o.credited_ms(), 0);
                before.last_at_ms = now;
                before.last_position_ms = position;
            }
        }
    }
}
