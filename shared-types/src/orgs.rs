//! Organisations: training institutions and their certification and qualifications, enterprises
//! settled in the region, organisation structure and the trainee-type dictionary
//! (T-7.2.5a, T-7.2.5b, T-7.2.7d, T-7.2.7e, T-7.2.7g, T-7.2.4).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::catalog::{TrainingCategory, TrainingType};
use crate::wire_enum;

wire_enum! {
    /// Where an institution is with its certification (认证).
    pub enum InstitutionStatus {
        /// 已注册 — signed up, nothing submitted: it can log in but do nothing that needs
        /// certification.
        Registered = ("registered", "待提交认证", "Not yet submitted"),
        /// 待审核 — certification data submitted (first time, or an edit after approval).
        Pending = ("pending", "待审核", "Pending review"),
        Certified = ("certified", "已认证", "Certified"),
        /// 已退回 — returned with reasons; the institution corrects and submits again.
        Returned = ("returned", "已退回", "Returned"),
    }
}

wire_enum! {
    /// One submission of certification data, or one qualification application.
    pub enum ReviewStatus {
        Pending = ("pending", "待审核", "Pending"),
        Approved = ("approved", "已通过", "Approved"),
        Returned = ("returned", "已退回", "Returned"),
        /// An approved version replaced by a newer approved one.
        Superseded = ("superseded", "已更新", "Superseded"),
        /// A qualification the regulator withdrew.
        Revoked = ("revoked", "已撤销", "Revoked"),
    }
}

wire_enum! {
    /// A regulator's decision on a submission.
    pub enum Decision {
        Approve = ("approve", "通过", "Approve"),
        Return = ("return", "退回", "Return"),
    }
}

/// `POST /api/v1/institutions/register` (anonymous, `X-Tenant`): a training unit signs up with
/// its head account (T-7.2.5a). The head's phone is confirmed by an SMS code (purpose `register`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RegisterInstitutionRequest {
    /// 统一社会信用代码 (GB 32100).
    pub credit_code: String,
    pub name: String,
    #[serde(default)]
    pub address: String,
    /// The head of the institution (机构负责人): name, phone, user name and password.
    pub head_name: String,
    pub phone: String,
    pub code: String,
    pub username: String,
    pub password: String,
    /// Signs the new head account in on this device at once.
    pub device_id: String,
}

/// A short reference to an institution, e.g. on `Me` and in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct InstitutionRef {
    pub id: Uuid,
    pub name: String,
    pub status: InstitutionStatus,
    /// An approved certification is in force (also while an edit awaits review).
    pub certified: bool,
}

/// The certification data an institution submits for review (认证资料).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CertificationInput {
    pub name: String,
    pub address: String,
    /// 法定代表人
    pub legal_representative: String,
    /// 经营（办学）范围
    #[serde(default)]
    pub business_scope: String,
    /// The business licence (营业执照), a `licence` upload (PDF, JPEG or PNG).
    pub licence_media_id: Option<Uuid>,
    /// Further documents (办学许可证, 场地证明...), `licence` uploads.
    #[serde(default)]
    pub document_media_ids: Vec<Uuid>,
}

/// One submitted version of the certification data with its review outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Certification {
    pub id: Uuid,
    pub version_no: i32,
    pub status: ReviewStatus,
    pub data: CertificationInput,
    pub submitted_by_name: String,
    pub submitted_at: DateTime<Utc>,
    pub reviewed_by_name: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The reasons given when returned, or a note on approval.
    pub review_note: String,
}

/// An institution as its own staff and the regulator see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Institution {
    pub id: Uuid,
    pub credit_code: String,
    pub name: String,
    pub address: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub status: InstitutionStatus,
    pub certified: bool,
    pub certified_at: Option<DateTime<Utc>>,
    /// The version in force (approved), if any.
    pub current: Option<Certification>,
    /// The version awaiting review, or the last returned one.
    pub open: Option<Certification>,
    pub created_at: DateTime<Utc>,
}

/// `PUT /api/v1/institution/contact` — contact data changes without review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ContactInput {
    pub contact_name: String,
    pub contact_phone: String,
}

