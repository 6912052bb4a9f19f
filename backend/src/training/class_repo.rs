//! Reading classes: the list rows, the detail, the history, and whether study has started.
//! An institution sees its own classes; regulator staff see every class past its draft.

use chrono::{DateTime, NaiveDate, Utc};
use shared_types::catalog::LecturerRef;
use shared_types::page::PageQuery;
use shared_types::training::{
    ClassDetail, ClassEvent, ClassQuery, ClassStatus, ClassSummary, TrainingPolicy,
};
use sqlx::types::Json;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use crate::archive::vouchers::{self, Subject};
use crate::crypto::Keyring;
use crate::db::{contains_pattern, stored};
use crate::error::AppError;
use crate::identity::{Principal, people};

pub fn not_found() -> AppError {
    AppError::not_found("班级", "Class")
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    class_id: Uuid,
    class_no: String,
    name: String,
    institution_id: Uuid,
    institution_name: String,
    project_id: Uuid,
    project_name: String,
    training_type: String,
    mode: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    capacity: i32,
    trainee_count: i64,
    status: String,
    submitted_at: Option<DateTime<Utc>>,
}

const SELECT: &str = "select c.class_id, c.class_no, c.name, c.institution_id, i.name as institution_name,
        c.project_id, p.name as project_name, c.training_type, c.mode, c.starts_on, c.ends_on, c.capacity,
        (select count(*) from class_trainees t where t.class_id = c.class_id and t.status = 'active') as trainee_count,
        c.status, c.submitted_at
    from classes c join institutions i on i.institution_id = c.institution_id
    join training_projects p on p.project_id = c.project_id";

fn to_summary(r: SummaryRow) -> Result<ClassSummary, AppError> {
    Ok(ClassSummary {
        id: r.class_id,
        class_no: r.class_no,
        name: r.name,
        institution_id: r.institution_id,
        institution_name: r.institution_name,
        project_id: r.project_id,
        project_name: r.project_name,
        training_type: stored(&r.training_type)?,
        mode: stored(&r.mode)?,
        starts_on: r.starts_on,
        ends_on: r.ends_on,
        capacity: r.capacity,
        trainee_count: r.trainee_count,
        status: stored(&r.status)?,
        submitted_at: r.submitted_at,
    })
}

/// What `p` may see: its institution's classes, or (regulator) every class past its draft.
fn visible<'a>(qb: &mut QueryBuilder<'a, Postgres>, p: &'a Principal) {
    qb.push(" where c.tenant_id = ")
        .push_bind(p.tenant.id)
        .push(" and c.deleted_at is null");
    match p.institution_id {
        Some(id) => {
            qb.push(" and c.institution_id = ").push_bind(id);
        }
        None => {
            qb.push(" and c.status <> 'draft'");
        }
    }
}

pub async fn list(
    conn: &mut PgConnection,
    p: &Principal,
    q: &ClassQuery,
    paging: PageQuery,
) -> Result<(Vec<ClassSummary>, i64), AppError> {
    let filters = |qb: &mut QueryBuilder<'_, Postgres>| {
        if let Some(status) = q.status {
            qb.push(" and c.status = ").push_bind(status.as_str());
        }
        if let Some(id) = q.project_id {
            qb.push(" and c.project_id = ").push_bind(id);
        }
        if let Some(id) = q.institution_id {
            qb.push(" and c.institution_id = ").push_bind(id);
        }
        if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            let pattern = contains_pattern(text);
            qb.push(" and (c.name like ")
                .push_bind(pattern.clone())
                .push(" or c.class_no like ")
                .push_bind(pattern.to_ascii_uppercase())
                .push(")");
        }
    };
    let mut count = QueryBuilder::new("select count(*) from classes c");
    visible(&mut count, p);
    filters(&mut count);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut select = QueryBuilder::new(SELECT);
    visible(&mut select, p);
    filters(&mut select);
    // A review queue reads oldest application first; everything else newest first.
    select.push(if q.status == Some(ClassStatus::Submitted) {
        " order by c.submitted_at, c.class_id"
    } else {
        " order by c.created_at desc, c.class_id"
    });
    select
        .push(" limit ")
        .push_bind(paging.limit())
        .push(" offset ")
        .push_bind(paging.offset());
    let rows: Vec<SummaryRow> = select.build_query_as().fetch_all(conn).await?;
    Ok((
        rows.into_iter().map(to_summary).collect::<Result<_, _>>()?,
        total,
    ))
}

pub async fn summary(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
) -> Result<ClassSummary, AppError> {
    let mut select = QueryBuilder::new(SELECT);
    visible(&mut select, p);
    select.push(" and c.class_id = ").push_bind(id);
    let row: Option<SummaryRow> = select.build_query_as().fetch_optional(conn).await?;
    to_summary(row.ok_or_else(not_found)?)
}

/// Whether any trainee of the class has study records on a course of its tasks (deleted tasks
/// included: their records stay).
pub async fn started(conn: &mut PgConnection, class_id: Uuid) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "select exists (
             select 1 from class_trainees t
             join learning_tasks k on k.class_id = t.class_id
             join learning_task_courses kc on kc.task_id = k.task_id
             where t.class_id = $1 and course_started(t.user_id, kc.course_id))",
    )
    .bind(class_id)
    .fetch_one(conn)
    .await?)
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    venue: String,
    policy: Json<TrainingPolicy>,
    review_note: String,
    task_count: i64,
    created_at: DateTime<Utc>,
}

pub async fn detail(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
) -> Result<ClassDetail, AppError> {
    let summary = summary(conn, p, id).await?;
    let row: DetailRow = sqlx::query_as(
        "select venue, policy, review_note,
                (select count(*) from learning_tasks k where k.class_id = c.class_id and k.status = 'active') as task_count,
                created_at
         from classes c where class_id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let lecturers: Vec<(Uuid, String)> = sqlx::query_as(
        "select l.lecturer_id, l.name from class_lecturers cl join lecturers l on l.lecturer_id = cl.lecturer_id
         where cl.class_id = $1 order by l.name",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ClassDetail {
        started: started(conn, id).await?,
        voucher_id: vouchers::issued_for(conn, p.tenant.id, Subject::Class(id)).await?,
        summary,
        venue: row.venue,
        lecturers: lecturers
            .into_iter()
            .map(|(id, name)| LecturerRef { id, name })
            .collect(),
        policy: row.policy.0,
        review_note: row.review_note,
        task_count: row.task_count,
        created_at: row.created_at,
    })
}

#[derive(sqlx::FromRow)]
struct EventRow {
    event_id: i64,
    action: String,
    actor_id: Uuid,
    note: String,
    created_at: DateTime<Utc>,
}

/// The class's history, oldest first.
pub async fn events(
    conn: &mut PgConnection,
    keyring: &Keyring,
    p: &Principal,
    id: Uuid,
) -> Result<Vec<ClassEvent>, AppError> {
    summary(conn, p, id).await?;
    let rows: Vec<EventRow> = sqlx::query_as(
        "select event_id, action, actor_id, note, created_at from class_events
         where tenant_id = $1 and class_id = $2 order by created_at, event_id",
    )
    .bind(p.tenant.id)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let actors: Vec<Uuid> = rows.iter().map(|r| r.actor_id).collect();
    let names = people::names(conn, keyring, p.tenant.id, &actors).await?;
    rows.into_iter()
        .map(|r| {
            Ok(ClassEvent {
                id: r.event_id,
                action: stored(&r.action)?,
                actor_name: people::name_in(&names, Some(r.actor_id)),
                note: r.note,
                at: r.created_at,
            })
        })
        .collect()
}
