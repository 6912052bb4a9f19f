//! What authors write: lecturers and topics, a course's fields, its outline (chapters,
//! coursewares, subtitles) and the authoring list's filter.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    CourseKind, CoursewareKind, Listing, RevisionStatus, SubtitleLang, TrainingCategory,
    TrainingType,
};
use crate::media::MediaStatus;

/// 讲师 — a person shown on courses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Lecturer {
    pub id: Uuid,
    pub name: String,
    pub title: String,
    pub bio: String,
    pub photo_media_id: Option<Uuid>,
    /// A short-lived presigned URL of the photo.
    pub photo_url: Option<String>,
    /// The institution whose lecturer this is; `None` for the regulator's own.
    #[serde(default)]
    pub institution_name: Option<String>,
    #[serde(default)]
    pub qualifications: Vec<LecturerQualification>,
    /// What they teach: courses naming them (live or being authored) and classes they teach.
    #[serde(default)]
    pub courses: Vec<Taught>,
    #[serde(default)]
    pub classes: Vec<Taught>,
}

/// A lecturer's qualification certificate (资格证书).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LecturerQualification {
    pub name: String,
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
}

/// A course or class a lecturer teaches: its id, number and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Taught {
    pub id: Uuid,
    pub number: String,
    pub name: String,
}

/// `POST /api/v1/lecturers`, `PUT /api/v1/lecturers/{id}`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LecturerInput {
    pub name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub bio: String,
    /// An `image` upload that is ready.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_media_id: Option<Uuid>,
    #[serde(default)]
    pub qualifications: Vec<LecturerQualification>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LecturerRef {
    pub id: Uuid,
    pub name: String,
}

/// A topic groups courses with the same content by different lecturers (Z-III.6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Topic {
    pub id: Uuid,
    pub name: String,
    pub course_count: i64,
}

/// `POST /api/v1/course-topics`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TopicInput {
    pub name: String,
}

// Courses, their revisions and outline

/// What an author edits on the open revision (`PUT /api/v1/courses/{id}`, and with `kind` on
/// create). Prices apply to on-demand courses, venue/schedule/hours to offline courses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CourseFields {
    pub name: String,
    #[serde(default)]
    pub summary: String,
    pub training_type: TrainingType,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub lecturer_ids: Vec<Uuid>,
    #[serde(default)]
    pub topic_id: Option<Uuid>,
    /// 版权方 (Z-III.2)
    #[serde(default)]
    pub copyright_holder: String,
    /// A `licence` upload proving the right to use the content (Z-III.2).
    #[serde(default)]
    pub licence_media_id: Option<Uuid>,
    #[serde(default)]
    pub price_cents: Option<i64>,
    #[serde(default)]
    pub seat_price_cents: Option<i64>,
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default)]
    pub schedule: Option<String>,
    #[serde(default)]
    pub offline_hours: Option<f64>,
}

impl CourseFields {
    /// A course known only by its name and training type; the rest is filled in later.
    pub fn new(name: String, training_type: TrainingType) -> Self {
        CourseFields {
            name,
            summary: String::new(),
            training_type,
            audience: String::new(),
            tags: Vec::new(),
            lecturer_ids: Vec::new(),
            topic_id: None,
            copyright_holder: String::new(),
            licence_media_id: None,
            price_cents: None,
            seat_price_cents: None,
            venue: None,
            schedule: None,
            offline_hours: None,
        }
    }
}

/// `POST /api/v1/courses`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreateCourseRequest {
    pub kind: CourseKind,
    pub fields: CourseFields,
}

