//! What the study player shows, as a reducer over what happened: the session opened, a heartbeat
//! was answered, the session ended elsewhere, a seek was refused, the page paused itself, another
//! tab plays, a challenge came. Pure, so the rules of what wins are tested natively: an ended
//! session stays ended, the daily cap outranks a refused seek.

use std::rc::Rc;

use shared_types::ApiError;
use shared_types::face::FaceCheckDue;
use shared_types::learning::{Challenge, Decision, HeartbeatAnswer, PlaySession};
use yew::Reducible;

/// The message over the player (`#player-message`, its `data-reason`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Message {
    /// The play session ended: another page or device took over, or it was closed.
    Ended(Decision),
    CapReached,
    SeekRefused {
        limit: f64,
    },
    /// Time played while heartbeats did not get through (a network drop) was not counted: the
    /// player went back to `to`, the end of what was.
    Rewound {
        to: f64,
    },
}

impl Message {
    /// The reason code in `data-reason`.
    pub fn reason(self) -> &'static str {
        match self {
            Message::Ended(Decision::SessionReplaced) => Decision::SessionReplaced.as_str(),
            Message::Ended(_) => Decision::SessionClosed.as_str(),
            Message::CapReached => Decision::CapReached.as_str(),
            Message::SeekRefused { .. } => "seek_refused",
            Message::Rewound { .. } => "rewound",
        }
    }

    /// Higher wins when two want the place.
    fn rank(self) -> u8 {
        match self {
            Message::Ended(_) => 3,
            Message::CapReached => 2,
            Message::SeekRefused { .. } | Message::Rewound { .. } => 1,
        }
    }
}

/// Why the page paused the video itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseReason {
    Hidden,
    Unfocused,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StudyView {
    pub session: Option<Rc<PlaySession>>,
    pub open_error: Option<ApiError>,
    /// The last heartbeat's decision.
    pub decision: Option<Decision>,
    pub courseware_credited: f64,
    pub furthest: f64,
    pub complete: bool,
    pub today_credited: f64,
    pub today_remaining: f64,
    pub message: Option<Message>,
    pub paused_because: Option<PauseReason>,
    /// Other tabs of the learner playing on this device.
    pub other_tabs: u32,
    pub challenge: Option<Challenge>,
    /// The face check the dialog is taking (opened and closed by the engine, not by each
    /// answer: a pass stays shown until the learner goes on).
    pub face_check: Option<FaceCheckDue>,
    /// The last heartbeat failed for good (not retried).
    pub beat_error: Option<ApiError>,
    /// A heartbeat is being sent again after a network error or a busy server.
    pub retrying: bool,
}

impl StudyView {
    /// The daily cap (credited + remaining, as last answered), in seconds.
    fn cap(&self) -> f64 {
        self.today_credited + self.today_remaining
    }

