//! The regulator's queues and listing decisions (Z-III.1): transitions refused out of order,
//! publishing over a live revision, taking down and coming back after a new review.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{error_code, spawn_app};
use crate::review_fixture::{
    assign, course_as, experts, get_json, group, opine, opinion, publish, revision_status,
    signed_in, submit_new_revision, submitted_course,
};

#[tokio::test]
async fn transitions_out_of_order_are_refused() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert1"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let group_id = group(&admin, "单人组", "any", &ids).await;
    let (draft, _) = course_as(&app, "demo", "demo-inst-admin", "own", "草稿课程", "draft").await;
    let assign_path = |id| format!("/api/v1/review/courses/{id}/assign");
    let (status, code, _) = error_code(
        admin
            .post(&assign_path(draft), json!({"group_id": group_id}))
            .await,
    )
    .await;
    assert_eq!((status, code.as_str()), (StatusCode::CONFLICT, "conflict"));

    let (course_id, _) = submitted_course(&app, "电工作业安全").await;
    assert_eq!(
        publish(&admin, course_id).await.status(),
        StatusCode::CONFLICT,
        "publish before review"
    );
    let take_down = format!("/api/v1/review/courses/{course_id}/take-down");
    assert_eq!(
        admin
            .post(&take_down, json!({"reason": "内容过时"}))
            .await
            .status(),
        StatusCode::CONFLICT,
        "take down of an unpublished course"
    );
    let round_id = assign(&admin, course_id, group_id).await;
    assert_eq!(
        publish(&admin, course_id).await.status(),
        StatusCode::CONFLICT,
        "publish while in review"
    );
    let e1 = signed_in(&app, "demo", "expert1").await;
    assert_eq!(opine(&e1, round_id, "approve", "").await, "approved");
    let (status, _, body) = error_code(opinion(&e1, round_id, "approve", "").await).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (status, _, _) = error_code(
        admin
            .post(&assign_path(course_id), json!({"group_id": group_id}))
            .await,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "an approved course is not re-assigned"
    );
    // Unknown or empty groups are named.
    let (course_b, _) = submitted_course(&app, "焊接作业安全").await;
    let (status, _, body) = error_code(
        admin
            .post(
                &assign_path(course_b),
                json!({"group_id": uuid::Uuid::new_v4()}),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("group_id"))
    );
    assert_eq!(
        admin
            .post(
                &assign_path(uuid::Uuid::new_v4()),
                json!({"group_id": group_id})
            )
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn publishing_a_new_revision_supersedes_the_live_one() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert1"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let group_id = group(&admin, "单人组", "any", &ids).await;
    let e1 = signed_in(&app, "demo", "expert1").await;
    let (course_id, first) = submitted_course(&app, "消防设施操作").await;
    let round = assign(&admin, course_id, group_id).await;
    opine(&e1, round, "approve", "").await;
    assert_eq!(publish(&admin, course_id).await.status(), StatusCode::OK);

    let second = submit_new_revision(&app, course_id, "消防设施操作（第二版）").await;
    let queued = get_json(&admin, &format!("/api/v1/review/courses/{course_id}")).await;
    assert_eq!(
        queued["revision"]["id"],
        json!(second),
        "the open revision is shown"
    );
    assert_eq!(
        queued["live_revision_id"],
        json!(first),
        "the live one keeps serving"
    );
    let round = assign(&admin, course_id, group_id).await;
    opine(&e1, round, "approve", "").await;
    let course: Value = publish(&admin, course_id).await.json().await.unwrap();
    assert_eq!(course["live_revision_id"], json!(second));
    assert_eq!(course["revision"]["name"], "消防设施操作（第二版）");
    assert_eq!(revision_status(&app, first).await, "superseded");
    assert_eq!(revision_status(&app, second).await, "published");
}

