//! The one error body every endpoint returns: `{"code": "...", "message": "...", "field": "..."?}`.

use serde::{Deserialize, Serialize};

/// Stable machine-readable error codes. Clients match on these; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body is not valid JSON or has the wrong shape.
    MalformedRequest,
    /// A field is missing, has the wrong type or breaks a rule; `field` names it.
    InvalidField,
    PayloadTooLarge,
    UnsupportedMediaType,
    /// No (or an expired) session or token.
    Unauthenticated,
    /// The session was ended because the same account signed in on another device (Z-II.3).
    SessionReplaced,
    /// This device already holds a live session of another account (Z-II.3).
    DeviceInUse,
    InvalidCredentials,
    AccountLocked,
    AccountDisabled,
    InvalidSmsCode,
    SmsCooldown,
    Forbidden,
    NotFound,
    TenantNotFound,
    /// A unique value (phone, user name, tenant code) is taken; `field` names it.
    AlreadyExists,
    Conflict,
    RateLimited,
    Timeout,
    /// The service is busy or a dependency is down; try again shortly.
    Unavailable,
    /// Only available when the server runs in dev mode.
    DevOnly,
    Internal,
    /// A code this client version does not know yet.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MalformedRequest => "malformed_request",
            Self::InvalidField => "invalid_field",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::Unauthenticated => "unauthenticated",
            Self::SessionReplaced => "session_replaced",
            Self::DeviceInUse => "device_in_use",
            Self::InvalidCredentials => "invalid_credentials",
            Self::AccountLocked => "account_locked",
            Self::AccountDisabled => "account_disabled",
            Self::InvalidSmsCode => "invalid_sms_code",
            Self::SmsCooldown => "sms_cooldown",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::TenantNotFound => "tenant_not_found",
            Self::AlreadyExists => "already_exists",
            Self::Conflict => "conflict",
            Self::RateLimited => "rate_limited",
            Self::Timeout => "timeout",
            Self::Unavailable => "unavailable",
            Self::DevOnly => "dev_only",
            Self::Internal => "internal",
            Self::Unknown => "unknown",
        }
    }
}

/// The error body. `message` is localized by the request's `Accept-Language` (zh-CN default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_stable_names() {
        for code in [
            ErrorCode::SessionReplaced,
            ErrorCode::DeviceInUse,
            ErrorCode::InvalidField,
        ] {
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn an_unknown_code_does_not_break_an_old_client() {
        let parsed: ApiError = serde_json::from_str(r#"{"code":"brand_new","message":"m"}"#)
            .unwrap_or(ApiError {
                code: ErrorCode::Internal,
                message: String::new(),
                field: None,
            });
        assert_eq!(parsed.code, ErrorCode::Unknown);
    }
}
