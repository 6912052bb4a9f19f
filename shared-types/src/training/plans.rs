//! Training plans (培训计划, Z-II.9): what an institution means to train in a period, and how far
//! it has got.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::wire_enum;

wire_enum! {
    pub enum PlanItemKind {
        /// Trainees of one of the institution's classes.
        Class = ("class", "班级", "Class"),
        /// Trainees given seats of one course in the period.
        Course = ("course", "课程", "Course"),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PlanItemInput {
    pub kind: PlanItemKind,
    /// The class (kind `class`) or course (kind `course`).
    pub ref_id: Uuid,
    pub target_trainees: u32,
}

/// `POST /api/v1/plans`, `PUT /api/v1/plans/{id}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PlanInput {
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub target_trainees: u32,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub items: Vec<PlanItemInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PlanItem {
    pub kind: PlanItemKind,
    pub ref_id: Uuid,
    /// The class's or course's name.
    pub label: String,
    pub target_trainees: i32,
    /// Trainees in the class, or given a seat of the course within the period.
    pub enrolled: i64,
    /// Of those, trainees who completed every courseware (filled in by the learning engine).
    pub completed: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Plan {
    pub id: Uuid,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub target_trainees: i32,
    pub notes: String,
    pub items: Vec<PlanItem>,
    /// Distinct trainees over all items.
    pub enrolled: i64,
    pub completed: i64,
    pub created_at: DateTime<Utc>,
}
