//! Learning tasks (学习任务, T-7.2.5d): published courses put to a class with a deadline and the
//! study hours required.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::catalog::CourseKind;
use crate::wire_enum;

wire_enum! {
    pub enum TaskStatus {
        Active = ("active", "进行中", "Active"),
        Deleted = ("deleted", "已删除", "Deleted"),
    }
}

/// `POST /api/v1/classes/{id}/tasks` — published on-demand courses the institution holds seats of
/// (one seat per trainee and course), or its own published courses (no seats).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TaskInput {
    pub name: String,
    pub course_ids: Vec<Uuid>,
    pub deadline: DateTime<Utc>,
    /// 要求学时 (one decimal).
    pub required_hours: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TaskCourse {
    pub course_id: Uuid,
    pub course_no: String,
    pub name: String,
    pub kind: CourseKind,
    pub duration_seconds: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Task {
    pub id: Uuid,
    pub class_id: Uuid,
    pub name: String,
    pub deadline: DateTime<Utc>,
    pub required_hours: f64,
    pub status: TaskStatus,
    pub courses: Vec<TaskCourse>,
    /// Some trainee has study records on the task's courses: deleting needs `force` and a reason.
    pub started: bool,
    pub created_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub delete_reason: String,
}

/// `POST /api/v1/tasks/{id}/force-delete` — deletes a started task; the reason is audited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ForceDeleteRequest {
    pub reason: String,
}
