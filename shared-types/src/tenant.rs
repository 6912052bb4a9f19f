//! Tenants: one region's site (站点), e.g. `zj` (T-7.2.1.1).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::face::{FaceFallback, FaceProviderKind};

/// Typed tenant settings with defaults; stored as JSON, unknown keys ignored, missing keys defaulted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct TenantSettings {
    /// 学时 — minutes in one study hour (Z-III.5: 45).
    pub study_hour_minutes: u32,
    /// Daily cap in study hours (Z-III.5: 8).
    pub daily_cap_study_hours: u32,
    /// Seconds between two player heartbeats.
    pub heartbeat_seconds: u32,
    pub face_check: FaceCheckPolicy,
    pub real_name: RealNamePolicy,
    /// Human verification at random moments while studying (T-7.2.6c).
    pub human_check: HumanCheckPolicy,
    pub anti_cheat: AntiCheatPolicy,
}

impl TenantSettings {
    /// The daily cap in seconds (Z-III.5: 8 study hours of 45 minutes = 6 hours).
    pub fn daily_cap_seconds(&self) -> i64 {
        i64::from(self.daily_cap_study_hours) * i64::from(self.study_hour_minutes) * 60
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct HumanCheckPolicy {
    pub enabled: bool,
    /// Challenges come between these many minutes apart.
    pub min_interval_minutes: u32,
    pub max_interval_minutes: u32,
    /// Seconds to answer before crediting stops.
    pub answer_seconds: u32,
}

impl Default for HumanCheckPolicy {
    fn default() -> Self {
        Self {
            enabled: true,
            min_interval_minutes: 10,
            max_interval_minutes: 20,
            answer_seconds: 60,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AntiCheatPolicy {
    /// An automated browser (`navigator.webdriver`, headless) stops crediting. A site running
    /// its own browser tests turns this off for its test tenant.
    pub automation_is_high_risk: bool,
    /// Accounts studying from one IP address within an hour before it counts as shared.
    pub accounts_per_ip: u32,
}

impl Default for AntiCheatPolicy {
    fn default() -> Self {
        Self {
            automation_is_high_risk: true,
            accounts_per_ip: 10,
        }
    }
}

impl Default for TenantSettings {
    fn default() -> Self {
        Self {
            study_hour_minutes: 45,
            daily_cap_study_hours: 8,
            heartbeat_seconds: 10,
            face_check: FaceCheckPolicy::default(),
            real_name: RealNamePolicy::default(),
            human_check: HumanCheckPolicy::default(),
            anti_cheat: AntiCheatPolicy::default(),
        }
    }
}

/// Face checks while studying and in exams (T-7.2.6c/d, Z-II.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FaceCheckPolicy {
    pub enabled: bool,
    /// Random checks while studying fall between these many minutes apart (the first one is
    /// at the start of every play session).
    pub min_interval_minutes: u32,
    pub max_interval_minutes: u32,
    /// Similarity needed to accept a face (0..1; the local engine's similarity is
    /// 1 − the dlib embedding distance: same person ≈ 0.55–0.7, others ≈ 0.1–0.2).
    pub threshold: f32,
    /// Ask for a head turn (a second frame) with every check.
    pub require_liveness: bool,
    /// Without a camera: human verification instead, or no study.
    pub fallback: FaceFallback,
    /// Accept cameras whose label names a virtual or fake device (only for a test tenant:
    /// Chromium's fake camera in browser tests).
    pub allow_virtual_camera: bool,
    /// The ID-card photo also counts as a face reference (besides the live portrait).
    pub use_id_photo: bool,
    pub provider: FaceProvider,
}

impl Default for FaceCheckPolicy {
    fn default() -> Self {
        Self {
            enabled: false,
            min_interval_minutes: 10,
            max_interval_minutes: 20,
            threshold: 0.45,
            require_liveness: false,
            fallback: FaceFallback::HumanCheck,
            allow_virtual_camera: false,
            use_id_photo: false,
            provider: FaceProvider::default(),
        }
    }
}

/// Which face engine compares faces, and for an external one where it is (its signing secret
/// is server configuration, `ZHIPEI_PROVIDER_SECRETS`, named here by `key_id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FaceProvider {
    pub kind: FaceProviderKind,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub endpoint: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub key_id: String,
}

impl Default for FaceProvider {
    fn default() -> Self {
        Self {
            kind: FaceProviderKind::Local,
            endpoint: String::new(),
            key_id: String::new(),
        }
    }
}

/// Real-name verification (T-7.2.6b): the local review queue, or an external identity-check
/// service (signed HTTP requests; secret as for [`FaceProvider`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct RealNamePolicy {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub endpoint: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub key_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Tenant {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub time_zone: String,
    pub settings: TenantSettings,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/platform/tenants` (platform admin) and `backend tenant create`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreateTenantRequest {
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<TenantSettings>,
}
