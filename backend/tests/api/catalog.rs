//! Course authoring and the published catalogue: a course from draft through review into the
//! catalogue and out again; the authoring rules, permissions and tenant isolation.

use reqwest::StatusCode;
use serde_json::{Value, json};
use shared_types::Role;
use uuid::Uuid;

use crate::helpers::{Api, TestApp, error_code, spawn_app};
use crate::media::{GOOD_VTT, tiny_pdf, upload_ok};
use crate::review_fixture::{
    assign, experts, get_json, group, opine, owner_in, publish, signed_in,
};

/// A transcoded video as the media pipeline leaves it (the pipeline itself is tested in
/// `media_playback`; transcoding here would only slow this test down).
pub async fn ready_video(app: &TestApp, seconds: i32) -> Uuid {
    let (mut conn, tenant_id) = owner_in(app, "demo").await;
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into media_assets (media_id, tenant_id, kind, object_key, file_name, content_type,
             size_bytes, part_size, status, duration_seconds)
         values ($1, $2, 'video', $3, 'lesson.mp4', 'video/mp4', 1000, 1000, 'ready', $4)",
    )
    .bind(id)
    .bind(tenant_id)
    .bind(format!("tenants/demo/media/{id}/source"))
    .bind(seconds)
    .execute(&mut conn)
    .await
    .unwrap();
    id
}

fn fields(name: &str, lecturer: &str, licence: &str) -> Value {
    json!({"name": name, "summary": "建筑消防设施、火灾预防与应急疏散", "training_type": "safety_manager",
           "audience": "企业安全生产管理人员", "tags": ["消防", "应急"], "lecturer_ids": [lecturer],
           "copyright_holder": "演示培训中心", "licence_media_id": licence})
}

async fn submit(api: &Api, course: &str) -> reqwest::Response {
    api.post(&format!("/api/v1/courses/{course}/submit"), json!({}))
        .await
}

