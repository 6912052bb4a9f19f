//! What each kind of job does: its handler, its give-up hook (after the last failed attempt),
//! what happens when staff requeue it, and how the job list describes it.

use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

use super::JobKind;
use super::repo::Claimed;
use crate::app::AppState;
use crate::archive::vouchers;
use crate::error::AppError;
use crate::media::transcode;
use crate::training::welcome;

pub async fn run(state: &AppState, job: &Claimed) -> anyhow::Result<()> {
    match JobKind::parse(&job.kind) {
        Some(JobKind::Transcode) => transcode::run(state, job.tenant_id, &job.payload).await,
        Some(JobKind::Voucher) => vouchers::run(state, job.tenant_id, &job.payload).await,
        Some(JobKind::WelcomeSms) => welcome::run(state, job.tenant_id, &job.payload).await,
        None => anyhow::bail!("unknown job kind `{}`", job.kind),
    }
}

pub async fn give_up(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    job: &Claimed,
    reason: &str,
) -> Result<(), AppError> {
    match JobKind::parse(&job.kind) {
        Some(JobKind::Transcode) => transcode::give_up(conn, tenant_id, &job.payload, reason).await,
        Some(JobKind::Voucher | JobKind::WelcomeSms) | None => Ok(()),
    }
}

pub async fn requeued(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    kind: &str,
    payload: &Value,
) -> Result<(), AppError> {
    match JobKind::parse(kind) {
        Some(JobKind::Transcode) => transcode::requeued(conn, tenant_id, payload).await,
        Some(JobKind::Voucher | JobKind::WelcomeSms) | None => Ok(()),
    }
}

/// e.g. `转码 transcode: demo.mp4 (5f0c…)`
pub fn subject(kind: &str, payload: &Value) -> String {
    match JobKind::parse(kind) {
        Some(JobKind::Transcode) => transcode::subject(payload),
        Some(JobKind::Voucher) => vouchers::describe(payload),
        Some(JobKind::WelcomeSms) => welcome::describe(payload),
        None => kind.to_owned(),
    }
}
