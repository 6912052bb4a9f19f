//! The background job queue, kept in PostgreSQL (table `jobs`): transcoding now; exchange sync,
//! retention and certificates later.
//!
//! [`enqueue`] adds a job inside the caller's tenant transaction (it exists only if that commits)
//! and wakes the workers with `NOTIFY jobs`. Workers ([`worker::start`]) claim due jobs of any
//! tenant through `claim_job` (a lease; a worker that dies loses it and the job runs again), run
//! the handler of the job's kind, and record the outcome in the job's own tenant transaction:
//! done, or the error and a retry after `retry_base × 2^(attempt-1)`, until `max_attempts`, when
//! the job is `failed` and its kind's give-up hook runs. Handlers are idempotent. Regulator staff
//! see the queue and requeue failed jobs (`/api/v1/jobs`).

mod handlers;
mod repo;
pub mod routes;
pub mod worker;

use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;

pub use routes::router;

/// The kinds of jobs this server runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// 转码: HLS renditions (and an MP4 fallback) of an uploaded video.
    Transcode,
    /// 电子凭证: the PDF voucher of a paid order or an approved class.
    Voucher,
    /// 开通短信: first-login text messages to trainees whose accounts an import created.
    WelcomeSms,
}

impl JobKind {
    const ALL: [JobKind; 3] = [JobKind::Transcode, JobKind::Voucher, JobKind::WelcomeSms];

    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Transcode => "transcode",
            JobKind::Voucher => "voucher",
            JobKind::WelcomeSms => "welcome_sms",
        }
    }

    pub fn parse(s: &str) -> Option<JobKind> {
        JobKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Queues a job in the tenant transaction `conn`; workers are woken when it commits.
pub async fn enqueue(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    kind: JobKind,
    payload: &Value,
) -> Result<i64, AppError> {
    let id = repo::insert(&mut *conn, tenant_id, kind.as_str(), payload).await?;
    repo::wake_workers(conn).await?;
    Ok(id)
}
