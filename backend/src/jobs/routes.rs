//! `/api/v1/jobs`: the queue as regulator staff see it, and requeueing a failed job.

use axum::extract::{Path, State};
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use shared_types::ApiError;
use shared_types::media::{Job, JobQuery, JobStatus};
use shared_types::page::{Page, PageQuery};

use super::{handlers, repo};
use crate::app::AppState;
use crate::authz;
use crate::error::{AppError, Text};
use crate::identity::{Principal, session};
use crate::web::ApiQuery;

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/api/v1/jobs", get(list))
        .route("/api/v1/jobs/{id}/retry", post(retry))
        .route_layer(from_fn_with_state(
            (state.authz.clone(), "jobs"),
            authz::enforce,
        ))
        .route_layer(from_fn_with_state(state.clone(), session::require_session))
}

fn to_job(row: repo::JobRow) -> Result<Job, AppError> {
    let status = JobStatus::parse(&row.status).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!("unknown job status `{}`", row.status))
    })?;
    Ok(Job {
        id: row.job_id,
        subject: handlers::subject(&row.kind, &row.payload),
        kind: row.kind,
        status,
        attempts: row.attempts,
        max_attempts: row.max_attempts,
        last_error: row.last_error,
        run_after: row.run_after,
        created_at: row.created_at,
        finished_at: row.finished_at,
    })
}

/// The tenant's jobs, newest first (regulator staff).
#[utoipa::path(get, path = "/api/v1/jobs", tag = "jobs", params(JobQuery),
    responses((status = 200, body = Page<Job>), (status = 403, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<JobQuery>,
) -> Result<Json<Page<Job>>, AppError> {
    let paging = PageQuery {
        page: q.page.unwrap_or(1),
        per_page: q.per_page.unwrap_or(20),
    };
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (rows, total) =
        repo::list(&mut tx, p.tenant.id, &q, paging.limit(), paging.offset()).await?;
    tx.commit().await?;
    let jobs = rows.into_iter().map(to_job).collect::<Result<_, _>>()?;
    Ok(Json(paging.page_of(jobs, total)))
}

/// Queues a failed job again with its attempts reset (regulator admin); 409 unless it failed.
#[utoipa::path(post, path = "/api/v1/jobs/{id}/retry", tag = "jobs", params(("id" = i64, Path)),
    responses((status = 200, body = Job), (status = 404, body = ApiError), (status = 409, body = ApiError, description = "the job has not failed")))]
pub async fn retry(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
) -> Result<Json<Job>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let Some(row) = repo::requeue(&mut tx, p.tenant.id, id).await? else {
        return Err(match repo::get(&mut tx, p.tenant.id, id).await? {
            Some(_) => AppError::Conflict(Text::new(
                "只有失败的任务可以重试",
                "Only a failed job can be retried",
            )),
            None => AppError::not_found("任务", "Job"),
        });
    };
    handlers::requeued(&mut tx, p.tenant.id, &row.kind, &row.payload).await?;
    repo::wake_workers(&mut tx).await?;
    tx.commit().await?;
    Ok(Json(to_job(row)?))
}
