//! The published catalogue.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{CourseKind, LecturerRef, Revision, TrainingCategory, TrainingType};

/// `GET /api/v1/catalogue?q=&category=&training_type=&kind=&lecturer_id=&page=&per_page=`:
/// `q` matches name, course number, lecturer, tags and summary, Chinese substrings included;
/// results are ranked (name, then number, lecturer, tag, summary matches).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct CatalogueQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<TrainingCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_type: Option<TrainingType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<CourseKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lecturer_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CatalogueItem {
    pub id: Uuid,
    pub course_no: String,
    pub kind: CourseKind,
    pub name: String,
    /// The first 120 characters of the summary.
    pub summary: String,
    pub category: TrainingCategory,
    pub training_type: TrainingType,
    pub lecturers: Vec<LecturerRef>,
    pub tags: Vec<String>,
    pub duration_seconds: i32,
    pub topic_id: Option<Uuid>,
    pub price_cents: Option<i64>,
    pub seat_price_cents: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CatalogueDetail {
    pub id: Uuid,
    pub course_no: String,
    pub kind: CourseKind,
    pub revision: Revision,
    /// Published courses of the same topic by other lecturers (Z-III.6).
    pub variants: Vec<CatalogueItem>,
}
