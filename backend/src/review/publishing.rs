//! The regulator's listing decisions (Z-III.1): publishing an approved revision — it replaces
//! the live one, which learners in the middle of it keep through coursewares' lineage — and
//! taking a published course down with a reason. A taken-down course comes back only through a
//! new revision, reviewed and published again.

use shared_types::catalog::{CourseAction, CourseDetail, Listing, RevisionStatus};
use sqlx::PgConnection;
use uuid::Uuid;

use super::{queue, repo, stored};
use crate::catalog::events::{self, Event};
use crate::error::{AppError, Text};

const REASON_MIN_CHARS: usize = 2;
const REASON_MAX_CHARS: usize = 500;

/// The refusal to publish a course whose open revision (if any) is in `status`.
fn not_publishable(status: Option<RevisionStatus>) -> AppError {
    let (zh, en) = status.map_or(
        ("无待发布修订", "without a revision to publish"),
        |s| (s.label_zh(), s.label_en()),
    );
    AppError::Conflict(Text::new(
        format!("课程当前为「{zh}」，只有审核通过的修订可以发布"),
        format!("The course is {en}; only an approved revision can be published"),
    ))
}

/// Publishes the course's approved revision.
pub async fn publish(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    actor: Uuid,
    course_id: Uuid,
) -> Result<CourseDetail, AppError> {
    let course = queue::course(conn, tenant_id, course_id, true).await?;
    let open = repo::open_revision(conn, tenant_id, course_id)
        .await?
        .map(|(id, status)| {
            stored("revision status", &status, RevisionStatus::parse).map(|s| (id, s))
        })
        .transpose()?;
    let revision_id = match open {
        Some((id, RevisionStatus::Approved)) => id,
        other => return Err(not_publishable(other.map(|(_, status)| status))),
    };
    let mut note = String::new();
    if let Some(previous) = course.live_revision_id {
        repo::set_revision_status(conn, tenant_id, previous, RevisionStatus::Superseded).await?;
        note = "替换原上线版本".to_owned();
    }
    repo::set_revision_status(conn, tenant_id, revision_id, RevisionStatus::Published).await?;
    repo::set_live(conn, tenant_id, course_id, revision_id).await?;
    events::record(
        conn,
        tenant_id,
        Event {
            course_id,
            revision_id: Some(revision_id),
            actor_id: Some(actor),
            action: CourseAction::Published,
            from: Some(RevisionStatus::Approved),
            to: Some(RevisionStatus::Published),
            note: &note,
        },
    )
    .await?;
    queue::detail(conn, tenant_id, course_id).await
}

/// Takes a published course out of the catalogue, saying why.
pub async fn take_down(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    actor: Uuid,
    course_id: Uuid,
    reason: &str,
) -> Result<CourseDetail, AppError> {
    let reason = reason.trim();
    let chars = reason.chars().count();
    if !(REASON_MIN_CHARS..=REASON_MAX_CHARS).contains(&chars) {
        return Err(AppError::invalid(
            "reason",
            format!("下架原因须为 {REASON_MIN_CHARS} 到 {REASON_MAX_CHARS} 个字"),
            format!("must be {REASON_MIN_CHARS} to {REASON_MAX_CHARS} characters"),
        ));
    }
    let course = queue::course(conn, tenant_id, course_id, true).await?;
    let listing = stored("listing", &course.listing, Listing::parse)?;
    if listing != Listing::Published {
        return Err(AppError::Conflict(Text::new(
            format!(
                "课程当前为「{}」，只有已上架的课程可以下架",
                listing.label_zh()
            ),
            format!(
                "The course is {}; only a published course can be taken down",
                listing.label_en()
            ),
        )));
    }
    repo::take_down(conn, tenant_id, course_id, reason).await?;
    events::record(
        conn,
        tenant_id,
        Event {
            course_id,
            revision_id: course.live_revision_id,
            actor_id: Some(actor),
            action: CourseAction::TakenDown,
            from: None,
            to: None,
            note: reason,
        },
    )
    .await?;
    queue::detail(conn, tenant_id, course_id).await
}
