//! Learning tasks (T-7.2.5d), what the trainee sees of them (T-7.2.6c), training plans (Z-II.9),
//! and the institution wall around classes and trainees.

use reqwest::StatusCode;
use serde_json::json;
use shared_types::Role;
use uuid::Uuid;

use crate::helpers::{Api, error_code, spawn_app};
use crate::review_fixture::{get_json, signed_in};
use crate::training_fixture::{
    add_task, add_trainee, approved_class, buy, certified_institution, demo_institution,
    draft_class, id_of, json_of, project, published_course, study, task_body,
};

#[tokio::test]
async fn tasks_go_to_approved_classes_use_seats_and_a_started_one_is_only_force_deleted() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let inst = certified_institution(&app, &admin, "demo", "task-head").await;
    let project = project(&admin, "frontline_workers").await;
    let (vod, lineage) = published_course(&app, "demo-inst-admin", "vod", Some(800)).await;
    let (foreign_own, _) = published_course(&app, "demo-inst-admin", "own", None).await;

    let draft = draft_class(&inst.head, project, "未开班", 10).await;
    let r = inst
        .head
        .post(
            &format!("/api/v1/classes/{draft}/tasks"),
            task_body("任务", &[vod]),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let class = approved_class(&inst.head, &admin, project, "任务班", 10).await;
    let tasks = format!("/api/v1/classes/{class}/tasks");
    let a = add_trainee(&inst.head, class, 81).await;
    add_trainee(&inst.head, class, 82).await;

    let (status, _, e) = error_code(
        inst.head
            .post(&tasks, task_body("任务", &[foreign_own]))
            .await,
    )
    .await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("course_ids")),
        "another institution's own course"
    );
    let mut past = task_body("任务", &[vod]);
    past["deadline"] = json!("2020-01-01T00:00:00Z");
    let (status, _, e) = error_code(inst.head.post(&tasks, past).await).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("deadline"))
    );
    // No seats bought yet: refused, and no task is left behind.
    let (status, _, e) = error_code(inst.head.post(&tasks, task_body("任务", &[vod])).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("需要 2 个，剩余 0 个"),
        "{e}"
    );
    assert_eq!(
        get_json(&inst.head, &tasks).await.as_array().unwrap().len(),
        0
    );

    buy(&inst.head, vod, 2).await;
    let task = json_of(
        inst.head.post(&tasks, task_body("安全基础", &[vod])).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        (
            task["courses"][0]["kind"].as_str(),
            task["required_hours"].as_f64()
        ),
        (Some("vod"), Some(1.5))
    );
    assert_eq!(
        get_json(&inst.head, "/api/v1/inventory").await[0]["remaining"],
        0
    );

    // Not started: deleting gives the seats back.
    let delete = format!("/api/v1/tasks/{}", id_of(&task));
    assert_eq!(
        inst.head.send("DELETE", &delete, json!({})).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get_json(&inst.head, "/api/v1/inventory").await[0]["remaining"],
        2
    );
    assert_eq!(
        inst.head.send("DELETE", &delete, json!({})).await.status(),
        StatusCode::NOT_FOUND
    );

    let task = json_of(
        inst.head
            .post(&tasks, task_body("安全基础（二）", &[vod]))
            .await,
        StatusCode::CREATED,
    )
    .await;
    study(
        &app,
        a["user_id"].as_str().unwrap().parse().unwrap(),
        lineage,
        false,
    )
    .await;
    let delete = format!("/api/v1/tasks/{}", id_of(&task));
    let (status, _, e) = error_code(inst.head.send("DELETE", &delete, json!({})).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(e["message"].as_str().unwrap().contains("强制删除"), "{e}");
    let force = format!("{delete}/force-delete");
    let (status, _, e) = error_code(inst.head.post(&force, json!({"reason": ""})).await).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("reason"))
    );
    assert_eq!(
        inst.head
            .post(&force, json!({"reason": "课程版本更换"}))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    // The started trainee keeps the seat, the other one's comes back.
    assert_eq!(
        get_json(&inst.head, "/api/v1/inventory").await[0]["remaining"],
        1
    );
    let listed = get_json(&inst.head, &tasks).await;
    let deleted = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == task["id"])
        .unwrap();
    assert_eq!(
        (
            deleted["status"].as_str(),
            deleted["delete_reason"].as_str()
        ),
        (Some("deleted"), Some("课程版本更换"))
    );
    let events = get_json(&inst.head, &format!("/api/v1/classes/{class}/events")).await;
    assert!(
        events
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "task_deleted"
                && e["note"].as_str().unwrap().contains("课程版本更换"))
    );
    let audit = get_json(&admin, "/api/v1/audit?per_page=100").await;
    assert!(
        audit["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["object"].as_str().unwrap_or("").contains("课程版本更换")),
        "the reason is in the audit log"
    );
}

