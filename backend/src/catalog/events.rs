//! The course history: every transition with who, when, what and the opinion (T-7.2.7k). Written
//! by authoring (created, submitted...) and by review (assigned, approved, published...).

use shared_types::catalog::{CourseAction, RevisionStatus};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;

/// One transition to record.
pub struct Event<'a> {
    pub course_id: Uuid,
    pub revision_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub action: CourseAction,
    pub from: Option<RevisionStatus>,
    pub to: Option<RevisionStatus>,
    pub note: &'a str,
}

pub async fn record(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    event: Event<'_>,
) -> Result<(), AppError> {
    sqlx::query(
        "insert into course_events (tenant_id, course_id, revision_id, actor_id, action, from_status, to_status, note)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(tenant_id)
    .bind(event.course_id)
    .bind(event.revision_id)
    .bind(event.actor_id)
    .bind(event.action.as_str())
    .bind(event.from.map(RevisionStatus::as_str))
    .bind(event.to.map(RevisionStatus::as_str))
    .bind(event.note)
    .execute(conn)
    .await?;
    Ok(())
}