#[tokio::test]
async fn a_taken_down_course_returns_only_after_a_new_review() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert1"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let group_id = group(&admin, "单人组", "any", &ids).await;
    let e1 = signed_in(&app, "demo", "expert1").await;
    let (course_id, _) = submitted_course(&app, "粉尘防爆").await;
    let round = assign(&admin, course_id, group_id).await;
    opine(&e1, round, "approve", "").await;
    publish(&admin, course_id).await;

    let path = format!("/api/v1/review/courses/{course_id}/take-down");
    for reason in ["", " 短 ", &"长".repeat(501)] {
        let (status, _, body) =
            error_code(admin.post(&path, json!({"reason": reason})).await).await;
        assert_eq!(
            (status, body["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("reason")),
            "reason {reason:?}"
        );
    }
    let r = admin.post(&path, json!({"reason": "教材已废止"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let course: Value = r.json().await.unwrap();
    assert_eq!(
        (
            course["listing"].as_str(),
            course["takedown_reason"].as_str()
        ),
        (Some("taken_down"), Some("教材已废止"))
    );
    assert_eq!(
        admin
            .post(&path, json!({"reason": "再次下架"}))
            .await
            .status(),
        StatusCode::CONFLICT
    );
    assert_eq!(
        publish(&admin, course_id).await.status(),
        StatusCode::CONFLICT,
        "republishing needs a new reviewed revision"
    );
    let taken = get_json(
        &admin,
        &format!("/api/v1/review/records?course_id={course_id}&action=taken_down"),
    )
    .await;
    assert_eq!(taken["items"][0]["note"], "教材已废止");

    submit_new_revision(&app, course_id, "粉尘防爆（修订）").await;
    let round = assign(&admin, course_id, group_id).await;
    opine(&e1, round, "approve", "").await;
    let course: Value = publish(&admin, course_id).await.json().await.unwrap();
    assert_eq!(course["listing"], "published");
    assert_eq!(course["takedown_reason"], Value::Null);
}

#[tokio::test]
async fn the_queues_filter_by_kind_status_and_text() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let (older, _) = submitted_course(&app, "安全生产法规").await;
    let (newer, _) = submitted_course(&app, "职业病防治").await;
    let (vod, _) = course_as(
        &app,
        "demo",
        "demo-inst-admin",
        "vod",
        "应急救援点播",
        "submitted",
    )
    .await;
    course_as(
        &app,
        "demo",
        "demo-inst-admin",
        "own",
        "未提交草稿",
        "draft",
    )
    .await;

    let queue = get_json(&admin, "/api/v1/review/courses?status=submitted").await;
    assert_eq!(queue["total"], 3);
    let order: Vec<Value> = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].clone())
        .collect();
    assert_eq!(
        order,
        [json!(older), json!(newer), json!(vod)],
        "oldest submission first"
    );
    assert_eq!(queue["items"][0]["status"], "submitted");
    assert_eq!(queue["items"][0]["category"], "safety_production");

    let vods = get_json(&admin, "/api/v1/review/courses?kind=vod").await;
    assert_eq!(
        (vods["total"].as_i64(), &vods["items"][0]["id"]),
        (Some(1), &json!(vod))
    );
    let found = get_json(&admin, "/api/v1/review/courses?q=%E9%98%B2%E6%B2%BB").await; // 防治
    assert_eq!(
        (found["total"].as_i64(), &found["items"][0]["id"]),
        (Some(1), &json!(newer))
    );
    let number = found["items"][0]["course_no"].as_str().unwrap().to_owned();
    let by_number = get_json(&admin, &format!("/api/v1/review/courses?q={number}")).await;
    assert_eq!(by_number["total"], 1);
    assert_eq!(get_json(&admin, "/api/v1/review/courses").await["total"], 4);
    assert_eq!(
        get_json(&admin, "/api/v1/review/courses?status=draft").await["total"],
        1
    );
    let paged = get_json(&admin, "/api/v1/review/courses?page=2&per_page=3").await;
    assert_eq!(
        (
            paged["items"].as_array().unwrap().len(),
            paged["total"].as_i64()
        ),
        (1, Some(4))
    );
    let (status, _, body) = error_code(admin.get("/api/v1/review/courses?status=nope").await).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("status"))
    );

    let detail = get_json(&admin, &format!("/api/v1/review/courses/{older}")).await;
    assert_eq!(detail["revision"]["name"], "安全生产法规");
    assert_eq!(detail["listing"], "unlisted");
}
