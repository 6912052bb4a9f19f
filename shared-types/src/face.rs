//! Real-name verification (实名认证, T-7.2.6b) and face checks (人脸核验, T-7.2.6c/d, Z-II.3).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::wire_enum;

wire_enum! {
    pub enum RealNameStatus {
        Unverified = ("unverified", "未认证", "Not verified"),
        Pending = ("pending", "审核中", "Under review"),
        Verified = ("verified", "已认证", "Verified"),
        Rejected = ("rejected", "未通过", "Rejected"),
    }
}

wire_enum! {
    /// How a real-name submission was decided.
    pub enum RealNameMethod {
        /// Reviewed by regulator staff from the uploaded photos.
        Review = ("review", "人工审核", "Staff review"),
        /// Checked by the tenant's external identity-check service.
        External = ("external", "身份核验服务", "Identity-check service"),
        /// Institution staff saw the trainee and the ID card.
        InPerson = ("in_person", "现场核验", "Verified in person"),
    }
}

wire_enum! {
    /// What an upload of a real-name or face flow is for.
    pub enum CapturePurpose {
        IdFront = ("id_front", "身份证人像面", "ID card, photo side"),
        IdBack = ("id_back", "身份证国徽面", "ID card, emblem side"),
        Portrait = ("portrait", "现场人像", "Live portrait"),
        Study = ("study", "学习抓拍", "Study snapshot"),
        Exam = ("exam", "考试抓拍", "Exam snapshot"),
    }
}

/// `POST /api/v1/face/captures`: ask for an upload slot for one camera frame or ID photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CaptureRequest {
    pub purpose: CapturePurpose,
    /// `image/jpeg` or `image/png`.
    pub content_type: String,
}

/// An upload slot: PUT the image bytes to `upload_url` (with the same `Content-Type`) before
/// `expires_at`, then name `capture_id` in the request that uses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CaptureSlot {
    pub capture_id: Uuid,
    pub upload_url: String,
    pub expires_at: DateTime<Utc>,
    /// Largest accepted image, in bytes.
    pub max_bytes: i64,
}

/// `POST /api/v1/me/real-name`: the learner's real-name submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RealNameSubmission {
    pub name: String,
    /// 身份证号 (GB 11643).
    pub id_number: String,
    pub id_front_capture: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_back_capture: Option<Uuid>,
    pub portrait_capture: Uuid,
}

/// `POST /api/v1/institution/trainees/{user_id}/real-name`: verified in person by institution
/// staff (who and when are recorded).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct InPersonVerification {
    pub name: String,
    pub id_number: String,
    /// A portrait taken on the spot becomes the face reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portrait_capture: Option<Uuid>,
    #[serde(default)]
    pub note: String,
}

/// `GET /api/v1/me/real-name`: the learner's real-name state (numbers masked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RealNameState {
    pub status: RealNameStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// e.g. `3301**********1234`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number_masked: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<RealNameMethod>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
    /// A face reference exists (face checks can run).
    pub face_enrolled: bool,
}

/// One submission in the staff review queue (`GET /api/v1/real-name/reviews`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RealNameReview {
    pub verification_id: Uuid,
    pub user_id: Uuid,
    pub account: String,
    pub name: String,
    pub id_number_masked: String,
    pub status: RealNameStatus,
    pub method: RealNameMethod,
    pub submitted_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<DateTime<Utc>>,
    /// Who decided (staff account), for in-person and reviewed submissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
    /// Short-lived links to the photos (only for staff allowed to review).
    pub photos: Vec<EvidencePhoto>,
    /// Similarity of the portrait to the ID photo, when the face engine could compare them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portrait_score: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EvidencePhoto {
    pub purpose: CapturePurpose,
    pub url: String,
}

/// `POST /api/v1/real-name/reviews/{verification_id}/decision`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RealNameDecision {
    pub approve: bool,
    /// Required when rejecting: shown to the learner.
    #[serde(default)]
    pub reason: String,
}

wire_enum! {
    /// The result of one face check.
    pub enum FaceOutcome {
        Passed = ("passed", "核验通过", "Passed"),
        NoFace = ("no_face", "未检测到人脸", "No face found"),
        SeveralFaces = ("several_faces", "检测到多张人脸", "More than one face"),
        Unclear = ("unclear", "人脸不清晰，请正对摄像头", "Face unclear: look straight at the camera"),
        Mismatch = ("mismatch", "与本人照片不符", "Not the enrolled person"),
        Repeated = ("repeated", "画面与之前的抓拍相同", "Same frame as an earlier snapshot"),
        VirtualCamera = ("virtual_camera", "检测到虚拟摄像头", "Virtual camera"),
        LivenessFailed = ("liveness_failed", "未完成转头动作", "The head turn was not seen"),
        NotEnrolled = ("not_enrolled", "尚未完成实名认证与人脸采集", "No verified face on file"),
        NoCamera = ("no_camera", "没有可用的摄像头", "No camera"),
    }
}

wire_enum! {
    /// What happens when the learner has no camera.
    pub enum FaceFallback {
        /// Human verification questions take the place of face checks.
        HumanCheck = ("human_check", "改用人工验证", "Human verification instead"),
        /// No study without a camera.
        NoStudy = ("no_study", "无摄像头不能学习", "No study without a camera"),
    }
}

wire_enum! {
    /// Which engine compares faces for a tenant.
    pub enum FaceProviderKind {
        /// The offline engine on this server (dlib).
        Local = ("local", "本机人脸引擎", "Local face engine"),
        /// The tenant's external face-comparison service over HTTP.
        Http = ("http", "外部人脸比对服务", "External face service"),
    }
}

/// `POST /api/v1/learning/sessions/{session_id}/face-checks`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FaceCheckRequest {
    pub capture_id: Uuid,
    /// When the policy asks for liveness: a second frame taken after the turn prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turn_capture_id: Option<Uuid>,
    /// The camera's device label (`MediaDeviceInfo.label`).
    #[serde(default)]
    pub camera_label: String,
}

/// The answer to a face check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FaceCheckResult {
    pub check_id: Uuid,
    pub outcome: FaceOutcome,
    pub passed: bool,
    /// Similarity to the reference (0..1), when a face was compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    /// What the learner is told (zh-CN first).
    pub message_zh: String,
    pub message_en: String,
}

/// The face-check state of a play session, sent when it opens and with every heartbeat answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FaceCheckDue {
    /// Turn the head this way in the second frame (liveness), when the policy asks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turn: Option<TurnDirection>,
    /// What happens without a camera.
    pub fallback: FaceFallback,
}

wire_enum! {
    pub enum TurnDirection {
        Left = ("left", "请向左转头", "Turn your head to the left"),
        Right = ("right", "请向右转头", "Turn your head to the right"),
    }
}

/// One face check, as regulators see it (`GET /api/v1/face/checks`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FaceCheckRecord {
    pub check_id: Uuid,
    pub user_id: Uuid,
    pub account: String,
    pub purpose: CapturePurpose,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub play_session_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub courseware_title: Option<String>,
    pub outcome: FaceOutcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    pub camera_label: String,
    pub checked_at: DateTime<Utc>,
    /// Short-lived link to the snapshot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_url: Option<String>,
}

/// `GET /api/v1/face/checks`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[serde(default)]
pub struct FaceCheckQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<FaceOutcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub play_session_id: Option<Uuid>,
    /// Only checks that did not pass (the default of the failure list).
    pub failed_only: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// `GET /api/v1/real-name/reviews` and `GET /api/v1/institution/real-name`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[serde(default)]
pub struct RealNameQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<RealNameStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}
