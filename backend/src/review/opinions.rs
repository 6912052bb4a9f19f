//! An expert's opinion on a round (T-7.2.7i/j): the checklist, a verdict and a free opinion;
//! after each one the round's decision rule may settle the round and move the revision on.

use shared_types::catalog::{CourseAction, RevisionStatus};
use shared_types::review::{
    Checklist, DecisionRule, OpinionRequest, RoundDetail, RoundStatus, Verdict,
};
use sqlx::PgConnection;
use uuid::Uuid;

use super::decision::{self, Outcome, Tally};
use super::round_repo::{self, LockedRound, NewOpinion, OpinionRow};
use super::rounds::{self, Reader, round_not_found};
use super::{queue, repo, stored};
use crate::catalog::events::{self, Event};
use crate::crypto::Keyring;
use crate::error::{AppError, Text};
use crate::identity::people;

const OPINION_MAX_CHARS: usize = 5000;

fn verdict_zh(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Approve => "通过",
        Verdict::Return => "退回",
    }
}

/// The first checklist point that fails, as (field, Chinese name).
fn first_failing(checklist: &Checklist) -> Option<(&'static str, &'static str)> {
    [
        ("political", "政治性", checklist.political),
        ("compliance", "合规性", checklist.compliance),
        ("completeness", "完整性", checklist.completeness),
        ("relevance", "相关性", checklist.relevance),
        ("subtitles", "字幕", checklist.subtitles),
        ("copyright", "版权", checklist.copyright),
    ]
    .into_iter()
    .find(|(_, _, passes)| !passes)
    .map(|(field, zh, _)| (field, zh))
}

/// The opinion text, once the request passes the rules: approving needs every checklist point,
/// returning needs a reason.
fn validate(req: &OpinionRequest) -> Result<&str, AppError> {
    let opinion = req.opinion.trim();
    if opinion.chars().count() > OPINION_MAX_CHARS {
        return Err(AppError::invalid(
            "opinion",
            format!("意见最多 {OPINION_MAX_CHARS} 字"),
            format!("must be at most {OPINION_MAX_CHARS} characters"),
        ));
    }
    match req.verdict {
        Verdict::Approve => {
            if let Some((field, zh)) = first_failing(&req.checklist) {
                return Err(AppError::invalid(
                    &format!("checklist.{field}"),
                    format!("「{zh}」未通过，不能审核通过"),
                    format!("`{field}` does not pass; the course cannot be approved"),
                ));
            }
        }
        Verdict::Return if opinion.is_empty() => {
            return Err(AppError::invalid(
                "opinion",
                "退回须填写意见",
                "returning needs an opinion saying why",
            ));
        }
        Verdict::Return => {}
    }
    Ok(opinion)
}

/// The round, locked, if `expert` reviews it and it is still open.
async fn open_round_of(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    expert: Uuid,
    round_id: Uuid,
) -> Result<(Uuid, LockedRound), AppError> {
    // Lock order: the course, then the round — as assignment does, so they cannot deadlock.
    let revision_id = round_repo::revision_of(conn, tenant_id, round_id)
        .await?
        .ok_or_else(round_not_found)?;
    let course_id = repo::course_of_revision(conn, tenant_id, revision_id)
        .await?
        .ok_or_else(round_not_found)?;
    queue::course(conn, tenant_id, course_id, true).await?;
    let round = round_repo::lock(conn, tenant_id, round_id)
        .await?
        .ok_or_else(round_not_found)?;
    if !round.reviewer_ids.contains(&expert) {
        return Err(round_not_found());
    }
    if round.status != RoundStatus::Open.as_str() {
        return Err(AppError::Conflict(Text::new(
            "该审核轮次已结束",
            "This review round is closed",
        )));
    }
    Ok((course_id, round))
}

