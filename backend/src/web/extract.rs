//! Extractors that turn bad input into field-named 4xx errors.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRef, FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::app::AppState;
use crate::error::AppError;

/// JSON body whose errors name the offending field (`serde_path_to_error`).
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/json"));
        if !is_json {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::Malformed {
                    field: None,
                    detail: rejection.body_text(),
                }
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Parses a JSON body; a body that does not parse is parsed again, tracking the path, so the
/// error names the field (tracking every body's path cost a twentieth of the server's CPU under
/// heartbeat load).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    serde_json::from_slice(bytes).map_err(|err| explain::<T>(bytes, &err))
}

/// Why `bytes` is not a `T`: the field the path-tracking parse stopped at, or none when the JSON
/// itself is broken or, the value being whole, something follows it.
fn explain<T: DeserializeOwned>(bytes: &[u8], err: &serde_json::Error) -> AppError {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let Err(err) = serde_path_to_error::deserialize::<_, T>(&mut de) else {
        return AppError::Malformed {
            field: None,
            detail: detail_of(err),
        };
    };
    let path = err.path().to_string();
    let inner = err.into_inner();
    let broken = matches!(
        inner.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    );
    // serde names a missing field in its message, not in the path.
    let missing = inner
        .to_string()
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next().map(str::to_owned));
    let field = match (path.as_str(), missing) {
        _ if broken => None,
        (".", Some(name)) => Some(name),
        (".", None) => None,
        (p, Some(name)) => Some(format!("{p}.{name}")),
        (p, None) => Some(p.to_owned()),
    };
    AppError::Malformed {
        field,
        detail: detail_of(&inner),
    }
}

/// serde's message without its "at line 1 column 9".
fn detail_of(err: &serde_json::Error) -> String {
    let detail = err.to_string();
    match detail.split_once(" at line ") {
        Some((head, _)) => head.to_owned(),
        None => detail,
    }
}

/// Query string whose errors name the offending parameter.
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de)
            .map(ApiQuery)
            .map_err(|err| {
                let field = Some(err.path().to_string()).filter(|p| p != ".");
                AppError::Malformed {
                    field,
                    detail: err.into_inner().to_string(),
                }
            })
    }
}

/// Facts about the caller for audit and rate limits.
#[derive(Debug, Clone)]
pub struct ClientInfo {
    pub ip: String,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
}

impl<S> FromRequestParts<S> for ClientInfo
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let trust_proxy = AppState::from_ref(state).config.trust_proxy;
        Ok(client_info(parts, trust_proxy))
    }
}

pub fn client_info(parts: &Parts, trust_proxy: bool) -> ClientInfo {
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let forwarded = trust_proxy
        .then(|| header("x-forwarded-for"))
        .flatten()
        .and_then(|v| v.split(',').next().map(|ip| ip.trim().to_owned()));
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string());
    ClientInfo {
        ip: forwarded.or(peer).unwrap_or_else(|| "unknown".into()),
        user_agent: header("user-agent").map(|ua| ua.chars().take(300).collect()),
        request_id: header("x-request-id"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Body {
        phone: String,
        nested: Nested,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Nested {
        count: u32,
    }

    fn field_of(json: &str) -> Option<String> {
        match parse_json::<Body>(json.as_bytes()) {
            Err(AppError::Malformed { field, .. }) => field,
            _ => Some("<no error>".into()),
        }
    }

    #[test]
    fn a_missing_field_is_named() {
        assert_eq!(
            field_of(r#"{"nested":{"count":1}}"#).as_deref(),
            Some("phone")
        );
        assert_eq!(
            field_of(r#"{"phone":"1","nested":{}}"#).as_deref(),
            Some("nested.count")
        );
    }

    #[test]
    fn a_wrong_type_is_named() {
        assert_eq!(
            field_of(r#"{"phone":5,"nested":{"count":1}}"#).as_deref(),
            Some("phone")
        );
        assert_eq!(
            field_of(r#"{"phone":"1","nested":{"count":"x"}}"#).as_deref(),
            Some("nested.count")
        );
    }

    #[test]
    fn broken_json_is_malformed_without_a_field() {
        assert_eq!(field_of("{not json"), None);
    }

    #[test]
    fn anything_after_the_value_is_malformed() {
        let body = r#"{"phone":"1","nested":{"count":1}} {"phone":"2"}"#;
        match parse_json::<Body>(body.as_bytes()) {
            Err(AppError::Malformed { field, detail }) => {
                assert_eq!(field, None);
                assert_eq!(detail, "trailing characters");
            }
            other => panic!("expected Malformed, got {other:?}"),
        }
    }
}
