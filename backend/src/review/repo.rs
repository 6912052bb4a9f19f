//! SQL for courses as review sees them: the course row, its open revision, the regulator's
//! queues, and the publish / take-down writes. Tenant transaction connections only, with an
//! explicit `tenant_id` filter on every statement.

use chrono::{DateTime, Utc};
use shared_types::catalog::{Listing, RevisionStatus};
use shared_types::review::ReviewQueueQuery;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

/// The statuses of a revision still being worked on or reviewed (at most one per course).
pub const OPEN_STATUSES: [&str; 5] = ["draft", "submitted", "in_review", "approved", "returned"];

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CourseRow {
    pub course_id: Uuid,
    pub course_no: String,
    pub kind: String,
    pub topic_id: Option<Uuid>,
    pub listing: String,
    pub live_revision_id: Option<Uuid>,
    pub takedown_reason: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// A course of this tenant; locked for update when `lock` (every review transition locks the
/// course first, so transitions of one course run one after the other).
pub async fn course(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    course_id: Uuid,
    lock: bool,
) -> sqlx::Result<Option<CourseRow>> {
    let sql = format!(
        "select course_id, course_no, kind, topic_id, listing, live_revision_id, takedown_reason,
                created_by, created_at
         from courses where tenant_id = $1 and course_id = $2{}",
        if lock { " for update" } else { "" }
    );
    sqlx::query_as(&sql)
        .bind(tenant_id)
        .bind(course_id)
        .fetch_optional(conn)
        .await
}

/// The course's open revision (id, status), if it has one.
pub async fn open_revision(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    course_id: Uuid,
) -> sqlx::Result<Option<(Uuid, String)>> {
    sqlx::query_as(
        "select revision_id, status from course_revisions
         where tenant_id = $1 and course_id = $2 and status = any($3)",
    )
    .bind(tenant_id)
    .bind(course_id)
    .bind(&OPEN_STATUSES[..])
    .fetch_optional(conn)
    .await
}

/// The course a revision belongs to.
pub async fn course_of_revision(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    revision_id: Uuid,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "select course_id from course_revisions where tenant_id = $1 and revision_id = $2",
    )
    .bind(tenant_id)
    .bind(revision_id)
    .fetch_optional(conn)
    .await
}

pub async fn set_revision_status(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    revision_id: Uuid,
    status: RevisionStatus,
) -> sqlx::Result<()> {
    sqlx::query(
        "update course_revisions set status = $3 where tenant_id = $1 and revision_id = $2",
    )
    .bind(tenant_id)
    .bind(revision_id)
    .bind(status.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// Makes `revision_id` the live revision and lists the course.
pub async fn set_live(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    course_id: Uuid,
    revision_id: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "update courses set live_revision_id = $3, listing = $4, takedown_reason = null
         where tenant_id = $1 and course_id = $2",
    )
    .bind(tenant_id)
    .bind(course_id)
    .bind(revision_id)
    .bind(Listing::Published.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn take_down(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    course_id: Uuid,
    reason: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "update courses set listing = $3, takedown_reason = $4 where tenant_id = $1 and course_id = $2",
    )
    .bind(tenant_id)
    .bind(course_id)
    .bind(Listing::TakenDown.as_str())
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(())
}

/// `%text%` for `ilike`, with the wildcards in `text` taken literally.
pub fn contains_pattern(text: &str) -> String {
    format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

#[derive(sqlx::FromRow)]
pub struct QueueRow {
    pub course_id: Uuid,
    pub course_no: String,
    pub kind: String,
    pub name: String,
    pub training_type: String,
    pub duration_seconds: i32,
    pub listing: String,
    pub revision_id: Uuid,
    pub revision_no: i32,
    pub status: String,
    pub topic_id: Option<Uuid>,
    pub updated_at: DateTime<Utc>,
}

fn queue_filters<'a>(
    qb: &mut QueryBuilder<'a, Postgres>,
    tenant_id: Uuid,
    author: Option<Uuid>,
    q: &'a ReviewQueueQuery,
) {
    // Each course with its open revision, else its live one.
    qb.push(
        " from courses c
         join course_revisions r on r.revision_id = coalesce(
             (select o.revision_id from course_revisions o
              where o.course_id = c.course_id and o.status = any(",
    )
    .push_bind(&OPEN_STATUSES[..])
    .push(")), c.live_revision_id) where c.tenant_id = ")
    .push_bind(tenant_id);
    if let Some(author) = author {
        qb.push(" and c.created_by = ").push_bind(author);
    }
    if let Some(kind) = q.kind {
        qb.push(" and c.kind = ").push_bind(kind.as_str());
    }
    if let Some(status) = q.status {
        qb.push(" and r.status = ").push_bind(status.as_str());
    }
    if let Some(listing) = q.listing {
        qb.push(" and c.listing = ").push_bind(listing.as_str());
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = contains_pattern(text);
        qb.push(" and (r.name ilike ")
            .push_bind(pattern.clone())
            .push(" or c.course_no ilike ")
            .push_bind(pattern)
            .push(")");
    }
}

/// One page of the regulator's queue and the total. Submitted courses come oldest submission
/// first (first come, first assigned); every other view shows the latest change first.
pub async fn queue(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    author: Option<Uuid>,
    q: &ReviewQueueQuery,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<QueueRow>, i64)> {
    let mut count = QueryBuilder::new("select count(*)");
    queue_filters(&mut count, tenant_id, author, q);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut select = QueryBuilder::new(
        "select c.course_id, c.course_no, c.kind, r.name, r.training_type, r.duration_seconds,
                c.listing, r.revision_id, r.revision_no, r.status, c.topic_id, r.updated_at",
    );
    queue_filters(&mut select, tenant_id, author, q);
    if q.status == Some(RevisionStatus::Submitted) {
        select.push(
            " order by coalesce((select max(e.created_at) from course_events e
                                 where e.revision_id = r.revision_id and e.action = 'submitted'),
                                r.updated_at), c.course_id",
        );
    } else {
        select.push(" order by r.updated_at desc, c.course_id");
    }
    select
        .push(" limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    let rows = select.build_query_as().fetch_all(&mut *conn).await?;
    Ok((rows, total))
}

/// (revision, lecturer id, lecturer name) of the given revisions, in their order on each.
pub async fn lecturers_of(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    revision_ids: &[Uuid],
) -> sqlx::Result<Vec<(Uuid, Uuid, String)>> {
    sqlx::query_as(
        "select cl.revision_id, l.lecturer_id, l.name
         from course_lecturers cl join lecturers l on l.lecturer_id = cl.lecturer_id
         where cl.tenant_id = $1 and cl.revision_id = any($2) order by cl.revision_id, cl.position",
    )
    .bind(tenant_id)
    .bind(revision_ids)
    .fetch_all(conn)
    .await
}
