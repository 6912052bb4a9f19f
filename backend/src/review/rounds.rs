//! Review rounds (审核轮次, T-7.2.7i): assigning a submitted course to an expert group, and
//! reading rounds — an expert's own, a course's history, one round in full.

use shared_types::catalog::{CourseAction, CourseKind, RevisionStatus};
use shared_types::review::{
    DecisionRule, ExpertRef, GroupRef, Opinion, RoundDetail, RoundQuery, RoundStatus, RoundSummary,
    Verdict,
};
use sqlx::PgConnection;
use uuid::Uuid;

use super::round_repo::{self, NewRound, RoundRow, Rounds};
use super::{experts, queue, repo, stored};
use crate::catalog::events::{self, Event};
use crate::catalog::revision;
use crate::crypto::Keyring;
use crate::error::{AppError, Text};
use crate::identity::people;

pub fn round_not_found() -> AppError {
    AppError::not_found("审核轮次", "Review round")
}

fn summary(row: RoundRow) -> Result<RoundSummary, AppError> {
    Ok(RoundSummary {
        id: row.round_id,
        course_id: row.course_id,
        course_no: row.course_no,
        course_name: row.course_name,
        kind: stored("course kind", &row.kind, CourseKind::parse)?,
        revision_no: row.revision_no,
        group: GroupRef {
            id: row.group_id,
            name: row.group_name,
        },
        decision_rule: stored("decision rule", &row.decision_rule, DecisionRule::parse)?,
        status: stored("round status", &row.status, RoundStatus::parse)?,
        my_opinion_given: row.my_opinion_given,
        opinions: row.opinions,
        reviewers: i64::try_from(row.reviewer_ids.len()).unwrap_or(i64::MAX),
        assigned_at: row.assigned_at,
        decided_at: row.decided_at,
    })
}

/// The rounds `expert` reviews, newest first.
pub async fn list_for_reviewer(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    expert: Uuid,
    q: &RoundQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<RoundSummary>, i64), AppError> {
    let which = Rounds::OfReviewer {
        expert,
        status: q.status,
    };
    let (rows, total) =
        round_repo::rounds(conn, tenant_id, expert, &which, Some((limit, offset))).await?;
    let items = rows.into_iter().map(summary).collect::<Result<_, _>>()?;
    Ok((items, total))
}

/// Every round of a course, newest first. With `author_only`, only that account (the course's
/// author) may see them; anyone else gets the same 404 as for a course that does not exist.
pub async fn list_for_course(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    caller: Uuid,
    course_id: Uuid,
    author_only: bool,
) -> Result<Vec<RoundSummary>, AppError> {
    let course = queue::course(conn, tenant_id, course_id, false).await?;
    if author_only && course.created_by != caller {
        return Err(queue::course_not_found());
    }
    let (rows, _) =
        round_repo::rounds(conn, tenant_id, caller, &Rounds::OfCourse(course_id), None).await?;
    rows.into_iter().map(summary).collect()
}

/// Who reads a round, and so what they may see of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// Regulator staff: every round, every opinion with its expert.
    Staff,
    /// An expert: only rounds they review.
    Reviewer,
    /// The course's author: only rounds of their own course; the opinions once the round is
    /// decided, without the experts' identities (reviewers stay anonymous to the provider).
    Author,
}

