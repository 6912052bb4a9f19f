//! Cross-cutting middleware: security headers, request timeout.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// The policy the security headers apply.
#[derive(Clone)]
pub struct SecurityPolicy {
    pub behind_tls: bool,
    csp: HeaderValue,
}

impl SecurityPolicy {
    /// The SPAs load only their own scripts and wasm and call only this origin; media, photos,
    /// documents and uploads go straight to (and come straight from) the object store's origin.
    pub fn new(behind_tls: bool, storage_origin: &str) -> SecurityPolicy {
        let s3 = storage_origin;
        let csp = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data: blob: {s3}; media-src 'self' blob: {s3}; font-src 'self' data:; \
             connect-src 'self' {s3}; frame-src 'self' {s3}; worker-src 'self' blob:; \
             frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
        );
        SecurityPolicy {
            behind_tls,
            csp: HeaderValue::from_str(&csp)
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
        }
    }
}

/// Security headers on every response; HSTS only when the server sits behind TLS.
pub async fn security_headers(
    State(policy): State<SecurityPolicy>,
    request: Request,
    next: Next,
) -> Response {
    let is_docs = request.uri().path().starts_with("/api/docs");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        // Swagger UI boots with an inline script; its pages get a policy that allows that.
        let csp = if is_docs {
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
            )
        } else {
            policy.csp.clone()
        };
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    if policy.behind_tls {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

/// Ends a request that runs longer than the configured timeout with a 408 in the error shape.
pub async fn timeout(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => AppError::Timeout.into_response(),
    }
}
