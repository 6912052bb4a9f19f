//! 培训资质 — per training type, a certified institution applies and the regulator approves or
//! returns, and may later revoke; every step is kept as a queryable history (T-7.2.7g). Classes
//! open only for types the institution holds an approved qualification of.

use chrono::{DateTime, Utc};
use shared_types::catalog::TrainingType;
use shared_types::media::MediaKind;
use shared_types::orgs::{
    Decision, InstitutionRef, Qualification, QualificationAction, QualificationEvent,
    QualificationInput, QualificationQuery, ReviewRequest, ReviewStatus,
};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::institutions;
use crate::crypto::Keyring;
use crate::db::stored;
use crate::error::{AppError, Text};
use crate::identity::{Principal, people};
use crate::media::access::check_attachments;
use crate::validate;

const MAX_EVIDENCE: usize = 10;

fn not_found() -> AppError {
    AppError::not_found("资质申请", "Qualification")
}

#[derive(sqlx::FromRow)]
struct Row {
    qualification_id: Uuid,
    institution_id: Uuid,
    institution_name: String,
    institution_status: String,
    certified: bool,
    training_type: String,
    status: String,
    note: String,
    evidence_media_ids: Vec<Uuid>,
    applied_at: DateTime<Utc>,
    reviewed_at: Option<DateTime<Utc>>,
    review_note: String,
}

const SELECT: &str = "select q.qualification_id, q.institution_id, i.name as institution_name,
        i.status as institution_status, i.certified_version_id is not null as certified,
        q.training_type, q.status, q.note, q.evidence_media_ids, q.applied_at, q.reviewed_at,
        q.review_note
    from qualifications q join institutions i on i.institution_id = q.institution_id";

fn to_qualification(r: Row) -> Result<Qualification, AppError> {
    let training_type: TrainingType = stored(&r.training_type)?;
    Ok(Qualification {
        id: r.qualification_id,
        institution: InstitutionRef {
            id: r.institution_id,
            name: r.institution_name,
            status: stored(&r.institution_status)?,
            certified: r.certified,
        },
        category: training_type.category(),
        training_type,
        status: stored(&r.status)?,
        note: r.note,
        evidence_media_ids: r.evidence_media_ids,
        applied_at: r.applied_at,
        reviewed_at: r.reviewed_at,
        review_note: r.review_note,
    })
}

fn filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, tenant_id: Uuid, q: &'a QualificationQuery) {
    qb.push(" where q.tenant_id = ").push_bind(tenant_id);
    if let Some(status) = q.status {
        qb.push(" and q.status = ").push_bind(status.as_str());
    }
    if let Some(id) = q.institution_id {
        qb.push(" and q.institution_id = ").push_bind(id);
    }
    if let Some(t) = q.training_type {
        qb.push(" and q.training_type = ").push_bind(t.as_str());
    }
}

/// Qualifications matching `q`, oldest application first (a review queue reads in order).
pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    q: &QualificationQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Qualification>, i64), AppError> {
    let mut count = QueryBuilder::new(
        "select count(*) from qualifications q join institutions i on i.institution_id = q.institution_id",
    );
    filters(&mut count, tenant_id, q);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut select = QueryBuilder::new(SELECT);
    filters(&mut select, tenant_id, q);
    select
        .push(" order by q.applied_at, q.qualification_id limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    let rows: Vec<Row> = select.build_query_as().fetch_all(&mut *conn).await?;
    let items = rows
        .into_iter()
        .map(to_qualification)
        .collect::<Result<_, _>>()?;
    Ok((items, total))
}

async fn get(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    lock: bool,
) -> Result<Qualification, AppError> {
    let sql = format!(
        "{SELECT} where q.tenant_id = $1 and q.qualification_id = $2{}",
        if lock { " for update of q" } else { "" }
    );
    let row: Row = sqlx::query_as(&sql)
        .bind(tenant_id)
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(not_found)?;
    to_qualification(row)
}

async fn record(
    conn: &mut PgConnection,
    p: &Principal,
    q: &Qualification,
    action: QualificationAction,
    note: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "insert into qualification_events (tenant_id, institution_id, qualification_id, action, actor_id, note)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(p.tenant.id)
    .bind(q.institution.id)
    .bind(q.id)
    .bind(action.as_str())
    .bind(p.user_id)
    .bind(note)
    .execute(conn)
    .await?;
    Ok(())
}

/// A certified institution applies for one training type (409 while one is pending or approved).
pub async fn apply(
    conn: &mut PgConnection,
    p: &Principal,
    input: &QualificationInput,
) -> Result<Qualification, AppError> {
    let tenant_id = p.tenant.id;
    let institution_id = institutions::certified_member(conn, p).await?;
    let note = validate::text("note", &input.note, 0, 2000)?;
    if input.evidence_media_ids.len() > MAX_EVIDENCE {
        return Err(AppError::invalid(
            "evidence_media_ids",
            format!("最多附 {MAX_EVIDENCE} 份材料"),
            format!("at most {MAX_EVIDENCE} files"),
        ));
    }
    check_attachments(
        conn,
        tenant_id,
        &input.evidence_media_ids,
        &[MediaKind::Licence],
        Some(institution_id),
        "evidence_media_ids",
    )
    .await?;
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into qualifications (qualification_id, tenant_id, institution_id, category, training_type,
                                     note, evidence_media_ids, applied_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(tenant_id)
    .bind(institution_id)
    .bind(input.training_type.category().as_str())
    .bind(input.training_type.as_str())
    .bind(&note)
    .bind(&input.evidence_media_ids)
    .bind(p.user_id)
    .execute(&mut *conn)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(db) if db.constraint() == Some("qualifications_one_live") => {
            AppError::Conflict(Text::new(
                "该培训类型已有待审核或已通过的资质",
                "A qualification of this training type is already pending or approved",
            ))
        }
        _ => e.into(),
    })?;
    let q = get(conn, tenant_id, id, false).await?;
    record(conn, p, &q, QualificationAction::Applied, &note).await?;
    Ok(q)
}

