//! 核验判定 — what one face check concludes, from what the engine saw (pure). In order: a virtual
//! camera, no reference on file, not exactly one face, the same frame as an earlier check, not
//! the enrolled person, and (when the policy asks) no head turn in the asked direction.

use shared_types::face::{FaceOutcome, TurnDirection};
use shared_types::learning::RiskKind;
use shared_types::tenant::FaceCheckPolicy;

use super::engine::{FaceReading, similarity};

/// Two frames closer than this (mean grey-level difference of their thumbnails) are the same
/// frame sent again: a JPEG re-encode differs by < 1, a live camera minutes apart by far more.
pub const REPEAT_DISTANCE: f32 = 1.5;
/// How far the head must turn (face_engine::yaw, in eye-spans) towards the asked side.
pub const TURN_YAW: f32 = 0.12;

/// Words in camera labels of virtual or fake cameras (OBS, ManyCam, Chromium's fake device…).
const VIRTUAL_CAMERA_WORDS: [&str; 11] = [
    "virtual",
    "obs",
    "manycam",
    "fake",
    "snap camera",
    "xsplit",
    "droidcam",
    "epoccam",
    "splitcam",
    "v4l2loopback",
    "dummy",
];

pub struct Evidence<'a> {
    pub frame: &'a FaceReading,
    /// The second frame and the turn it had to show (liveness).
    pub turn: Option<(&'a FaceReading, TurnDirection)>,
    pub references: &'a [Vec<f32>],
    /// Thumbnails of the learner's earlier check frames.
    pub earlier: &'a [Vec<u8>],
    pub camera_label: &'a str,
}

pub fn is_virtual_camera(label: &str) -> bool {
    let label = label.to_lowercase();
    VIRTUAL_CAMERA_WORDS.iter().any(|w| label.contains(w))
}

/// The outcome and the best similarity to a reference (when a face was compared).
pub fn judge(e: &Evidence<'_>, policy: &FaceCheckPolicy) -> (FaceOutcome, Option<f32>) {
    if !policy.allow_virtual_camera && is_virtual_camera(e.camera_label) {
        return (FaceOutcome::VirtualCamera, None);
    }
    if e.references.is_empty() {
        return (FaceOutcome::NotEnrolled, None);
    }
    let embedding = match (e.frame.faces, &e.frame.embedding) {
        (Some(0), _) => return (FaceOutcome::NoFace, None),
        (Some(1), Some(embedding)) => embedding,
        (Some(n), _) if n > 1 => return (FaceOutcome::SeveralFaces, None),
        _ => return (FaceOutcome::Unclear, None),
    };
    let thumb = face_engine::Thumb(e.frame.thumb.clone());
    if e.earlier.iter().any(|t| {
        face_engine::thumb_distance(&thumb, &face_engine::Thumb(t.clone())) < REPEAT_DISTANCE
    }) {
        return (FaceOutcome::Repeated, None);
    }
    let score = best(embedding, e.references);
    if score < policy.threshold {
        return (FaceOutcome::Mismatch, Some(score));
    }
    if policy.require_liveness && !turned(e, policy) {
        return (FaceOutcome::LivenessFailed, Some(score));
    }
    (FaceOutcome::Passed, Some(score))
}

fn best(embedding: &[f32], references: &[Vec<f32>]) -> f32 {
    references
        .iter()
        .map(|r| similarity(embedding, r))
        .fold(0.0, f32::max)
}

/// The second frame shows the same person, turned the asked way relative to the first.
fn turned(e: &Evidence<'_>, policy: &FaceCheckPolicy) -> bool {
    let Some((second, direction)) = e.turn else {
        return false;
    };
    let (Some(1), Some(embedding), Some(before), Some(after)) =
        (second.faces, &second.embedding, e.frame.yaw, second.yaw)
    else {
        return false;
    };
    if best(embedding, e.references) < policy.threshold {
        return false;
    }
    // The image is not mirrored: the person's left is the image's right (yaw grows).
    let moved = after - before;
    match direction {
        TurnDirection::Left => moved >= TURN_YAW,
        TurnDirection::Right => moved <= -TURN_YAW,
    }
}

