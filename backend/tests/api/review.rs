//! The review workflow (Z-III.1, T-7.2.7i/j): assignment, re-assignment, and opinions under each
//! decision rule.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{error_code, spawn_app};
use crate::review_fixture::{
    all_pass, assign, experts, get_json, group, opine, opinion, publish, revision_status,
    signed_in, submitted_course,
};

#[tokio::test]
async fn a_majority_group_approves_and_the_regulator_publishes() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert1", "expert2", "expert3"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let group_id = group(&admin, "安全生产组", "majority", &ids).await;
    let (course_id, revision_id) = submitted_course(&app, "建筑消防安全管理").await;

    let round_id = assign(&admin, course_id, group_id).await;
    assert_eq!(revision_status(&app, revision_id).await, "in_review");
    let e1 = signed_in(&app, "demo", "expert1").await;
    let e2 = signed_in(&app, "demo", "expert2").await;
    let e3 = signed_in(&app, "demo", "expert3").await;
    let mine = get_json(&e1, "/api/v1/reviews?status=open").await;
    assert_eq!(mine["total"], 1);
    assert_eq!(mine["items"][0]["course_name"], "建筑消防安全管理");
    assert_eq!(mine["items"][0]["my_opinion_given"], false);
    let detail = get_json(&e1, &format!("/api/v1/reviews/{round_id}")).await;
    assert_eq!(detail["revision"]["name"], "建筑消防安全管理");
    assert_eq!(detail["reviewers"].as_array().unwrap().len(), 3);

    assert_eq!(opine(&e1, round_id, "approve", "内容完整").await, "open");
    let mine = get_json(&e1, "/api/v1/reviews").await;
    assert_eq!(mine["items"][0]["my_opinion_given"], true);
    // Two approvals of three are a majority.
    assert_eq!(opine(&e2, round_id, "approve", "").await, "approved");
    assert_eq!(revision_status(&app, revision_id).await, "approved");
    let (status, _, _) = error_code(opinion(&e3, round_id, "approve", "").await).await;
    assert_eq!(status, StatusCode::CONFLICT, "the round is closed");

    let r = publish(&admin, course_id).await;
    assert_eq!(r.status(), StatusCode::OK);
    let course: Value = r.json().await.unwrap();
    assert_eq!(course["listing"], "published");
    assert_eq!(course["live_revision_id"], json!(revision_id));
    assert_eq!(course["revision"]["status"], "published");
    let round = get_json(&admin, &format!("/api/v1/review/rounds/{round_id}")).await;
    assert_eq!(round["round"]["status"], "approved");
    assert_eq!(round["opinions"].as_array().unwrap().len(), 2);
    assert_eq!(round["opinions"][0]["expert"]["name"], "expert1");
    assert!(round["round"]["decided_at"].is_string());
}

