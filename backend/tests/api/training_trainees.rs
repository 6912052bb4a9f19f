//! The trainees of a class (T-7.2.5d, Z-II.1, Z-II.9): added one by one with real-name checks,
//! existing accounts reused, edits and removals, and the seats they take. The batch import is in
//! `training_import.rs`.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Api, error_code, id_card, spawn_app};
use crate::review_fixture::{get_json, signed_in};
use crate::training_fixture::{
    add_task, approved_class, buy, certified_institution, demo_institution, draft_class, id_of,
    json_of, project, published_course, study, trainee_body, trainee_type,
};

#[tokio::test]
async fn trainees_are_added_with_checked_real_name_data_and_existing_accounts_join() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let inst = demo_institution(&app).await;
    let head = &inst.head;
    let class = draft_class(
        head,
        project(&admin, "frontline_workers").await,
        "实名班",
        3,
    )
    .await;
    let path = format!("/api/v1/classes/{class}/trainees");
    let kind = trainee_type(head, "employee").await;

    let mut bad_id = trainee_body(1, kind);
    let good_id = id_card(1);
    bad_id["id_card_no"] = json!(format!(
        "{}{}",
        &good_id[..17],
        if good_id.ends_with('1') { '2' } else { '1' }
    ));
    let mut bad_phone = trainee_body(1, kind);
    bad_phone["phone"] = json!("12345");
    let mut bad_type = trainee_body(1, kind);
    bad_type["trainee_type_id"] = json!(uuid::Uuid::new_v4());
    for (body, field) in [
        (bad_id, "id_card_no"),
        (bad_phone, "phone"),
        (bad_type, "trainee_type_id"),
    ] {
        let (status, _, e) = error_code(head.post(&path, body).await).await;
        assert_eq!(
            (status, e["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
            "{e}"
        );
    }
    let first = json_of(
        head.post(&path, trainee_body(1, kind)).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(first["name"], "学员1");
    assert_eq!(first["phone_masked"], "139****0001");
    assert_eq!(
        first["id_card_masked"],
        format!("{}********{}", &good_id[..6], &good_id[14..])
    );
    assert_eq!(
        head.post(&path, trainee_body(1, kind)).await.status(),
        StatusCode::CONFLICT
    );

    // The demo trainee registered with a phone: the same person joins with that account.
    let mut demo = trainee_body(2, kind);
    demo["phone"] = json!("13800000001");
    demo["name"] = json!("别人");
    let (status, _, e) = error_code(head.post(&path, demo.clone()).await).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("name"))
    );
    demo["name"] = json!("演示学员");
    let joined = json_of(head.post(&path, demo).await, StatusCode::CREATED).await;
    let mut trainee = Api::new(&app, "demo");
    let me = trainee.login("13800000001").await;
    assert_eq!(joined["user_id"], me["user"]["id"]);
    // Someone else's phone with another ID-card number is refused.
    let mut clash = trainee_body(3, kind);
    clash["phone"] = json!("13800000001");
    clash["name"] = json!("演示学员");
    let (status, _, e) = error_code(head.post(&path, clash).await).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("phone")),
        "{e}"
    );

    json_of(
        head.post(&path, trainee_body(4, kind)).await,
        StatusCode::CREATED,
    )
    .await;
    let (status, _, e) = error_code(head.post(&path, trainee_body(5, kind)).await).await;
    assert_eq!(status, StatusCode::CONFLICT, "full: {e}");

    // Edits: attributes always; real-name data only before the trainee signs in.
    let one = format!("{path}/{}", id_of(&first));
    let mut edited = trainee_body(1, kind);
    edited["education"] = json!("bachelor");
    edited["name"] = json!("学员壹");
    let e1 = json_of(head.send("PUT", &one, edited).await, StatusCode::OK).await;
    assert_eq!(
        (e1["education"].as_str(), e1["name"].as_str()),
        (Some("bachelor"), Some("学员壹"))
    );
    let signed = format!("{path}/{}", id_of(&joined));
    let mut renamed = trainee_body(2, kind);
    renamed["phone"] = json!("13800000001");
    renamed["name"] = json!("演示学员改名");
    let (status, _, _) = error_code(head.send("PUT", &signed, renamed).await).await;
    assert_eq!(status, StatusCode::CONFLICT);

    let by_phone = get_json(head, &format!("{path}?q=13900000004")).await;
    assert_eq!(by_phone["total"], 1);
    assert_eq!(
        get_json(head, &format!("{path}?q=学员壹")).await["total"],
        1
    );
    assert_eq!(
        head.send("DELETE", &one, json!({})).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get_json(head, &format!("{path}?status=active")).await["total"],
        2
    );
    assert_eq!(
        get_json(head, &format!("{path}?status=removed")).await["items"][0]["id"],
        first["id"]
    );
    // A used trainee type can only be disabled.
    let (status, _, _) = error_code(
        admin
            .send(
                "DELETE",
                &format!("/api/v1/trainee-types/{kind}"),
                json!({}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn joining_uses_a_seat_of_each_task_course_and_leaving_unstudied_gives_it_back() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let inst = certified_institution(&app, &admin, "demo", "seat-head").await;
    let (course, lineage) = published_course(&app, "demo-inst-admin", "vod", Some(500)).await;
    buy(&inst.head, course, 2).await;
    let class = approved_class(
        &inst.head,
        &admin,
        project(&admin, "frontline_workers").await,
        "座位班",
        10,
    )
    .await;
    add_task(&inst.head, class, "任务", &[course]).await;
    let kind = trainee_type(&inst.head, "employee").await;
    let path = format!("/api/v1/classes/{class}/trainees");
    let a = json_of(
        inst.head.post(&path, trainee_body(31, kind)).await,
        StatusCode::CREATED,
    )
    .await;
    let b = json_of(
        inst.head.post(&path, trainee_body(32, kind)).await,
        StatusCode::CREATED,
    )
    .await;
    let (status, _, e) = error_code(inst.head.post(&path, trainee_body(33, kind)).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(e["message"].as_str().unwrap().contains("名额不足"), "{e}");
    let remaining =
        || async { get_json(&inst.head, "/api/v1/inventory").await[0]["remaining"].as_i64() };
    assert_eq!(remaining().await, Some(0));

    // a never studied: the seat comes back; b studied: it stays used.
    assert_eq!(
        inst.head
            .send("DELETE", &format!("{path}/{}", id_of(&a)), json!({}))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(remaining().await, Some(1));
    study(
        &app,
        b["user_id"].as_str().unwrap().parse().unwrap(),
        lineage,
        false,
    )
    .await;
    assert_eq!(
        inst.head
            .send("DELETE", &format!("{path}/{}", id_of(&b)), json!({}))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(remaining().await, Some(1));
    json_of(
        inst.head.post(&path, trainee_body(33, kind)).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(remaining().await, Some(0));
}
