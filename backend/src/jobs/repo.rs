//! SQL for the job queue. Everything but [`claim`] runs in the job's tenant transaction.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;
use shared_types::media::{JobQuery, JobStatus};
use sqlx::{PgConnection, QueryBuilder};
use uuid::Uuid;

use crate::error::AppError;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobRow {
    pub job_id: i64,
    pub kind: String,
    pub payload: Value,
    pub status: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub last_error: Option<String>,
    pub run_after: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str =
    "job_id, kind, payload, status, attempts, max_attempts, last_error, run_after,
    created_at, finished_at";

/// A job a worker holds the lease of. `attempts` counts this run, and identifies the lease:
/// a job claimed again after a lost lease has a higher count.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub job_id: i64,
    pub tenant_id: Uuid,
    pub kind: String,
    pub payload: Value,
    pub attempts: i32,
}

pub async fn insert(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    kind: &str,
    payload: &Value,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "insert into jobs (tenant_id, kind, payload) values ($1, $2, $3) returning job_id",
    )
    .bind(tenant_id)
    .bind(kind)
    .bind(payload)
    .fetch_one(conn)
    .await?)
}

/// `NOTIFY jobs`, delivered to the workers when the transaction commits.
pub async fn wake_workers(conn: &mut PgConnection) -> Result<(), AppError> {
    sqlx::query("select pg_notify('jobs', '')")
        .execute(conn)
        .await?;
    Ok(())
}

/// The next due job of any tenant (`claim_job`, the queue's one cross-tenant step).
pub async fn claim(conn: &mut PgConnection, lease: Duration) -> Result<Option<Claimed>, AppError> {
    Ok(
        sqlx::query_as("select job_id, tenant_id, kind, payload, attempts from claim_job($1)")
            .bind(i32::try_from(lease.as_secs()).unwrap_or(i32::MAX))
            .fetch_optional(conn)
            .await?,
    )
}

/// Extends the lease of a running job; false when the lease was lost.
pub async fn renew(
    conn: &mut PgConnection,
    job: &Claimed,
    lease: Duration,
) -> Result<bool, AppError> {
    let renewed = sqlx::query(
        "update jobs set locked_until = now() + make_interval(secs => $4)
         where tenant_id = $1 and job_id = $2 and attempts = $3 and status = 'running'",
    )
    .bind(job.tenant_id)
    .bind(job.job_id)
    .bind(job.attempts)
    .bind(lease.as_secs_f64())
    .execute(conn)
    .await?;
    Ok(renewed.rows_affected() == 1)
}

pub async fn finish(conn: &mut PgConnection, job: &Claimed) -> Result<(), AppError> {
    sqlx::query(
        "update jobs set status = 'done', locked_until = null, last_error = null, finished_at = now()
         where tenant_id = $1 and job_id = $2 and attempts = $3 and status = 'running'",
    )
    .bind(job.tenant_id)
    .bind(job.job_id)
    .bind(job.attempts)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a failed attempt: queued again after `backoff`, or `failed` when it was the last.
/// Returns the new status (`None` when the lease was lost meanwhile).
pub async fn attempt_failed(
    conn: &mut PgConnection,
    job: &Claimed,
    error: &str,
    backoff: Duration,
) -> Result<Option<JobStatus>, AppError> {
    let status: Option<String> = sqlx::query_scalar(
        "update jobs set
             status = case when attempts >= max_attempts then 'failed' else 'queued' end,
             finished_at = case when attempts >= max_attempts then now() end,
             run_after = now() + make_interval(secs => $5),
             locked_until = null,
             last_error = $4
         where tenant_id = $1 and job_id = $2 and attempts = $3 and status = 'running'
         returning status",
    )
    .bind(job.tenant_id)
    .bind(job.job_id)
    .bind(job.attempts)
    .bind(error)
    .bind(backoff.as_secs_f64())
    .fetch_optional(conn)
    .await?;
    Ok(status.as_deref().and_then(JobStatus::parse))
}

pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    q: &JobQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<JobRow>, i64), AppError> {
    let filter = |qb: &mut QueryBuilder<'_, sqlx::Postgres>| {
        qb.push(" from jobs where tenant_id = ")
            .push_bind(tenant_id);
        if let Some(status) = q.status {
            qb.push(" and status = ").push_bind(status.as_str());
        }
        if let Some(kind) = q.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
            qb.push(" and kind = ").push_bind(kind.to_owned());
        }
    };
    let mut count = QueryBuilder::new("select count(*)");
    filter(&mut count);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut select = QueryBuilder::new(format!("select {COLUMNS}"));
    filter(&mut select);
    select
        .push(" order by created_at desc, job_id desc limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    Ok((select.build_query_as().fetch_all(conn).await?, total))
}

pub async fn get(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: i64,
) -> Result<Option<JobRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "select {COLUMNS} from jobs where tenant_id = $1 and job_id = $2"
    ))
    .bind(tenant_id)
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// Queues a failed job again with a fresh count of attempts; `None` when it is not failed.
pub async fn requeue(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: i64,
) -> Result<Option<JobRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "update jobs set status = 'queued', attempts = 0, run_after = now(), locked_until = null,
                finished_at = null
         where tenant_id = $1 and job_id = $2 and status = 'failed'
         returning {COLUMNS}"
    ))
    .bind(tenant_id)
    .bind(id)
    .fetch_optional(conn)
    .await?)
}
