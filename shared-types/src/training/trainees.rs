//! The trainees of a class (学员管理): real-name data, added one by one or imported from an XLSX or
//! CSV file with a preview that marks every bad row (Z-II.1).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::learning::StudyTime;
use crate::wire_enum;

wire_enum! {
    /// 文化程度
    pub enum Education {
        Primary = ("primary", "小学及以下", "Primary school or less"),
        Junior = ("junior", "初中", "Junior high school"),
        Senior = ("senior", "高中/中专/技校", "Senior high or vocational school"),
        College = ("college", "大专", "College"),
        Bachelor = ("bachelor", "本科", "Bachelor"),
        Postgraduate = ("postgraduate", "研究生及以上", "Postgraduate"),
    }
}

wire_enum! {
    pub enum EnrolmentStatus {
        Active = ("active", "在班", "Enrolled"),
        /// Removed from the class; the record stays.
        Removed = ("removed", "已移除", "Removed"),
    }
}

/// `POST /api/v1/classes/{id}/trainees`, `PUT /api/v1/classes/{id}/trainees/{enrolment_id}`.
/// A trainee whose phone or ID-card number already has an account in the site joins with that
/// account. Name, ID-card number and phone of an account that has signed in belong to the trainee
/// and are not changed here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TraineeInput {
    pub name: String,
    /// 身份证号 (GB 11643).
    pub id_card_no: String,
    pub phone: String,
    pub trainee_type_id: Uuid,
    #[serde(default)]
    pub enterprise_id: Option<Uuid>,
    pub education: Education,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NamedRef {
    pub id: Uuid,
    pub name: String,
}

/// One trainee of a class (an enrolment).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ClassTrainee {
    /// The enrolment id.
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    /// `330102********1234`
    pub id_card_masked: String,
    pub phone_masked: String,
    pub trainee_type: Option<NamedRef>,
    pub enterprise: Option<NamedRef>,
    pub education: Education,
    pub status: EnrolmentStatus,
    /// The trainee has study records in this class: removing keeps their seats used.
    pub started: bool,
    /// Credited study time in the coursewares of the class's active tasks (学时 of the site's
    /// length).
    pub studied: StudyTime,
    /// Has signed in at least once.
    pub signed_in: bool,
    pub added_at: DateTime<Utc>,
    pub removed_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/classes/{id}/trainees?status=&q=&page=&per_page=`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct TraineeQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EnrolmentStatus>,
    /// Exact name, phone or ID-card number (they are stored encrypted; no substring search).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// What is wrong with one field of an import row, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RowProblem {
    /// `name`, `id_card_no`, `phone`, `trainee_type`, `enterprise`, `education`, or `row`.
    pub field: String,
    pub zh: String,
    pub en: String,
}

/// One data row of an import file as read, with its problems (none: it will be imported).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ImportRow {
    /// The row number in the file (the header is row 1).
    pub line: u32,
    pub name: String,
    pub id_card_no: String,
    pub phone: String,
    pub trainee_type: String,
    pub enterprise: String,
    pub education: String,
    pub problems: Vec<RowProblem>,
    /// The phone or ID-card number already has an account; it joins with that account.
    pub existing_account: bool,
}

/// The answer of `POST /api/v1/classes/{id}/trainees/import` (multipart, field `file`: `.xlsx`
/// or `.csv`, UTF-8 or GB18030): every row checked, nothing saved yet but the preview itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ImportPreview {
    pub import_id: Uuid,
    pub file_name: String,
    pub total: u32,
    pub good: u32,
    pub bad: u32,
    pub rows: Vec<ImportRow>,
    /// Seats of on-demand courses the good rows would use (the class's published tasks).
    pub seats_needed: Vec<SeatNeed>,
    /// Commit before this, else upload again.
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SeatNeed {
    pub course_id: Uuid,
    pub course_name: String,
    pub needed: i32,
    pub remaining: i32,
}

/// The answer of `POST /api/v1/classes/{id}/trainees/import/{import_id}/commit`: the good rows
/// went in together, or nothing did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ImportResult {
    pub import_id: Uuid,
    pub added: u32,
    /// Bad rows left out, and good rows already in the class.
    pub skipped: u32,
    pub accounts_created: u32,
    /// First-login text messages queued for the new accounts.
    pub sms_queued: u32,
}
