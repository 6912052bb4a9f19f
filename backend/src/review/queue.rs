//! The regulator's course queues (T-7.2.7i): every course of the tenant with its open revision,
//! else its live one, by kind and status; and one course in full. The catalog's authoring list
//! is the same view narrowed to one author.

use shared_types::catalog::{
    CourseDetail, CourseKind, CourseSummary, LecturerRef, Listing, RevisionStatus, TrainingType,
};
use shared_types::review::ReviewQueueQuery;
use sqlx::PgConnection;
use uuid::Uuid;

use super::repo::{self, CourseRow};
use super::stored;
use crate::catalog::revision;
use crate::error::AppError;

pub fn course_not_found() -> AppError {
    AppError::not_found("课程", "Course")
}

pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    author: Option<Uuid>,
    q: &ReviewQueueQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<CourseSummary>, i64), AppError> {
    let (rows, total) = repo::queue(conn, tenant_id, author, q, limit, offset).await?;
    let revision_ids: Vec<Uuid> = rows.iter().map(|r| r.revision_id).collect();
    let lecturers = repo::lecturers_of(conn, tenant_id, &revision_ids).await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let training_type: TrainingType =
                stored("training type", &row.training_type, TrainingType::parse)?;
            Ok(CourseSummary {
                id: row.course_id,
                course_no: row.course_no,
                kind: stored("course kind", &row.kind, CourseKind::parse)?,
                name: row.name,
                training_type,
                category: training_type.category(),
                lecturers: lecturers
                    .iter()
                    .filter(|(rev, _, _)| *rev == row.revision_id)
                    .map(|(_, id, name)| LecturerRef {
                        id: *id,
                        name: name.clone(),
                    })
                    .collect(),
                duration_seconds: row.duration_seconds,
                listing: stored("listing", &row.listing, Listing::parse)?,
                revision_id: row.revision_id,
                revision_no: row.revision_no,
                status: stored("revision status", &row.status, RevisionStatus::parse)?,
                topic_id: row.topic_id,
                updated_at: row.updated_at,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok((items, total))
}

/// The course `course_id` of this tenant, or 404.
pub async fn course(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    course_id: Uuid,
    lock: bool,
) -> Result<CourseRow, AppError> {
    repo::course(conn, tenant_id, course_id, lock)
        .await?
        .ok_or_else(course_not_found)
}

/// The course with its open revision, else its live one.
pub async fn detail(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    course_id: Uuid,
) -> Result<CourseDetail, AppError> {
    let course = course(conn, tenant_id, course_id, false).await?;
    let open = repo::open_revision(conn, tenant_id, course_id)
        .await?
        .map(|(id, _)| id);
    let revision_id = open
        .or(course.live_revision_id)
        .ok_or_else(course_not_found)?;
    let revision = revision::load(conn, tenant_id, revision_id)
        .await?
        .ok_or_else(course_not_found)?;
    Ok(CourseDetail {
        id: course.course_id,
        kind: stored("course kind", &course.kind, CourseKind::parse)?,
        course_no: course.course_no,
        topic_id: course.topic_id,
        listing: stored("listing", &course.listing, Listing::parse)?,
        takedown_reason: course.takedown_reason,
        live_revision_id: course.live_revision_id,
        revision,
        created_at: course.created_at,
    })
}
