//! The background job queue (transcoding and the like): list and retry failed jobs.

use shared_types::ApiError;
use shared_types::media::{Job, JobQuery};
use shared_types::page::Page;

use super::{get, post_without_body, with_query};

/// `GET /api/v1/jobs`
pub async fn list_jobs(query: &JobQuery) -> Result<Page<Job>, ApiError> {
    get(&with_query("/api/v1/jobs", query)).await
}

/// `POST /api/v1/jobs/{id}/retry` (failed jobs only).
pub async fn retry_job(id: i64) -> Result<Job, ApiError> {
    post_without_body(&format!("/api/v1/jobs/{id}/retry")).await
}
