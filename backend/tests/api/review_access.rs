//! Who may reach the review routes, and tenant isolation of everything review holds.

use reqwest::StatusCode;
use serde_json::json;
use shared_types::Role;
use uuid::Uuid;

use crate::helpers::{Api, error_code, spawn_app};
use crate::review_fixture::{
    assign, course_as, experts, get_json, group, opine, opinion, publish, signed_in,
    submitted_course,
};

/// Every review route with a body that would pass validation.
fn routes(
    course: Uuid,
    round: Uuid,
    group: Uuid,
) -> Vec<(&'static str, String, serde_json::Value)> {
    vec![
        ("GET", "/api/v1/experts".into(), json!(null)),
        ("GET", "/api/v1/expert-groups".into(), json!(null)),
        (
            "POST",
            "/api/v1/expert-groups".into(),
            json!({"name": "x组", "decision_rule": "any", "member_ids": []}),
        ),
        (
            "PUT",
            format!("/api/v1/expert-groups/{group}"),
            json!({"name": "x组", "decision_rule": "any", "member_ids": []}),
        ),
        (
            "DELETE",
            format!("/api/v1/expert-groups/{group}"),
            json!({}),
        ),
        ("GET", "/api/v1/review/courses".into(), json!(null)),
        (
            "GET",
            format!("/api/v1/review/courses/{course}"),
            json!(null),
        ),
        (
            "GET",
            format!("/api/v1/review/courses/{course}/rounds"),
            json!(null),
        ),
        ("GET", format!("/api/v1/review/rounds/{round}"), json!(null)),
        (
            "POST",
            format!("/api/v1/review/courses/{course}/assign"),
            json!({"group_id": group}),
        ),
        (
            "POST",
            format!("/api/v1/review/courses/{course}/publish"),
            json!({}),
        ),
        (
            "POST",
            format!("/api/v1/review/courses/{course}/take-down"),
            json!({"reason": "内容违规"}),
        ),
        ("GET", "/api/v1/review/records".into(), json!(null)),
        ("GET", "/api/v1/reviews".into(), json!(null)),
        ("GET", format!("/api/v1/reviews/{round}"), json!(null)),
        (
            "POST",
            format!("/api/v1/reviews/{round}/opinion"),
            json!({"checklist": crate::review_fixture::all_pass(), "verdict": "approve"}),
        ),
    ]
}

async fn call(api: &Api, method: &str, path: &str, body: &serde_json::Value) -> reqwest::Response {
    if method == "GET" {
        api.get(path).await
    } else {
        api.send(method, path, body.clone()).await
    }
}