/// A row of the authoring list and the review queues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CourseSummary {
    pub id: Uuid,
    pub course_no: String,
    pub kind: CourseKind,
    pub name: String,
    pub training_type: TrainingType,
    pub category: TrainingCategory,
    pub lecturers: Vec<LecturerRef>,
    pub duration_seconds: i32,
    pub listing: Listing,
    /// The revision being worked on or reviewed, else the live one.
    pub revision_id: Uuid,
    pub revision_no: i32,
    pub status: RevisionStatus,
    pub topic_id: Option<Uuid>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SubtitleTrack {
    pub lang: SubtitleLang,
    pub media_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Courseware {
    pub id: Uuid,
    /// The same courseware across revisions: learning progress is kept against it.
    pub lineage_id: Uuid,
    pub title: String,
    pub kind: CoursewareKind,
    pub position: i32,
    pub required: bool,
    pub media_id: Option<Uuid>,
    pub media_status: Option<MediaStatus>,
    pub url: Option<String>,
    pub min_study_seconds: Option<i32>,
    pub duration_seconds: i32,
    pub subtitles: Vec<SubtitleTrack>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Chapter {
    pub id: Uuid,
    pub title: String,
    pub position: i32,
    pub coursewares: Vec<Courseware>,
}

/// One revision in full: what reviewers judge and learners see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Revision {
    pub id: Uuid,
    pub revision_no: i32,
    pub status: RevisionStatus,
    pub name: String,
    pub summary: String,
    pub category: TrainingCategory,
    pub training_type: TrainingType,
    pub audience: String,
    pub tags: Vec<String>,
    pub lecturers: Vec<Lecturer>,
    pub copyright_holder: String,
    pub licence_media_id: Option<Uuid>,
    pub price_cents: Option<i64>,
    pub seat_price_cents: Option<i64>,
    pub venue: Option<String>,
    pub schedule: Option<String>,
    pub offline_hours: Option<f64>,
    /// Sum of the required coursewares' durations (Z-III.3).
    pub duration_seconds: i32,
    pub chapters: Vec<Chapter>,
    pub updated_at: DateTime<Utc>,
}

/// `GET /api/v1/courses/{id}`: the course with its open revision (else the live one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CourseDetail {
    pub id: Uuid,
    pub course_no: String,
    pub kind: CourseKind,
    pub topic_id: Option<Uuid>,
    pub listing: Listing,
    pub takedown_reason: Option<String>,
    pub live_revision_id: Option<Uuid>,
    pub revision: Revision,
    pub created_at: DateTime<Utc>,
}

impl CourseDetail {
    /// What an author edits, as the shown revision has it (the form's starting values).
    pub fn fields(&self) -> CourseFields {
        let r = &self.revision;
        CourseFields {
            name: r.name.clone(),
            summary: r.summary.clone(),
            training_type: r.training_type,
            audience: r.audience.clone(),
            tags: r.tags.clone(),
            lecturer_ids: r.lecturers.iter().map(|l| l.id).collect(),
            topic_id: self.topic_id,
            copyright_holder: r.copyright_holder.clone(),
            licence_media_id: r.licence_media_id,
            price_cents: r.price_cents,
            seat_price_cents: r.seat_price_cents,
            venue: r.venue.clone(),
            schedule: r.schedule.clone(),
            offline_hours: r.offline_hours,
        }
    }
}

/// `POST /api/v1/courses/{id}/chapters`, `PUT /api/v1/chapters/{id}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChapterInput {
    pub title: String,
}

/// `POST /api/v1/chapters/{id}/coursewares`, `PUT /api/v1/coursewares/{id}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CoursewareInput {
    pub title: String,
    pub kind: CoursewareKind,
    #[serde(default = "yes")]
    pub required: bool,
    /// video: a `video` upload; document: a `document` (PDF) upload.
    #[serde(default)]
    pub media_id: Option<Uuid>,
    /// link only.
    #[serde(default)]
    pub url: Option<String>,
    /// document only: the reading time that completes it.
    #[serde(default)]
    pub min_study_seconds: Option<i32>,
}

fn yes() -> bool {
    true
}

/// `PUT /api/v1/courses/{id}/chapters/order` and `PUT /api/v1/chapters/{id}/coursewares/order`:
/// every id of the list, in the new order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OrderRequest {
    pub ids: Vec<Uuid>,
}

/// `PUT /api/v1/coursewares/{id}/subtitles/{lang}`: a `subtitle` (WebVTT) upload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SubtitleInput {
    pub media_id: Uuid,
}

/// `GET /api/v1/courses?kind=&status=&listing=&q=&page=&per_page=`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct CourseQuery {
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
