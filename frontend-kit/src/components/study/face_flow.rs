//! Where a face check stands in the player's dialog, and what its answer lets the learner do
//! next. Pure, so the rules are tested natively: a pass continues, a refused one is tried
//! again, no camera either swaps in human verification or stops study (the tenant's fallback).

use shared_types::ApiError;
use shared_types::face::{FaceCheckResult, TurnDirection};

use crate::components::face::CameraError;

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Before the learner starts (`#face-check-start`).
    Ready,
    /// Waiting for the camera (and its permission).
    Opening,
    /// Seconds to the frame; with the turn asked for on the second frame.
    Counting { n: u32, turn: Option<TurnDirection> },
    /// Uploading the frames and comparing the face.
    Checking,
    /// The server's answer; with why the camera could not be used when it was the no-camera
    /// fallback's.
    Done {
        result: FaceCheckResult,
        no_camera: Option<CameraError>,
    },
    /// A call failed (network, expired slot): try again.
    Failed(ApiError),
}

/// What the learner can do after an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Passed: study goes on.
    Continue,
    /// No camera, and the tenant asks human verification questions instead.
    HumanCheckInstead,
    /// No camera, and the tenant allows no study without one.
    NeedsCamera,
    /// Not passed: look at the camera and try again.
    TryAgain,
}

pub fn verdict(result: &FaceCheckResult, no_camera: bool) -> Verdict {
    match (no_camera, result.passed) {
        (true, true) => Verdict::HumanCheckInstead,
        (true, false) => Verdict::NeedsCamera,
        (false, true) => Verdict::Continue,
        (false, false) => Verdict::TryAgain,
    }
}

impl Verdict {
    /// Whether the dialog may close (study continues).
    pub fn may_continue(self) -> bool {
        matches!(self, Verdict::Continue | Verdict::HumanCheckInstead)
    }
}

impl Step {
    /// Whether a check is running (the start and retry buttons wait).
    pub fn busy(&self) -> bool {
        matches!(self, Step::Opening | Step::Counting { .. } | Step::Checking)
    }

    pub fn verdict(&self) -> Option<Verdict> {
        match self {
            Step::Done { result, no_camera } => Some(verdict(result, no_camera.is_some())),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared_types::face::FaceOutcome;
    use uuid::Uuid;

    fn result(outcome: FaceOutcome, passed: bool) -> FaceCheckResult {
        FaceCheckResult {
            check_id: Uuid::nil(),
            outcome,
            passed,
            score: None,
            message_zh: String::new(),
            message_en: String::new(),
        }
    }

    #[test]
    fn a_pass_continues_and_a_refusal_is_tried_again() {
        assert_eq!(
            verdict(&result(FaceOutcome::Passed, true), false),
            Verdict::Continue
        );
        assert_eq!(
            verdict(&result(FaceOutcome::Mismatch, false), false),
            Verdict::TryAgain
        );
        assert!(!Verdict::TryAgain.may_continue());
    }

    #[test]
    fn without_a_camera_the_fallback_decides() {
        let human = verdict(&result(FaceOutcome::NoCamera, true), true);
        assert_eq!(human, Verdict::HumanCheckInstead);
        assert!(human.may_continue());
        let none = verdict(&result(FaceOutcome::NoCamera, false), true);
        assert_eq!(none, Verdict::NeedsCamera);
        assert!(!none.may_continue());
    }

    #[test]
    fn the_buttons_wait_while_a_check_runs() {
        assert!(!Step::Ready.busy());
        assert!(Step::Counting { n: 2, turn: None }.busy());
        let done = Step::Done {
            result: result(FaceOutcome::NoCamera, true),
            no_camera: Some(CameraError::NotFound),
        };
        assert!(!done.busy());
        assert_eq!(done.verdict(), Some(Verdict::HumanCheckInstead));
    }
}
