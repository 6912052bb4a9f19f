//! The published catalogue (Z-III.3 "easy to search", Z-III.6 variants): courses whose listing is
//! `published`, shown by their live revision. Search matches substrings of the lower-cased search
//! text, so Chinese words are found inside longer names without a word segmenter; results rank
//! name matches first, then course number, lecturer or tag, then summary, then newest.

use shared_types::catalog::{
    CatalogueDetail, CatalogueItem, CatalogueQuery, CourseKind, LecturerRef, TrainingType,
};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::revision;
use crate::error::AppError;

#[derive(sqlx::FromRow)]
struct Row {
    course_id: Uuid,
    course_no: String,
    kind: String,
    name: String,
    summary: String,
    training_type: String,
    tags: Vec<String>,
    duration_seconds: i32,
    topic_id: Option<Uuid>,
    price_cents: Option<i64>,
    seat_price_cents: Option<i64>,
    revision_id: Uuid,
    /// Rows matching the filters, on every row of the page (zero on the detail query).
    #[sqlx(default)]
    total: i64,
}

fn filters<'a>(
    qb: &mut QueryBuilder<'a, Postgres>,
    tenant_id: Uuid,
    q: &CatalogueQuery,
    needle: &Option<String>,
) {
    qb.push(
        " from courses c join course_revisions r on r.revision_id = c.live_revision_id
          where c.listing = 'published' and c.tenant_id = ",
    )
    .push_bind(tenant_id);
    if let Some(needle) = needle {
        qb.push(" and r.search_text like ")
            .push_bind(crate::db::contains_pattern(needle));
    }
    if let Some(category) = q.category {
        qb.push(" and r.category = ").push_bind(category.as_str());
    }
    if let Some(t) = q.training_type {
        qb.push(" and r.training_type = ").push_bind(t.as_str());
    }
    if let Some(kind) = q.kind {
        qb.push(" and c.kind = ").push_bind(kind.as_str());
    }
    if let Some(lecturer) = q.lecturer_id {
        qb.push(" and exists (select 1 from course_lecturers cl where cl.revision_id = r.revision_id and cl.lecturer_id = ")
            .push_bind(lecturer)
            .push(")");
    }
}

const COLUMNS: &str = "select c.course_id, c.course_no, c.kind, r.name, left(r.summary, 120) as summary,
    r.training_type, r.tags, r.duration_seconds, c.topic_id, r.price_cents, r.seat_price_cents, r.revision_id";

async fn items(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    rows: Vec<Row>,
) -> Result<Vec<CatalogueItem>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.revision_id).collect();
    let lecturers: Vec<(Uuid, Uuid, String)> = sqlx::query_as(
        "select cl.revision_id, l.lecturer_id, l.name from course_lecturers cl
         join lecturers l on l.lecturer_id = cl.lecturer_id
         where cl.tenant_id = $1 and cl.revision_id = any($2) order by cl.position",
    )
    .bind(tenant_id)
    .bind(&ids)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|row| {
            let training_type = TrainingType::parse(&row.training_type)
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("unknown training type")))?;
            Ok(CatalogueItem {
                id: row.course_id,
                course_no: row.course_no,
                kind: CourseKind::parse(&row.kind)
                    .ok_or_else(|| AppError::Internal(anyhow::anyhow!("unknown course kind")))?,
                name: row.name,
                summary: row.summary,
                category: training_type.category(),
                training_type,
                lecturers: lecturers
                    .iter()
                    .filter(|(rev, _, _)| *rev == row.revision_id)
                    .map(|(_, id, name)| LecturerRef {
                        id: *id,
                        name: name.clone(),
                    })
                    .collect(),
                tags: row.tags,
                duration_seconds: row.duration_seconds,
                topic_id: row.topic_id,
                price_cents: row.price_cents,
                seat_price_cents: row.seat_price_cents,
            })
        })
        .collect()
}

/// One page of the catalogue and the total.
pub async fn search(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    q: &CatalogueQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<CatalogueItem>, i64), AppError> {
    let needle =
        q.q.as_deref()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty());
    // One scan answers the page and the total (`count(*) over ()`); only a page past the end,
    // which returns no rows, needs the count on its own.
    let mut select = QueryBuilder::new(COLUMNS);
    select.push(", count(*) over () as total");
    filters(&mut select, tenant_id, q, &needle);
    select.push(" order by ");
    if let Some(needle) = &needle {
        select
            .push("case when strpos(lower(r.name), ")
            .push_bind(needle.clone())
            .push(") > 0 then 0 when strpos(lower(c.course_no), ")
            .push_bind(needle.clone())
            .push(") > 0 then 1 when strpos(lower(r.summary), ")
            .push_bind(needle.clone())
            .push(") > 0 then 3 else 2 end, ");
    }
    select
        .push("r.updated_at desc, c.course_id limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    let rows: Vec<Row> = select.build_query_as().fetch_all(&mut *conn).await?;
    let total = match rows.first() {
        Some(row) => row.total,
        None if offset == 0 => 0,
        None => {
            let mut count = QueryBuilder::new("select count(*)");
            filters(&mut count, tenant_id, q, &needle);
            count.build_query_scalar().fetch_one(&mut *conn).await?
        }
    };
    Ok((items(conn, tenant_id, rows).await?, total))
}

fn not_found() -> AppError {
    AppError::not_found("课程", "Course")
}

/// A published course in full with its variants by other lecturers (Z-III.6), or 404.
pub async fn detail(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<CatalogueDetail, AppError> {
    let mut qb = QueryBuilder::new(COLUMNS);
    filters(&mut qb, tenant_id, &CatalogueQuery::default(), &None);
    qb.push(" and c.course_id = ").push_bind(id);
    let row: Row = qb
        .build_query_as()
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(not_found)?;
    let (course_no, revision_id, topic_id) = (row.course_no.clone(), row.revision_id, row.topic_id);
    let kind = CourseKind::parse(&row.kind).ok_or_else(not_found)?;
    let revision = revision::load(conn, tenant_id, revision_id)
        .await?
        .ok_or_else(not_found)?;
    let variants = match topic_id {
        Some(topic) => {
            let mut qb = QueryBuilder::new(COLUMNS);
            filters(&mut qb, tenant_id, &CatalogueQuery::default(), &None);
            qb.push(" and c.topic_id = ")
                .push_bind(topic)
                .push(" and c.course_id <> ")
                .push_bind(id);
            qb.push(" order by r.name limit 50");
            let rows: Vec<Row> = qb.build_query_as().fetch_all(&mut *conn).await?;
            items(conn, tenant_id, rows).await?
        }
        None => Vec::new(),
    };
    Ok(CatalogueDetail {
        id,
        course_no,
        kind,
        revision,
        variants,
    })
}
