//! Course review by experts (Z-III.1, T-7.2.7f, T-7.2.7i/j/k): expert groups, review rounds,
//! opinions with a checklist, and the regulator's publish / take-down decisions.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::catalog::{CourseAction, CourseKind, Listing, Revision, RevisionStatus};

/// How a group's opinions become a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecisionRule {
    /// Approved once more than half of the reviewers approve; returned once that can no longer happen.
    Majority,
    /// Approved when every reviewer approves; returned at the first return.
    Unanimous,
    /// The first opinion decides.
    Any,
}

impl DecisionRule {
    pub const ALL: [DecisionRule; 3] = [
        DecisionRule::Majority,
        DecisionRule::Unanimous,
        DecisionRule::Any,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DecisionRule::Majority => "majority",
            DecisionRule::Unanimous => "unanimous",
            DecisionRule::Any => "any",
        }
    }

    pub fn parse(s: &str) -> Option<DecisionRule> {
        DecisionRule::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            DecisionRule::Majority => "过半数通过",
            DecisionRule::Unanimous => "全体通过",
            DecisionRule::Any => "任一专家决定",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            DecisionRule::Majority => "Majority",
            DecisionRule::Unanimous => "Unanimous",
            DecisionRule::Any => "First opinion decides",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ExpertRef {
    pub id: Uuid,
    pub name: String,
    pub username: Option<String>,
}

/// 审核专家组
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ExpertGroup {
    pub id: Uuid,
    pub name: String,
    pub decision_rule: DecisionRule,
    pub members: Vec<ExpertRef>,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/expert-groups`, `PUT /api/v1/expert-groups/{id}`. Members must hold the expert role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ExpertGroupInput {
    pub name: String,
    pub decision_rule: DecisionRule,
    pub member_ids: Vec<Uuid>,
}

/// `GET /api/v1/experts`: accounts with the expert role and the groups they sit in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Expert {
    pub id: Uuid,
    pub name: String,
    pub username: Option<String>,
    pub enabled: bool,
    pub groups: Vec<GroupRef>,
    pub open_rounds: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct GroupRef {
    pub id: Uuid,
    pub name: String,
}

/// `POST /api/v1/review/courses/{id}/assign`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AssignRequest {
    pub group_id: Uuid,
}

/// `POST /api/v1/review/courses/{id}/take-down`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TakeDownRequest {
    pub reason: String,
}

/// The review checklist (Z-III.1): `true` = the course passes that point.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Checklist {
    /// 政治性 — politically sound.
    pub political: bool,
    /// 合规性 — complies with laws and standards.
    pub compliance: bool,
    /// 完整性 — complete.
    pub completeness: bool,
    /// 相关性 — relevant to the training type.
    pub relevance: bool,
    /// 字幕 — Simplified-Chinese subtitles present and correct (Z-III.4).
    pub subtitles: bool,
    /// 版权 — copyright traceable (Z-III.2).
    pub copyright: bool,
}

impl Checklist {
    pub fn all_pass(&self) -> bool {
        self.political
            && self.compliance
            && self.completeness
            && self.relevance
            && self.subtitles
            && self.copyright
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Approve,
    Return,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Approve => "approve",
            Verdict::Return => "return",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        [Verdict::Approve, Verdict::Return]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// `POST /api/v1/reviews/{round_id}/opinion`. Approving needs every checklist point; returning
/// needs an opinion that says why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OpinionRequest {
    pub checklist: Checklist,
    pub verdict: Verdict,
    #[serde(default)]
    pub opinion: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Opinion {
    pub expert: ExpertRef,
    pub checklist: Checklist,
    pub verdict: Verdict,
    pub opinion: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    Open,
    Approved,
    Returned,
    /// The course was withdrawn or re-assigned while the round was open.
    Cancelled,
}

impl RoundStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RoundStatus::Open => "open",
            RoundStatus::Approved => "approved",
            RoundStatus::Returned => "returned",
            RoundStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<RoundStatus> {
        [
            RoundStatus::Open,
            RoundStatus::Approved,
            RoundStatus::Returned,
            RoundStatus::Cancelled,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            RoundStatus::Open => "审核中",
            RoundStatus::Approved => "通过",
            RoundStatus::Returned => "退回",
            RoundStatus::Cancelled => "已取消",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            RoundStatus::Open => "Open",
            RoundStatus::Approved => "Approved",
            RoundStatus::Returned => "Returned",
            RoundStatus::Cancelled => "Cancelled",
        }
    }
}

/// A row of `GET /api/v1/reviews` (an expert's rounds) and of a course's review history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RoundSummary {
    pub id: Uuid,
    pub course_id: Uuid,
    pub course_no: String,
    pub course_name: String,
    pub kind: CourseKind,
    pub revision_no: i32,
    pub group: GroupRef,
    pub decision_rule: DecisionRule,
    pub status: RoundStatus,
    /// Whether the caller (an expert) has given an opinion.
    pub my_opinion_given: bool,
    pub opinions: i64,
    pub reviewers: i64,
    pub assigned_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/reviews/{round_id}` (the expert) and `GET /api/v1/review/rounds/{round_id}`
/// (regulator staff, the course's author): the round, the revision under review, every opinion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RoundDetail {
    pub round: RoundSummary,
    pub course_id: Uuid,
    pub revision: Revision,
    pub reviewers: Vec<ExpertRef>,
    pub opinions: Vec<Opinion>,
}

/// `GET /api/v1/review/courses?kind=&status=&listing=&q=&page=&per_page=` — the regulator's queues.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct ReviewQueueQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<CourseKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RevisionStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listing: Option<Listing>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// `GET /api/v1/reviews?status=&page=&per_page=`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct RoundQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RoundStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Json,
    Csv,
    Xlsx,
}

/// `GET /api/v1/review/records?format=&kind=&action=&course_id=&q=&from=&to=&page=&per_page=`:
/// every course transition (T-7.2.7k); `csv` and `xlsx` return every matching row as a file,
/// `json` (the default) one page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct ReviewRecordQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<ExportFormat>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<CourseKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<CourseAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course_id: Option<Uuid>,
    /// Course name or number contains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// First day included, in the tenant's time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Last day included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}
