//! Organising training (T-7.2.5d, T-7.2.7h, T-7.2.4, Z-II.1, Z-II.9): the regulator's training
//! projects with their policy, classes institutions apply to open under them, the trainees of a
//! class (added one by one or imported), learning tasks, training plans, and what a trainee sees
//! of them.

mod learner;
mod plans;
mod tasks;
mod trainees;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use learner::*;
pub use plans::*;
pub use tasks::*;
pub use trainees::*;

use crate::catalog::{LecturerRef, TrainingCategory, TrainingType};
use crate::wire_enum;

/// 培训政策 — what a project (and each class under it) asks of trainees and pays for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TrainingPolicy {
    /// 补贴标准, in words (who is eligible, how it is paid).
    #[serde(default)]
    pub subsidy_rule: String,
    /// Subsidy per qualifying trainee, in fen.
    #[serde(default)]
    pub subsidy_cents_per_trainee: Option<i64>,
    /// 要求学时 — study hours a trainee must reach (one decimal).
    pub required_study_hours: f64,
    /// Whether a final exam is required (the exams issue grades it).
    #[serde(default)]
    pub exam_required: bool,
    /// Pass mark out of 100 when an exam is required.
    #[serde(default)]
    pub pass_score: Option<u32>,
}

wire_enum! {
    pub enum ProjectStatus {
        /// Institutions may apply to open classes.
        Open = ("open", "进行中", "Open"),
        /// No new classes; existing ones go on.
        Closed = ("closed", "已结束", "Closed"),
    }
}

/// `POST /api/v1/projects`, `PUT /api/v1/projects/{id}` (regulator).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ProjectInput {
    pub name: String,
    pub training_type: TrainingType,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    #[serde(default)]
    pub description: String,
    pub policy: TrainingPolicy,
}

/// 培训项目, e.g. "2026 年 SYB 创业培训".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Project {
    pub id: Uuid,
    /// `DEMO-P-2026-0001`
    pub code: String,
    pub name: String,
    pub category: TrainingCategory,
    pub training_type: TrainingType,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub description: String,
    pub policy: TrainingPolicy,
    pub status: ProjectStatus,
    /// Classes approved under it.
    pub class_count: i64,
    pub created_at: DateTime<Utc>,
}

/// `GET /api/v1/projects?status=&training_type=&q=&page=&per_page=`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct ProjectQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ProjectStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_type: Option<TrainingType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

wire_enum! {
    pub enum ClassMode {
        Online = ("online", "线上", "Online"),
        Offline = ("offline", "线下", "Offline"),
        Blended = ("blended", "线上线下结合", "Blended"),
    }
}

wire_enum! {
    /// draft → submitted → approved | returned (→ edited, submitted again); approved → closed.
    pub enum ClassStatus {
        Draft = ("draft", "草稿", "Draft"),
        /// 待审核 — the opening application awaits the regulator (申请审核).
        Submitted = ("submitted", "待审核", "Awaiting review"),
        Approved = ("approved", "已开班", "Approved"),
        Returned = ("returned", "已退回", "Returned"),
        /// 已结班 — no more trainees or tasks; records stay.
        Closed = ("closed", "已结班", "Closed"),
    }
}

/// `POST /api/v1/classes`, `PUT /api/v1/classes/{id}` (the institution; drafts and returned
/// classes, and the venue, dates, capacity and lecturers of approved ones).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ClassInput {
    pub project_id: Uuid,
    pub name: String,
    pub mode: ClassMode,
    /// 培训地点 — required unless online.
    #[serde(default)]
    pub venue: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub capacity: u32,
    #[serde(default)]
    pub lecturer_ids: Vec<Uuid>,
    /// The project's policy when absent; a class may ask more, never less.
    #[serde(default)]
    pub policy: Option<TrainingPolicy>,
}

/// A row of the class lists (institution: its own; regulator: every submitted or later).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ClassSummary {
    pub id: Uuid,
    /// `DEMO-C-2026-000001`
    pub class_no: String,
    pub name: String,
    pub institution_id: Uuid,
    pub institution_name: String,
    pub project_id: Uuid,
    pub project_name: String,
    pub training_type: TrainingType,
    pub mode: ClassMode,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub capacity: i32,
    pub trainee_count: i64,
    pub status: ClassStatus,
    pub submitted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ClassDetail {
    pub summary: ClassSummary,
    pub venue: String,
    pub lecturers: Vec<LecturerRef>,
    pub policy: TrainingPolicy,
    /// The regulator's reasons when returned.
    pub review_note: String,
    pub task_count: i64,
    /// Some trainee has study records for the class: it can no longer be deleted, only closed.
    pub started: bool,
    /// The electronic voucher issued on approval.
    pub voucher_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// `GET /api/v1/classes?status=&project_id=&institution_id=&q=&page=&per_page=`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct ClassQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ClassStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<Uuid>,
    /// Regulator staff only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution_id: Option<Uuid>,
    /// Name or class number contains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

wire_enum! {
    pub enum ClassAction {
        Created = ("created", "创建", "Created"),
        Edited = ("edited", "修改", "Edited"),
        Submitted = ("submitted", "提交开班申请", "Submitted"),
        Withdrawn = ("withdrawn", "撤回申请", "Withdrawn"),
        Approved = ("approved", "审核通过", "Approved"),
        Returned = ("returned", "退回", "Returned"),
        Closed = ("closed", "结班", "Closed"),
        Deleted = ("deleted", "删除", "Deleted"),
        TaskPublished = ("task_published", "发布学习任务", "Task published"),
        TaskDeleted = ("task_deleted", "删除学习任务", "Task deleted"),
    }
}

/// `GET /api/v1/classes/{id}/events` — the class's history (application review included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ClassEvent {
    pub id: i64,
    pub action: ClassAction,
    pub actor_name: String,
    pub note: String,
    pub at: DateTime<Utc>,
}
