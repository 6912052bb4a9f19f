//! Named journeys run one after another, failures collected and reported together.

use std::future::Future;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Result, anyhow, bail};

use crate::browser::Browser;
use crate::stack::Backend;
use crate::support::screenshot_dir;

pub(crate) fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Runs named journeys, keeps going after a failure and reports them all at the end.
pub struct Journeys {
    failures: Vec<String>,
    passed: usize,
}

impl Default for Journeys {
    fn default() -> Self {
        Self::new()
    }
}

impl Journeys {
    pub fn new() -> Self {
        Self {
            failures: Vec::new(),
            passed: 0,
        }
    }

    /// Runs one journey (at most `JOURNEY_TIMEOUT`); on failure saves the browsers' screenshots
    /// and prints the backend's recent log. Returns whether it passed.
    pub async fn run(
        &mut self,
        name: &str,
        backend: &Backend,
        browsers: &[&Browser],
        journey: impl Future<Output = Result<()>>,
    ) -> bool {
        self.run_for(name, backend, browsers, journey)
            .await
            .is_some()
    }

    /// [`Self::run`] for a journey that hands a result to the next one.
    pub async fn run_for<T>(
        &mut self,
        name: &str,
        backend: &Backend,
        browsers: &[&Browser],
        journey: impl Future<Output = Result<T>>,
    ) -> Option<T> {
        const JOURNEY_TIMEOUT: Duration = Duration::from_secs(180);
        eprintln!("e2e: journey `{name}` ...");
        let started = Instant::now();
        let result = match tokio::time::timeout(JOURNEY_TIMEOUT, journey).await {
            Ok(r) => r,
            Err(_) => Err(anyhow!("timed out after {}s", JOURNEY_TIMEOUT.as_secs())),
        };
        let took = started.elapsed().as_secs_f64();
        match result {
            Ok(value) => {
                eprintln!("e2e: journey `{name}`: ok ({took:.1}s)");
                self.passed += 1;
                Some(value)
            }
            Err(err) => {
                eprintln!("e2e: journey `{name}`: FAILED ({took:.1}s): {err:#}");
                for b in browsers {
                    b.save_evidence(&screenshot_dir(), name).await;
                }
                eprintln!("e2e: backend log (last lines):\n{}", backend.log_tail(40));
                self.failures.push(format!("{name}: {err:#}"));
                None
            }
        }
    }

    pub fn fail(&mut self, name: &str, why: &str) {
        eprintln!("e2e: journey `{name}`: FAILED: {why}");
        self.failures.push(format!("{name}: {why}"));
    }

    pub fn finish(self) -> Result<()> {
        if self.failures.is_empty() {
            eprintln!("e2e: all {} journeys passed", self.passed);
            return Ok(());
        }
        bail!(
            "{} journey(s) failed ({} passed):\n  {}",
            self.failures.len(),
            self.passed,
            self.failures.join("\n  ")
        )
    }
}

/// A fresh mainland mobile number (139 + 8 digits) unlikely to collide across runs.
pub fn fresh_phone() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mix = nanos ^ (u128::from(std::process::id()) << 20);
    format!("139{:08}", mix % 100_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_look_like_mainland_mobiles() {
        let p = fresh_phone();
        assert_eq!(p.len(), 11);
        assert!(p.starts_with("139"));
        assert!(p.chars().all(|c| c.is_ascii_digit()));
    }

    #[test]
    fn slugs_are_file_names() {
        assert_eq!(slug("Log in: regulator"), "log-in--regulator");
    }
}