/// A row of the regulator's institution list and review queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct InstitutionSummary {
    pub id: Uuid,
    pub credit_code: String,
    pub name: String,
    pub status: InstitutionStatus,
    pub certified: bool,
    pub contact_name: String,
    pub qualified_types: Vec<TrainingType>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// `GET /api/v1/institutions?status=&q=&page=&per_page=`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct InstitutionQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<InstitutionStatus>,
    /// Name or credit code contains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// `POST /api/v1/institutions/{id}/review`, `POST /api/v1/qualifications/{id}/review`,
/// `POST /api/v1/classes/{id}/review`: approve, or return with reasons (required).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ReviewRequest {
    pub decision: Decision,
    #[serde(default)]
    pub note: String,
}

// Qualifications (培训资质, T-7.2.7g)

/// `POST /api/v1/institution/qualifications` — apply for one training type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct QualificationInput {
    pub training_type: TrainingType,
    #[serde(default)]
    pub note: String,
    /// Evidence (`licence` uploads): permits, teacher lists, site photos.
    #[serde(default)]
    pub evidence_media_ids: Vec<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Qualification {
    pub id: Uuid,
    pub institution: InstitutionRef,
    pub category: TrainingCategory,
    pub training_type: TrainingType,
    pub status: ReviewStatus,
    pub note: String,
    pub evidence_media_ids: Vec<Uuid>,
    pub applied_at: DateTime<Utc>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_note: String,
}

wire_enum! {
    pub enum QualificationAction {
        Applied = ("applied", "提交申请", "Applied"),
        Approved = ("approved", "审核通过", "Approved"),
        Returned = ("returned", "退回", "Returned"),
        Revoked = ("revoked", "撤销", "Revoked"),
    }
}

/// One entry of a qualification's review history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct QualificationEvent {
    pub id: i64,
    pub qualification_id: Uuid,
    pub institution_name: String,
    pub training_type: TrainingType,
    pub action: QualificationAction,
    pub actor_name: String,
    pub note: String,
    pub at: DateTime<Utc>,
}

/// `GET /api/v1/qualifications?status=&institution_id=&training_type=&page=&per_page=`, and the
/// history `GET /api/v1/qualification-events?...` with the same filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct QualificationQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ReviewStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_type: Option<TrainingType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// `POST /api/v1/qualifications/{id}/revoke`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ReasonRequest {
    pub reason: String,
}

// Enterprises settled in the region (入驻企业, T-7.2.7d)

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EnterpriseInput {
    pub credit_code: String,
    pub name: String,
    /// 所属行业, e.g. 建筑施工, 危险化学品.
    pub industry: String,
    /// 所在区县
    pub district: String,
    #[serde(default)]
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Enterprise {
    pub id: Uuid,
    pub credit_code: String,
    pub name: String,
    pub industry: String,
    pub district: String,
    pub address: String,
    /// Trainees enrolled in classes while belonging to this enterprise.
    pub trainee_count: i64,
    pub created_at: DateTime<Utc>,
}

/// `GET /api/v1/enterprises?q=&industry=&district=&page=&per_page=`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct EnterpriseQuery {
    /// Name or credit code contains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

// Organisation structure (组织架构, T-7.2.4)

/// One department; the caller's whole tree comes back flat, parents before children, ordered
/// by position among siblings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Department {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    /// 负责人
    pub leader: String,
    pub phone: String,
    pub position: i32,
    /// Depth in the tree, 0 for a root.
    pub depth: i32,
}

/// `POST /api/v1/departments`, `PUT /api/v1/departments/{id}` (moving under another parent
/// included; a department cannot move under itself or its descendants).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DepartmentInput {
    pub name: String,
    #[serde(default)]
    pub parent_id: Option<Uuid>,
    #[serde(default)]
    pub leader: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub position: i32,
}

// Trainee types (学员类型, T-7.2.4)

/// An entry of the per-tenant trainee-type dictionary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TraineeType {
    pub id: Uuid,
    /// Short stable code, e.g. `urban_unemployed`; used in import files next to the name.
    pub code: String,
    pub name: String,
    pub enabled: bool,
    pub position: i32,
}

/// `POST /api/v1/trainee-types`, `PUT /api/v1/trainee-types/{id}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TraineeTypeInput {
    pub code: String,
    pub name: String,
    #[serde(default = "enabled")]
    pub enabled: bool,
    #[serde(default)]
    pub position: i32,
}

fn enabled() -> bool {
    true
}