async fn catalogue_names(api: &Api, q: &str) -> Vec<String> {
    let page = get_json(api, &format!("/api/v1/catalogue?q={q}")).await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_course_goes_from_draft_through_review_into_the_catalogue_and_out_again() {
    let app = spawn_app().await;
    let author = signed_in(&app, "demo", "demo-inst-admin").await;
    let lecturer: Value = author
        .post(
            "/api/v1/lecturers",
            json!({"name": "王消防", "title": "高级工程师"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let lecturer = lecturer["id"].as_str().unwrap().to_owned();
    let licence = upload_ok(
        &author,
        "licence",
        "授权书.pdf",
        "application/pdf",
        &tiny_pdf(),
    )
    .await;
    let licence = licence["id"].as_str().unwrap().to_owned();

    let r = author
        .post(
            "/api/v1/courses",
            json!({"kind": "own", "fields": fields("建筑消防安全管理", &lecturer, &licence)}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let course: Value = r.json().await.unwrap();
    let id = course["id"].as_str().unwrap().to_owned();
    let number = course["course_no"].as_str().unwrap();
    assert!(
        number.starts_with("DEMO-AQ-20") && number.ends_with("-000001"),
        "{number}"
    );
    assert_eq!(course["revision"]["status"], "draft");

    // Nothing to study yet: the submission names what is missing.
    let (status, code, body) = error_code(submit(&author, &id).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field")
    );
    assert_eq!(body["field"], "chapters");

    let chapter: Value = author
        .post(
            &format!("/api/v1/courses/{id}/chapters"),
            json!({"title": "第一章 火灾预防"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let video = ready_video(&app, 1800).await;
    let r = author
        .post(
            &format!(
                "/api/v1/chapters/{}/coursewares",
                chapter["id"].as_str().unwrap()
            ),
            json!({"title": "消防设施", "kind": "video", "media_id": video}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let detail: Value = r.json().await.unwrap();
    assert_eq!(detail["revision"]["duration_seconds"], 1800);
    let courseware = detail["revision"]["chapters"][0]["coursewares"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Z-III.4: no Simplified-Chinese subtitles, no review.
    let (status, _, body) = error_code(submit(&author, &id).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["field"], "chapters[0].coursewares[0].subtitles");
    let vtt = upload_ok(
        &author,
        "subtitle",
        "zh.vtt",
        "text/vtt",
        GOOD_VTT.as_bytes(),
    )
    .await;
    let r = author
        .send(
            "PUT",
            &format!("/api/v1/coursewares/{courseware}/subtitles/zh-CN"),
            json!({"media_id": vtt["id"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = submit(&author, &id).await;
    assert_eq!(r.status(), StatusCode::OK);
    let submitted: Value = r.json().await.unwrap();
    assert_eq!(submitted["revision"]["status"], "submitted");

    // Submitted revisions are frozen.
    let r = author
        .send(
            "PUT",
            &format!("/api/v1/courses/{id}"),
            fields("改名", &lecturer, &licence),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // Review and publication, then the trainee finds it by a Chinese substring.
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let reviewers = experts(&app, &["fire-expert"]).await;
    let group_id = group(&admin, "消防专家组", "any", &reviewers).await;
    let course_id: Uuid = id.parse().unwrap();
    let round = assign(&admin, course_id, group_id).await;
    let expert = signed_in(&app, "demo", "fire-expert").await;
    assert_eq!(
        opine(&expert, round, "approve", "内容完整").await,
        "approved"
    );
    assert_eq!(publish(&admin, course_id).await.status(), StatusCode::OK);

    let mut trainee = Api::new(&app, "demo");
    trainee.login("13800000001").await;
    assert_eq!(
        catalogue_names(&trainee, "消防").await,
        ["建筑消防安全管理"]
    );
    assert_eq!(
        catalogue_names(&trainee, "王消防").await,
        ["建筑消防安全管理"]
    );
    assert!(catalogue_names(&trainee, "化工").await.is_empty());
    let shown = get_json(&trainee, &format!("/api/v1/catalogue/{id}")).await;
    assert_eq!(shown["revision"]["chapters"][0]["title"], "第一章 火灾预防");
    assert_eq!(shown["revision"]["lecturers"][0]["name"], "王消防");

    // Editing the published course is a new revision with the same courseware lineage; the
    // catalogue keeps showing the live one meanwhile.
    let r = author
        .post(&format!("/api/v1/courses/{id}/revisions"), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let draft: Value = r.json().await.unwrap();
    assert_eq!(draft["revision"]["revision_no"], 2);
    let copied = &draft["revision"]["chapters"][0]["coursewares"][0];
    assert_ne!(copied["id"], courseware.as_str());
    assert_eq!(copied["lineage_id"], courseware.as_str());
    assert_eq!(copied["subtitles"][0]["lang"], "zh-CN");
    let r = author
        .send(
            "PUT",
            &format!("/api/v1/courses/{id}"),
            fields("建筑消防安全管理（2027版）", &lecturer, &licence),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        catalogue_names(&trainee, "消防").await,
        ["建筑消防安全管理"]
    );
    let again = author
        .post(&format!("/api/v1/courses/{id}/revisions"), json!({}))
        .await;
    assert_eq!(
        again.status(),
        StatusCode::CONFLICT,
        "one revision in progress at a time"
    );

    // Taken down, it leaves the catalogue.
    let r = admin
        .post(
            &format!("/api/v1/review/courses/{id}/take-down"),
            json!({"reason": "教材需更新"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(catalogue_names(&trainee, "消防").await.is_empty());
    assert_eq!(
        trainee
            .get(&format!("/api/v1/catalogue/{id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn authoring_refuses_bad_input_other_peoples_courses_and_the_wrong_roles() {
    let app = spawn_app().await;
    let author = signed_in(&app, "demo", "demo-inst-admin").await;
    let base = json!({"name": "危险化学品安全", "training_type": "principal"});
    let create = |kind: &str, fields: Value| json!({"kind": kind, "fields": fields});

    let expect_field = |r: reqwest::Response, field: &'static str| async move {
        let (status, _, body) = error_code(r).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["field"], field, "{body}");
    };
    expect_field(
        author
            .post("/api/v1/courses", create("live", base.clone()))
            .await,
        "kind",
    )
    .await;
    let mut blank = base.clone();
    blank["name"] = json!("  ");
    expect_field(
        author.post("/api/v1/courses", create("own", blank)).await,
        "name",
    )
    .await;
    let mut priced = base.clone();
    priced["price_cents"] = json!(1000);
    expect_field(
        author.post("/api/v1/courses", create("own", priced)).await,
        "price_cents",
    )
    .await;
    let mut stranger = base.clone();
    stranger["lecturer_ids"] = json!([Uuid::new_v4()]);
    expect_field(
        author
            .post("/api/v1/courses", create("own", stranger))
            .await,
        "lecturer_ids",
    )
    .await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    expect_field(
        admin
            .post("/api/v1/courses", create("own", base.clone()))
            .await,
        "kind",
    )
    .await;
    assert_eq!(
        admin
            .post("/api/v1/courses", create("vod", base.clone()))
            .await
            .status(),
        StatusCode::CREATED
    );

    let r = author
        .post("/api/v1/courses", create("offline", base.clone()))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = r.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let numbers: Vec<String> = get_json(&admin, "/api/v1/courses").await["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["course_no"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(numbers.len(), 2, "the regulator sees every course");
    assert!(numbers.iter().all(|n| n.starts_with("DEMO-AQ-")));
    assert_ne!(numbers[0], numbers[1]);

    // Another institution user, other roles, another tenant.
    app.add_staff("demo", "other-inst", Role::InstitutionAdmin)
        .await;
    let other = signed_in(&app, "demo", "other-inst").await;
    assert_eq!(
        other.get(&format!("/api/v1/courses/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(get_json(&other, "/api/v1/courses").await["total"], 0);
    for account in ["demo-viewer", "demo-lecturer", "demo-expert"] {
        let api = signed_in(&app, "demo", account).await;
        let r = api
            .post("/api/v1/courses", create("own", base.clone()))
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{account}");
    }
    let mut trainee = Api::new(&app, "demo");
    trainee.login("13800000001").await;
    assert_eq!(
        trainee.get("/api/v1/courses").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get_json(&trainee, "/api/v1/catalogue").await["total"],
        0,
        "nothing published"
    );
    app.create_tenant("other").await;
    app.add_staff("other", "other-admin", Role::RegulatorAdmin)
        .await;
    let foreign = signed_in(&app, "other", "other-admin").await;
    assert_eq!(
        foreign.get(&format!("/api/v1/courses/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(get_json(&foreign, "/api/v1/courses").await["total"], 0);
    let r = foreign
        .post(
            &format!("/api/v1/courses/{id}/chapters"),
            json!({"title": "x"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn chapters_and_coursewares_are_removed_topics_group_courses_and_history_is_kept() {
    let app = spawn_app().await;
    let author = signed_in(&app, "demo", "demo-inst-admin").await;
    let r = author
        .post("/api/v1/course-topics", json!({"name": "有限空间作业"}))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let topic = r.json::<Value>().await.unwrap()["id"].clone();
    let dup = author
        .post("/api/v1/course-topics", json!({"name": "有限空间作业"}))
        .await;
    let (status, code, _) = error_code(dup).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::CONFLICT, "already_exists")
    );

    let course: Value = author
        .post(
            "/api/v1/courses",
            json!({"kind": "own", "fields": {"name": "有限空间作业安全", "training_type": "special_operations", "topic_id": topic}}),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = course["id"].as_str().unwrap();
    assert_eq!(course["topic_id"], topic);
    let topics = get_json(&author, "/api/v1/course-topics").await;
    assert_eq!(topics[0]["course_count"], 1);

    let chapter: Value = author
        .post(
            &format!("/api/v1/courses/{id}/chapters"),
            json!({"title": "第一章"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let chapter = chapter["id"].as_str().unwrap();
    let video = ready_video(&app, 600).await;
    let detail: Value = author
        .post(
            &format!("/api/v1/chapters/{chapter}/coursewares"),
            json!({"title": "通风检测", "kind": "video", "media_id": video, "required": true}),
        )
        .await
        .json()
        .await
        .unwrap();
    let courseware = detail["revision"]["chapters"][0]["coursewares"][0]["id"]
        .as_str()
        .unwrap();
    let link = author
        .post(
            &format!("/api/v1/chapters/{chapter}/coursewares"),
            json!({"title": "标准原文", "kind": "link", "url": "ftp://example.org"}),
        )
        .await;
    let (status, _, body) = error_code(link).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("url"))
    );

    let r = author
        .send(
            "DELETE",
            &format!("/api/v1/coursewares/{courseware}"),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let after = get_json(&author, &format!("/api/v1/courses/{id}")).await;
    assert_eq!(after["revision"]["duration_seconds"], 0);
    assert!(
        after["revision"]["chapters"][0]["coursewares"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let r = author
        .send("DELETE", &format!("/api/v1/chapters/{chapter}"), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = author
        .send("DELETE", &format!("/api/v1/chapters/{chapter}"), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    let history = get_json(&author, &format!("/api/v1/courses/{id}/events")).await;
    assert_eq!(history[0]["action"], "created");
    assert_eq!(history[0]["actor_name"], "演示机构负责人");
    app.add_staff("demo", "other-inst", Role::InstitutionAdmin)
        .await;
    let other = signed_in(&app, "demo", "other-inst").await;
    let r = other.get(&format!("/api/v1/courses/{id}/events")).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}
