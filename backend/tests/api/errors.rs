//! Bad input gets a 4xx naming the problem, in zh-CN or en-US; never a 500.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Api, error_code, spawn_app};

#[tokio::test]
async fn malformed_json_missing_fields_and_wrong_types_name_the_field() {
    let app = spawn_app().await;
    let api = Api::new(&app, "demo");
    let http = reqwest::Client::new();
    let raw = |body: &'static str| {
        http.post(app.url("/api/v1/auth/login"))
            .header("X-Tenant", "demo")
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let (status, code, body) = error_code(raw("{not json").await.unwrap()).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "malformed_request")
    );
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("请求格式错误")
    );
    let (_, code, body) =
        error_code(raw(r#"{"username":"a","password":"b"}"#).await.unwrap()).await;
    assert_eq!(
        (code.as_str(), body["field"].as_str()),
        ("malformed_request", Some("device_id"))
    );
    let (_, _, body) = error_code(
        raw(r#"{"username":5,"password":"b","device_id":"12345678"}"#)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(body["field"], "username");
    // A whole body followed by more is refused, not read up to its first value.
    let (status, code, body) = error_code(
        raw(r#"{"username":"a","password":"b","device_id":"12345678"} {"x":1}"#)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, code.as_str(), body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "malformed_request", None)
    );
    let r = api
        .post(
            "/api/v1/auth/sms-codes",
            json!({"phone": "123", "purpose": "register"}),
        )
        .await;
    let (status, code, body) = error_code(r).await;
    assert_eq!(
        (status, code.as_str(), body["field"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            Some("phone")
        )
    );
    let r = api
        .post(
            "/api/v1/auth/sms-codes",
            json!({"phone": "13900000009", "purpose": "hack"}),
        )
        .await;
    assert_eq!(error_code(r).await.2["field"], "purpose");
    // Not JSON at all.
    let r = http
        .post(app.url("/api/v1/auth/login"))
        .header("X-Tenant", "demo")
        .body("a=b")
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(r).await.1, "unsupported_media_type");
}

#[tokio::test]
async fn messages_follow_accept_language() {
    let app = spawn_app().await;
    let http = reqwest::Client::new();
    let r = http
        .post(app.url("/api/v1/auth/login"))
        .header("X-Tenant", "demo")
        .header("Accept-Language", "en-US,en;q=0.9")
        .json(&json!({"username": "demo-admin", "password": "wrong-pass-1", "device_id": "device-0000001"}))
        .send()
        .await
        .unwrap();
    let (_, _, body) = error_code(r).await;
    assert_eq!(body["message"], "Wrong account or password");
}

#[tokio::test]
async fn an_unknown_tenant_is_a_clear_404() {
    let app = spawn_app().await;
    let api = Api::new(&app, "nowhere");
    let (status, code, body) = error_code(
        api.post(
            "/api/v1/auth/sms-codes",
            json!({"phone": "13900000001", "purpose": "register"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::NOT_FOUND, "tenant_not_found")
    );
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("nowhere")
    );
    assert_eq!(
        error_code(api.get("/api/v1/site").await).await.1,
        "tenant_not_found"
    );
    // Without X-Tenant the default tenant applies.
    let site: serde_json::Value = reqwest::get(app.url("/api/v1/site"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(site["code"], "demo");
}

#[tokio::test]
async fn oversized_bodies_bad_paths_and_unknown_routes_get_the_error_shape() {
    let app = spawn_app().await;
    let mut admin = Api::new(&app, "demo");
    admin.login("demo-admin").await;
    let huge = "x".repeat(2 * 1024 * 1024);
    let (status, code, _) = error_code(
        admin
            .post("/api/v1/admin/accounts", json!({"username": huge}))
            .await,
    )
    .await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
    );
    let (status, code, _) = error_code(admin.get("/api/v1/admin/accounts/not-a-uuid").await).await;
    assert!(
        status.is_client_error() && code == "malformed_request",
        "{status} {code}"
    );
    let (status, code, _) = error_code(admin.get("/api/v1/no-such-thing").await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
    let (status, code, body) =
        error_code(admin.get("/api/v1/admin/accounts?per_page=lots").await).await;
    assert_eq!(
        (status, code.as_str(), body["field"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "malformed_request",
            Some("per_page")
        )
    );
}

#[tokio::test]
async fn responses_carry_security_headers_and_a_request_id() {
    let app = spawn_app().await;
    let r = reqwest::get(app.url("/healthz")).await.unwrap();
    let h = r.headers();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'self'"));
    // Presigned media, photos and uploads come from the object store's origin, nothing else.
    let store = app.state.storage.origin();
    assert!(
        csp.contains(&format!("media-src 'self' blob: {store};")),
        "{csp}"
    );
    assert!(
        csp.contains(&format!("connect-src 'self' {store};")),
        "{csp}"
    );
    assert!(h.get("x-request-id").is_some());
    assert!(
        h.get("strict-transport-security").is_none(),
        "no HSTS without TLS"
    );
}
