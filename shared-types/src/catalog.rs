//! Courses and the catalogue (Z-III.2, Z-III.3, Z-III.4, Z-III.6, T-7.2.7i/j/k).
//!
//! A course is an identity (number, kind, topic) plus revisions; what a reviewer judges (name,
//! lecturers, summary, chapters, coursewares, copyright) lives on a revision. There is no field for
//! advertising or anything unrelated to the course (Z-II.6).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::media::MediaStatus;

/// Course kinds. `Live` is reserved: the server refuses to create one until live teaching lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CourseKind {
    /// 自有课 — an institution's own course.
    Own,
    /// 线下课 — taught in a classroom.
    Offline,
    /// 点播课 — on demand, published by the platform or an institution and sold to institutions.
    Vod,
    /// 直播课 — reserved.
    Live,
}

impl CourseKind {
    pub const ALL: [CourseKind; 4] = [
        CourseKind::Own,
        CourseKind::Offline,
        CourseKind::Vod,
        CourseKind::Live,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CourseKind::Own => "own",
            CourseKind::Offline => "offline",
            CourseKind::Vod => "vod",
            CourseKind::Live => "live",
        }
    }

    pub fn parse(s: &str) -> Option<CourseKind> {
        CourseKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            CourseKind::Own => "自有课",
            CourseKind::Offline => "线下课",
            CourseKind::Vod => "点播课",
            CourseKind::Live => "直播课",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            CourseKind::Own => "Own course",
            CourseKind::Offline => "Offline course",
            CourseKind::Vod => "On-demand course",
            CourseKind::Live => "Live course",
        }
    }
}

/// 培训类别 — the training category; its code is part of the course number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrainingCategory {
    /// 安全生产
    SafetyProduction,
    /// 职业技能
    VocationalSkills,
    /// 创业培训
    Entrepreneurship,
}

impl TrainingCategory {
    pub const ALL: [TrainingCategory; 3] = [
        TrainingCategory::SafetyProduction,
        TrainingCategory::VocationalSkills,
        TrainingCategory::Entrepreneurship,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TrainingCategory::SafetyProduction => "safety_production",
            TrainingCategory::VocationalSkills => "vocational_skills",
            TrainingCategory::Entrepreneurship => "entrepreneurship",
        }
    }

    pub fn parse(s: &str) -> Option<TrainingCategory> {
        TrainingCategory::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The two letters in course numbers (`ZJ-AQ-2026-000123`).
    pub fn number_code(self) -> &'static str {
        match self {
            TrainingCategory::SafetyProduction => "AQ",
            TrainingCategory::VocationalSkills => "ZY",
            TrainingCategory::Entrepreneurship => "CY",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            TrainingCategory::SafetyProduction => "安全生产",
            TrainingCategory::VocationalSkills => "职业技能",
            TrainingCategory::Entrepreneurship => "创业培训",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            TrainingCategory::SafetyProduction => "Safety production",
            TrainingCategory::VocationalSkills => "Vocational skills",
            TrainingCategory::Entrepreneurship => "Entrepreneurship",
        }
    }
}

/// 培训类型 — the type within a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrainingType {
    /// 主要负责人
    Principal,
    /// 安全生产管理人员
    SafetyManager,
    /// 特种作业人员
    SpecialOperations,
    /// 其他从业人员
    FrontlineWorkers,
    /// 岗位技能提升
    SkillUpgrade,
    /// 就业技能
    EmploymentSkills,
    /// 新型学徒制
    Apprenticeship,
    /// 创办你的企业 (SYB)
    StartYourBusiness,
    /// 改善你的企业 (IYB)
    ImproveYourBusiness,
    /// 创业实训
    StartupPractice,
}

