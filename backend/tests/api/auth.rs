//! Registration, sign-in, sessions and devices over HTTP.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Api, PASSWORD, error_code, sms_code, spawn_app, spawn_with};

#[tokio::test]
async fn a_trainee_registers_with_an_sms_code_and_is_signed_in() {
    let app = spawn_app().await;
    let api = Api::new(&app, "demo");
    let sent = api
        .post(
            "/api/v1/auth/sms-codes",
            json!({"phone": "13900000001", "purpose": "register"}),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::OK);
    let code = sms_code(&api, "13900000001").await;
    let response = api
        .post(
            "/api/v1/auth/register",
            json!({"phone": "13900000001", "code": code, "password": "study-2026", "name": "李四", "device_id": api.device}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let me: Value = api.get("/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["name"], "李四");
    assert_eq!(me["roles"], json!(["trainee"]));
    assert_eq!(me["phone_masked"], "139****0001");
    assert_eq!(me["tenant"]["code"], "demo");
    // The code was single use.
    let again = api
        .post(
            "/api/v1/auth/register",
            json!({"phone": "13900000001", "code": code, "password": "study-2026", "name": "x"}),
        )
        .await;
    assert_eq!(error_code(again).await.1, "already_exists");
}

#[tokio::test]
async fn a_wrong_or_reused_code_is_refused_and_tries_are_limited() {
    let app = spawn_app().await;
    let api = Api::new(&app, "demo");
    api.post(
        "/api/v1/auth/sms-codes",
        json!({"phone": "13900000002", "purpose": "register"}),
    )
    .await;
    let real = sms_code(&api, "13900000002").await;
    let wrong = if real == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let r = api.post("/api/v1/auth/register", json!({"phone": "13900000002", "code": wrong, "password": "study-2026", "name": "王五"})).await;
        assert_eq!(error_code(r).await.1, "invalid_sms_code");
    }
    // Five wrong tries burn the code: even the right one no longer works.
    let r = api
        .post(
            "/api/v1/auth/register",
            json!({"phone": "13900000002", "code": real, "password": "study-2026", "name": "王五"}),
        )
        .await;
    assert_eq!(error_code(r).await.1, "invalid_sms_code");
}

#[tokio::test]
async fn codes_have_a_resend_cooldown() {
    let app = spawn_app().await;
    let api = Api::new(&app, "demo");
    let body = json!({"phone": "13900000003", "purpose": "register"});
    assert_eq!(
        api.post("/api/v1/auth/sms-codes", body.clone())
            .await
            .status(),
        StatusCode::OK
    );
    let (status, code, _) = error_code(api.post("/api/v1/auth/sms-codes", body).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::TOO_MANY_REQUESTS, "sms_cooldown")
    );
}

#[tokio::test]
async fn sign_in_by_phone_and_sms_code() {
    let app = spawn_app().await;
    let api = Api::new(&app, "demo");
    api.post(
        "/api/v1/auth/sms-codes",
        json!({"phone": "13800000001", "purpose": "login"}),
    )
    .await;
    let code = sms_code(&api, "13800000001").await;
    let r = api
        .post(
            "/api/v1/auth/login",
            json!({"phone": "13800000001", "code": code, "device_id": api.device}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // An unknown phone gets the same answer but no message.
    let r = api
        .post(
            "/api/v1/auth/sms-codes",
            json!({"phone": "13700000009", "purpose": "login"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let outbox: Value = api
        .get("/api/v1/dev/sms-outbox?phone=13700000009")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(outbox, json!([]));
}

#[tokio::test]
async fn wrong_passwords_lock_the_account() {
    let app = spawn_app().await;
    let api = Api::new(&app, "demo");
    for _ in 0..4 {
        let (status, code, _) =
            error_code(api.try_login("demo-viewer", "wrong-pass-1").await).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::UNAUTHORIZED, "invalid_credentials")
        );
    }
    let (_, code, _) = error_code(api.try_login("demo-viewer", "wrong-pass-1").await).await;
    assert_eq!(code, "account_locked");
    // Locked: even the right password is refused until the lock expires.
    let (status, code, _) = error_code(api.try_login("demo-viewer", PASSWORD).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::FORBIDDEN, "account_locked")
    );
    // Unknown accounts answer exactly like a wrong password.
    let (_, code, _) = error_code(api.try_login("nobody-here", "wrong-pass-1").await).await;
    assert_eq!(code, "invalid_credentials");
}

#[tokio::test]
async fn authentication_endpoints_are_rate_limited_per_ip() {
    let app = spawn_with(&[("ZHIPEI_AUTH_RATE_PER_MINUTE", "3")]).await;
    let api = Api::new(&app, "demo");
    // Different accounts, one address: the per-IP window counts them all.
    for account in ["demo-viewer", "demo-operator", "demo-expert"] {
        let (status, _, _) = error_code(api.try_login(account, "wrong-pass-1").await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, code, _) = error_code(api.try_login("demo-mentor", PASSWORD).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::TOO_MANY_REQUESTS, "rate_limited")
    );
    // Every account stays refused from this address until the window ends.
    let (status, code, _) = error_code(api.try_login("demo-viewer", PASSWORD).await).await;
    assert_eq!(code, "rate_limited", "{status}");
}

#[tokio::test]
async fn a_login_on_another_device_replaces_the_first_session() {
    let app = spawn_app().await;
    let mut first = Api::new(&app, "demo");
    let mut second = Api::new(&app, "demo");
    first.login("13800000001").await;
    assert_eq!(first.get("/api/v1/me").await.status(), StatusCode::OK);
    second.login("13800000001").await;
    let (status, code, body) = error_code(first.get("/api/v1/me").await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNAUTHORIZED, "session_replaced")
    );
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("其他设备")
    );
    assert_eq!(second.get("/api/v1/me").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_device_holding_one_account_refuses_another_until_logout() {
    let app = spawn_app().await;
    let mut trainee = Api::new(&app, "demo").on_device("shared-device-0001");
    trainee.login("13800000001").await;
    let other = Api::new(&app, "demo").on_device("shared-device-0001");
    let (status, code, _) = error_code(other.try_login("demo-lecturer", PASSWORD).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::CONFLICT, "device_in_use")
    );
    assert_eq!(
        trainee
            .post("/api/v1/auth/logout", json!({}))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        other.try_login("demo-lecturer", PASSWORD).await.status(),
        StatusCode::OK
    );
    // The logged-out token is dead.
    assert_eq!(
        error_code(trainee.get("/api/v1/me").await).await.1,
        "unauthenticated"
    );
}

#[tokio::test]
async fn changing_the_password_ends_other_sessions_and_checks_the_current_one() {
    let app = spawn_app().await;
    let mut api = Api::new(&app, "demo");
    api.login("demo-mentor").await;
    let r = api
        .post(
            "/api/v1/me/password",
            json!({"current_password": "nope-1234", "new_password": "new-pass-2026"}),
        )
        .await;
    let (_, code, body) = error_code(r).await;
    assert_eq!(
        (code.as_str(), body["field"].as_str()),
        ("invalid_field", Some("current_password"))
    );
    let r = api
        .post(
            "/api/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "short"}),
        )
        .await;
    assert_eq!(error_code(r).await.2["field"], "new_password");
    let r = api
        .post(
            "/api/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "new-pass-2026"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        api.get("/api/v1/me").await.status(),
        StatusCode::OK,
        "the current session stays"
    );
    assert_eq!(
        api.try_login("demo-mentor", "new-pass-2026").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_phone_is_rebound_with_a_code_sent_to_the_new_phone() {
    let app = spawn_app().await;
    let mut api = Api::new(&app, "demo");
    api.login("13800000001").await;
    api.post(
        "/api/v1/auth/sms-codes",
        json!({"phone": "13600000001", "purpose": "rebind"}),
    )
    .await;
    let code = sms_code(&api, "13600000001").await;
    let r = api
        .post(
            "/api/v1/me/phone",
            json!({"new_phone": "13600000001", "code": code}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let me: Value = r.json().await.unwrap();
    assert_eq!(me["phone_masked"], "136****0001");
    // Another account's phone cannot be taken.
    let r = api
        .post(
            "/api/v1/auth/sms-codes",
            json!({"phone": "13600000001", "purpose": "rebind"}),
        )
        .await;
    assert_eq!(error_code(r).await.1, "already_exists");
}