    fn show(&mut self, message: Message) {
        if self.message.is_none_or(|m| m.rank() <= message.rank()) {
            self.message = Some(message);
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum StudyAction {
    Opened(PlaySession),
    OpenFailed(ApiError),
    Answered(HeartbeatAnswer),
    Ended(Decision),
    SeekRefused(f64),
    /// The player went back to what was counted (its position had run ahead of it).
    Rewound(f64),
    /// The seek message has been read (it goes after a while).
    SeekSeen,
    PausedBecause(Option<PauseReason>),
    OtherTabs(u32),
    Challenge(Option<Challenge>),
    FaceCheck(Option<FaceCheckDue>),
    BeatFailed(ApiError),
    Retrying,
    /// What the progress stream said of this courseware and today.
    Streamed {
        credited: Option<f64>,
        complete: bool,
        today: Option<f64>,
    },
}

impl Reducible for StudyView {
    type Action = StudyAction;

    fn reduce(self: Rc<Self>, action: StudyAction) -> Rc<Self> {
        let mut v = (*self).clone();
        match action {
            StudyAction::Opened(s) => {
                v.courseware_credited = s.credited_seconds;
                v.furthest = s.furthest_position;
                v.complete = s.complete;
                v.today_credited = s.today_credited_seconds;
                v.today_remaining = s.today_remaining_seconds;
                v.open_error = None;
                v.session = Some(Rc::new(s));
            }
            StudyAction::OpenFailed(err) => v.open_error = Some(err),
            StudyAction::Answered(a) => {
                v.decision = Some(a.decision);
                v.courseware_credited = a.courseware_credited_seconds;
                v.furthest = v.furthest.max(a.furthest_position);
                v.complete = a.complete;
                v.today_credited = a.today_credited_seconds;
                v.today_remaining = a.today_remaining_seconds;
                v.beat_error = None;
                v.retrying = false;
                match a.decision {
                    Decision::SessionReplaced | Decision::SessionClosed => {
                        v.show(Message::Ended(a.decision));
                    }
                    Decision::CapReached => v.show(Message::CapReached),
                    // A new day (or a voided credit) makes room again.
                    Decision::Credited if v.message == Some(Message::CapReached) => {
                        v.message = None;
                    }
                    _ => {}
                }
            }
            StudyAction::Ended(reason) => v.show(Message::Ended(reason)),
            StudyAction::SeekRefused(limit) => v.show(Message::SeekRefused { limit }),
            StudyAction::Rewound(to) => v.show(Message::Rewound { to }),
            StudyAction::SeekSeen => {
                if matches!(
                    v.message,
                    Some(Message::SeekRefused { .. } | Message::Rewound { .. })
                ) {
                    v.message = None;
                }
            }
            StudyAction::PausedBecause(reason) => v.paused_because = reason,
            StudyAction::OtherTabs(n) => v.other_tabs = n,
            StudyAction::Challenge(c) => v.challenge = c,
            StudyAction::FaceCheck(due) => v.face_check = due,
            StudyAction::BeatFailed(err) => {
                v.beat_error = Some(err);
                v.retrying = false;
            }
            StudyAction::Retrying => v.retrying = true,
            StudyAction::Streamed {
                credited,
                complete,
                today,
            } => {
                if let Some(credited) = credited {
                    v.courseware_credited = v.courseware_credited.max(credited);
                }
                v.complete |= complete;
                if let Some(today) = today.filter(|t| *t > v.today_credited) {
                    let cap = v.cap();
                    v.today_credited = today;
                    v.today_remaining = (cap - today).max(0.0);
                }
            }
        }
        if v == *self { self } else { Rc::new(v) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(decision: Decision) -> HeartbeatAnswer {
        HeartbeatAnswer {
            decision,
            credited_seconds: 0.0,
            courseware_credited_seconds: 40.0,
            furthest_position: 40.0,
            complete: false,
            today_credited_seconds: 100.0,
            today_remaining_seconds: 200.0,
            next_token: "n".into(),
            challenge: None,
            face_check: None,
        }
    }

    fn after(actions: Vec<StudyAction>) -> Rc<StudyView> {
        actions
            .into_iter()
            .fold(Rc::new(StudyView::default()), |v, a| v.reduce(a))
    }

    #[test]
    fn a_replaced_session_stays_ended() {
        let v = after(vec![
            StudyAction::Answered(answer(Decision::SessionReplaced)),
            StudyAction::Answered(answer(Decision::CapReached)),
            StudyAction::SeekRefused(10.0),
            StudyAction::SeekSeen,
        ]);
        assert_eq!(v.message, Some(Message::Ended(Decision::SessionReplaced)));
        assert_eq!(v.message.map(Message::reason), Some("session_replaced"));
    }

    #[test]
    fn the_cap_outranks_a_refused_seek_and_a_new_day_clears_it() {
        let v = after(vec![
            StudyAction::SeekRefused(10.0),
            StudyAction::Answered(answer(Decision::CapReached)),
            StudyAction::SeekRefused(12.0),
        ]);
        assert_eq!(v.message, Some(Message::CapReached));
        let v = v.reduce(StudyAction::Answered(answer(Decision::Credited)));
        assert_eq!(v.message, None);
    }

    #[test]
    fn a_seek_message_goes_once_read() {
        let v = after(vec![StudyAction::SeekRefused(30.0)]);
        assert_eq!(v.message.map(Message::reason), Some("seek_refused"));
        assert_eq!(v.reduce(StudyAction::SeekSeen).message, None);
        let v = after(vec![StudyAction::Rewound(42.0)]);
        assert_eq!(v.message, Some(Message::Rewound { to: 42.0 }));
        assert_eq!(v.reduce(StudyAction::SeekSeen).message, None);
    }

    #[test]
    fn the_face_check_dialog_outlives_the_answer_that_clears_it() {
        use shared_types::face::{FaceFallback, TurnDirection};
        let due = FaceCheckDue {
            turn: Some(TurnDirection::Left),
            fallback: FaceFallback::HumanCheck,
        };
        let v = after(vec![StudyAction::FaceCheck(Some(due.clone()))]);
        let v = v.reduce(StudyAction::Answered(answer(Decision::FaceCheckPending)));
        assert_eq!(v.face_check, Some(due));
        assert_eq!(v.decision, Some(Decision::FaceCheckPending));
        let v = v.reduce(StudyAction::FaceCheck(None));
        assert_eq!(v.face_check, None);
    }

    #[test]
    fn streamed_progress_only_moves_figures_forward() {
        let v = after(vec![
            StudyAction::Answered(answer(Decision::Credited)),
            StudyAction::Streamed {
                credited: Some(30.0),
                complete: false,
                today: Some(150.0),
            },
        ]);
        assert_eq!(v.courseware_credited, 40.0);
        assert_eq!((v.today_credited, v.today_remaining), (150.0, 150.0));
    }
}
