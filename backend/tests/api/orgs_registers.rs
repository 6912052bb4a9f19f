//! Training qualifications and their history (T-7.2.7g), enterprises (T-7.2.7d), departments and
//! trainee types (T-7.2.4).

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{error_code, fresh_credit_code, spawn_app};
use crate::review_fixture::{get_json, signed_in};
use crate::training_fixture::{
    approve, certified_institution, class_body, id_of, json_of, project,
};

#[tokio::test]
async fn qualifications_are_applied_for_reviewed_revoked_and_kept_as_history() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let inst = certified_institution(&app, &admin, "demo", "q-head").await;
    let apply = |t: &str| json!({"training_type": t, "note": "有专职讲师 5 名"});

    let q = json_of(
        inst.head
            .post(
                "/api/v1/institution/qualifications",
                apply("special_operations"),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        (q["status"].as_str(), q["category"].as_str()),
        (Some("pending"), Some("safety_production"))
    );
    let twice = inst
        .head
        .post(
            "/api/v1/institution/qualifications",
            apply("special_operations"),
        )
        .await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);

    // Without the qualification, no class of that type.
    let special = project(&admin, "special_operations").await;
    let (status, _, body) = error_code(
        inst.head
            .post("/api/v1/classes", class_body(special, "特种作业班", 30))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body["message"].as_str().unwrap().contains("资质"));

    let review = format!("/api/v1/qualifications/{}/review", id_of(&q));
    let returned = json_of(
        admin
            .post(
                &review,
                json!({"decision": "return", "note": "缺少场地证明"}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(returned["status"], "returned");
    assert_eq!(
        admin
            .post(&review, json!({"decision": "approve"}))
            .await
            .status(),
        StatusCode::CONFLICT
    );
    let again = json_of(
        inst.head
            .post(
                "/api/v1/institution/qualifications",
                apply("special_operations"),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    approve(
        &admin,
        &format!("/api/v1/qualifications/{}/review", id_of(&again)),
    )
    .await;
    json_of(
        inst.head
            .post("/api/v1/classes", class_body(special, "特种作业班", 30))
            .await,
        StatusCode::CREATED,
    )
    .await;

    let revoke = format!("/api/v1/qualifications/{}/revoke", id_of(&again));
    let (status, _, body) = error_code(admin.post(&revoke, json!({"reason": " "})).await).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("reason"))
    );
    let revoked = json_of(
        admin.post(&revoke, json!({"reason": "年检不合格"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(revoked["status"], "revoked");

    let history = get_json(
        &admin,
        &format!(
            "/api/v1/qualification-events?institution_id={}&training_type=special_operations",
            inst.id
        ),
    )
    .await;
    let actions: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["revoked", "approved", "applied", "returned", "applied"]
    );
    assert_eq!(history["items"][0]["note"], "年检不合格");
    let own = get_json(&inst.head, "/api/v1/institution/qualification-events").await;
    assert_eq!(
        own.as_array().unwrap().len(),
        7,
        "two frontline steps and five special ones: {own}"
    );
    let queue = get_json(&admin, "/api/v1/qualifications?status=pending").await;
    assert_eq!(queue["total"], 0);
    // Institutions do not review.
    assert_eq!(
        inst.head
            .post(&review, json!({"decision": "approve"}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_regulator_keeps_the_register_of_enterprises_that_institutions_search() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let staff = signed_in(&app, "demo", "demo-inst-staff").await;
    let code = fresh_credit_code();
    let body = |code: &str, name: &str| json!({"credit_code": code, "name": name, "industry": "建筑施工", "district": "西湖区"});

    let (status, _, bad) = error_code(
        admin
            .post(
                "/api/v1/enterprises",
                body("91330100MA2H7X1K0Z", "甲建筑公司"),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, bad["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("credit_code"))
    );
    let e = json_of(
        admin
            .post("/api/v1/enterprises", body(&code, "甲建筑公司"))
            .await,
        StatusCode::CREATED,
    )
    .await;
    let (status, kind, _) = error_code(
        admin
            .post("/api/v1/enterprises", body(&code, "乙公司"))
            .await,
    )
    .await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::CONFLICT, "already_exists")
    );
    json_of(
        admin
            .post(
                "/api/v1/enterprises",
                json!({"credit_code": fresh_credit_code(), "name": "丙化工公司",
        "industry": "危险化学品", "district": "滨江区"}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;

    for (query, total) in [
        ("q=建筑", 1),
        ("industry=危险化学品", 1),
        ("district=西湖区", 1),
        ("q=公司", 2),
        ("q=不存在", 0),
    ] {
        assert_eq!(
            get_json(&staff, &format!("/api/v1/enterprises?{query}")).await["total"],
            total,
            "{query}"
        );
    }
    let changed = json_of(
        admin
            .send(
                "PUT",
                &format!("/api/v1/enterprises/{}", id_of(&e)),
                body(&code, "甲建筑集团"),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed["name"], "甲建筑集团");
    assert_eq!(
        staff
            .post("/api/v1/enterprises", body(&fresh_credit_code(), "丁公司"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let viewer = signed_in(&app, "demo", "demo-viewer").await;
    assert_eq!(
        viewer
            .post("/api/v1/enterprises", body(&fresh_credit_code(), "丁公司"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn each_side_keeps_its_own_department_tree() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let head = signed_in(&app, "demo", "demo-inst-admin").await;
    let dept = |name: &str, parent: Option<&serde_json::Value>| json!({"name": name, "parent_id": parent.map(id_of)});

    let bureau = json_of(
        admin
            .post("/api/v1/departments", dept("应急管理局", None))
            .await,
        StatusCode::CREATED,
    )
    .await;
    let office = json_of(
        admin
            .post("/api/v1/departments", dept("培训科", Some(&bureau)))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(office["depth"], 1);
    let (status, kind, _) = error_code(
        admin
            .post("/api/v1/departments", dept("培训科", Some(&bureau)))
            .await,
    )
    .await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::CONFLICT, "already_exists")
    );
    let school = json_of(
        head.post("/api/v1/departments", dept("教务处", None)).await,
        StatusCode::CREATED,
    )
    .await;

    let regulator_tree = get_json(&admin, "/api/v1/departments").await;
    let names: Vec<&str> = regulator_tree
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["应急管理局", "培训科"]);
    assert_eq!(
        get_json(&head, "/api/v1/departments")
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // The institution cannot hang a department under the regulator's, nor touch it.
    let (status, _, body) = error_code(
        head.post("/api/v1/departments", dept("x", Some(&bureau)))
            .await,
    )
    .await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("parent_id"))
    );
    assert_eq!(
        head.send(
            "DELETE",
            &format!("/api/v1/departments/{}", id_of(&bureau)),
            json!({})
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );

    let cycle = admin
        .send(
            "PUT",
            &format!("/api/v1/departments/{}", id_of(&bureau)),
            dept("应急管理局", Some(&office)),
        )
        .await;
    let (status, _, body) = error_code(cycle).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("parent_id"))
    );
    assert_eq!(
        admin
            .send(
                "DELETE",
                &format!("/api/v1/departments/{}", id_of(&bureau)),
                json!({})
            )
            .await
            .status(),
        StatusCode::CONFLICT
    );
    for d in [&office, &bureau] {
        assert_eq!(
            admin
                .send(
                    "DELETE",
                    &format!("/api/v1/departments/{}", id_of(d)),
                    json!({})
                )
                .await
                .status(),
            StatusCode::NO_CONTENT
        );
    }
    let staff = signed_in(&app, "demo", "demo-inst-staff").await;
    assert_eq!(
        staff
            .post("/api/v1/departments", dept("y", None))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get_json(&staff, "/api/v1/departments").await[0]["id"],
        school["id"]
    );
}

#[tokio::test]
async fn trainee_types_are_the_regulators_dictionary_and_a_used_one_is_only_disabled() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let head = signed_in(&app, "demo", "demo-inst-admin").await;
    let body = |code: &str, name: &str, enabled: bool| json!({"code": code, "name": name, "enabled": enabled, "position": 9});

    let (status, _, bad) = error_code(
        admin
            .post("/api/v1/trainee-types", body("Bad Code", "坏", true))
            .await,
    )
    .await;
    assert_eq!(
        (status, bad["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("code"))
    );
    let veteran = json_of(
        admin
            .post("/api/v1/trainee-types", body("veteran", "退役军人", true))
            .await,
        StatusCode::CREATED,
    )
    .await;
    let (status, _, dup) = error_code(
        admin
            .post("/api/v1/trainee-types", body("veteran2", "退役军人", true))
            .await,
    )
    .await;
    assert_eq!(
        (status, dup["field"].as_str()),
        (StatusCode::CONFLICT, Some("name"))
    );
    assert_eq!(
        head.post("/api/v1/trainee-types", body("x1", "某", true))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert!(
        get_json(&head, "/api/v1/trainee-types")
            .await
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["code"] == "veteran")
    );

    // An unused type can be disabled, then deleted (a used one: see training_trainees).
    let disabled = json_of(
        admin
            .send(
                "PUT",
                &format!("/api/v1/trainee-types/{}", id_of(&veteran)),
                body("veteran", "退役军人", false),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(disabled["enabled"], false);
    assert_eq!(
        admin
            .send(
                "DELETE",
                &format!("/api/v1/trainee-types/{}", id_of(&veteran)),
                json!({})
            )
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
}