impl TrainingType {
    pub const ALL: [TrainingType; 10] = [
        TrainingType::Principal,
        TrainingType::SafetyManager,
        TrainingType::SpecialOperations,
        TrainingType::FrontlineWorkers,
        TrainingType::SkillUpgrade,
        TrainingType::EmploymentSkills,
        TrainingType::Apprenticeship,
        TrainingType::StartYourBusiness,
        TrainingType::ImproveYourBusiness,
        TrainingType::StartupPractice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TrainingType::Principal => "principal",
            TrainingType::SafetyManager => "safety_manager",
            TrainingType::SpecialOperations => "special_operations",
            TrainingType::FrontlineWorkers => "frontline_workers",
            TrainingType::SkillUpgrade => "skill_upgrade",
            TrainingType::EmploymentSkills => "employment_skills",
            TrainingType::Apprenticeship => "apprenticeship",
            TrainingType::StartYourBusiness => "start_your_business",
            TrainingType::ImproveYourBusiness => "improve_your_business",
            TrainingType::StartupPractice => "startup_practice",
        }
    }

    pub fn parse(s: &str) -> Option<TrainingType> {
        TrainingType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn category(self) -> TrainingCategory {
        match self {
            TrainingType::Principal
            | TrainingType::SafetyManager
            | TrainingType::SpecialOperations
            | TrainingType::FrontlineWorkers => TrainingCategory::SafetyProduction,
            TrainingType::SkillUpgrade
            | TrainingType::EmploymentSkills
            | TrainingType::Apprenticeship => TrainingCategory::VocationalSkills,
            TrainingType::StartYourBusiness
            | TrainingType::ImproveYourBusiness
            | TrainingType::StartupPractice => TrainingCategory::Entrepreneurship,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            TrainingType::Principal => "主要负责人",
            TrainingType::SafetyManager => "安全生产管理人员",
            TrainingType::SpecialOperations => "特种作业人员",
            TrainingType::FrontlineWorkers => "其他从业人员",
            TrainingType::SkillUpgrade => "岗位技能提升",
            TrainingType::EmploymentSkills => "就业技能",
            TrainingType::Apprenticeship => "新型学徒制",
            TrainingType::StartYourBusiness => "创办你的企业（SYB）",
            TrainingType::ImproveYourBusiness => "改善你的企业（IYB）",
            TrainingType::StartupPractice => "创业实训",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            TrainingType::Principal => "Principal",
            TrainingType::SafetyManager => "Safety manager",
            TrainingType::SpecialOperations => "Special operations",
            TrainingType::FrontlineWorkers => "Frontline workers",
            TrainingType::SkillUpgrade => "Skill upgrade",
            TrainingType::EmploymentSkills => "Employment skills",
            TrainingType::Apprenticeship => "Apprenticeship",
            TrainingType::StartYourBusiness => "Start Your Business (SYB)",
            TrainingType::ImproveYourBusiness => "Improve Your Business (IYB)",
            TrainingType::StartupPractice => "Start-up practice",
        }
    }
}

/// Where a revision is in the review workflow (Z-III.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RevisionStatus {
    /// 草稿 — being edited by its author.
    Draft,
    /// 已提交 — waiting to be assigned to an expert group.
    Submitted,
    /// 审核中
    InReview,
    /// 审核通过 — waiting to be published.
    Approved,
    /// 已退回 — returned with reasons; the author edits and submits again.
    Returned,
    /// 已发布 — the live revision.
    Published,
    /// 已替换 — was live, replaced by a newer published revision.
    Superseded,
}

impl RevisionStatus {
    pub const ALL: [RevisionStatus; 7] = [
        RevisionStatus::Draft,
        RevisionStatus::Submitted,
        RevisionStatus::InReview,
        RevisionStatus::Approved,
        RevisionStatus::Returned,
        RevisionStatus::Published,
        RevisionStatus::Superseded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RevisionStatus::Draft => "draft",
            RevisionStatus::Submitted => "submitted",
            RevisionStatus::InReview => "in_review",
            RevisionStatus::Approved => "approved",
            RevisionStatus::Returned => "returned",
            RevisionStatus::Published => "published",
            RevisionStatus::Superseded => "superseded",
        }
    }

    pub fn parse(s: &str) -> Option<RevisionStatus> {
        RevisionStatus::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Only drafts and returned revisions can be edited by their author.
    pub fn is_editable(self) -> bool {
        matches!(self, RevisionStatus::Draft | RevisionStatus::Returned)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            RevisionStatus::Draft => "草稿",
            RevisionStatus::Submitted => "待分配",
            RevisionStatus::InReview => "审核中",
            RevisionStatus::Approved => "审核通过",
            RevisionStatus::Returned => "已退回",
            RevisionStatus::Published => "已发布",
            RevisionStatus::Superseded => "已替换",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            RevisionStatus::Draft => "Draft",
            RevisionStatus::Submitted => "Submitted",
            RevisionStatus::InReview => "In review",
            RevisionStatus::Approved => "Approved",
            RevisionStatus::Returned => "Returned",
            RevisionStatus::Published => "Published",
            RevisionStatus::Superseded => "Superseded",
        }
    }
}