/// Records `expert`'s opinion and applies the round's rule.
pub async fn give(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    expert: Uuid,
    round_id: Uuid,
    req: &OpinionRequest,
) -> Result<RoundDetail, AppError> {
    let (course_id, round) = open_round_of(conn, tenant_id, expert, round_id).await?;
    let earlier = round_repo::opinions(conn, tenant_id, round_id).await?;
    if earlier.iter().any(|o| o.expert_id == expert) {
        return Err(AppError::Conflict(Text::new(
            "您已提交过意见（already given）",
            "You have already given your opinion (already given)",
        )));
    }
    let opinion = validate(req)?;
    round_repo::insert_opinion(
        conn,
        tenant_id,
        NewOpinion {
            round_id,
            expert_id: expert,
            checklist: req.checklist,
            verdict: req.verdict,
            opinion,
        },
    )
    .await?;
    let note = if opinion.is_empty() {
        verdict_zh(req.verdict).to_owned()
    } else {
        format!("{}：{opinion}", verdict_zh(req.verdict))
    };
    events::record(
        conn,
        tenant_id,
        Event {
            course_id,
            revision_id: Some(round.revision_id),
            actor_id: Some(expert),
            action: CourseAction::Opinion,
            from: None,
            to: None,
            note: &note,
        },
    )
    .await?;
    let all = round_repo::opinions(conn, tenant_id, round_id).await?;
    let rule = stored("decision rule", &round.decision_rule, DecisionRule::parse)?;
    let tally = Tally {
        reviewers: round.reviewer_ids.len(),
        approvals: all
            .iter()
            .filter(|o| o.verdict == Verdict::Approve.as_str())
            .count(),
        returns: all
            .iter()
            .filter(|o| o.verdict == Verdict::Return.as_str())
            .count(),
    };
    if let Some(outcome) = decision::decide(rule, tally) {
        let note = decision_note(conn, keyring, tenant_id, outcome, tally, &all).await?;
        settle(conn, tenant_id, expert, course_id, &round, outcome, &note).await?;
    }
    rounds::detail(conn, keyring, tenant_id, expert, round_id, Reader::Reviewer).await
}

/// Closes the round with its outcome and moves the revision to approved or returned.
async fn settle(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    expert: Uuid,
    course_id: Uuid,
    round: &LockedRound,
    outcome: Outcome,
    note: &str,
) -> Result<(), AppError> {
    let (round_status, revision_status, action) = match outcome {
        Outcome::Approved => (
            RoundStatus::Approved,
            RevisionStatus::Approved,
            CourseAction::Approved,
        ),
        Outcome::Returned => (
            RoundStatus::Returned,
            RevisionStatus::Returned,
            CourseAction::Returned,
        ),
    };
    round_repo::close(conn, tenant_id, round.round_id, round_status).await?;
    repo::set_revision_status(conn, tenant_id, round.revision_id, revision_status).await?;
    events::record(
        conn,
        tenant_id,
        Event {
            course_id,
            revision_id: Some(round.revision_id),
            actor_id: Some(expert),
            action,
            from: Some(RevisionStatus::InReview),
            to: Some(revision_status),
            note,
        },
    )
    .await
}

/// The decision's record: the count, and for a return every reason given, by whom — the author
/// reads it in the course history.
async fn decision_note(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    outcome: Outcome,
    tally: Tally,
    opinions: &[OpinionRow],
) -> Result<String, AppError> {
    let counts = format!(
        "{} 票通过，{} 票退回，共 {} 位专家",
        tally.approvals, tally.returns, tally.reviewers
    );
    if outcome == Outcome::Approved {
        return Ok(format!("审核通过：{counts}"));
    }
    let ids: Vec<Uuid> = opinions.iter().map(|o| o.expert_id).collect();
    let known = people::refs(conn, keyring, tenant_id, &ids).await?;
    let reasons: Vec<String> = opinions
        .iter()
        .filter(|o| o.verdict == Verdict::Return.as_str())
        .map(|o| {
            let name = known.get(&o.expert_id).map_or("", |e| e.name.as_str());
            format!("{name}：{}", o.opinion)
        })
        .collect();
    Ok(format!("退回：{counts}。退回意见：{}", reasons.join("；")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(checklist: Checklist, verdict: Verdict, opinion: &str) -> OpinionRequest {
        OpinionRequest {
            checklist,
            verdict,
            opinion: opinion.into(),
        }
    }

    const ALL_PASS: Checklist = Checklist {
        political: true,
        compliance: true,
        completeness: true,
        relevance: true,
        subtitles: true,
        copyright: true,
    };

    #[test]
    fn approving_names_the_first_failing_checklist_point() {
        let checklist = Checklist {
            relevance: false,
            copyright: false,
            ..ALL_PASS
        };
        match validate(&request(checklist, Verdict::Approve, "")) {
            Err(AppError::Invalid { field, .. }) => assert_eq!(field, "checklist.relevance"),
            other => panic!("expected an invalid field, got {other:?}"),
        }
        assert!(validate(&request(ALL_PASS, Verdict::Approve, "")).is_ok());
    }

    #[test]
    fn returning_needs_an_opinion_but_not_a_passing_checklist() {
        match validate(&request(ALL_PASS, Verdict::Return, "   ")) {
            Err(AppError::Invalid { field, .. }) => assert_eq!(field, "opinion"),
            other => panic!("expected an invalid field, got {other:?}"),
        }
        let failing = Checklist {
            subtitles: false,
            ..ALL_PASS
        };
        assert_eq!(
            validate(&request(failing, Verdict::Return, " 缺少中文字幕 ")).ok(),
            Some("缺少中文字幕")
        );
    }
}
