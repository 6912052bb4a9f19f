//! Arranging a draft's outline (rename, reorder, change coursewares, remove subtitles), the
//! authoring list's listing filter, and lecturer profiles: the rules, refusals and isolation.

use reqwest::StatusCode;
use serde_json::{Value, json};
use shared_types::Role;
use uuid::Uuid;

use crate::catalog::ready_video;
use crate::helpers::{Api, error_code, spawn_app};
use crate::media::{GOOD_VTT, tiny_pdf, upload_ok};
use crate::review_fixture::{course_as, get_json, owner_in, signed_in};

async fn created(api: &Api, path: &str, body: Value) -> Value {
    let r = api.post(path, body).await;
    assert_eq!(r.status(), StatusCode::CREATED, "{path}");
    r.json().await.unwrap()
}

fn id_of(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

fn chapter_titles(course: &Value) -> Vec<String> {
    course["revision"]["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap().to_owned())
        .collect()
}

async fn field_of(r: reqwest::Response) -> (StatusCode, String) {
    let (status, _, body) = error_code(r).await;
    (
        status,
        body["field"].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn an_author_renames_and_reorders_chapters_and_coursewares() {
    let app = spawn_app().await;
    let author = signed_in(&app, "demo", "demo-inst-admin").await;
    let course = created(
        &author,
        "/api/v1/courses",
        json!({"kind": "own", "fields": {"name": "有限空间作业安全", "training_type": "special_operations"}}),
    )
    .await;
    let id = id_of(&course);
    let mut chapters = Vec::new();
    for title in ["甲", "乙", "丙"] {
        let c = created(
            &author,
            &format!("/api/v1/courses/{id}/chapters"),
            json!({ "title": title }),
        )
        .await;
        chapters.push(id_of(&c));
    }
    let (a, b, c) = (&chapters[0], &chapters[1], &chapters[2]);
    let order = format!("/api/v1/courses/{id}/chapters/order");
    let r = author.send("PUT", &order, json!({"ids": [c, a, b]})).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let shown = get_json(&author, &format!("/api/v1/courses/{id}")).await;
    assert_eq!(chapter_titles(&shown), ["丙", "甲", "乙"]);
    for wrong in [
        json!({"ids": [a, b]}),
        json!({"ids": [a, a, b]}),
        json!({"ids": [a, b, c, Uuid::new_v4()]}),
    ] {
        let got = field_of(author.send("PUT", &order, wrong.clone()).await).await;
        assert_eq!(
            got,
            (StatusCode::UNPROCESSABLE_ENTITY, "ids".to_owned()),
            "{wrong}"
        );
    }

    let r = author
        .send(
            "PUT",
            &format!("/api/v1/chapters/{b}"),
            json!({"title": "乙：通风检测"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["title"], "乙：通风检测");
    let got = field_of(
        author
            .send(
                "PUT",
                &format!("/api/v1/chapters/{b}"),
                json!({"title": " "}),
            )
            .await,
    )
    .await;
    assert_eq!(got, (StatusCode::UNPROCESSABLE_ENTITY, "title".to_owned()));

    // Two coursewares in chapter 甲, then the other way round.
    let video = ready_video(&app, 600).await;
    let with_video = created(
        &author,
        &format!("/api/v1/chapters/{a}/coursewares"),
        json!({"title": "作业前检测", "kind": "video", "media_id": video}),
    )
    .await;
    let with_link = created(
        &author,
        &format!("/api/v1/chapters/{a}/coursewares"),
        json!({"title": "法规原文", "kind": "link", "url": "https://www.mem.gov.cn/", "required": false}),
    )
    .await;
    let first_chapter = |course: &Value| course["revision"]["chapters"][1]["coursewares"].clone();
    let v = id_of(&first_chapter(&with_video)[0]);
    let l = id_of(&first_chapter(&with_link)[1]);
    let r = author
        .send(
            "PUT",
            &format!("/api/v1/chapters/{a}/coursewares/order"),
            json!({"ids": [l, v]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let shown = get_json(&author, &format!("/api/v1/courses/{id}")).await;
    assert_eq!(first_chapter(&shown)[0]["title"], "法规原文");
    let got = field_of(
        author
            .send(
                "PUT",
                &format!("/api/v1/chapters/{b}/coursewares/order"),
                json!({"ids": [v]}),
            )
            .await,
    )
    .await;
    assert_eq!(got, (StatusCode::UNPROCESSABLE_ENTITY, "ids".to_owned()));
}

#[tokio::test]
async fn changing_a_courseware_keeps_its_lineage_and_drops_subtitles_of_a_replaced_video() {
    let app = spawn_app().await;
    let author = signed_in(&app, "demo", "demo-inst-admin").await;
    let course = created(
        &author,
        "/api/v1/courses",
        json!({"kind": "own", "fields": {"name": "高处作业", "training_type": "special_operations"}}),
    )
    .await;
    let id = id_of(&course);
    let chapter = id_of(
        &created(
            &author,
            &format!("/api/v1/courses/{id}/chapters"),
            json!({"title": "第一章"}),
        )
        .await,
    );
    let video = ready_video(&app, 300).await;
    let detail = created(
        &author,
        &format!("/api/v1/chapters/{chapter}/coursewares"),
        json!({"title": "安全带", "kind": "video", "media_id": video}),
    )
    .await;
    let cw = detail["revision"]["chapters"][0]["coursewares"][0].clone();
    let cw_id = id_of(&cw);
    let vtt = upload_ok(
        &author,
        "subtitle",
        "zh.vtt",
        "text/vtt",
        GOOD_VTT.as_bytes(),
    )
    .await;
    let track = format!("/api/v1/coursewares/{cw_id}/subtitles/zh-CN");
    let r = author
        .send("PUT", &track, json!({"media_id": vtt["id"]}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    // Same video, new title: the subtitles stay.
    let path = format!("/api/v1/coursewares/{cw_id}");
    let r = author
        .send(
            "PUT",
            &path,
            json!({"title": "安全带的正确使用", "kind": "video", "media_id": video, "required": false}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let changed =
        r.json::<Value>().await.unwrap()["revision"]["chapters"][0]["coursewares"][0].clone();
    assert_eq!(changed["title"], "安全带的正确使用");
    assert_eq!(changed["required"], false);
    assert_eq!(changed["lineage_id"], cw["lineage_id"]);
    assert_eq!(changed["subtitles"][0]["lang"], "zh-CN");

    // Removing the track; then there is none to remove.
    assert_eq!(
        author.send("DELETE", &track, json!(null)).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        author.send("DELETE", &track, json!(null)).await.status(),
        StatusCode::NOT_FOUND
    );
    let got = field_of(
        author
            .send(
                "DELETE",
                &format!("/api/v1/coursewares/{cw_id}/subtitles/fr-FR"),
                json!(null),
            )
            .await,
    )
    .await;
    assert_eq!(got, (StatusCode::UNPROCESSABLE_ENTITY, "lang".to_owned()));

    // A new video drops the old one's subtitles; a document needs its reading time.
    let r = author
        .send("PUT", &track, json!({"media_id": vtt["id"]}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let other = ready_video(&app, 420).await;
    let r = author
        .send(
            "PUT",
            &path,
            json!({"title": "安全带", "kind": "video", "media_id": other}),
        )
        .await;
    let replaced = r.json::<Value>().await.unwrap();
    let replaced_cw = &replaced["revision"]["chapters"][0]["coursewares"][0];
    assert_eq!(replaced_cw["subtitles"], json!([]));
    assert_eq!(replaced_cw["duration_seconds"], 420);
    assert_eq!(replaced["revision"]["duration_seconds"], 420);
    let pdf = upload_ok(
        &author,
        "document",
        "规程.pdf",
        "application/pdf",
        &tiny_pdf(),
    )
    .await;
    let got = field_of(
        author
            .send(
                "PUT",
                &path,
                json!({"title": "规程", "kind": "document", "media_id": pdf["id"]}),
            )
            .await,
    )
    .await;
    assert_eq!(
        got,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "min_study_seconds".to_owned()
        )
    );
    let got = field_of(
        author
            .send(
                "PUT",
                &path,
                json!({"title": "规程", "kind": "document", "media_id": video, "min_study_seconds": 600}),
            )
            .await,
    )
    .await;
    assert_eq!(
        got,
        (StatusCode::UNPROCESSABLE_ENTITY, "media_id".to_owned())
    );

    // The authoring list by listing: a new course is unlisted.
    let unlisted = get_json(&author, "/api/v1/courses?listing=unlisted").await;
    assert!(
        unlisted["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == json!(id))
    );
    let published = get_json(&author, "/api/v1/courses?listing=published").await;
    assert!(
        !published["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == json!(id))
    );
}

#[tokio::test]
async fn a_submitted_outline_is_frozen_and_other_tenants_reach_nothing() {
    let app = spawn_app().await;
    let (course, revision) = course_as(
        &app,
        "demo",
        "demo-inst-admin",
        "own",
        "已提交课程",
        "submitted",
    )
    .await;
    let (mut conn, tenant_id) = owner_in(&app, "demo").await;
    let chapter = Uuid::new_v4();
    sqlx::query(
        "insert into chapters (chapter_id, tenant_id, revision_id, title, position) values ($1, $2, $3, '第一章', 0)",
    )
    .bind(chapter)
    .bind(tenant_id)
    .bind(revision)
    .execute(&mut conn)
    .await
    .unwrap();
    let author = signed_in(&app, "demo", "demo-inst-admin").await;
    let calls = [
        (
            format!("/api/v1/chapters/{chapter}"),
            json!({"title": "改名"}),
        ),
        (
            format!("/api/v1/courses/{course}/chapters/order"),
            json!({"ids": [chapter]}),
        ),
        (
            format!("/api/v1/chapters/{chapter}/coursewares/order"),
            json!({"ids": []}),
        ),
    ];
    for (path, body) in &calls {
        assert_eq!(
            author.send("PUT", path, body.clone()).await.status(),
            StatusCode::CONFLICT,
            "{path}"
        );
    }

    app.create_tenant("other").await;
    app.add_staff("other", "other-admin", Role::RegulatorAdmin)
        .await;
    let theirs = signed_in(&app, "other", "other-admin").await;
    for (path, body) in &calls {
        assert_eq!(
            theirs.send("PUT", path, body.clone()).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn lecturers_are_read_and_changed_within_their_tenant() {
    let app = spawn_app().await;
    let author = signed_in(&app, "demo", "demo-inst-admin").await;
    let lecturer = created(
        &author,
        "/api/v1/lecturers",
        json!({"name": "李安全", "title": "讲师"}),
    )
    .await;
    let lid = id_of(&lecturer);
    let course = created(
        &author,
        "/api/v1/courses",
        json!({"kind": "own", "fields": {"name": "叉车安全", "training_type": "special_operations", "lecturer_ids": [lid]}}),
    )
    .await;
    let path = format!("/api/v1/lecturers/{lid}");
    assert_eq!(get_json(&author, &path).await["name"], "李安全");
    let r = author
        .send(
            "PUT",
            &path,
            json!({"name": "李安全员", "title": "高级讲师", "bio": "二十年特种设备检验经验"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["title"], "高级讲师");
    // Search finds the course by the lecturer's new name.
    let (mut conn, _) = owner_in(&app, "demo").await;
    let text: String =
        sqlx::query_scalar("select search_text from course_revisions where course_id = $1")
            .bind(Uuid::parse_str(&id_of(&course)).unwrap())
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert!(text.contains("李安全员"), "{text}");

    // A photo: every signed-in role follows its address to the presigned image.
    let photo_path = format!("{path}/photo");
    assert_eq!(
        author.get(&photo_path).await.status(),
        StatusCode::NOT_FOUND
    );
    let png = upload_ok(
        &author,
        "image",
        "李.png",
        "image/png",
        b"\x89PNG\r\n\x1a\n0000",
    )
    .await;
    let r = author
        .send(
            "PUT",
            &path,
            json!({"name": "李安全员", "title": "高级讲师", "photo_media_id": png["id"]}),
        )
        .await;
    assert_eq!(
        r.json::<Value>().await.unwrap()["photo_url"],
        json!(photo_path)
    );
    let trainee = signed_in(&app, "demo", "13800000001").await;
    let image = trainee.get(&photo_path).await;
    assert_eq!(image.status(), StatusCode::OK);
    assert!(image.bytes().await.unwrap().starts_with(b"\x89PNG"));

    let got = field_of(author.send("PUT", &path, json!({"name": ""})).await).await;
    assert_eq!(got, (StatusCode::UNPROCESSABLE_ENTITY, "name".to_owned()));
    let got = field_of(
        author
            .send(
                "PUT",
                &path,
                json!({"name": "李", "photo_media_id": Uuid::new_v4()}),
            )
            .await,
    )
    .await;
    assert_eq!(
        got,
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "photo_media_id".to_owned()
        )
    );
    assert_eq!(
        author
            .get(&format!("/api/v1/lecturers/{}", Uuid::new_v4()))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        trainee
            .send("PUT", &path, json!({"name": "冒名"}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    app.create_tenant("other").await;
    app.add_staff("other", "other-admin", Role::RegulatorAdmin)
        .await;
    let theirs = signed_in(&app, "other", "other-admin").await;
    assert_eq!(theirs.get(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        theirs.get(&photo_path).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        theirs
            .send("PUT", &path, json!({"name": "借用"}))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(get_json(&author, &path).await["name"], "李安全员");
}
