//! Institutions: registration (T-7.2.5a), certification and its review with history (T-7.2.5b,
//! T-7.2.7e), and who may see and do what.

use reqwest::StatusCode;
use serde_json::json;
use shared_types::Role;

use crate::helpers::{Api, error_code, fresh_credit_code, sms_code, spawn_app};
use crate::review_fixture::{get_json, signed_in};
use crate::training_fixture::{approve, id_of, json_of, licence, submit_certification};

fn registration(
    credit_code: &str,
    phone: &str,
    code: &str,
    username: &str,
    device: &str,
) -> serde_json::Value {
    json!({"credit_code": credit_code, "name": "新星职业培训学校", "address": "杭州市拱墅区",
           "head_name": "赵校长", "phone": phone, "code": code, "username": username,
           "password": "Head-pass-2026", "device_id": device})
}

#[tokio::test]
async fn a_training_unit_registers_and_can_do_nothing_that_needs_certification_yet() {
    let app = spawn_app().await;
    let mut api = Api::new(&app, "demo");
    let phone = "13700000011";
    let sent = api
        .post(
            "/api/v1/auth/sms-codes",
            json!({"phone": phone, "purpose": "register"}),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::OK);
    let code = sms_code(&api, phone).await;
    let credit = fresh_credit_code();

    let bad = api
        .post(
            "/api/v1/institutions/register",
            registration("91330100MA2H7X1K0Z", phone, &code, "xinxing", &api.device),
        )
        .await;
    let (status, error, body) = error_code(bad).await;
    assert_eq!(
        (status, error.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field")
    );
    assert_eq!(body["field"], "credit_code");

    let created = api
        .post(
            "/api/v1/institutions/register",
            registration(&credit, phone, &code, "xinxing", &api.device),
        )
        .await;
    let body = json_of(created, StatusCode::CREATED).await;
    api.token = body["token"].as_str().map(str::to_owned);
    assert_eq!(body["user"]["roles"], json!(["institution_admin"]));
    assert_eq!(body["user"]["institution"]["status"], "registered");
    assert_eq!(body["user"]["institution"]["certified"], false);

    let mine = get_json(&api, "/api/v1/institution").await;
    assert_eq!(
        (mine["credit_code"].as_str(), mine["status"].as_str()),
        (Some(credit.as_str()), Some("registered"))
    );
    assert_eq!(mine["contact_name"], "赵校长");
    for (path, body) in [
        (
            "/api/v1/institution/qualifications",
            json!({"training_type": "safety_manager"}),
        ),
        ("/api/v1/orders", json!({"lines": []})),
    ] {
        let (status, code, body) = error_code(api.post(path, body).await).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::CONFLICT, "conflict"),
            "{path}: {body}"
        );
        assert!(body["message"].as_str().unwrap().contains("认证"), "{body}");
    }

    // The same credit code cannot register twice.
    let other = Api::new(&app, "demo");
    other
        .post(
            "/api/v1/auth/sms-codes",
            json!({"phone": "13700000012", "purpose": "register"}),
        )
        .await;
    let code = sms_code(&other, "13700000012").await;
    let again = other
        .post(
            "/api/v1/institutions/register",
            registration(&credit, "13700000012", &code, "xinxing2", &other.device),
        )
        .await;
    let (status, error, body) = error_code(again).await;
    assert_eq!(
        (status, error.as_str()),
        (StatusCode::CONFLICT, "already_exists")
    );
    assert_eq!(body["field"], "credit_code");
}

