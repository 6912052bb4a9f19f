//! Review records (T-7.2.7k): every course transition — who, when, what, opinion — filtered by
//! course kind, action, course, name or number and a date range in the tenant's time zone; one
//! page as JSON, or every matching row for the CSV and XLSX exports.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use shared_types::catalog::{CourseAction, CourseEvent, CourseKind};
use shared_types::review::ReviewRecordQuery;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::repo::contains_pattern;
use super::stored;
use crate::crypto::Keyring;
use crate::error::AppError;
use crate::identity::people;

/// An export larger than this asks the caller to narrow the filter.
pub const EXPORT_MAX_ROWS: i64 = 100_000;

/// A course event and its time as text in the tenant's time zone (for the files).
pub struct Record {
    pub event: CourseEvent,
    pub local_time: String,
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    event_id: i64,
    course_id: Uuid,
    course_no: String,
    kind: String,
    course_name: String,
    revision_no: Option<i32>,
    actor_id: Option<Uuid>,
    actor_name_enc: Option<Vec<u8>>,
    actor_key_id: Option<String>,
    action: String,
    from_status: Option<String>,
    to_status: Option<String>,
    note: String,
    created_at: DateTime<Utc>,
    local_time: String,
}

fn check_dates(q: &ReviewRecordQuery) -> Result<(), AppError> {
    match (q.from, q.to) {
        (Some(from), Some(to)) if from > to => Err(AppError::invalid(
            "to",
            "结束日期不能早于开始日期",
            "must not be before `from`",
        )),
        _ => Ok(()),
    }
}

fn filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, tenant_id: Uuid, q: &'a ReviewRecordQuery) {
    qb.push(
        " from course_events e
         join courses c on c.course_id = e.course_id
         join tenants t on t.tenant_id = e.tenant_id
         left join course_revisions r on r.revision_id = e.revision_id
         left join users u on u.user_id = e.actor_id
         where e.tenant_id = ",
    )
    .push_bind(tenant_id);
    if let Some(kind) = q.kind {
        qb.push(" and c.kind = ").push_bind(kind.as_str());
    }
    if let Some(action) = q.action {
        qb.push(" and e.action = ").push_bind(action.as_str());
    }
    if let Some(course_id) = q.course_id {
        qb.push(" and e.course_id = ").push_bind(course_id);
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = contains_pattern(text);
        qb.push(" and (c.course_no ilike ")
            .push_bind(pattern.clone())
            .push(
                " or exists (select 1 from course_revisions n
                             where n.course_id = c.course_id and n.name ilike ",
            )
            .push_bind(pattern)
            .push("))");
    }
    // Days are the tenant's days: midnight in its time zone.
    if let Some(from) = q.from {
        qb.push(" and e.created_at >= (")
            .push_bind(from)
            .push("::date)::timestamp at time zone t.time_zone");
    }
    if let Some(to) = q.to {
        qb.push(" and e.created_at < (")
            .push_bind(to)
            .push("::date + 1)::timestamp at time zone t.time_zone");
    }
}

async fn count(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    q: &ReviewRecordQuery,
) -> Result<i64, AppError> {
    let mut count = QueryBuilder::new("select count(*)");
    filters(&mut count, tenant_id, q);
    Ok(count.build_query_scalar().fetch_one(conn).await?)
}

/// Matching records newest first; all of them when `page` is `None`.
async fn fetch(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    q: &ReviewRecordQuery,
    page: Option<(i64, i64)>,
) -> Result<Vec<Record>, AppError> {
    let mut select = QueryBuilder::new(
        "select e.event_id, e.course_id, c.course_no, c.kind,
                coalesce(r.name, (select n.name from course_revisions n where n.course_id = c.course_id
                                  order by n.revision_no desc limit 1), '') as course_name,
                r.revision_no, e.actor_id, u.name_enc as actor_name_enc, u.pii_key_id as actor_key_id,
                e.action, e.from_status, e.to_status, e.note, e.created_at,
                to_char(e.created_at at time zone t.time_zone, 'YYYY-MM-DD HH24:MI:SS') as local_time",
    );
    filters(&mut select, tenant_id, q);
    select.push(" order by e.created_at desc, e.event_id desc");
    if let Some((limit, offset)) = page {
        select
            .push(" limit ")
            .push_bind(limit)
            .push(" offset ")
            .push_bind(offset);
    }
    let rows: Vec<RecordRow> = select.build_query_as().fetch_all(&mut *conn).await?;
    // Names are sealed per account: open each actor's once.
    let mut names: HashMap<Uuid, String> = HashMap::new();
    rows.into_iter()
        .map(|row| {
            let actor_name = match (row.actor_id, &row.actor_name_enc, &row.actor_key_id) {
                (Some(id), Some(sealed), Some(key_id)) => Some(match names.get(&id) {
                    Some(name) => name.clone(),
                    None => {
                        let name = people::open_name(keyring, key_id, sealed)?;
                        names.insert(id, name.clone());
                        name
                    }
                }),
                _ => None,
            };
            Ok(Record {
                event: CourseEvent {
                    id: row.event_id,
                    course_id: row.course_id,
                    course_no: row.course_no,
                    course_name: row.course_name,
                    kind: stored("course kind", &row.kind, CourseKind::parse)?,
                    revision_no: row.revision_no,
                    actor_id: row.actor_id,
                    actor_name,
                    action: stored("course action", &row.action, CourseAction::parse)?,
                    from_status: row.from_status,
                    to_status: row.to_status,
                    note: row.note,
                    created_at: row.created_at,
                },
                local_time: row.local_time,
            })
        })
        .collect()
}

/// One page of records and the total.
pub async fn page(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    q: &ReviewRecordQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<CourseEvent>, i64), AppError> {
    check_dates(q)?;
    let total = count(conn, tenant_id, q).await?;
    let records = fetch(conn, keyring, tenant_id, q, Some((limit, offset))).await?;
    Ok((records.into_iter().map(|r| r.event).collect(), total))
}

/// Every matching record, for a file; refused beyond [`EXPORT_MAX_ROWS`].
pub async fn all(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    q: &ReviewRecordQuery,
) -> Result<Vec<Record>, AppError> {
    check_dates(q)?;
    let total = count(conn, tenant_id, q).await?;
    if total > EXPORT_MAX_ROWS {
        return Err(AppError::invalid(
            "format",
            format!("共 {total} 条记录，超过单次导出上限 {EXPORT_MAX_ROWS} 条，请缩小筛选范围"),
            format!(
                "{total} records match, more than the {EXPORT_MAX_ROWS} one export holds; narrow the filter"
            ),
        ));
    }
    fetch(conn, keyring, tenant_id, q, None).await
}

/// Today in the tenant's time zone, as `YYYYMMDD` (the export's file name).
pub async fn today(conn: &mut PgConnection, tenant_id: Uuid) -> Result<String, AppError> {
    Ok(sqlx::query_scalar(
        "select to_char(now() at time zone time_zone, 'YYYYMMDD') from tenants where tenant_id = $1",
    )
    .bind(tenant_id)
    .fetch_one(conn)
    .await?)
}
