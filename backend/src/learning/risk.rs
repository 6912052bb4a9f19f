//! 防刷课 — risk events (Z-II.3 "detect course-brushing software in real time"). Client signals
//! sent with heartbeats and server signals (timing too regular, impossible positions, parallel
//! sessions, one IP or device serving many accounts, round-the-clock study) each raise an event
//! with its evidence, once per play session and kind. A high-confidence event stops crediting for
//! the session until a regulator clears it; a confirmed one voids the session's credited time
//! (recorded in `credit_voids`, never deleted).

use shared_types::learning::{ClientSignals, RiskKind, RiskLevel};
use shared_types::tenant::TenantSettings;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;

/// Heartbeat intervals this regular (standard deviation, ms) over this many are not a person's.
const ROBOTIC_STDDEV_MS: f64 = 3.0;
const ROBOTIC_MIN_SAMPLES: i32 = 30;

/// How sure an event of `kind` is.
pub fn level(kind: RiskKind, settings: &TenantSettings) -> RiskLevel {
    match kind {
        RiskKind::Webdriver | RiskKind::Headless if settings.anti_cheat.automation_is_high_risk => {
            RiskLevel::High
        }
        RiskKind::Webdriver | RiskKind::Headless => RiskLevel::Low,
        RiskKind::RateTampered
        | RiskKind::TimeTampered
        | RiskKind::ImpossiblePosition
        | RiskKind::FaceMismatch
        | RiskKind::RepeatedFrame
        | RiskKind::VirtualCamera => RiskLevel::High,
        RiskKind::MediaInconsistent
        | RiskKind::Devtools
        | RiskKind::RoboticTiming
        | RiskKind::SharedDevice
        | RiskKind::RoundTheClock
        | RiskKind::SeveralFaces => RiskLevel::Medium,
        RiskKind::SeveralTabs
        | RiskKind::ParallelSession
        | RiskKind::SharedIp
        | RiskKind::FaceAbsent => RiskLevel::Low,
    }
}

/// The kinds a heartbeat's client signals report, with what was seen.
pub fn from_signals(signals: &ClientSignals) -> Vec<(RiskKind, &'static str)> {
    [
        (
            signals.webdriver,
            RiskKind::Webdriver,
            "navigator.webdriver",
        ),
        (signals.headless, RiskKind::Headless, "headless fingerprint"),
        (
            signals.rate_tampered,
            RiskKind::RateTampered,
            "playbackRate / currentTime set outside the player",
        ),
        (
            signals.time_tampered,
            RiskKind::TimeTampered,
            "page clock disagrees with wall time",
        ),
        (
            signals.media_inconsistent,
            RiskKind::MediaInconsistent,
            "media events out of order",
        ),
        (
            signals.devtools,
            RiskKind::Devtools,
            "developer tools or scripts",
        ),
        (
            signals.other_tabs > 0,
            RiskKind::SeveralTabs,
            "other tabs of this learner",
        ),
    ]
    .into_iter()
    .filter(|(seen, _, _)| *seen)
    .map(|(_, kind, what)| (kind, what))
    .collect()
}

/// Running mean and variance of heartbeat intervals (Welford), and whether they look robotic.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Cadence {
    pub n: i32,
    pub mean: f64,
    pub m2: f64,
}

impl Cadence {
    pub fn push(&mut self, gap_ms: f64) {
        self.n += 1;
        let delta = gap_ms - self.mean;
        self.mean += delta / f64::from(self.n);
        self.m2 += delta * (gap_ms - self.mean);
    }

    pub fn robotic(&self) -> bool {
        self.n >= ROBOTIC_MIN_SAMPLES
            && (self.m2 / f64::from(self.n - 1)).sqrt() < ROBOTIC_STDDEV_MS
    }
}

