//! Experts and expert groups (T-7.2.7f).

use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{error_code, spawn_app};
use crate::review_fixture::{
    assign, experts, get_json, group, opine, signed_in, submitted_course, user_id,
};

#[tokio::test]
async fn a_regulator_admin_manages_expert_groups() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert2", "expert3"]).await;
    let demo_expert = user_id(&app, "demo", "demo-expert").await;
    let admin = signed_in(&app, "demo", "demo-admin").await;

    let listed = get_json(&admin, "/api/v1/experts").await;
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["演示专家", "expert2", "expert3"]);

    let r = admin
        .post(
            "/api/v1/expert-groups",
            json!({"name": " 安全生产组 ", "decision_rule": "majority", "member_ids": [demo_expert, ids[0], demo_expert]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let created: Value = r.json().await.unwrap();
    assert_eq!(created["name"], "安全生产组");
    let members: Vec<&str> = created["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(members, ["演示专家", "expert2"], "duplicates are dropped");
    let id = created["id"].as_str().unwrap().to_owned();

    // The same live name is a 409 naming the field.
    let (status, code, body) = error_code(
        admin
            .post(
                "/api/v1/expert-groups",
                json!({"name": "安全生产组", "decision_rule": "any", "member_ids": [ids[1]]}),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, code.as_str(), body["field"].as_str()),
        (StatusCode::CONFLICT, "already_exists", Some("name"))
    );
    // Members must be enabled experts of this site; the bad one is named.
    let operator = user_id(&app, "demo", "demo-operator").await;
    let stranger = Uuid::new_v4();
    for (members, bad) in [
        (json!([]), None),
        (json!([ids[0], operator]), Some(operator)),
        (json!([stranger]), Some(stranger)),
    ] {
        let (status, _, body) = error_code(
            admin
                .post(
                    "/api/v1/expert-groups",
                    json!({"name": "新组", "decision_rule": "any", "member_ids": members}),
                )
                .await,
        )
        .await;
        assert_eq!(
            (status, body["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("member_ids"))
        );
        if let Some(bad) = bad {
            assert!(body["message"].as_str().unwrap().contains(&bad.to_string()));
        }
    }
    let (status, _, body) = error_code(
        admin
            .post(
                "/api/v1/expert-groups",
                json!({"name": "  ", "decision_rule": "any", "member_ids": [ids[0]]}),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("name"))
    );

    // An update replaces the members and the rule.
    let path = format!("/api/v1/expert-groups/{id}");
    let r = admin
        .send(
            "PUT",
            &path,
            json!({"name": "安全生产组", "decision_rule": "unanimous", "member_ids": [ids[1]]}),
        )
        .await;
    let updated: Value = r.json().await.unwrap();
    assert_eq!(updated["decision_rule"], "unanimous");
    assert_eq!(updated["members"].as_array().unwrap().len(), 1);
    assert_eq!(updated["members"][0]["username"], "expert3");
    let listed = get_json(&admin, "/api/v1/experts").await;
    let expert3 = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["username"] == "expert3")
        .unwrap();
    assert_eq!(expert3["groups"][0]["name"], "安全生产组");
    assert_eq!(
        admin
            .send(
                "PUT",
                &format!("/api/v1/expert-groups/{}", Uuid::new_v4()),
                json!({"name": "x", "decision_rule": "any", "member_ids": [ids[1]]}),
            )
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // Deleting frees the name; the group is gone from the lists.
    assert_eq!(
        admin.send("DELETE", &path, json!({})).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(get_json(&admin, "/api/v1/expert-groups").await, json!([]));
    assert_eq!(
        admin.send("DELETE", &path, json!({})).await.status(),
        StatusCode::NOT_FOUND
    );
    group(&admin, "安全生产组", "any", &ids).await;
}

#[tokio::test]
async fn a_group_with_open_rounds_cannot_be_deleted() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert2"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let group_id = group(&admin, "审核一组", "majority", &ids).await;
    let (course_id, _) = submitted_course(&app, "特种设备安全").await;
    let round = assign(&admin, course_id, group_id).await;

    let listed = get_json(&admin, "/api/v1/experts").await;
    let expert2 = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["username"] == "expert2")
        .unwrap();
    assert_eq!(expert2["open_rounds"], 1);

    let path = format!("/api/v1/expert-groups/{group_id}");
    let (status, code, _) = error_code(admin.send("DELETE", &path, json!({})).await).await;
    assert_eq!((status, code.as_str()), (StatusCode::CONFLICT, "conflict"));
    let expert = signed_in(&app, "demo", "expert2").await;
    assert_eq!(opine(&expert, round, "approve", "").await, "approved");
    assert_eq!(
        admin.send("DELETE", &path, json!({})).await.status(),
        StatusCode::NO_CONTENT
    );
    // The finished round still shows its group.
    let round = get_json(&admin, &format!("/api/v1/review/rounds/{round}")).await;
    assert_eq!(round["round"]["group"]["name"], "审核一组");
}

#[tokio::test]
async fn a_disabled_expert_is_neither_a_member_nor_a_reviewer() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert2", "expert3"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let group_id = group(&admin, "审核二组", "unanimous", &ids).await;
    let r = admin
        .send(
            "PATCH",
            &format!("/api/v1/admin/accounts/{}", ids[1]),
            json!({"enabled": false}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let (status, _, body) = error_code(
        admin
            .post(
                "/api/v1/expert-groups",
                json!({"name": "审核三组", "decision_rule": "any", "member_ids": [ids[1]]}),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("member_ids"))
    );
    // The round is assigned to the members who can review now.
    let (course_id, _) = submitted_course(&app, "电梯安全").await;
    let round = assign(&admin, course_id, group_id).await;
    let detail = get_json(&admin, &format!("/api/v1/review/rounds/{round}")).await;
    assert_eq!(detail["reviewers"].as_array().unwrap().len(), 1);
    let expert = signed_in(&app, "demo", "expert2").await;
    assert_eq!(opine(&expert, round, "approve", "").await, "approved");
}
