//! Casbin route guards and cross-tenant access over HTTP.

use reqwest::StatusCode;
use serde_json::{Value, json};
use shared_types::Role;

use crate::helpers::{Api, error_code, spawn_app};

#[tokio::test]
async fn operators_and_viewers_read_but_cannot_write() {
    let app = spawn_app().await;
    for account in ["demo-operator", "demo-viewer"] {
        let mut api = Api::new(&app, "demo");
        api.login(account).await;
        for path in ["/api/v1/admin/accounts", "/api/v1/tenant/settings"] {
            assert_eq!(
                api.get(path).await.status(),
                StatusCode::OK,
                "{account} {path}"
            );
        }
        let create = json!({"username": "new-op", "name": "新人", "password": "pass-2026x", "roles": ["regulator_operator"]});
        let (status, code, _) = error_code(api.post("/api/v1/admin/accounts", create).await).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::FORBIDDEN, "forbidden"),
            "{account}"
        );
        let patch = json!({"heartbeat_seconds": 20});
        let (status, _, _) =
            error_code(api.send("PATCH", "/api/v1/tenant/settings", patch).await).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{account}");
        assert_eq!(
            api.get("/api/v1/audit").await.status(),
            StatusCode::FORBIDDEN,
            "{account}"
        );
    }
}

#[tokio::test]
async fn experts_and_the_platform_operator_stay_out_of_site_administration() {
    let app = spawn_app().await;
    for account in ["demo-expert", "demo-platform"] {
        let mut api = Api::new(&app, "demo");
        api.login(account).await;
        for path in [
            "/api/v1/admin/accounts",
            "/api/v1/tenant/settings",
            "/api/v1/audit",
        ] {
            assert_eq!(
                api.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{account} {path}"
            );
        }
        assert_eq!(
            api.get("/api/v1/me").await.status(),
            StatusCode::OK,
            "{account}"
        );
    }
}

#[tokio::test]
async fn institution_users_and_trainees_cannot_reach_regulator_routes() {
    let app = spawn_app().await;
    for account in [
        "demo-inst-admin",
        "demo-inst-staff",
        "demo-lecturer",
        "demo-mentor",
        "demo-expert",
        "13800000001",
    ] {
        let mut api = Api::new(&app, "demo");
        api.login(account).await;
        for path in [
            "/api/v1/admin/accounts",
            "/api/v1/audit",
            "/api/v1/tenant/settings",
            "/api/v1/platform/tenants",
        ] {
            assert_eq!(
                api.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{account} GET {path}"
            );
        }
        assert_eq!(
            api.get("/api/v1/me").await.status(),
            StatusCode::OK,
            "{account} reads itself"
        );
    }
}

#[tokio::test]
async fn anonymous_calls_to_protected_routes_are_401() {
    let app = spawn_app().await;
    let api = Api::new(&app, "demo");
    for path in [
        "/api/v1/me",
        "/api/v1/admin/accounts",
        "/api/v1/audit",
        "/api/v1/tenant/settings",
        "/api/v1/platform/tenants",
    ] {
        let (status, code, _) = error_code(api.get(path).await).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::UNAUTHORIZED, "unauthenticated"),
            "{path}"
        );
    }
    let forged = Api {
        token: Some(format!("{}.forged", uuid::Uuid::new_v4().simple())),
        ..Api::new(&app, "demo")
    };
    assert_eq!(
        forged.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_regulator_of_tenant_a_cannot_act_on_tenant_b() {
    let app = spawn_app().await;
    app.create_tenant("zj").await;
    app.add_staff("zj", "zj-admin", Role::RegulatorAdmin).await;
    app.add_staff("zj", "zj-operator", Role::RegulatorOperator)
        .await;
    let mut b_admin = Api::new(&app, "zj");
    b_admin.login("zj-admin").await;
    let b_accounts: Value = b_admin
        .get("/api/v1/admin/accounts?role=regulator_operator")
        .await
        .json()
        .await
        .unwrap();
    let b_id = b_accounts["items"][0]["id"].as_str().unwrap().to_owned();

    let mut a_admin = Api::new(&app, "demo");
    a_admin.login("demo-admin").await;
    let path = format!("/api/v1/admin/accounts/{b_id}");
    assert_eq!(a_admin.get(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        a_admin
            .send("PATCH", &path, json!({"enabled": false}))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        a_admin
            .post(
                &format!("{path}/password"),
                json!({"new_password": "hijack-2026"})
            )
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        a_admin.send("DELETE", &path, json!({})).await.status(),
        StatusCode::NOT_FOUND
    );
    // A's list never shows B's accounts, and B's account is untouched.
    let a_list: Value = a_admin
        .get("/api/v1/admin/accounts?per_page=200")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        a_list["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["id"] != b_id.as_str())
    );
    assert_eq!(b_admin.get(&path).await.status(), StatusCode::OK);
    // A token of tenant A sent with `X-Tenant: zj` still acts in A: the session decides.
    let mut mixed = Api::new(&app, "zj");
    mixed.token = a_admin.token.clone();
    let me: Value = mixed.get("/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["tenant"]["code"], "demo");
    // B's audit trail is invisible to A.
    let audit: Value = a_admin
        .get("/api/v1/audit?per_page=200")
        .await
        .json()
        .await
        .unwrap();
    assert!(audit["items"].as_array().unwrap().iter().all(|e| {
        !e["object"]
            .as_str()
            .unwrap_or_default()
            .contains("zj-admin")
    }));
}

#[tokio::test]
async fn a_role_change_takes_effect_on_the_next_request() {
    let app = spawn_app().await;
    let mut admin = Api::new(&app, "demo");
    admin.login("demo-admin").await;
    let mut operator = Api::new(&app, "demo");
    operator.login("demo-operator").await;
    let me: Value = operator.get("/api/v1/me").await.json().await.unwrap();
    let id = me["id"].as_str().unwrap();
    assert_eq!(
        operator.get("/api/v1/admin/accounts").await.status(),
        StatusCode::OK
    );
    let r = admin
        .send(
            "PATCH",
            &format!("/api/v1/admin/accounts/{id}"),
            json!({"roles": ["expert"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        operator.get("/api/v1/admin/accounts").await.status(),
        StatusCode::FORBIDDEN
    );
}
