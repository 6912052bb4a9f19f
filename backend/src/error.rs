//! The one error type. Every failure becomes HTTP status + stable code + a message in zh-CN or
//! en-US (chosen by `Accept-Language` in [`localize`]) + the field at fault, if any. Internal causes
//! are logged with the request id and never sent to the client.

use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shared_types::{ApiError, ErrorCode};

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A field breaks a rule (missing, too long, wrong format...).
    #[error("invalid field {field}: {}", .text.en)]
    Invalid { field: String, text: Text },
    /// The body could not be read as the expected JSON.
    #[error("malformed request: {detail}")]
    Malformed {
        field: Option<String>,
        detail: String,
    },
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("not signed in")]
    Unauthenticated,
    #[error("session replaced by a login on another device")]
    SessionReplaced,
    #[error("device in use by another account")]
    DeviceInUse,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("account locked for {minutes} more minutes")]
    AccountLocked { minutes: i64 },
    #[error("account disabled")]
    AccountDisabled,
    #[error("invalid sms code")]
    InvalidSmsCode,
    #[error("sms cooldown {seconds}s")]
    SmsCooldown { seconds: i64 },
    #[error("forbidden")]
    Forbidden,
    #[error("{} not found", .what.en)]
    NotFound { what: Text },
    #[error("tenant {0} not found")]
    TenantNotFound(String),
    #[error("{field} already exists")]
    AlreadyExists { field: String },
    #[error("conflict: {}", .0.en)]
    Conflict(Text),
    #[error("rate limited")]
    RateLimited,
    #[error("timeout")]
    Timeout,
    #[error("unavailable")]
    Unavailable,
    #[error("dev only")]
    DevOnly,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn invalid(field: &str, zh: impl Into<String>, en: impl Into<String>) -> AppError {
        AppError::Invalid {
            field: field.to_owned(),
            text: Text::new(zh, en),
        }
    }

    pub fn not_found(zh: &str, en: &str) -> AppError {
        AppError::NotFound {
            what: Text::new(zh, en),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Invalid { .. } => ErrorCode::InvalidField,
            AppError::Malformed { .. } => ErrorCode::MalformedRequest,
            AppError::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            AppError::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::SessionReplaced => ErrorCode::SessionReplaced,
            AppError::DeviceInUse => ErrorCode::DeviceInUse,
            AppError::InvalidCredentials => ErrorCode::InvalidCredentials,
            AppError::AccountLocked { .. } => ErrorCode::AccountLocked,
            AppError::AccountDisabled => ErrorCode::AccountDisabled,
            AppError::InvalidSmsCode => ErrorCode::InvalidSmsCode,
            AppError::SmsCooldown { .. } => ErrorCode::SmsCooldown,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::NotFound { .. } => ErrorCode::NotFound,
            AppError::TenantNotFound(_) => ErrorCode::TenantNotFound,
            AppError::AlreadyExists { .. } => ErrorCode::AlreadyExists,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::RateLimited => ErrorCode::RateLimited,
            AppError::Timeout => ErrorCode::Timeout,
            AppError::Unavailable => ErrorCode::Unavailable,
            AppError::DevOnly => ErrorCode::DevOnly,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Invalid { .. } | AppError::Malformed { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Unauthenticated
            | AppError::SessionReplaced
            | AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            AppError::InvalidSmsCode => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::DeviceInUse | AppError::AlreadyExists { .. } | AppError::Conflict(_) => {
                StatusCode::CONFLICT
            }
            AppError::AccountLocked { .. } | AppError::AccountDisabled | AppError::Forbidden => {
                StatusCode::FORBIDDEN
            }
            AppError::SmsCooldown { .. } | AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::NotFound { .. } | AppError::TenantNotFound(_) | AppError::DevOnly => {
                StatusCode::NOT_FOUND
            }
            AppError::Timeout => StatusCode::REQUEST_TIMEOUT,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn field(&self) -> Option<String> {
        match self {
            AppError::Invalid { field, .. } | AppError::AlreadyExists { field } => {
                Some(field.clone())
            }
            AppError::Malformed { field, .. } => field.clone(),
            _ => None,
        }
    }

    fn text(&self) -> Text {
        match self {
            AppError::Invalid { field, text } => Text::new(
                format!("字段 {field} 无效：{}", text.zh),
                format!("Field `{field}` is invalid: {}", text.en),
            ),
            AppError::Malformed {
                field: Some(field),
                detail,
            } => Text::new(
                format!("请求格式错误，字段 {field}：{detail}"),
                format!("Malformed request at field `{field}`: {detail}"),
            ),
            AppError::Malformed {
                field: None,
                detail,
            } => Text::new(
                format!("请求格式错误：{detail}"),
                format!("Malformed request: {detail}"),
            ),
            AppError::PayloadTooLarge => Text::new("请求体过大", "The request body is too large"),
            AppError::UnsupportedMediaType => Text::new(
                "请求须为 JSON（Content-Type: application/json）",
                "The body must be JSON (Content-Type: application/json)",
            ),
            AppError::Unauthenticated => Text::new("请先登录", "Please sign in"),
            AppError::SessionReplaced => Text::new(
                "您的账号已在其他设备登录",
                "Your account was signed in on another device",
            ),
            AppError::DeviceInUse => Text::new(
                "此设备已登录其他账号，请先退出该账号",
                "This device is signed in with another account; sign that account out first",
            ),
            AppError::InvalidCredentials => {
                Text::new("账号或密码错误", "Wrong account or password")
            }
            AppError::AccountLocked { minutes } => Text::new(
                format!("登录失败次数过多，请 {minutes} 分钟后再试"),
                format!("Too many failed sign-ins; try again in {minutes} minutes"),
            ),
            AppError::AccountDisabled => Text::new("账号已停用", "This account is disabled"),
            AppError::InvalidSmsCode => {
                Text::new("验证码错误或已过期", "The SMS code is wrong or has expired")
            }
            AppError::SmsCooldown { seconds } => Text::new(
                format!("发送过于频繁，请 {seconds} 秒后再试"),
                format!("Codes are sent too often; try again in {seconds} seconds"),
            ),
            AppError::Forbidden => {
                Text::new("没有权限执行此操作", "You are not allowed to do this")
            }
            AppError::NotFound { what } => Text::new(
                format!("{}不存在", what.zh),
                format!("{} not found", what.en),
            ),
            AppError::TenantNotFound(code) => Text::new(
                format!("站点 {code} 不存在"),
                format!("Site `{code}` does not exist"),
            ),
            AppError::AlreadyExists { field } => Text::new(
                format!("{field} 已被使用"),
                format!("This {field} is already in use"),
            ),
            AppError::Conflict(text) => text.clone(),
            AppError::RateLimited => Text::new(
                "请求过于频繁，请稍后再试",
                "Too many requests; please wait a moment",
            ),
            AppError::Timeout => Text::new("请求超时", "The request timed out"),
            AppError::Unavailable => Text::new(
                "服务繁忙，请稍后重试",
                "The service is busy; please try again shortly",
            ),
            AppError::DevOnly => Text::new("仅开发模式可用", "Only available in dev mode"),
            AppError::Internal(_) => Text::new(
                "服务器内部错误，请稍后重试",
                "Internal error; please try again later",
            ),
        }
    }

    /// The wire body in the chosen language.
    pub fn to_body(&self, lang: Lang) -> ApiError {
        let text = self.text();
        ApiError {
            code: self.code(),
            message: match lang {
                Lang::Zh => text.zh,
                Lang::En => text.en,
            },
            field: self.field(),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> AppError {
        AppError::Internal(err.into())
    }
}

/// The rendered error travels in the response extensions until [`localize`] writes the body.
#[derive(Clone)]
pub struct PendingError(pub std::sync::Arc<AppError>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(cause) = &self {
            tracing::error!(error = ?cause, "internal error");
        }
        let mut response = self.status().into_response();
        response.extensions_mut().insert(self.code());
        response
            .extensions_mut()
            .insert(PendingError(std::sync::Arc::new(self)));
        response
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The first supported language of an `Accept-Language` header; zh-CN by default.
    pub fn from_accept_language(header: Option<&str>) -> Lang {
        let Some(header) = header else {
            return Lang::Zh;
        };
        let mut ranked: Vec<(f32, &str)> = header
            .split(',')
            .map(|part| {
                let mut pieces = part.trim().split(';');
                let tag = pieces.next().unwrap_or("").trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse().ok())
                    .unwrap_or(1.0);
                (q, tag)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked
            .into_iter()
            .find_map(|(_, tag)| {
                let tag = tag.to_ascii_lowercase();
                if tag.starts_with("zh") {
                    Some(Lang::Zh)
                } else if tag.starts_with("en") {
                    Some(Lang::En)
                } else {
                    None
                }
            })
            .unwrap_or(Lang::Zh)
    }
}

/// Writes every error body in the caller's language, and turns the framework's own bodiless
/// errors (unknown route, wrong method, body limit) into the same JSON shape.
pub async fn localize(request: Request, next: Next) -> Response {
    let lang = Lang::from_accept_language(
        request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let is_api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let pending = response.extensions_mut().remove::<PendingError>();
    let error = match pending {
        Some(PendingError(error)) => error,
        None if is_api && response.status().is_client_error() && !is_json(&response) => {
            let status = response.status();
            let (parts, body) = response.into_parts();
            // Framework rejections (bad path parameter, wrong method...) carry a short text body.
            let detail = axum::body::to_bytes(body, 4096)
                .await
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            let error = match status {
                StatusCode::NOT_FOUND => AppError::not_found("接口", "Endpoint"),
                StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
                StatusCode::REQUEST_TIMEOUT => AppError::Timeout,
                StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType,
                StatusCode::METHOD_NOT_ALLOWED => AppError::Malformed {
                    field: None,
                    detail: "method not allowed".into(),
                },
                _ => AppError::Malformed {
                    field: None,
                    detail: if detail.is_empty() {
                        status.to_string()
                    } else {
                        detail
                    },
                },
            };
            let mut response = Response::from_parts(parts, axum::body::Body::empty());
            // Keep the framework's status (405 stays 405, 400 stays 400).
            response.extensions_mut().insert(error.code());
            let (parts, _) = response.into_parts();
            let body = serde_json::to_vec(&error.to_body(lang)).unwrap_or_default();
            return json_response(parts, body);
        }
        None => return response,
    };
    let (parts, _) = response.into_parts();
    json_response(
        parts,
        serde_json::to_vec(&error.to_body(lang)).unwrap_or_default(),
    )
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json"))
}

fn json_response(mut parts: axum::http::response::Parts, body: Vec<u8>) -> Response {
    parts.headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json; charset=utf-8"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, body.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported_language() {
        assert_eq!(Lang::from_accept_language(None), Lang::Zh);
        assert_eq!(Lang::from_accept_language(Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(
            Lang::from_accept_language(Some("fr;q=1, en;q=0.5, zh-CN;q=0.8")),
            Lang::Zh
        );
        assert_eq!(Lang::from_accept_language(Some("de")), Lang::Zh);
    }

    #[test]
    fn an_invalid_field_names_the_field_in_both_languages() {
        let err = AppError::invalid(
            "phone",
            "须为 11 位手机号",
            "must be an 11-digit mobile number",
        );
        let zh = err.to_body(Lang::Zh);
        let en = err.to_body(Lang::En);
        assert_eq!(zh.field.as_deref(), Some("phone"));
        assert!(zh.message.contains("11 位"));
        assert!(en.message.contains("11-digit"));
        assert_eq!(err.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }

    #[test]
    fn internal_causes_never_reach_the_client() {
        let err = AppError::Internal(anyhow::anyhow!("password=hunter2 leaked"));
        assert!(!err.to_body(Lang::En).message.contains("hunter2"));
    }
}