/// One round in full, as `reader` may see it; anything else is the same 404 as a missing round.
pub async fn detail(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    caller: Uuid,
    round_id: Uuid,
    reader: Reader,
) -> Result<RoundDetail, AppError> {
    let (mut rows, _) =
        round_repo::rounds(conn, tenant_id, caller, &Rounds::One(round_id), None).await?;
    let row = rows.pop().ok_or_else(round_not_found)?;
    let allowed = match reader {
        Reader::Staff => true,
        Reader::Reviewer => row.reviewer_ids.contains(&caller),
        Reader::Author => {
            queue::course(conn, tenant_id, row.course_id, false)
                .await?
                .created_by
                == caller
        }
    };
    if !allowed {
        return Err(round_not_found());
    }
    let revision = revision::load(conn, tenant_id, row.revision_id)
        .await?
        .ok_or_else(round_not_found)?;
    let opinion_rows = if reader == Reader::Author && row.status == RoundStatus::Open.as_str() {
        Vec::new()
    } else {
        round_repo::opinions(conn, tenant_id, round_id).await?
    };
    let mut ids = row.reviewer_ids.clone();
    ids.extend(opinion_rows.iter().map(|o| o.expert_id));
    let known = people::refs(conn, keyring, tenant_id, &ids).await?;
    let expert = |index: usize, id: Uuid| match reader {
        Reader::Author => anonymous(index),
        _ => known.get(&id).cloned().unwrap_or(ExpertRef {
            id,
            name: String::new(),
            username: None,
        }),
    };
    let opinions = opinion_rows
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            Ok(Opinion {
                expert: expert(i, o.expert_id),
                checklist: o.checklist.0,
                verdict: stored("verdict", &o.verdict, Verdict::parse)?,
                opinion: o.opinion,
                created_at: o.created_at,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let reviewers = match reader {
        Reader::Author => (0..row.reviewer_ids.len()).map(anonymous).collect(),
        _ => people::in_order(&known, &row.reviewer_ids),
    };
    Ok(RoundDetail {
        reviewers,
        course_id: row.course_id,
        round: summary(row)?,
        revision,
        opinions,
    })
}

/// “专家 1 / Expert 1”: how an author sees a reviewer.
fn anonymous(index: usize) -> ExpertRef {
    ExpertRef {
        id: Uuid::nil(),
        name: format!("专家 {} / Expert {}", index + 1, index + 1),
        username: None,
    }
}

fn not_assignable(status: Option<RevisionStatus>) -> AppError {
    let (zh, en) = status.map_or(("无待审修订", "has no revision to review"), |s| {
        (s.label_zh(), s.label_en())
    });
    AppError::Conflict(Text::new(
        format!("课程当前状态为「{zh}」，只有待分配或审核中的课程可以分配专家组"),
        format!("The course is {en}; only submitted or in-review courses can be assigned"),
    ))
}

/// Assigns the course's submitted revision to a group: a new round with the group's rule and
/// current experts. A revision already in review is re-assigned and its open round cancelled.
pub async fn assign(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    actor: Uuid,
    course_id: Uuid,
    group_id: Uuid,
) -> Result<RoundSummary, AppError> {
    queue::course(conn, tenant_id, course_id, true).await?;
    let (revision_id, status) = repo::open_revision(conn, tenant_id, course_id)
        .await?
        .ok_or_else(|| not_assignable(None))?;
    let status = stored("revision status", &status, RevisionStatus::parse)?;
    if !matches!(status, RevisionStatus::Submitted | RevisionStatus::InReview) {
        return Err(not_assignable(Some(status)));
    }
    let (group, rule, reviewers) = experts::for_assignment(conn, tenant_id, group_id).await?;
    let reassigned = status == RevisionStatus::InReview;
    if reassigned {
        round_repo::cancel_open(conn, tenant_id, revision_id).await?;
    }
    let round_id = Uuid::new_v4();
    round_repo::insert(
        conn,
        tenant_id,
        NewRound {
            round_id,
            revision_id,
            group_id,
            decision_rule: rule.as_str(),
            reviewer_ids: &reviewers,
            assigned_by: actor,
        },
    )
    .await?;
    repo::set_revision_status(conn, tenant_id, revision_id, RevisionStatus::InReview).await?;
    let note = if reassigned {
        format!("重新分配：{}", group.name)
    } else {
        group.name.clone()
    };
    events::record(
        conn,
        tenant_id,
        Event {
            course_id,
            revision_id: Some(revision_id),
            actor_id: Some(actor),
            action: CourseAction::Assigned,
            from: Some(status),
            to: Some(RevisionStatus::InReview),
            note: &note,
        },
    )
    .await?;
    let (mut rows, _) =
        round_repo::rounds(conn, tenant_id, actor, &Rounds::One(round_id), None).await?;
    summary(rows.pop().ok_or_else(round_not_found)?)
}
