//! Registration, login, sessions and the signed-in user (T-7.2.5a, T-7.2.5f, T-7.2.6a, T-7.2.6f, Z-II.1, Z-II.3).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Role;
use crate::orgs::InstitutionRef;

/// Name of the session cookie the SPAs use.
pub const SESSION_COOKIE: &str = "zhipei_session";
/// Header naming the tenant (site code) on anonymous calls.
pub const TENANT_HEADER: &str = "X-Tenant";
/// Header carrying the persistent device id of the SPA (also accepted in request bodies).
pub const DEVICE_HEADER: &str = "X-Device-Id";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SmsPurpose {
    Register,
    Login,
    Rebind,
}

impl SmsPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            SmsPurpose::Register => "register",
            SmsPurpose::Login => "login",
            SmsPurpose::Rebind => "rebind",
        }
    }
}

/// `POST /api/v1/auth/sms-codes`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SmsCodeRequest {
    pub phone: String,
    pub purpose: SmsPurpose,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SmsCodeSent {
    /// Seconds until the code expires.
    pub expires_in_seconds: u32,
    /// Seconds until another code may be requested for this phone.
    pub resend_after_seconds: u32,
}

/// `POST /api/v1/auth/register` — trainee self-registration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RegisterRequest {
    pub phone: String,
    pub code: String,
    pub password: String,
    pub name: String,
    /// When given, the new account is signed in on this device at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
}

/// `POST /api/v1/auth/login` — phone or username, with password or SMS code.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub device_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Opaque bearer token for API clients (the SPAs use the HttpOnly cookie set alongside).
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: Me,
}

/// Register answers with the new user, and a session when a device id was given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RegisterResponse {
    pub user: Me,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<LoginResponse>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TenantSummary {
    pub code: String,
    pub name: String,
}

/// `GET /api/v1/me`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: Uuid,
    pub tenant: TenantSummary,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The phone with its middle digits hidden, e.g. `138****0001`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_masked: Option<String>,
    pub roles: Vec<Role>,
    /// The institution an institution-side account belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution: Option<InstitutionRef>,
}

/// `POST /api/v1/me/password`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// `POST /api/v1/me/phone` — the code was sent to the new phone with purpose `rebind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RebindPhoneRequest {
    pub new_phone: String,
    pub code: String,
}

/// One message of the dev SMS outbox (`GET /api/v1/dev/sms-outbox`, dev mode only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DevSmsMessage {
    pub phone: String,
    /// A code's [`SmsPurpose`] name, or `welcome` for the first-login notice of imported trainees.
    pub purpose: String,
    pub code: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
}
