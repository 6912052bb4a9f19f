//! Projects and classes (T-7.2.4 项目管理 / 申请审核, T-7.2.5d, T-7.2.7h): the regulator's
//! projects and policy, the class state machine with its review, and the delete/close rule.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{error_code, spawn_app};
use crate::review_fixture::{get_json, signed_in};
use crate::training_fixture::{
    add_task, add_trainee, approve, approved_class, class_body, demo_institution, draft_class,
    id_of, json_of, policy, project, published_course, study,
};

#[tokio::test]
async fn the_regulator_defines_projects_with_a_policy_that_institutions_read() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let head = signed_in(&app, "demo", "demo-inst-admin").await;
    let body = |policy: serde_json::Value, ends: &str| {
        json!({"name": "2026 年 SYB 创业培训", "training_type": "start_your_business", "starts_on": "2026-03-01",
               "ends_on": ends, "policy": policy})
    };
    let bad_exam = json!({"required_study_hours": 2.0, "exam_required": true});
    for (b, field) in [
        (body(bad_exam, "2026-12-31"), "policy.pass_score"),
        (
            body(json!({"required_study_hours": 2.25}), "2026-12-31"),
            "policy.required_study_hours",
        ),
        (body(policy(), "2026-01-31"), "ends_on"),
    ] {
        let (status, _, e) = error_code(admin.post("/api/v1/projects", b).await).await;
        assert_eq!(
            (status, e["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
            "{e}"
        );
    }
    let created = json_of(
        admin
            .post("/api/v1/projects", body(policy(), "2026-12-31"))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert!(
        created["code"]
            .as_str()
            .unwrap()
            .starts_with("DEMO-P-2026-")
    );
    assert_eq!(
        (created["category"].as_str(), created["status"].as_str()),
        (Some("entrepreneurship"), Some("open"))
    );
    assert_eq!(created["policy"]["subsidy_cents_per_trainee"], 30000);
    assert_eq!(
        head.post("/api/v1/projects", body(policy(), "2026-12-31"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let listed = get_json(&head, "/api/v1/projects?training_type=start_your_business").await;
    assert_eq!(listed["total"], 1);

    let id = id_of(&created);
    let closed = json_of(
        admin
            .post(&format!("/api/v1/projects/{id}/close"), json!({}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(closed["status"], "closed");
    // Closed: no class applications (the demo institution holds no SYB qualification either,
    // so use a frontline project to see the closed refusal).
    let frontline = project(&admin, "frontline_workers").await;
    json_of(
        admin
            .post(&format!("/api/v1/projects/{frontline}/close"), json!({}))
            .await,
        StatusCode::OK,
    )
    .await;
    let (status, _, e) = error_code(
        head.post("/api/v1/classes", class_body(frontline, "一班", 10))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(e["message"].as_str().unwrap().contains("已结束"), "{e}");
    json_of(
        admin
            .post(&format!("/api/v1/projects/{frontline}/reopen"), json!({}))
            .await,
        StatusCode::OK,
    )
    .await;
    json_of(
        head.post("/api/v1/classes", class_body(frontline, "一班", 10))
            .await,
        StatusCode::CREATED,
    )
    .await;
}

#[tokio::test]
async fn a_class_application_is_submitted_returned_resubmitted_approved_and_closed() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let inst = demo_institution(&app).await;
    let head = &inst.head;
    let project = project(&admin, "frontline_workers").await;

    let mut outside = class_body(project, "越界班", 10);
    outside["starts_on"] = json!("2024-01-01");
    let (status, _, e) = error_code(head.post("/api/v1/classes", outside).await).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("starts_on"))
    );
    let mut offline = class_body(project, "线下班", 10);
    offline["mode"] = json!("offline");
    let (status, _, e) = error_code(head.post("/api/v1/classes", offline).await).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("venue"))
    );
    let mut weaker = class_body(project, "少学时班", 10);
    weaker["policy"] = json!({"required_study_hours": 1.0});
    let (status, _, e) = error_code(head.post("/api/v1/classes", weaker).await).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("policy.required_study_hours")
        )
    );

    let id = draft_class(head, project, "安全一班", 20).await;
    let class = format!("/api/v1/classes/{id}");
    let detail = get_json(head, &class).await;
    assert_eq!(detail["summary"]["status"], "draft");
    assert_eq!(
        detail["policy"]["required_study_hours"], 2.0,
        "the project's policy"
    );
    assert!(
        detail["summary"]["class_no"]
            .as_str()
            .unwrap()
            .starts_with("DEMO-C-2026-")
    );
    assert_eq!(
        admin.get(&class).await.status(),
        StatusCode::NOT_FOUND,
        "drafts are the institution's"
    );

    json_of(
        head.post(&format!("{class}/submit"), json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        head.send("PUT", &class, class_body(project, "改名", 20))
            .await
            .status(),
        StatusCode::CONFLICT
    );
    assert_eq!(
        head.post(&format!("{class}/submit"), json!({}))
            .await
            .status(),
        StatusCode::CONFLICT
    );
    json_of(
        head.post(&format!("{class}/withdraw"), json!({})).await,
        StatusCode::OK,
    )
    .await;
    json_of(
        head.post(&format!("{class}/submit"), json!({})).await,
        StatusCode::OK,
    )
    .await;
    let queue = get_json(&admin, "/api/v1/classes?status=submitted").await;
    assert!(
        queue["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| id_of(c) == id)
    );

    let review = format!("{class}/review");
    assert_eq!(
        head.post(&review, json!({"decision": "approve"}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let returned = json_of(
        admin
            .post(&review, json!({"decision": "return", "note": "请补充讲师"}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (
            returned["summary"]["status"].as_str(),
            returned["review_note"].as_str()
        ),
        (Some("returned"), Some("请补充讲师"))
    );
    json_of(
        head.send("PUT", &class, class_body(project, "安全一班（修订）", 20))
            .await,
        StatusCode::OK,
    )
    .await;
    json_of(
        head.post(&format!("{class}/submit"), json!({})).await,
        StatusCode::OK,
    )
    .await;
    let approved = approve(&admin, &review).await;
    assert_eq!(approved["summary"]["status"], "approved");

    // Approved: venue, dates, capacity and lecturers change; the name does not.
    let mut bigger = class_body(project, "安全一班（修订）", 40);
    bigger["ends_on"] = json!("2026-11-30");
    let changed = json_of(head.send("PUT", &class, bigger).await, StatusCode::OK).await;
    assert_eq!(changed["summary"]["capacity"], 40);
    assert_eq!(
        head.send("PUT", &class, class_body(project, "又改名", 40))
            .await
            .status(),
        StatusCode::CONFLICT
    );

    // The regulator sees the class with its policy and trainees (T-7.2.7h); the voucher follows.
    add_trainee(head, id, 7).await;
    let seen = get_json(&admin, &class).await;
    assert_eq!(seen["summary"]["trainee_count"], 1);
    assert_eq!(seen["policy"]["subsidy_rule"], "每人 300 元");
    assert_eq!(
        get_json(&admin, &format!("{class}/trainees")).await["total"],
        1
    );

    json_of(
        head.post(&format!("{class}/close"), json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        head.post(&format!("{class}/submit"), json!({}))
            .await
            .status(),
        StatusCode::CONFLICT
    );
    let events = get_json(head, &format!("{class}/events")).await;
    let actions: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "created",
            "submitted",
            "withdrawn",
            "submitted",
            "returned",
            "edited",
            "submitted",
            "approved",
            "edited",
            "closed"
        ]
    );
    assert_eq!(events[4]["note"], "请补充讲师");
    assert_eq!(events[4]["actor_name"], "演示管理员");
}

#[tokio::test]
async fn a_class_with_study_records_cannot_be_deleted_only_closed() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let inst = demo_institution(&app).await;
    let project = project(&admin, "frontline_workers").await;

    let draft = draft_class(&inst.head, project, "草稿班", 10).await;
    let r = inst
        .head
        .send("DELETE", &format!("/api/v1/classes/{draft}"), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        inst.head
            .get(&format!("/api/v1/classes/{draft}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    let (course, lineage) = published_course(&app, "demo-inst-admin", "own", None).await;
    let class = approved_class(&inst.head, &admin, project, "在学班", 10).await;
    let trainee = add_trainee(&inst.head, class, 21).await;
    add_task(&inst.head, class, "任务", &[course]).await;
    let user = trainee["user_id"].as_str().unwrap().parse().unwrap();
    study(&app, user, lineage, false).await;
    let detail = get_json(&inst.head, &format!("/api/v1/classes/{class}")).await;
    assert_eq!(detail["started"], true);
    let (status, _, e) = error_code(
        inst.head
            .send("DELETE", &format!("/api/v1/classes/{class}"), json!({}))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(e["message"].as_str().unwrap().contains("结班"), "{e}");
    json_of(
        inst.head
            .post(&format!("/api/v1/classes/{class}/close"), json!({}))
            .await,
        StatusCode::OK,
    )
    .await;
    let (status, _, _) = error_code(
        inst.head
            .send("DELETE", &format!("/api/v1/classes/{class}"), json!({}))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Lecturers of the institution read its classes; they do not change them.
    let lecturer = signed_in(&app, "demo", "demo-lecturer").await;
    assert_eq!(
        lecturer
            .get(&format!("/api/v1/classes/{class}"))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        lecturer
            .post(&format!("/api/v1/classes/{class}/close"), json!({}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}