#[tokio::test]
async fn opinions_are_checked_before_they_count() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert1", "expert2"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let group_id = group(&admin, "两人组", "unanimous", &ids).await;
    let (course_id, _) = submitted_course(&app, "高处作业安全").await;
    let round_id = assign(&admin, course_id, group_id).await;
    let e1 = signed_in(&app, "demo", "expert1").await;
    let path = format!("/api/v1/reviews/{round_id}/opinion");

    let mut checklist = all_pass();
    checklist["subtitles"] = json!(false);
    checklist["copyright"] = json!(false);
    let r = e1
        .post(&path, json!({"checklist": checklist, "verdict": "approve"}))
        .await;
    let (status, _, body) = error_code(r).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("checklist.subtitles")
        )
    );
    let r = e1
        .post(
            &path,
            json!({"checklist": all_pass(), "verdict": "return", "opinion": "  "}),
        )
        .await;
    let (status, _, body) = error_code(r).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("opinion"))
    );
    // An expert outside the group, and an unknown round, see nothing.
    let outsider = signed_in(&app, "demo", "demo-expert").await;
    assert_eq!(
        opinion(&outsider, round_id, "approve", "").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        outsider
            .get(&format!("/api/v1/reviews/{round_id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(get_json(&outsider, "/api/v1/reviews").await["total"], 0);
    assert_eq!(
        opinion(&e1, uuid::Uuid::new_v4(), "approve", "")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // Nothing was recorded: the first valid opinion is still possible, and only once.
    assert_eq!(opine(&e1, round_id, "approve", "").await, "open");
    let (status, _, body) = error_code(opinion(&e1, round_id, "approve", "").await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body["message"].as_str().unwrap().contains("already given"));
}

#[tokio::test]
async fn a_unanimous_group_returns_at_the_first_return_and_approves_only_together() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert1", "expert2", "expert3"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let group_id = group(&admin, "全体组", "unanimous", &ids).await;
    let e1 = signed_in(&app, "demo", "expert1").await;
    let e2 = signed_in(&app, "demo", "expert2").await;
    let e3 = signed_in(&app, "demo", "expert3").await;

    let (returned, revision) = submitted_course(&app, "有限空间作业").await;
    let round = assign(&admin, returned, group_id).await;
    assert_eq!(opine(&e1, round, "approve", "").await, "open");
    assert_eq!(
        opine(&e2, round, "return", "缺少中文字幕").await,
        "returned"
    );
    assert_eq!(revision_status(&app, revision).await, "returned");
    let rounds = get_json(&admin, &format!("/api/v1/review/courses/{returned}/rounds")).await;
    assert_eq!(rounds[0]["status"], "returned");
    assert_eq!(
        (
            rounds[0]["opinions"].as_i64(),
            rounds[0]["reviewers"].as_i64()
        ),
        (Some(2), Some(3))
    );
    let events = get_json(
        &admin,
        &format!("/api/v1/review/records?course_id={returned}&action=returned"),
    )
    .await;
    let note = events["items"][0]["note"].as_str().unwrap();
    assert!(
        note.contains("expert2") && note.contains("缺少中文字幕"),
        "{note}"
    );
    assert_eq!(events["items"][0]["from_status"], "in_review");
    assert_eq!(events["items"][0]["to_status"], "returned");

    let (approved, revision) = submitted_course(&app, "危险化学品管理").await;
    let round = assign(&admin, approved, group_id).await;
    assert_eq!(opine(&e1, round, "approve", "").await, "open");
    assert_eq!(opine(&e2, round, "approve", "").await, "open");
    assert_eq!(opine(&e3, round, "approve", "").await, "approved");
    assert_eq!(revision_status(&app, revision).await, "approved");
}

#[tokio::test]
async fn under_any_the_first_opinion_decides() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert1", "expert2"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let group_id = group(&admin, "快审组", "any", &ids).await;
    let e2 = signed_in(&app, "demo", "expert2").await;
    let (first, rev_first) = submitted_course(&app, "起重机械作业").await;
    let round = assign(&admin, first, group_id).await;
    assert_eq!(opine(&e2, round, "return", "案例陈旧").await, "returned");
    assert_eq!(revision_status(&app, rev_first).await, "returned");
    let (second, rev_second) = submitted_course(&app, "锅炉作业").await;
    let round = assign(&admin, second, group_id).await;
    assert_eq!(opine(&e2, round, "approve", "").await, "approved");
    assert_eq!(revision_status(&app, rev_second).await, "approved");
}

#[tokio::test]
async fn a_majority_returns_as_soon_as_approval_cannot_win() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert1", "expert2"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let group_id = group(&admin, "两人多数组", "majority", &ids).await;
    let e1 = signed_in(&app, "demo", "expert1").await;
    let (course_id, revision) = submitted_course(&app, "冶金安全").await;
    let round = assign(&admin, course_id, group_id).await;
    // Of two, one return leaves at most one approval: not more than half.
    assert_eq!(opine(&e1, round, "return", "课时不足").await, "returned");
    assert_eq!(revision_status(&app, revision).await, "returned");
}

#[tokio::test]
async fn re_assigning_cancels_the_open_round() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert1", "expert2"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let first_group = group(&admin, "甲组", "majority", &ids[..1]).await;
    let second_group = group(&admin, "乙组", "majority", &ids[1..]).await;
    let (course_id, revision) = submitted_course(&app, "矿山安全").await;
    let first = assign(&admin, course_id, first_group).await;
    let second = assign(&admin, course_id, second_group).await;
    assert_ne!(first, second);
    assert_eq!(revision_status(&app, revision).await, "in_review");
    let rounds = get_json(
        &admin,
        &format!("/api/v1/review/courses/{course_id}/rounds"),
    )
    .await;
    let statuses: Vec<(&str, &str)> = rounds
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["group"]["name"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(statuses, [("乙组", "open"), ("甲组", "cancelled")]);
    let e1 = signed_in(&app, "demo", "expert1").await;
    assert_eq!(
        opinion(&e1, first, "approve", "").await.status(),
        StatusCode::CONFLICT,
        "the cancelled round takes no opinion"
    );
    let e2 = signed_in(&app, "demo", "expert2").await;
    assert_eq!(opine(&e2, second, "approve", "").await, "approved");
    let assigned = get_json(
        &admin,
        &format!("/api/v1/review/records?course_id={course_id}&action=assigned"),
    )
    .await;
    assert_eq!(assigned["total"], 2);
    assert!(
        assigned["items"][0]["note"]
            .as_str()
            .unwrap()
            .contains("乙组")
    );
}

#[tokio::test]
async fn two_last_opinions_at_once_decide_the_round_once() {
    let app = spawn_app().await;
    let ids = experts(&app, &["expert1", "expert2"]).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let group_id = group(&admin, "并发组", "unanimous", &ids).await;
    let e1 = signed_in(&app, "demo", "expert1").await;
    let e2 = signed_in(&app, "demo", "expert2").await;
    for n in 0..5 {
        let (course_id, revision) = submitted_course(&app, &format!("并发课程{n}")).await;
        let round = assign(&admin, course_id, group_id).await;
        let (a, b) = tokio::join!(
            opinion(&e1, round, "approve", ""),
            opinion(&e2, round, "approve", "")
        );
        assert_eq!((a.status(), b.status()), (StatusCode::OK, StatusCode::OK));
        assert_eq!(revision_status(&app, revision).await, "approved");
        let decided = get_json(
            &admin,
            &format!("/api/v1/review/records?course_id={course_id}&action=approved"),
        )
        .await;
        assert_eq!(decided["total"], 1, "one decision, recorded once");
    }
}
