//! Staff administration (T-7.2.7m) and the audit trail (Z-V.4).

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Api, PASSWORD, error_code, spawn_app};

#[tokio::test]
async fn a_regulator_admin_manages_staff_accounts() {
    let app = spawn_app().await;
    let mut admin = Api::new(&app, "demo");
    admin.login("demo-admin").await;
    let create = json!({"username": "zhang-op", "name": "张运营", "phone": "13500000001", "password": "ops-pass-2026", "roles": ["regulator_operator"]});
    let r = admin.post("/api/v1/admin/accounts", create.clone()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let account: Value = r.json().await.unwrap();
    let id = account["id"].as_str().unwrap().to_owned();
    assert_eq!(account["name"], "张运营");
    assert_eq!(account["phone_masked"], "135****0001");
    // The same user name again is a 409 naming the field.
    let (status, code, body) = error_code(admin.post("/api/v1/admin/accounts", create).await).await;
    assert_eq!(
        (status, code.as_str(), body["field"].as_str()),
        (StatusCode::CONFLICT, "already_exists", Some("username"))
    );
    // Roles that cannot be granted here, and empty roles, are refused.
    for roles in [json!(["platform_admin"]), json!(["trainee"]), json!([])] {
        let r = admin.post("/api/v1/admin/accounts", json!({"username": "x-user", "name": "x", "password": "pass-2026x", "roles": roles})).await;
        assert_eq!(error_code(r).await.2["field"], "roles");
    }
    // Filter by role and search by user name.
    let list: Value = admin
        .get("/api/v1/admin/accounts?role=regulator_operator&q=zhang")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    // The new account signs in; disabling it ends its session.
    let mut op = Api::new(&app, "demo");
    assert_eq!(
        op.try_login("zhang-op", "ops-pass-2026").await.status(),
        StatusCode::OK
    );
    op.token = None;
    op.login_with("zhang-op", "ops-pass-2026").await;
    let path = format!("/api/v1/admin/accounts/{id}");
    let r = admin
        .send(
            "PATCH",
            &path,
            json!({"enabled": false, "name": "张三运营", "roles": ["regulator_viewer", "expert"]}),
        )
        .await;
    let updated: Value = r.json().await.unwrap();
    assert_eq!(
        (updated["enabled"].as_bool(), updated["name"].as_str()),
        (Some(false), Some("张三运营"))
    );
    assert_eq!(
        updated["phone_masked"], "135****0001",
        "the phone survives a name change"
    );
    assert_eq!(
        updated["roles"],
        json!(["expert", "regulator_viewer"]),
        "roles come back sorted"
    );
    assert_eq!(
        op.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        error_code(op.try_login("zhang-op", "ops-pass-2026").await)
            .await
            .1,
        "account_disabled"
    );
    // Re-enable, reset the password, delete.
    admin.send("PATCH", &path, json!({"enabled": true})).await;
    let r = admin
        .post(
            &format!("{path}/password"),
            json!({"new_password": "reset-pass-2026"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        op.try_login("zhang-op", "reset-pass-2026").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        admin.send("DELETE", &path, json!({})).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(admin.get(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        op.try_login("zhang-op", "reset-pass-2026").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_admin_cannot_lock_themselves_out() {
    let app = spawn_app().await;
    let mut admin = Api::new(&app, "demo");
    let me = admin.login("demo-admin").await;
    let path = format!(
        "/api/v1/admin/accounts/{}",
        me["user"]["id"].as_str().unwrap()
    );
    assert_eq!(
        error_code(admin.send("PATCH", &path, json!({"enabled": false})).await)
            .await
            .2["field"],
        "enabled"
    );
    assert_eq!(
        error_code(
            admin
                .send("PATCH", &path, json!({"roles": ["regulator_viewer"]}))
                .await
        )
        .await
        .2["field"],
        "roles"
    );
    assert_eq!(
        error_code(admin.send("DELETE", &path, json!({})).await)
            .await
            .0,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn logins_and_changes_are_audited_and_filterable() {
    let app = spawn_app().await;
    let api = Api::new(&app, "demo");
    api.try_login("demo-operator", "bad-pass-123").await;
    let mut admin = Api::new(&app, "demo");
    admin.login("demo-admin").await;
    admin
        .send(
            "PATCH",
            "/api/v1/tenant/settings",
            json!({"heartbeat_seconds": 15}),
        )
        .await;
    let page: Value = admin
        .get("/api/v1/audit?per_page=50")
        .await
        .json()
        .await
        .unwrap();
    let entries = page["items"].as_array().unwrap();
    let failed = entries
        .iter()
        .find(|e| e["result"] == "invalid_credentials")
        .expect("the failed login is audited");
    assert_eq!(failed["object"], "account:demo-operator");
    assert_eq!(failed["action"], "POST /api/v1/auth/login");
    assert!(failed["ip"].as_str().is_some() && failed["request_id"].as_str().is_some());
    let login = entries
        .iter()
        .find(|e| e["result"] == "success" && e["action"] == "POST /api/v1/auth/login")
        .unwrap();
    assert_eq!(login["actor_name"], "demo-admin");
    assert!(
        entries
            .iter()
            .any(|e| e["action"] == "PATCH /api/v1/tenant/settings" && e["result"] == "success")
    );
    let filtered: Value = admin
        .get("/api/v1/audit?result=invalid_credentials")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(filtered["total"], 1);
    // Reads are not audited.
    assert!(
        entries
            .iter()
            .all(|e| !e["action"].as_str().unwrap_or_default().starts_with("GET"))
    );
}

#[tokio::test]
async fn tenant_settings_are_read_and_patched_with_validation() {
    let app = spawn_app().await;
    let mut admin = Api::new(&app, "demo");
    admin.login("demo-admin").await;
    let settings: Value = admin
        .get("/api/v1/tenant/settings")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            settings["study_hour_minutes"].as_u64(),
            settings["daily_cap_study_hours"].as_u64()
        ),
        (Some(45), Some(8))
    );
    let r = admin
        .send(
            "PATCH",
            "/api/v1/tenant/settings",
            json!({"daily_cap_study_hours": 6, "face_check": {"enabled": true}}),
        )
        .await;
    let patched: Value = r.json().await.unwrap();
    assert_eq!(
        (
            patched["daily_cap_study_hours"].as_u64(),
            patched["face_check"]["enabled"].as_bool()
        ),
        (Some(6), Some(true))
    );
    let (status, _, body) = error_code(
        admin
            .send(
                "PATCH",
                "/api/v1/tenant/settings",
                json!({"daily_cap_study_hours": 99}),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, body["field"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("daily_cap_study_hours")
        )
    );
    let _ = PASSWORD;
}
