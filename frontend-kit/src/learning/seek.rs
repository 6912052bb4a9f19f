//! Where a learner may move the video (Z-II.5: no skipping what was not studied). The server
//! credits nothing beyond the furthest credited point plus one heartbeat interval and 5 s; the
//! player is stricter: the seek bar goes back freely, and forward only as far as the learner has
//! already been — the furthest credited point or the current position, whichever is further.

/// The server's slack beyond the furthest credited point, in seconds.
pub fn server_tolerance(heartbeat_interval_seconds: u32) -> f64 {
    f64::from(heartbeat_interval_seconds) + 5.0
}

/// How far forward the seek bar may go.
pub fn seek_limit(furthest: f64, current: f64) -> f64 {
    furthest.max(current).max(0.0)
}

/// The slider moves in whole seconds: a request this close to the limit is the limit.
const SLIDER_SLACK: f64 = 1.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SeekCheck {
    /// Go there.
    Allowed(f64),
    /// Not beyond the limit (seconds).
    Refused { limit: f64 },
}

/// Whether the learner may move to `target` with the seek bar.
pub fn check_seek(target: f64, limit: f64, duration: f64) -> SeekCheck {
    if !target.is_finite() {
        return SeekCheck::Refused { limit };
    }
    if target > limit + SLIDER_SLACK {
        return SeekCheck::Refused { limit };
    }
    let end = if duration.is_finite() && duration > 0.0 {
        duration
    } else {
        f64::MAX
    };
    SeekCheck::Allowed(target.min(limit).clamp(0.0, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn going_back_is_always_allowed() {
        assert_eq!(check_seek(5.0, 120.0, 600.0), SeekCheck::Allowed(5.0));
        assert_eq!(check_seek(-3.0, 120.0, 600.0), SeekCheck::Allowed(0.0));
    }

    #[test]
    fn a_seek_past_what_was_studied_is_refused() {
        let limit = seek_limit(100.0, 80.0);
        assert_eq!(limit, 100.0);
        assert_eq!(
            check_seek(300.0, limit, 600.0),
            SeekCheck::Refused { limit: 100.0 }
        );
        assert_eq!(
            check_seek(f64::NAN, limit, 600.0),
            SeekCheck::Refused { limit }
        );
    }

    #[test]
    fn the_current_position_counts_as_reached() {
        assert_eq!(seek_limit(40.0, 55.5), 55.5);
        assert_eq!(check_seek(56.0, 55.5, 600.0), SeekCheck::Allowed(55.5));
    }

    #[test]
    fn the_ui_is_stricter_than_the_server() {
        assert_eq!(server_tolerance(10), 15.0);
        assert!(seek_limit(100.0, 0.0) + 1.0 < 100.0 + server_tolerance(10));
    }
}
