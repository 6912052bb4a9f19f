//! Who may see which media: the uploader, regulator staff, and the experts reviewing a course
//! revision that uses it; nobody in another tenant.

use backend::db::Scope;
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Api, TestApp, error_code, spawn_app};
use crate::media::{GOOD_VTT, start, tiny_pdf, upload_ok};

/// Puts `video` (with the `subtitle` track) and the `licence` into a course revision that
/// demo-expert is reviewing. Returns the courseware id.
async fn under_review(app: &TestApp, video: &str, subtitle: &str, licence: &str) -> Uuid {
    let tenant = app.tenant_id("demo").await;
    let mut tx = app
        .state
        .db
        .begin_tenant(Scope::tenant(tenant))
        .await
        .unwrap();
    let mut user = async |name: &str| -> Uuid {
        sqlx::query_scalar("select user_id from users where username = $1")
            .bind(name)
            .fetch_one(&mut *tx)
            .await
            .unwrap()
    };
    let (author, expert, admin) = (
        user("demo-inst-admin").await,
        user("demo-expert").await,
        user("demo-admin").await,
    );
    let id = |s: &str| Uuid::parse_str(s).unwrap();
    let (course, revision, chapter, courseware, group) = (
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
    );
    let statements: [(&str, Vec<Uuid>); 7] = [
        ("insert into courses (course_id, tenant_id, kind, course_no, created_by)
          values ($1, $2, 'own', 'T-AQ-2026-000001', $3)", vec![course, tenant, author]),
        ("insert into course_revisions (revision_id, tenant_id, course_id, revision_no, status, name,
              category, training_type, licence_media_id, created_by)
          values ($1, $2, $3, 1, 'in_review', '消防安全', 'safety_production', 'safety_manager', $4, $5)",
         vec![revision, tenant, course, id(licence), author]),
        ("insert into chapters (chapter_id, tenant_id, revision_id, title, position)
          values ($1, $2, $3, '第一章', 1)", vec![chapter, tenant, revision]),
        ("insert into coursewares (courseware_id, tenant_id, chapter_id, revision_id, lineage_id, title,
              kind, position, media_id)
          values ($1, $2, $3, $4, $1, '视频', 'video', 1, $5)",
         vec![courseware, tenant, chapter, revision, id(video)]),
        ("insert into subtitles (courseware_id, tenant_id, lang, media_id) values ($1, $2, 'zh-CN', $3)",
         vec![courseware, tenant, id(subtitle)]),
        ("insert into expert_groups (group_id, tenant_id, name) values ($1, $2, '第一组')",
         vec![group, tenant]),
        ("insert into review_rounds (round_id, tenant_id, revision_id, group_id, decision_rule,
              reviewer_ids, assigned_by)
          values ($1, $2, $3, $4, 'majority', array[$5::uuid], $6)",
         vec![Uuid::new_v4(), tenant, revision, group, expert, admin]),
    ];
    for (sql, binds) in statements {
        let mut query = sqlx::query(sql);
        for bind in binds {
            query = query.bind(bind);
        }
        query.execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    courseware
}

#[tokio::test]
async fn media_is_seen_by_its_uploader_regulator_staff_and_its_reviewers_only() {
    let app = spawn_app().await;
    let login = async |account: &str| {
        let mut api = Api::new(&app, "demo");
        api.login(account).await;
        api
    };
    let author = login("demo-inst-admin").await;
    let video = start(&author, "video", "lesson.mp4", "video/mp4", 1000).await;
    let video = video["media_id"].as_str().unwrap().to_owned();
    let vtt = upload_ok(
        &author,
        "subtitle",
        "zh.vtt",
        "text/vtt",
        GOOD_VTT.as_bytes(),
    )
    .await;
    let licence = upload_ok(
        &author,
        "licence",
        "授权书.pdf",
        "application/pdf",
        &tiny_pdf(),
    )
    .await;
    let licence = licence["id"].as_str().unwrap().to_owned();
    let media = format!("/api/v1/media/{video}");
    let upload = format!("/api/v1/media/uploads/{video}");

    // Trainees upload nothing, and see only the media of courses they are set to study:
    // this upload belongs to no course, so to them it does not exist.
    let trainee = login("13800000001").await;
    let refused = trainee
        .post(
            "/api/v1/media/uploads",
            json!({"kind": "document", "file_name": "a.pdf",
            "content_type": "application/pdf", "size_bytes": 10}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(trainee.get(&media).await.status(), StatusCode::NOT_FOUND);

    // A colleague of the uploader neither sees nor touches the upload.
    let colleague = login("demo-inst-staff").await;
    for (method, path) in [
        ("GET", upload.clone()),
        ("POST", format!("{upload}/parts")),
        ("PUT", format!("{upload}/parts/1")),
        ("POST", format!("{upload}/complete")),
        ("GET", media.clone()),
        ("GET", format!("{media}/playback")),
        ("GET", format!("{media}/hls/master.m3u8")),
    ] {
        let body = json!({"part_numbers": [1], "etag": "\"e\"", "size_bytes": 1000});
        let response = colleague.send(method, &path, body).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} {path}");
    }

    // Regulator viewers read media but upload nothing; the admin also sees the upload.
    let viewer = login("demo-viewer").await;
    assert_eq!(viewer.get(&media).await.status(), StatusCode::OK);
    assert_eq!(viewer.get(&upload).await.status(), StatusCode::NOT_FOUND);
    let refused = viewer.post(&format!("{upload}/complete"), json!({})).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let admin = login("demo-admin").await;
    assert_eq!(admin.get(&upload).await.status(), StatusCode::OK);

    // An expert sees the media of the revisions they review, and nothing else.
    let expert = login("demo-expert").await;
    assert_eq!(expert.get(&media).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        expert
            .post("/api/v1/media/uploads", json!({}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let courseware = under_review(&app, &video, vtt["id"].as_str().unwrap(), &licence).await;
    assert_eq!(expert.get(&media).await.status(), StatusCode::OK);
    let playback: Value = expert
        .get(&format!("{media}/playback?courseware_id={courseware}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(playback["status"], "uploading");
    assert_eq!(playback["hls_url"], Value::Null);
    assert_eq!(playback["subtitle_urls"][0]["lang"], "zh-CN");
    let track = reqwest::get(playback["subtitle_urls"][0]["url"].as_str().unwrap())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(track.starts_with("WEBVTT"));
    let licence_playback: Value = expert
        .get(&format!("/api/v1/media/{licence}/playback"))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        licence_playback["file_url"]
            .as_str()
            .unwrap()
            .starts_with("http")
    );
    // A courseware that does not play this media gives no tracks.
    let stranger = expert
        .get(&format!(
            "{media}/playback?courseware_id={}",
            Uuid::new_v4()
        ))
        .await;
    assert_eq!(stranger.status(), StatusCode::NOT_FOUND);
    assert_eq!(expert.get(&upload).await.status(), StatusCode::NOT_FOUND);

    // Another tenant's administrator finds none of it.
    app.create_tenant("other").await;
    app.add_staff("other", "other-admin", shared_types::Role::RegulatorAdmin)
        .await;
    let mut other = Api::new(&app, "other");
    other.login("other-admin").await;
    for path in [
        media.clone(),
        format!("{media}/playback"),
        format!("/api/v1/media/{licence}/playback"),
        format!("{media}/hls/master.m3u8"),
        upload.clone(),
    ] {
        let (status, code, _) = error_code(other.get(&path).await).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::NOT_FOUND, "not_found"),
            "{path}"
        );
    }
}