#[tokio::test]
async fn certification_is_returned_with_reasons_and_an_edit_after_approval_is_reviewed_again() {
    let app = spawn_app().await;
    app.add_staff("demo", "hz-head", Role::InstitutionAdmin)
        .await;
    let head = signed_in(&app, "demo", "hz-head").await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let id = id_of(&get_json(&head, "/api/v1/institution").await);

    let missing = head
        .send(
            "PUT",
            "/api/v1/institution/certification",
            json!({"name": "杭州培训学校", "address": "杭州",
              "legal_representative": "王五"}),
        )
        .await;
    let (status, _, body) = error_code(missing).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("licence_media_id"))
    );

    let pending = json_of(
        submit_certification(&head, "杭州培训学校").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(pending["status"], "pending");
    let twice = submit_certification(&head, "杭州培训学校").await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);
    let queue = get_json(&admin, "/api/v1/institutions?status=pending").await;
    assert!(
        queue["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| id_of(i) == id),
        "{queue}"
    );

    let review = format!("/api/v1/institutions/{id}/review");
    let no_reason = admin.post(&review, json!({"decision": "return"})).await;
    let (status, _, body) = error_code(no_reason).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("note"))
    );
    let returned = json_of(
        admin
            .post(
                &review,
                json!({"decision": "return", "note": "营业执照不清晰"}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(returned["status"], "returned");
    assert_eq!(returned["open"]["review_note"], "营业执照不清晰");

    json_of(
        submit_certification(&head, "杭州培训学校").await,
        StatusCode::OK,
    )
    .await;
    let certified = approve(&admin, &review).await;
    assert_eq!(
        (
            certified["status"].as_str(),
            certified["certified"].as_bool()
        ),
        (Some("certified"), Some(true))
    );
    assert_eq!(certified["current"]["version_no"], 2);
    assert!(certified["open"].is_null(), "{certified}");

    // An edit after approval goes back to review; the approved data stays in force meanwhile.
    let edited = json_of(
        submit_certification(&head, "杭州市安全培训学校").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (edited["status"].as_str(), edited["certified"].as_bool()),
        (Some("pending"), Some(true))
    );
    assert_eq!(edited["name"], "杭州培训学校");
    assert_eq!(edited["current"]["data"]["name"], "杭州培训学校");
    assert_eq!(edited["open"]["data"]["name"], "杭州市安全培训学校");
    let me = get_json(&head, "/api/v1/me").await;
    assert_eq!(me["institution"]["certified"], true);
    let renamed = approve(&admin, &review).await;
    assert_eq!(renamed["name"], "杭州市安全培训学校");

    let history = get_json(&admin, &format!("/api/v1/institutions/{id}/certifications")).await;
    let statuses: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["approved", "superseded", "returned"]);
    assert_eq!(history[2]["reviewed_by_name"], "演示管理员");
    assert_eq!(
        get_json(&head, "/api/v1/institution/certifications").await,
        history
    );
    let nothing = admin.post(&review, json!({"decision": "approve"})).await;
    assert_eq!(nothing.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn roles_and_tenants_keep_to_their_own_institutions() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let staff = signed_in(&app, "demo", "demo-inst-staff").await;
    let viewer = signed_in(&app, "demo", "demo-viewer").await;
    let demo = id_of(&get_json(&staff, "/api/v1/institution").await);

    // Staff read their institution but do not submit its certification.
    let licence = licence(&staff).await;
    let r = staff
        .send(
            "PUT",
            "/api/v1/institution/certification",
            json!({"name": "x", "address": "y",
              "legal_representative": "z", "licence_media_id": licence}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Institutions do not reach the regulator's routes; viewers read but do not review.
    assert_eq!(
        staff.get("/api/v1/institutions").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        viewer
            .get(&format!("/api/v1/institutions/{demo}"))
            .await
            .status(),
        StatusCode::OK
    );
    let r = viewer
        .post(
            &format!("/api/v1/institutions/{demo}/review"),
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Regulator staff have no institution of their own.
    assert_eq!(
        admin.get("/api/v1/institution").await.status(),
        StatusCode::FORBIDDEN
    );

    // Another tenant's regulator cannot see the demo institution.
    app.create_tenant("other").await;
    app.add_staff("other", "other-admin", Role::RegulatorAdmin)
        .await;
    let other = signed_in(&app, "other", "other-admin").await;
    assert_eq!(
        other
            .get(&format!("/api/v1/institutions/{demo}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(get_json(&other, "/api/v1/institutions").await["total"], 0);
    // A new tenant starts with the default trainee types.
    assert_eq!(
        get_json(&other, "/api/v1/trainee-types")
            .await
            .as_array()
            .unwrap()
            .len(),
        8
    );

    // A regulator admin creating an institution account must name the institution.
    let r = admin
        .post(
            "/api/v1/admin/accounts",
            json!({"username": "no-inst", "name": "无机构", "password": "Passw0rd-2026",
              "roles": ["institution_staff"]}),
        )
        .await;
    let (status, _, body) = error_code(r).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("institution_id"))
    );
    let r = admin
        .post(
            "/api/v1/admin/accounts",
            json!({"username": "with-inst", "name": "有机构", "password": "Passw0rd-2026",
              "roles": ["institution_staff"], "institution_id": demo}),
        )
        .await;
    let account = json_of(r, StatusCode::CREATED).await;
    assert_eq!(account["institution"]["name"], "演示培训中心");
}