/// The regulator approves or returns a pending application.
pub async fn review(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    req: &ReviewRequest,
) -> Result<Qualification, AppError> {
    let note = validate::review_note(req)?;
    let q = get(conn, p.tenant.id, id, true).await?;
    if q.status != ReviewStatus::Pending {
        return Err(AppError::Conflict(Text::new(
            "该资质申请不在待审核状态",
            "This application is not awaiting review",
        )));
    }
    let (status, action) = match req.decision {
        Decision::Approve => ("approved", QualificationAction::Approved),
        Decision::Return => ("returned", QualificationAction::Returned),
    };
    decide(conn, p, &q, status, &note).await?;
    record(conn, p, &q, action, &note).await?;
    get(conn, p.tenant.id, id, false).await
}

/// The regulator withdraws an approved qualification; open classes keep running.
pub async fn revoke(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    reason: &str,
) -> Result<Qualification, AppError> {
    let reason = validate::text("reason", reason, 1, 2000)?;
    let q = get(conn, p.tenant.id, id, true).await?;
    if q.status != ReviewStatus::Approved {
        return Err(AppError::Conflict(Text::new(
            "只能撤销已通过的资质",
            "Only an approved qualification can be revoked",
        )));
    }
    decide(conn, p, &q, "revoked", &reason).await?;
    record(conn, p, &q, QualificationAction::Revoked, &reason).await?;
    get(conn, p.tenant.id, id, false).await
}

async fn decide(
    conn: &mut PgConnection,
    p: &Principal,
    q: &Qualification,
    status: &str,
    note: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "update qualifications set status = $3, reviewed_by = $4, reviewed_at = now(), review_note = $5
         where tenant_id = $1 and qualification_id = $2",
    )
    .bind(p.tenant.id)
    .bind(q.id)
    .bind(status)
    .bind(p.user_id)
    .bind(note)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether the institution holds an approved qualification for `training_type`.
pub async fn holds(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    institution_id: Uuid,
    training_type: TrainingType,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "select exists (select 1 from qualifications where tenant_id = $1 and institution_id = $2
                          and training_type = $3 and status = 'approved')",
    )
    .bind(tenant_id)
    .bind(institution_id)
    .bind(training_type.as_str())
    .fetch_one(conn)
    .await?)
}

#[derive(sqlx::FromRow)]
struct EventRow {
    event_id: i64,
    qualification_id: Uuid,
    institution_name: String,
    training_type: String,
    action: String,
    actor_id: Uuid,
    note: String,
    created_at: DateTime<Utc>,
}

/// The review history matching `q` (its `status` is ignored), newest first.
pub async fn events(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    q: &QualificationQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<QualificationEvent>, i64), AppError> {
    let history = QualificationQuery {
        status: None,
        ..q.clone()
    };
    let from = " from qualification_events e join qualifications q on q.qualification_id = e.qualification_id
                 join institutions i on i.institution_id = e.institution_id";
    let mut count = QueryBuilder::new(format!("select count(*){from}"));
    filters(&mut count, tenant_id, &history);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut select = QueryBuilder::new(format!(
        "select e.event_id, e.qualification_id, i.name as institution_name, q.training_type, e.action,
                e.actor_id, e.note, e.created_at{from}"
    ));
    filters(&mut select, tenant_id, &history);
    select
        .push(" order by e.created_at desc, e.event_id desc limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    let rows: Vec<EventRow> = select.build_query_as().fetch_all(&mut *conn).await?;
    let actors: Vec<Uuid> = rows.iter().map(|r| r.actor_id).collect();
    let names = people::names(conn, keyring, tenant_id, &actors).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            Ok(QualificationEvent {
                id: r.event_id,
                qualification_id: r.qualification_id,
                institution_name: r.institution_name,
                training_type: stored(&r.training_type)?,
                action: stored(&r.action)?,
                actor_name: people::name_in(&names, Some(r.actor_id)),
                note: r.note,
                at: r.created_at,
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok((items, total))
}
