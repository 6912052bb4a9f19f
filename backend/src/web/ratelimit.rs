//! In-process fixed-window rate limits, keyed by (bucket, key) — e.g. ("login", ip).
//! Account lockout lives in the database (see identity); this guards against floods per IP.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::AppError;

/// (bucket, key) → (start of the current window, hits in it).
type Windows = HashMap<(&'static str, String), (Instant, u32)>;

#[derive(Clone, Default)]
pub struct RateLimiter {
    windows: Arc<Mutex<Windows>>,
}

impl RateLimiter {
    /// Counts one hit; refuses once `limit` hits fell in the current `window`.
    pub fn check(
        &self,
        bucket: &'static str,
        key: &str,
        limit: u32,
        window: Duration,
    ) -> Result<(), AppError> {
        let now = Instant::now();
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if windows.len() > 100_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = windows.entry((bucket, key.to_owned())).or_insert((now, 0));
        if now.duration_since(entry.0) >= window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        if entry.1 > limit {
            Err(AppError::RateLimited)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hit_past_the_limit_is_refused_and_other_keys_are_not() {
        let limiter = RateLimiter::default();
        let minute = Duration::from_secs(60);
        for _ in 0..3 {
            assert!(limiter.check("login", "1.1.1.1", 3, minute).is_ok());
        }
        assert!(matches!(
            limiter.check("login", "1.1.1.1", 3, minute),
            Err(AppError::RateLimited)
        ));
        assert!(limiter.check("login", "2.2.2.2", 3, minute).is_ok());
        assert!(limiter.check("sms", "1.1.1.1", 3, minute).is_ok());
    }

    #[test]
    fn a_new_window_starts_afresh() {
        let limiter = RateLimiter::default();
        let tiny = Duration::from_millis(1);
        assert!(limiter.check("login", "ip", 1, tiny).is_ok());
        std::thread::sleep(Duration::from_millis(5));
        assert!(limiter.check("login", "ip", 1, tiny).is_ok());
    }
}
