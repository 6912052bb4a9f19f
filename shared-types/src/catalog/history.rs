//! Course history (T-7.2.7k).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::CourseKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CourseAction {
    Created,
    RevisionCreated,
    Submitted,
    Withdrawn,
    Assigned,
    Opinion,
    Approved,
    Returned,
    Published,
    TakenDown,
}

impl CourseAction {
    pub const ALL: [CourseAction; 10] = [
        CourseAction::Created,
        CourseAction::RevisionCreated,
        CourseAction::Submitted,
        CourseAction::Withdrawn,
        CourseAction::Assigned,
        CourseAction::Opinion,
        CourseAction::Approved,
        CourseAction::Returned,
        CourseAction::Published,
        CourseAction::TakenDown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CourseAction::Created => "created",
            CourseAction::RevisionCreated => "revision_created",
            CourseAction::Submitted => "submitted",
            CourseAction::Withdrawn => "withdrawn",
            CourseAction::Assigned => "assigned",
            CourseAction::Opinion => "opinion",
            CourseAction::Approved => "approved",
            CourseAction::Returned => "returned",
            CourseAction::Published => "published",
            CourseAction::TakenDown => "taken_down",
        }
    }

    pub fn parse(s: &str) -> Option<CourseAction> {
        CourseAction::ALL.into_iter().find(|a| a.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            CourseAction::Created => "创建",
            CourseAction::RevisionCreated => "新建修订",
            CourseAction::Submitted => "提交审核",
            CourseAction::Withdrawn => "撤回",
            CourseAction::Assigned => "分配专家组",
            CourseAction::Opinion => "专家意见",
            CourseAction::Approved => "审核通过",
            CourseAction::Returned => "退回",
            CourseAction::Published => "发布",
            CourseAction::TakenDown => "下架",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            CourseAction::Created => "Created",
            CourseAction::RevisionCreated => "Revision created",
            CourseAction::Submitted => "Submitted",
            CourseAction::Withdrawn => "Withdrawn",
            CourseAction::Assigned => "Assigned",
            CourseAction::Opinion => "Opinion",
            CourseAction::Approved => "Approved",
            CourseAction::Returned => "Returned",
            CourseAction::Published => "Published",
            CourseAction::TakenDown => "Taken down",
        }
    }
}

/// One transition: who, when, what, opinion. `GET /api/v1/courses/{id}/events` and the review
/// records export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CourseEvent {
    pub id: i64,
    pub course_id: Uuid,
    pub course_no: String,
    pub course_name: String,
    pub kind: CourseKind,
    pub revision_no: Option<i32>,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub action: CourseAction,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}
