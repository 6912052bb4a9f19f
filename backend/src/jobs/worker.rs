//! The workers: claim a due job, run it under a renewed lease, record the outcome.

use std::time::Duration;

use shared_types::media::JobStatus;
use sqlx::postgres::PgListener;

use super::handlers;
use super::repo::{self, Claimed};
use crate::app::AppState;
use crate::db::Scope;
use crate::error::AppError;

/// A worker looks for due jobs this often even when no `NOTIFY` arrives (retries come due
/// without one).
const POLL: Duration = Duration::from_secs(1);
/// A claimed job belongs to its worker this long, renewed every third of it while it runs.
const LEASE: Duration = Duration::from_secs(90);

/// Starts `config.jobs.workers` worker tasks.
pub fn start(state: &AppState) {
    for worker in 0..state.config.jobs.workers {
        let state = state.clone();
        tokio::spawn(async move { work(state, worker).await });
    }
}

async fn work(state: AppState, worker: usize) {
    let mut listener = match state.db.listen("jobs").await {
        Ok(listener) => Some(listener),
        Err(err) => {
            tracing::warn!(worker, error = %err, "job worker cannot LISTEN; polling only");
            None
        }
    };
    tracing::info!(worker, "job worker started");
    loop {
        match next(&state).await {
            // Look for the next job at once.
            Ok(true) => continue,
            Ok(false) => {}
            Err(err) => tracing::error!(worker, error = ?err, "job worker"),
        }
        wait(&mut listener).await;
    }
}

/// Until a `NOTIFY jobs` or the next poll.
async fn wait(listener: &mut Option<PgListener>) {
    let Some(l) = listener else {
        tokio::time::sleep(POLL).await;
        return;
    };
    let failed = tokio::select! {
        received = l.recv() => received.is_err(),
        () = tokio::time::sleep(POLL) => false,
    };
    if failed {
        tracing::warn!("job worker lost its LISTEN connection; polling only");
        *listener = None;
    }
}

/// Claims and runs one job; false when none was due.
async fn next(state: &AppState) -> Result<bool, AppError> {
    let claimed = {
        let mut tx = state.db.begin_unscoped().await?;
        let claimed = repo::claim(&mut tx, LEASE).await?;
        tx.commit().await?;
        claimed
    };
    let Some(job) = claimed else {
        return Ok(false);
    };
    let started = std::time::Instant::now();
    let outcome = run_leased(state, &job).await;
    let mut tx = state.db.begin_tenant(Scope::tenant(job.tenant_id)).await?;
    let Err(err) = outcome else {
        repo::finish(&mut tx, &job).await?;
        tx.commit().await?;
        tracing::info!(
            job = job.job_id,
            kind = %job.kind,
            elapsed_ms = started.elapsed().as_millis(),
            "job done"
        );
        return Ok(true);
    };
    let error = format!("{err:#}");
    let exponent = u32::try_from(job.attempts.max(1) - 1).unwrap_or(0).min(16);
    let backoff = state.config.jobs.retry_base * 2u32.pow(exponent);
    let status = repo::attempt_failed(&mut tx, &job, &error, backoff).await?;
    tx.commit().await?;
    tracing::warn!(
        job = job.job_id,
        kind = %job.kind,
        attempt = job.attempts,
        %error,
        ?status,
        "job attempt failed"
    );
    if status == Some(JobStatus::Failed) {
        // Apart from the failure itself: a hook that fails must not keep the job alive.
        let mut tx = state.db.begin_tenant(Scope::tenant(job.tenant_id)).await?;
        handlers::give_up(&mut tx, job.tenant_id, &job, &error).await?;
        tx.commit().await?;
    }
    Ok(true)
}

/// Runs the handler in its own task (a panic is an error like any other) and keeps the lease
/// alive while it runs.
async fn run_leased(state: &AppState, job: &Claimed) -> anyhow::Result<()> {
    let mut handler = tokio::spawn({
        let state = state.clone();
        let job = job.clone();
        async move { handlers::run(&state, &job).await }
    });
    let mut renew = tokio::time::interval(LEASE / 3);
    renew.tick().await;
    loop {
        tokio::select! {
            joined = &mut handler => {
                return joined.unwrap_or_else(|e| Err(anyhow::anyhow!("the job handler panicked: {e}")));
            }
            _ = renew.tick() => {
                if let Err(err) = renew_lease(state, job).await {
                    tracing::warn!(job = job.job_id, error = ?err, "cannot renew the job lease");
                }
            }
        }
    }
}

async fn renew_lease(state: &AppState, job: &Claimed) -> Result<(), AppError> {
    let mut tx = state.db.begin_tenant(Scope::tenant(job.tenant_id)).await?;
    if !repo::renew(&mut tx, job, LEASE).await? {
        tracing::warn!(
            job = job.job_id,
            "the job lease was lost; another worker may run it"
        );
    }
    tx.commit().await?;
    Ok(())
}