#[tokio::test]
async fn a_trainee_sees_their_classes_and_tasks_with_the_course_outline_and_progress() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let inst = demo_institution(&app).await;
    let (own, lineage) = published_course(&app, "demo-inst-admin", "own", None).await;
    let class = approved_class(
        &inst.head,
        &admin,
        project(&admin, "frontline_workers").await,
        "学员班",
        10,
    )
    .await;
    let mut body = crate::training_fixture::trainee_body(
        90,
        crate::training_fixture::trainee_type(&inst.head, "employee").await,
    );
    body["phone"] = json!("13800000001");
    body["name"] = json!("演示学员");
    json_of(
        inst.head
            .post(&format!("/api/v1/classes/{class}/trainees"), body)
            .await,
        StatusCode::CREATED,
    )
    .await;
    add_task(&inst.head, class, "必修任务", &[own]).await;
    assert_eq!(
        get_json(&inst.head, "/api/v1/inventory")
            .await
            .as_array()
            .unwrap()
            .len(),
        0,
        "own courses need no seats"
    );

    let mut trainee = Api::new(&app, "demo");
    let me = trainee.login("13800000001").await;
    study(
        &app,
        me["user"]["id"].as_str().unwrap().parse().unwrap(),
        lineage,
        false,
    )
    .await;
    let classes = get_json(&trainee, "/api/v1/me/classes").await;
    assert_eq!(classes[0]["name"], "学员班");
    assert_eq!(classes[0]["institution_name"], "演示培训中心");
    let tasks = get_json(&trainee, "/api/v1/me/tasks").await;
    assert_eq!(tasks[0]["name"], "必修任务");
    let courseware = &tasks[0]["courses"][0]["chapters"][0]["coursewares"][0];
    assert_eq!(
        (
            courseware["kind"].as_str(),
            courseware["duration_seconds"].as_i64()
        ),
        (Some("link"), Some(600))
    );
    assert_eq!(
        (
            courseware["credited_seconds"].as_i64(),
            courseware["resume_position"].as_i64()
        ),
        (Some(300), Some(300))
    );
    assert_eq!(tasks[0]["credited_seconds"], 300);
    // Only trainees have these views.
    assert_eq!(
        inst.head.get("/api/v1/me/tasks").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_training_plan_reports_enrolled_and_completed_trainees() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let inst = demo_institution(&app).await;
    let (own, lineage) = published_course(&app, "demo-inst-admin", "own", None).await;
    let class = approved_class(
        &inst.head,
        &admin,
        project(&admin, "frontline_workers").await,
        "计划班",
        10,
    )
    .await;
    let done = add_trainee(&inst.head, class, 91).await;
    add_trainee(&inst.head, class, 92).await;
    add_task(&inst.head, class, "任务", &[own]).await;
    study(
        &app,
        done["user_id"].as_str().unwrap().parse().unwrap(),
        lineage,
        true,
    )
    .await;

    let body = json!({"name": "2026 年度培训计划", "starts_on": "2026-01-01", "ends_on": "2026-12-31", "target_trainees": 100,
                      "items": [{"kind": "class", "ref_id": class, "target_trainees": 30}]});
    let plan = json_of(
        inst.head.post("/api/v1/plans", body.clone()).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        (plan["enrolled"].as_i64(), plan["completed"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(plan["items"][0]["label"], "计划班");
    let mut bad = body.clone();
    bad["items"] = json!([{"kind": "class", "ref_id": Uuid::new_v4(), "target_trainees": 1}]);
    let (status, _, e) = error_code(inst.head.post("/api/v1/plans", bad).await).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("items[0].ref_id"))
    );

    let other = certified_institution(&app, &admin, "demo", "plan-other").await;
    let path = format!("/api/v1/plans/{}", id_of(&plan));
    assert_eq!(other.head.get(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        other.head.send("PUT", &path, body).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        inst.head.send("DELETE", &path, json!({})).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get_json(&inst.head, "/api/v1/plans")
            .await
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn institution_a_never_sees_institution_b_classes_or_trainees() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let a = demo_institution(&app).await;
    let b = certified_institution(&app, &admin, "demo", "b-head").await;
    let project = project(&admin, "frontline_workers").await;
    let b_class = approved_class(&b.head, &admin, project, "乙机构班", 10).await;
    let b_trainee = add_trainee(&b.head, b_class, 95).await;
    let b_path = format!("/api/v1/classes/{b_class}");

    for path in [
        b_path.clone(),
        format!("{b_path}/trainees"),
        format!("{b_path}/tasks"),
        format!("{b_path}/events"),
    ] {
        assert_eq!(
            a.head.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let remove = format!("{b_path}/trainees/{}", id_of(&b_trainee));
    assert_eq!(
        a.head.send("DELETE", &remove, json!({})).await.status(),
        StatusCode::NOT_FOUND
    );
    let body = crate::training_fixture::trainee_body(
        96,
        crate::training_fixture::trainee_type(&a.head, "employee").await,
    );
    assert_eq!(
        a.head
            .post(&format!("{b_path}/trainees"), body)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        a.head
            .post(&format!("{b_path}/close"), json!({}))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let mine = get_json(&a.head, "/api/v1/classes").await;
    assert!(
        mine["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["institution_id"] == json!(a.id))
    );

    // The database wall: in A's scope, B's rows do not exist even without a filter.
    let tenant_id = app.tenant_id("demo").await;
    let mut app_conn = app.connect_as("zhipei_app").await;
    sqlx::query("select set_config('app.tenant_id', $1, false), set_config('app.institution_id', $2, false)")
        .bind(tenant_id.to_string())
        .bind(a.id.to_string())
        .execute(&mut app_conn)
        .await
        .unwrap();
    for table in [
        "classes",
        "class_trainees",
        "institutions",
        "qualifications",
        "seat_inventory",
        "course_orders",
    ] {
        let seen: i64 = sqlx::query_scalar(&format!(
            "select count(*) from {table} where institution_id = $1"
        ))
        .bind(b.id)
        .fetch_one(&mut app_conn)
        .await
        .unwrap();
        assert_eq!(seen, 0, "{table}");
    }
    let written = sqlx::query(
        "insert into class_events (tenant_id, institution_id, class_id, action, actor_id) values ($1, $2, $3, 'edited', $4)",
    )
    .bind(tenant_id)
    .bind(b.id)
    .bind(b_class)
    .bind(Uuid::new_v4())
    .execute(&mut app_conn)
    .await;
    assert!(written.is_err(), "A cannot write B's rows");

    // Another tenant's regulator sees none of it; the demo regulator sees both institutions.
    app.create_tenant("other").await;
    app.add_staff("other", "other-admin", Role::RegulatorAdmin)
        .await;
    let other = signed_in(&app, "other", "other-admin").await;
    assert_eq!(other.get(&b_path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(get_json(&other, "/api/v1/classes").await["total"], 0);
    assert_eq!(admin.get(&b_path).await.status(), StatusCode::OK);
}
