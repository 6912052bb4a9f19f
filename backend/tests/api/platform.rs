//! Health, OpenAPI, the platform tenant API and dev-only endpoints.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Api, error_code, spawn_app, spawn_with};

#[tokio::test]
async fn health_and_readiness_report_database_and_storage() {
    let app = spawn_app().await;
    assert_eq!(
        reqwest::get(app.url("/healthz")).await.unwrap().status(),
        StatusCode::OK
    );
    let ready: Value = reqwest::get(app.url("/readyz"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ready, json!({"database": true, "storage": true}));
}

#[tokio::test]
async fn the_openapi_document_lists_every_endpoint_with_its_error_shape() {
    let app = spawn_app().await;
    let doc: Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/auth/sms-codes",
        "/api/v1/auth/register",
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/me",
        "/api/v1/me/password",
        "/api/v1/me/phone",
        "/api/v1/dev/sms-outbox",
        "/api/v1/admin/accounts",
        "/api/v1/admin/accounts/{id}",
        "/api/v1/admin/accounts/{id}/password",
        "/api/v1/audit",
        "/api/v1/site",
        "/api/v1/tenant/settings",
        "/api/v1/platform/tenants",
        "/healthz",
        "/readyz",
    ] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} missing from the OpenAPI document"
        );
    }
    // Every path the contract documents for issues 3 to 6 is in the OpenAPI document.
    for contract in [
        "catalog-api.md",
        "training-api.md",
        "learning-api.md",
        "face.md",
    ] {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../docs")
                .join(contract),
        )
        .unwrap();
        let paths: Vec<&str> = text
            .split('`')
            .filter_map(|span| span.split_whitespace().last())
            .filter(|p| p.starts_with("/api/v1/"))
            .map(|p| p.split('?').next().unwrap())
            .collect();
        assert!(paths.len() > 5, "{contract}: {paths:?}");
        for path in paths {
            assert!(
                doc["paths"][path].is_object(),
                "{path} of {contract} missing from the OpenAPI document"
            );
        }
    }
    assert!(doc["components"]["schemas"]["ApiError"].is_object());
    let docs = reqwest::get(app.url("/api/docs/")).await.unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
    assert!(docs.text().await.unwrap().contains("swagger"));
}

#[tokio::test]
async fn a_platform_admin_creates_tenants_and_nobody_else_can() {
    let app = spawn_app().await;
    let mut platform = Api::new(&app, "demo");
    platform.login("demo-platform").await;
    let r = platform
        .post(
            "/api/v1/platform/tenants",
            json!({"code": "zj", "name": "浙江"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let tenant: Value = r.json().await.unwrap();
    assert_eq!(
        (
            tenant["time_zone"].as_str(),
            tenant["settings"]["study_hour_minutes"].as_u64()
        ),
        (Some("Asia/Shanghai"), Some(45))
    );
    let (status, code, body) = error_code(
        platform
            .post(
                "/api/v1/platform/tenants",
                json!({"code": "zj", "name": "again"}),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, code.as_str(), body["field"].as_str()),
        (StatusCode::CONFLICT, "already_exists", Some("code"))
    );
    let (_, _, body) = error_code(
        platform
            .post(
                "/api/v1/platform/tenants",
                json!({"code": "Bad Code", "name": "x"}),
            )
            .await,
    )
    .await;
    assert_eq!(body["field"], "code");
    let (_, _, body) = error_code(
        platform
            .post(
                "/api/v1/platform/tenants",
                json!({"code": "sh", "name": "x", "time_zone": "Mars/Base"}),
            )
            .await,
    )
    .await;
    assert_eq!(body["field"], "time_zone");
    let list: Value = platform
        .get("/api/v1/platform/tenants")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    let mut admin = Api::new(&app, "demo");
    admin.login("demo-admin").await;
    assert_eq!(
        admin
            .post(
                "/api/v1/platform/tenants",
                json!({"code": "hz", "name": "杭州"})
            )
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    // The new site answers anonymous calls.
    let site: Value = Api::new(&app, "zj")
        .get("/api/v1/site")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(site["name"], "浙江");
}

#[tokio::test]
async fn the_sms_outbox_does_not_exist_outside_dev_mode() {
    let app = spawn_with(&[
        ("ZHIPEI_MODE", "production"),
        ("ZHIPEI_SEED_DEMO", "0"),
        ("SMS_PROVIDER_URL", "http://127.0.0.1:9/sms"),
        ("SMS_PROVIDER_TOKEN", "t"),
        (
            "ZHIPEI_PII_KEYS",
            "k1:0101010101010101010101010101010101010101010101010101010101010101",
        ),
        (
            "ZHIPEI_BLIND_INDEX_KEY",
            "0202020202020202020202020202020202020202020202020202020202020202",
        ),
    ])
    .await;
    app.create_tenant("demo").await;
    let r = Api::new(&app, "demo")
        .get("/api/v1/dev/sms-outbox?phone=13800000001")
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}