#[tokio::test]
async fn each_role_reaches_only_its_review_routes() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert2"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let group_id = group(&admin, "权限组", "any", &ids).await;
    let (course, _) = submitted_course(&app, "权限测试课程").await;
    let round = assign(&admin, course, group_id).await;

    // (account, prefixes it may reach: everything else must be 403)
    let cases: [(&str, &[&str], &[&str]); 6] = [
        // regulator_viewer reads review and groups, writes nothing
        (
            "demo-viewer",
            &[
                "GET /api/v1/experts",
                "GET /api/v1/expert-groups",
                "GET /api/v1/review/",
            ],
            &[],
        ),
        // regulator_operator reads groups and works the review, but does not manage groups
        (
            "demo-operator",
            &[
                "GET /api/v1/experts",
                "GET /api/v1/expert-groups",
                "GET /api/v1/review/",
            ],
            &["POST /api/v1/review/"],
        ),
        (
            "demo-expert",
            &["GET /api/v1/reviews"],
            &["POST /api/v1/reviews/"],
        ),
        ("demo-inst-admin", &[], &[]),
        ("demo-lecturer", &[], &[]),
        ("13800000001", &[], &[]),
    ];
    for (account, reads, writes) in cases {
        let api = signed_in(&app, "demo", account).await;
        for (method, path, body) in routes(course, round, group_id) {
            let key = format!("{method} {path}");
            let allowed = if method == "GET" {
                reads.iter().any(|p| key.starts_with(p))
            } else {
                writes.iter().any(|p| key.starts_with(p))
            };
            let status = call(&api, method, &path, &body).await.status();
            if allowed {
                assert_ne!(status, StatusCode::FORBIDDEN, "{account} {key}");
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{account} {key}");
            }
        }
    }
    // An operator assigns and publishes; an expert cannot publish.
    let operator = signed_in(&app, "demo", "demo-operator").await;
    let (other_course, _) = submitted_course(&app, "运营分配课程").await;
    let round = assign(&operator, other_course, group_id).await;
    let expert = signed_in(&app, "demo", "expert2").await;
    opine(&expert, round, "approve", "").await;
    assert_eq!(
        publish(&expert, other_course).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        publish(&operator, other_course).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_author_reads_the_review_results_of_their_own_courses_only() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert2"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let group_id = group(&admin, "结果组", "any", &ids).await;
    let (course, _) = submitted_course(&app, "作者课程").await;
    let round = assign(&admin, course, group_id).await;
    let expert = signed_in(&app, "demo", "expert2").await;
    opine(&expert, round, "return", "请补充字幕").await;

    let path = format!("/api/v1/courses/{course}/rounds");
    let author = signed_in(&app, "demo", "demo-inst-admin").await;
    let rounds = get_json(&author, &path).await;
    assert_eq!(rounds[0]["status"], "returned");
    assert_eq!(get_json(&admin, &path).await[0]["id"], json!(round));
    // The decided round's opinions, without who gave them.
    let detail_path = format!("{path}/{round}");
    let detail = get_json(&author, &detail_path).await;
    assert_eq!(detail["opinions"][0]["opinion"], "请补充字幕");
    assert_eq!(detail["opinions"][0]["verdict"], "return");
    assert_eq!(detail["opinions"][0]["expert"]["name"], "专家 1 / Expert 1");
    assert_eq!(detail["reviewers"][0]["id"], json!(Uuid::nil()));
    assert!(!detail.to_string().contains("expert2"));
    // A round of another course under this course's path is not found.
    let (other_course, _) = submitted_course(&app, "另一门课").await;
    let other_round = assign(&admin, other_course, group_id).await;
    assert_eq!(
        author.get(&format!("{path}/{other_round}")).await.status(),
        StatusCode::NOT_FOUND
    );
    // While a round is open the author sees it but not the opinions given so far.
    let open = get_json(
        &author,
        &format!("/api/v1/courses/{other_course}/rounds/{other_round}"),
    )
    .await;
    assert_eq!(open["opinions"], json!([]));
    for other in ["demo-inst-staff", "demo-lecturer"] {
        let api = signed_in(&app, "demo", other).await;
        for p in [&path, &detail_path] {
            assert_eq!(
                api.get(p).await.status(),
                StatusCode::NOT_FOUND,
                "{other} {p}"
            );
        }
    }
    for outsider in ["demo-expert", "13800000001"] {
        let api = signed_in(&app, "demo", outsider).await;
        for p in [&path, &detail_path] {
            assert_eq!(
                api.get(p).await.status(),
                StatusCode::FORBIDDEN,
                "{outsider} {p}"
            );
        }
    }
    assert_eq!(
        author
            .get(&format!("/api/v1/courses/{}/rounds", Uuid::new_v4()))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn another_tenant_sees_nothing_of_ours() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert2"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let group_id = group(&admin, "本站组", "majority", &ids).await;
    let (course, _) = submitted_course(&app, "本站课程").await;
    let round = assign(&admin, course, group_id).await;

    app.create_tenant("other").await;
    app.add_staff("other", "other-admin", Role::RegulatorAdmin)
        .await;
    app.add_staff("other", "other-expert", Role::Expert).await;
    app.add_staff("other", "other-author", Role::InstitutionAdmin)
        .await;
    let theirs = signed_in(&app, "other", "other-admin").await;
    for (method, path, body) in routes(course, round, group_id) {
        if path.starts_with("/api/v1/reviews")
            || (method == "POST" && path == "/api/v1/expert-groups")
        {
            continue;
        }
        let r = call(&theirs, method, &path, &body).await;
        let status = r.status();
        if path.ends_with("/experts") {
            let experts = r.json::<serde_json::Value>().await.unwrap();
            let names: Vec<&str> = experts
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["username"].as_str().unwrap())
                .collect();
            assert_eq!(names, ["other-expert"], "only their own experts");
        } else if path.ends_with("/expert-groups") {
            assert_eq!(r.json::<serde_json::Value>().await.unwrap(), json!([]));
        } else if path.ends_with("/review/courses") || path.ends_with("/records") {
            assert_eq!(
                r.json::<serde_json::Value>().await.unwrap()["total"],
                0,
                "{path}"
            );
        } else {
            assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}");
        }
    }
    // Our experts and groups cannot be borrowed.
    let (status, _, body) = error_code(
        theirs
            .post(
                "/api/v1/expert-groups",
                json!({"name": "借用组", "decision_rule": "any", "member_ids": ids}),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("member_ids"))
    );
    let (their_course, _) = course_as(
        &app,
        "other",
        "other-author",
        "own",
        "他站课程",
        "submitted",
    )
    .await;
    let (status, _, body) = error_code(
        theirs
            .post(
                &format!("/api/v1/review/courses/{their_course}/assign"),
                json!({"group_id": group_id}),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("group_id"))
    );
    let their_author = signed_in(&app, "other", "other-author").await;
    for path in [
        format!("/api/v1/courses/{course}/rounds"),
        format!("/api/v1/courses/{course}/rounds/{round}"),
    ] {
        assert_eq!(
            their_author.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    let their_expert = signed_in(&app, "other", "other-expert").await;
    assert_eq!(get_json(&their_expert, "/api/v1/reviews").await["total"], 0);
    assert_eq!(
        their_expert
            .get(&format!("/api/v1/reviews/{round}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        opinion(&their_expert, round, "approve", "").await.status(),
        StatusCode::NOT_FOUND
    );
    // And ours see nothing of theirs.
    assert_eq!(get_json(&admin, "/api/v1/review/courses").await["total"], 1);
}