/// The risk event a failed check raises (every failure pauses crediting; some stop the session).
pub fn risk_of(outcome: FaceOutcome) -> Option<RiskKind> {
    match outcome {
        FaceOutcome::Passed | FaceOutcome::NotEnrolled | FaceOutcome::NoCamera => None,
        FaceOutcome::Mismatch => Some(RiskKind::FaceMismatch),
        FaceOutcome::SeveralFaces => Some(RiskKind::SeveralFaces),
        FaceOutcome::Repeated => Some(RiskKind::RepeatedFrame),
        FaceOutcome::VirtualCamera => Some(RiskKind::VirtualCamera),
        FaceOutcome::NoFace | FaceOutcome::Unclear | FaceOutcome::LivenessFailed => {
            Some(RiskKind::FaceAbsent)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(
        faces: Option<usize>,
        embedding: Option<Vec<f32>>,
        yaw: f32,
        shade: u8,
    ) -> FaceReading {
        FaceReading {
            faces,
            embedding,
            yaw: Some(yaw),
            thumb: vec![shade; 256],
        }
    }

    fn policy() -> FaceCheckPolicy {
        FaceCheckPolicy {
            enabled: true,
            ..FaceCheckPolicy::default()
        }
    }

    fn judge_one(
        frame: &FaceReading,
        earlier: &[Vec<u8>],
        label: &str,
        p: &FaceCheckPolicy,
    ) -> FaceOutcome {
        let references = [vec![0.0, 0.0]];
        let e = Evidence {
            frame,
            turn: None,
            references: &references,
            earlier,
            camera_label: label,
        };
        judge(&e, p).0
    }

    #[test]
    fn each_failure_has_its_reason_and_a_matching_fresh_frame_passes() {
        let p = policy();
        let me = reading(Some(1), Some(vec![0.1, 0.1]), 0.0, 100);
        let other = reading(Some(1), Some(vec![0.7, 0.5]), 0.0, 100);
        assert_eq!(
            judge_one(&me, &[], "Integrated Camera", &p),
            FaceOutcome::Passed
        );
        assert_eq!(judge_one(&other, &[], "", &p), FaceOutcome::Mismatch);
        assert_eq!(
            judge_one(&reading(Some(0), None, 0.0, 1), &[], "", &p),
            FaceOutcome::NoFace
        );
        assert_eq!(
            judge_one(&reading(Some(2), None, 0.0, 1), &[], "", &p),
            FaceOutcome::SeveralFaces
        );
        assert_eq!(
            judge_one(&reading(None, None, 0.0, 1), &[], "", &p),
            FaceOutcome::Unclear
        );
        assert_eq!(
            judge_one(&me, &[vec![101; 256]], "", &p),
            FaceOutcome::Repeated
        );
        assert_eq!(
            judge_one(&me, &[vec![140; 256]], "", &p),
            FaceOutcome::Passed
        );
        assert_eq!(
            judge_one(&me, &[], "OBS Virtual Camera", &p),
            FaceOutcome::VirtualCamera
        );
        assert_eq!(
            judge_one(&me, &[], "fake_device_0", &p),
            FaceOutcome::VirtualCamera
        );
        let test_tenant = FaceCheckPolicy {
            allow_virtual_camera: true,
            ..policy()
        };
        assert_eq!(
            judge_one(&me, &[], "fake_device_0", &test_tenant),
            FaceOutcome::Passed
        );
        let e = Evidence {
            frame: &me,
            turn: None,
            references: &[],
            earlier: &[],
            camera_label: "",
        };
        assert_eq!(judge(&e, &p).0, FaceOutcome::NotEnrolled);
    }

    #[test]
    fn liveness_needs_the_same_person_turned_the_asked_way() {
        let p = FaceCheckPolicy {
            require_liveness: true,
            ..policy()
        };
        let references = [vec![0.0, 0.0]];
        let straight = reading(Some(1), Some(vec![0.1, 0.1]), 0.0, 100);
        let to_left = reading(Some(1), Some(vec![0.1, 0.2]), 0.3, 120);
        let check = |turn: Option<(&FaceReading, TurnDirection)>| {
            let e = Evidence {
                frame: &straight,
                turn,
                references: &references,
                earlier: &[],
                camera_label: "",
            };
            judge(&e, &p).0
        };
        assert_eq!(
            check(Some((&to_left, TurnDirection::Left))),
            FaceOutcome::Passed
        );
        assert_eq!(
            check(Some((&to_left, TurnDirection::Right))),
            FaceOutcome::LivenessFailed
        );
        assert_eq!(check(None), FaceOutcome::LivenessFailed);
    }

    #[test]
    fn every_failure_raises_a_risk_event_and_a_pass_none() {
        assert_eq!(risk_of(FaceOutcome::Passed), None);
        assert_eq!(risk_of(FaceOutcome::Mismatch), Some(RiskKind::FaceMismatch));
        assert_eq!(
            risk_of(FaceOutcome::Repeated),
            Some(RiskKind::RepeatedFrame)
        );
        assert_eq!(
            risk_of(FaceOutcome::SeveralFaces),
            Some(RiskKind::SeveralFaces)
        );
    }
}
