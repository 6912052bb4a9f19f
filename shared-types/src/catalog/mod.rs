//! Courses and the catalogue (Z-III.2, Z-III.3, Z-III.4, Z-III.6, T-7.2.7i/j/k).
//!
//! A course is an identity (number, kind, topic) plus revisions; what a reviewer judges (name,
//! lecturers, summary, chapters, coursewares, copyright) lives on a revision. There is no field for
//! advertising or anything unrelated to the course (Z-II.6).

use serde::{Deserialize, Serialize};

mod authoring;
mod catalogue;
mod history;

pub use authoring::*;
pub use catalogue::*;
pub use history::*;

crate::impl_wire_enum!(
    CourseKind,
    TrainingCategory,
    TrainingType,
    RevisionStatus,
    Listing,
    CoursewareKind,
    SubtitleLang,
);

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
