//! What a trainee sees of their training: `GET /api/v1/me/classes` and `GET /api/v1/me/tasks`
//! (the learning engine fills in the credited time and resume positions).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ClassMode, ClassStatus, TaskStatus, TrainingPolicy};
use crate::catalog::{CoursewareKind, TrainingType};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MyClass {
    pub id: Uuid,
    pub class_no: String,
    pub name: String,
    pub institution_name: String,
    pub project_name: String,
    pub training_type: TrainingType,
    pub mode: ClassMode,
    pub venue: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: ClassStatus,
    pub policy: TrainingPolicy,
    pub task_count: i64,
}

/// A courseware of a task's course, with the trainee's progress on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MyCourseware {
    pub id: Uuid,
    pub title: String,
    pub kind: CoursewareKind,
    pub required: bool,
    pub duration_seconds: i32,
    pub credited_seconds: i32,
    /// Where the player starts (seconds into a video, or the page of a document).
    pub resume_position: i32,
    pub completed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MyChapter {
    pub id: Uuid,
    pub title: String,
    pub coursewares: Vec<MyCourseware>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MyTaskCourse {
    pub course_id: Uuid,
    pub course_no: String,
    pub name: String,
    pub duration_seconds: i32,
    pub credited_seconds: i32,
    pub chapters: Vec<MyChapter>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MyTask {
    pub id: Uuid,
    pub class_id: Uuid,
    pub class_name: String,
    pub name: String,
    pub deadline: DateTime<Utc>,
    pub required_hours: f64,
    pub status: TaskStatus,
    /// Credited study time over the task's coursewares.
    pub credited_seconds: i32,
    pub courses: Vec<MyTaskCourse>,
}