/// Whether learners can find the course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Listing {
    /// 未上架 — never published.
    Unlisted,
    /// 已上架
    Published,
    /// 已下架 — taken down with a reason; back only after a new review.
    TakenDown,
}

impl Listing {
    pub const ALL: [Listing; 3] = [Listing::Unlisted, Listing::Published, Listing::TakenDown];

    pub fn as_str(self) -> &'static str {
        match self {
            Listing::Unlisted => "unlisted",
            Listing::Published => "published",
            Listing::TakenDown => "taken_down",
        }
    }

    pub fn parse(s: &str) -> Option<Listing> {
        Listing::ALL.into_iter().find(|l| l.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Listing::Unlisted => "未上架",
            Listing::Published => "已上架",
            Listing::TakenDown => "已下架",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Listing::Unlisted => "Unlisted",
            Listing::Published => "Published",
            Listing::TakenDown => "Taken down",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CoursewareKind {
    /// A video with WebVTT subtitles.
    Video,
    /// A PDF read in the browser.
    Document,
    /// An external page.
    Link,
}

impl CoursewareKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CoursewareKind::Video => "video",
            CoursewareKind::Document => "document",
            CoursewareKind::Link => "link",
        }
    }

    pub fn parse(s: &str) -> Option<CoursewareKind> {
        [
            CoursewareKind::Video,
            CoursewareKind::Document,
            CoursewareKind::Link,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            CoursewareKind::Video => "视频",
            CoursewareKind::Document => "文档",
            CoursewareKind::Link => "外部链接",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            CoursewareKind::Video => "Video",
            CoursewareKind::Document => "Document",
            CoursewareKind::Link => "Link",
        }
    }
}

/// Subtitle languages; `zh-CN` is required on every video before submission (Z-III.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub enum SubtitleLang {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en-US")]
    EnUs,
}

impl SubtitleLang {
    pub fn as_str(self) -> &'static str {
        match self {
            SubtitleLang::ZhCn => "zh-CN",
            SubtitleLang::EnUs => "en-US",
        }
    }

    pub fn parse(s: &str) -> Option<SubtitleLang> {
        [SubtitleLang::ZhCn, SubtitleLang::EnUs]
            .into_iter()
            .find(|l| l.as_str() == s)
    }
}

// ---------------------------------------------------------------------------------------------
// Lecturers and topics

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

// ---------------------------------------------------------------------------------------------
// Authoring

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

// ---------------------------------------------------------------------------------------------
// The published catalogue

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

// ---------------------------------------------------------------------------------------------
// Course history (T-7.2.7k)

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_training_type_belongs_to_a_category_and_names_round_trip() {
        for t in TrainingType::ALL {
            assert_eq!(TrainingType::parse(t.as_str()), Some(t));
            assert!(TrainingCategory::ALL.contains(&t.category()));
        }
        for k in CourseKind::ALL {
            assert_eq!(CourseKind::parse(k.as_str()), Some(k));
        }
        for s in RevisionStatus::ALL {
            assert_eq!(RevisionStatus::parse(s.as_str()), Some(s));
        }
        for a in CourseAction::ALL {
            assert_eq!(CourseAction::parse(a.as_str()), Some(a));
        }
    }
}
