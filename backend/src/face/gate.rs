//! 人脸核验闸门 — the face gate of a play session (Z-II.3, T-7.2.6c): when the tenant's policy
//! asks for face checks, one is due at the opening of every play session and again at a random
//! moment between the policy's minimum and maximum interval after each pass. While one is due
//! the learning engine credits nothing (`face_check_pending`). Pure: the learning engine keeps
//! the state on the play session and calls these.

use rand::Rng;
use shared_types::face::{FaceCheckDue, TurnDirection};
use shared_types::tenant::FaceCheckPolicy;

/// The gate of a new play session: (a check is due, the head turn it must show).
pub fn opening(policy: &FaceCheckPolicy) -> (bool, Option<String>) {
    if policy.enabled {
        (true, new_turn(policy))
    } else {
        (false, None)
    }
}

/// When the next check falls due after a pass at `now_ms`.
pub fn next_at(policy: &FaceCheckPolicy, now_ms: i64) -> Option<i64> {
    if !policy.enabled {
        return None;
    }
    let min = i64::from(policy.min_interval_minutes.max(1)) * 60_000;
    let max = (i64::from(policy.max_interval_minutes) * 60_000).max(min);
    Some(now_ms + rand::thread_rng().gen_range(min..=max))
}

/// A head turn to ask for, when the policy wants liveness.
pub fn new_turn(policy: &FaceCheckPolicy) -> Option<String> {
    policy.require_liveness.then(|| {
        let turn = if rand::thread_rng().gen_bool(0.5) {
            TurnDirection::Left
        } else {
            TurnDirection::Right
        };
        turn.as_str().to_owned()
    })
}

/// Makes a check due once its moment has come.
pub fn fall_due(
    due: &mut bool,
    next_ms: &mut Option<i64>,
    turn: &mut Option<String>,
    policy: &FaceCheckPolicy,
    now_ms: i64,
) {
    if policy.enabled && !*due && next_ms.is_some_and(|at| at <= now_ms) {
        *due = true;
        *next_ms = None;
        *turn = new_turn(policy);
    }
}

/// What the player is told while a check is due.
pub fn due(face_due: bool, turn: Option<&str>, policy: &FaceCheckPolicy) -> Option<FaceCheckDue> {
    face_due.then(|| FaceCheckDue {
        turn: turn.and_then(TurnDirection::parse),
        fallback: policy.fallback,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> FaceCheckPolicy {
        FaceCheckPolicy {
            enabled: true,
            ..FaceCheckPolicy::default()
        }
    }

    #[test]
    fn a_check_is_due_at_the_opening_only_when_the_policy_asks() {
        assert_eq!(opening(&FaceCheckPolicy::default()), (false, None));
        assert_eq!(opening(&policy()), (true, None));
        let liveness = FaceCheckPolicy {
            require_liveness: true,
            ..policy()
        };
        assert!(
            opening(&liveness)
                .1
                .is_some_and(|t| t == "left" || t == "right")
        );
    }

    #[test]
    fn the_next_check_falls_within_the_interval_and_becomes_due_at_its_moment() {
        let p = policy();
        for _ in 0..100 {
            let at = next_at(&p, 0).unwrap_or(0);
            assert!((10 * 60_000..=20 * 60_000).contains(&at));
        }
        let (mut due, mut next, mut turn) = (false, Some(1_000), None);
        fall_due(&mut due, &mut next, &mut turn, &p, 999);
        assert!(!due);
        fall_due(&mut due, &mut next, &mut turn, &p, 1_000);
        assert!(due && next.is_none());
        assert!(gate_says_due(due, &p));
    }

    fn gate_says_due(d: bool, p: &FaceCheckPolicy) -> bool {
        due(d, None, p).is_some()
    }
}
