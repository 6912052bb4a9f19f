//! SQL for review rounds (审核轮次) and the experts' opinions. Tenant transaction connections
//! only, with an explicit `tenant_id` filter on every statement.

use chrono::{DateTime, Utc};
use shared_types::review::{RoundStatus, Verdict};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

/// A round with what its summary shows.
#[derive(sqlx::FromRow)]
pub struct RoundRow {
    pub round_id: Uuid,
    pub revision_id: Uuid,
    pub group_id: Uuid,
    pub group_name: String,
    pub decision_rule: String,
    pub reviewer_ids: Vec<Uuid>,
    pub status: String,
    pub assigned_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub course_id: Uuid,
    pub course_no: String,
    pub kind: String,
    pub revision_no: i32,
    pub course_name: String,
    pub opinions: i64,
    pub my_opinion_given: bool,
}

/// Which rounds to read.
pub enum Rounds {
    One(Uuid),
    OfCourse(Uuid),
    /// The rounds `expert` reviews, optionally in one status.
    OfReviewer {
        expert: Uuid,
        status: Option<RoundStatus>,
    },
}

fn filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, tenant_id: Uuid, which: &'a Rounds) {
    qb.push(
        " from review_rounds rr
         join expert_groups g on g.group_id = rr.group_id
         join course_revisions r on r.revision_id = rr.revision_id
         join courses c on c.course_id = r.course_id
         where rr.tenant_id = ",
    )
    .push_bind(tenant_id);
    match which {
        Rounds::One(round_id) => {
            qb.push(" and rr.round_id = ").push_bind(*round_id);
        }
        Rounds::OfCourse(course_id) => {
            qb.push(" and r.course_id = ").push_bind(*course_id);
        }
        Rounds::OfReviewer { expert, status } => {
            qb.push(" and ")
                .push_bind(*expert)
                .push(" = any(rr.reviewer_ids)");
            if let Some(status) = status {
                qb.push(" and rr.status = ").push_bind(status.as_str());
            }
        }
    }
}

/// Rounds newest first, with whether `caller` has given an opinion in each; all of them when
/// `page` is `None`, else (limit, offset) and the total.
pub async fn rounds(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    caller: Uuid,
    which: &Rounds,
    page: Option<(i64, i64)>,
) -> sqlx::Result<(Vec<RoundRow>, i64)> {
    let mut select = QueryBuilder::new(
        "select rr.round_id, rr.revision_id, rr.group_id, g.name as group_name, rr.decision_rule,
                rr.reviewer_ids, rr.status, rr.assigned_at, rr.decided_at, r.course_id, c.course_no,
                c.kind, r.revision_no, r.name as course_name,
                (select count(*) from review_opinions o where o.round_id = rr.round_id) as opinions,
                exists (select 1 from review_opinions o
                        where o.round_id = rr.round_id and o.expert_id = ",
    );
    select.push_bind(caller).push(") as my_opinion_given");
    filters(&mut select, tenant_id, which);
    select.push(" order by rr.assigned_at desc, rr.round_id");
    if let Some((limit, offset)) = page {
        select
            .push(" limit ")
            .push_bind(limit)
            .push(" offset ")
            .push_bind(offset);
    }
    let rows: Vec<RoundRow> = select.build_query_as().fetch_all(&mut *conn).await?;
    let total = match page {
        None => i64::try_from(rows.len()).unwrap_or(i64::MAX),
        Some(_) => {
            let mut count = QueryBuilder::new("select count(*)");
            filters(&mut count, tenant_id, which);
            count.build_query_scalar().fetch_one(&mut *conn).await?
        }
    };
    Ok((rows, total))
}

/// The fields of a round that an opinion needs, the row locked for update so that two last
/// opinions cannot both decide.
#[derive(sqlx::FromRow)]
pub struct LockedRound {
    pub round_id: Uuid,
    pub revision_id: Uuid,
    pub decision_rule: String,
    pub reviewer_ids: Vec<Uuid>,
    pub status: String,
}

pub async fn lock(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    round_id: Uuid,
) -> sqlx::Result<Option<LockedRound>> {
    sqlx::query_as(
        "select round_id, revision_id, decision_rule, reviewer_ids, status from review_rounds
         where tenant_id = $1 and round_id = $2 for update",
    )
    .bind(tenant_id)
    .bind(round_id)
    .fetch_optional(conn)
    .await
}

/// The revision a round reviews (no lock: to find the course to lock first).
pub async fn revision_of(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    round_id: Uuid,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "select revision_id from review_rounds where tenant_id = $1 and round_id = $2",
    )
    .bind(tenant_id)
    .bind(round_id)
    .fetch_optional(conn)
    .await
}

pub struct NewRound<'a> {
    pub round_id: Uuid,
    pub revision_id: Uuid,
    pub group_id: Uuid,
    pub decision_rule: &'a str,
    pub reviewer_ids: &'a [Uuid],
    pub assigned_by: Uuid,
}

pub async fn insert(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    round: NewRound<'_>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into review_rounds (round_id, tenant_id, revision_id, group_id, decision_rule, reviewer_ids, assigned_by)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(round.round_id)
    .bind(tenant_id)
    .bind(round.revision_id)
    .bind(round.group_id)
    .bind(round.decision_rule)
    .bind(round.reviewer_ids)
    .bind(round.assigned_by)
    .execute(conn)
    .await?;
    Ok(())
}

/// Closes a round with `status` (approved, returned or cancelled).
pub async fn close(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    round_id: Uuid,
    status: RoundStatus,
) -> sqlx::Result<()> {
    sqlx::query(
        "update review_rounds set status = $3, decided_at = now() where tenant_id = $1 and round_id = $2",
    )
    .bind(tenant_id)
    .bind(round_id)
    .bind(status.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// Cancels the revision's open round, if any (a re-assignment).
pub async fn cancel_open(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    revision_id: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "update review_rounds set status = $3, decided_at = now()
         where tenant_id = $1 and revision_id = $2 and status = 'open'",
    )
    .bind(tenant_id)
    .bind(revision_id)
    .bind(RoundStatus::Cancelled.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct OpinionRow {
    pub expert_id: Uuid,
    pub checklist: sqlx::types::Json<shared_types::review::Checklist>,
    pub verdict: String,
    pub opinion: String,
    pub created_at: DateTime<Utc>,
}

/// The round's opinions in the order they were given.
pub async fn opinions(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    round_id: Uuid,
) -> sqlx::Result<Vec<OpinionRow>> {
    sqlx::query_as(
        "select expert_id, checklist, verdict, opinion, created_at from review_opinions
         where tenant_id = $1 and round_id = $2 order by created_at, expert_id",
    )
    .bind(tenant_id)
    .bind(round_id)
    .fetch_all(conn)
    .await
}

pub struct NewOpinion<'a> {
    pub round_id: Uuid,
    pub expert_id: Uuid,
    pub checklist: shared_types::review::Checklist,
    pub verdict: Verdict,
    pub opinion: &'a str,
}

pub async fn insert_opinion(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    opinion: NewOpinion<'_>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into review_opinions (round_id, tenant_id, expert_id, checklist, verdict, opinion)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(opinion.round_id)
    .bind(tenant_id)
    .bind(opinion.expert_id)
    .bind(sqlx::types::Json(opinion.checklist))
    .bind(opinion.verdict.as_str())
    .bind(opinion.opinion)
    .execute(conn)
    .await?;
    Ok(())
}