/// Records an event (once per open session and kind); answers whether it holds the session.
pub async fn raise(
    conn: &mut PgConnection,
    settings: &TenantSettings,
    tenant_id: Uuid,
    user_id: Uuid,
    play_session: Option<Uuid>,
    kind: RiskKind,
    evidence: &[(&str, &str)],
) -> Result<bool, AppError> {
    let level = level(kind, settings);
    let evidence: serde_json::Map<String, serde_json::Value> = evidence
        .iter()
        .map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v)))
        .collect();
    let inserted = sqlx::query(
        "insert into risk_events (risk_event_id, tenant_id, user_id, play_session_id, kind, level, evidence)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing",
    )
    .bind(Uuid::new_v4())
    .bind(tenant_id)
    .bind(user_id)
    .bind(play_session)
    .bind(kind.as_str())
    .bind(level.as_str())
    .bind(serde_json::Value::Object(evidence))
    .execute(&mut *conn)
    .await?
    .rows_affected()
        > 0;
    let hold = level == RiskLevel::High && play_session.is_some();
    if inserted && hold {
        sqlx::query("update play_sessions set risk_hold = true where tenant_id = $1 and play_session_id = $2")
            .bind(tenant_id)
            .bind(play_session)
            .execute(conn)
            .await?;
    }
    Ok(hold)
}

/// The server's checks when a session opens: one IP or device serving many accounts, and study
/// around the clock.
pub async fn on_open(
    conn: &mut PgConnection,
    settings: &TenantSettings,
    tenant_id: Uuid,
    user_id: Uuid,
    play_session: Uuid,
    ip: &str,
    device_id: &str,
) -> Result<(), AppError> {
    // The newest sessions only: enough to see the threshold crossed, and the cost stays bounded
    // behind a big NAT.
    let (accounts_on_ip, accounts_on_device, hours): (i64, i64, i64) = sqlx::query_as(
        "select (select count(distinct user_id) from (select user_id from play_sessions
                     where tenant_id = $1 and ip = $2 and opened_at > now() - interval '1 hour'
                     order by opened_at desc limit $5) as s),
                (select count(distinct user_id) from (select user_id from play_sessions
                     where tenant_id = $1 and device_id = $3 and opened_at > now() - interval '1 day'
                     order by opened_at desc limit 64) as s),
                (select count(distinct date_trunc('hour', received_at)) from heartbeats
                 where tenant_id = $1 and user_id = $4 and credited_ms > 0 and received_at > now() - interval '1 day')",
    )
    .bind(tenant_id)
    .bind(ip)
    .bind(device_id)
    .bind(user_id)
    .bind(i64::from(settings.anti_cheat.accounts_per_ip) * 4)
    .fetch_one(&mut *conn)
    .await?;
    let found = [
        (
            accounts_on_ip >= i64::from(settings.anti_cheat.accounts_per_ip),
            RiskKind::SharedIp,
            accounts_on_ip,
        ),
        (
            accounts_on_device >= 2,
            RiskKind::SharedDevice,
            accounts_on_device,
        ),
        (hours >= 20, RiskKind::RoundTheClock, hours),
    ];
    for (seen, kind, count) in found {
        if seen {
            let count = count.to_string();
            let evidence = [("ip", ip), ("device", device_id), ("count", count.as_str())];
            raise(
                conn,
                settings,
                tenant_id,
                user_id,
                Some(play_session),
                kind,
                &evidence,
            )
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_metronome_is_robotic_and_a_person_is_not() {
        let mut robot = Cadence::default();
        let mut person = Cadence::default();
        for i in 0..40 {
            robot.push(10_000.0 + f64::from(i % 2));
            person.push(10_000.0 + f64::from((i * 37) % 200));
        }
        assert!(robot.robotic());
        assert!(!person.robotic());
        let mut short = Cadence::default();
        short.push(10_000.0);
        assert!(!short.robotic());
    }

    #[test]
    fn automation_is_high_risk_unless_the_site_says_otherwise() {
        let mut settings = TenantSettings::default();
        assert_eq!(level(RiskKind::Webdriver, &settings), RiskLevel::High);
        settings.anti_cheat.automation_is_high_risk = false;
        assert_eq!(level(RiskKind::Webdriver, &settings), RiskLevel::Low);
        let signals = ClientSignals {
            webdriver: true,
            other_tabs: 2,
            ..ClientSignals::default()
        };
        let kinds: Vec<RiskKind> = from_signals(&signals).into_iter().map(|(k, _)| k).collect();
        assert_eq!(kinds, vec![RiskKind::Webdriver, RiskKind::SeveralTabs]);
    }
}
