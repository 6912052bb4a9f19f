//! Real videos made by ffmpeg: probed, transcoded to HLS by the job worker, played through
//! presigned URLs; and who may see which media.

use std::time::{Duration, Instant};

use backend::db::Scope;
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Api, TestApp, error_code, spawn_app};
use crate::media::{GOOD_VTT, expires_of, start, tiny_pdf, upload_ok};

/// A short test video made with ffmpeg's test sources, as bytes.
async fn make_video(name: &str, args: &[&str]) -> Vec<u8> {
    let path = std::env::temp_dir().join(format!("zhipei-test-{}-{name}", Uuid::new_v4()));
    let status = tokio::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y"])
        .args(args)
        .arg(&path)
        .status()
        .await
        .expect("ffmpeg is installed (cargo xtask install)");
    assert!(status.success(), "ffmpeg made {name}");
    let bytes = std::fs::read(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    bytes
}

/// Polls the media until the transcoder is done with it.
async fn wait_until_transcoded(api: &Api, id: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let media: Value = api
            .get(&format!("/api/v1/media/{id}"))
            .await
            .json()
            .await
            .unwrap();
        if media["status"] != "transcoding" || Instant::now() > deadline {
            return media;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

#[tokio::test]
async fn a_real_video_is_transcoded_to_hls_and_plays_through_presigned_urls() {
    let app = spawn_app().await;
    let mut api = Api::new(&app, "demo");
    api.login("demo-inst-admin").await;
    let mp4 = make_video(
        "720p.mp4",
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=1280x720:rate=25",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440",
            "-t",
            "3",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
        ],
    )
    .await;
    // MPEG-4 part 2 in AVI, no sound: browsers cannot play it, so an MP4 fallback is made.
    let avi = make_video(
        "small.avi",
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x240:rate=25",
            "-t",
            "2",
            "-c:v",
            "mpeg4",
        ],
    )
    .await;
    let started = Instant::now();
    let video = upload_ok(&api, "video", "demo.mp4", "video/mp4", &mp4).await;
    assert_eq!(video["status"], "transcoding");
    assert_eq!(video["duration_seconds"], 3);
    let old = upload_ok(&api, "video", "old.avi", "video/x-msvideo", &avi).await;

    let id = video["id"].as_str().unwrap();
    let ready = wait_until_transcoded(&api, id).await;
    eprintln!("3 s 720p video transcoded in {:?}", started.elapsed());
    assert_eq!(ready["status"], "ready", "{ready}");
    let names: Vec<&str> = ready["renditions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["360p", "720p"]);
    assert!(ready["renditions"][0]["bandwidth"].as_i64().unwrap() > 0);

    let playback: Value = api
        .get(&format!("/api/v1/media/{id}/playback"))
        .await
        .json()
        .await
        .unwrap();
    let hls_url = playback["hls_url"].as_str().unwrap();
    assert_eq!(hls_url, format!("/api/v1/media/{id}/hls/master.m3u8"));
    // The source plays in browsers: it is the MP4 fallback, presigned for 10 minutes at most.
    let mp4_url = playback["mp4_url"].as_str().unwrap();
    assert!(expires_of(mp4_url) <= 600);
    let fallback = reqwest::get(mp4_url).await.unwrap().bytes().await.unwrap();
    assert_eq!(fallback.len(), mp4.len());

    let master = api.get(hls_url).await;
    assert_eq!(
        master.headers()["content-type"],
        "application/vnd.apple.mpegurl"
    );
    assert_eq!(master.headers()["cache-control"], "no-store");
    let master = master.text().await.unwrap();
    assert!(master.starts_with("#EXTM3U"), "{master}");
    assert!(
        master.contains("\n360p.m3u8\n") && master.contains("\n720p.m3u8\n"),
        "{master}"
    );

    let variant = api
        .get(&format!("/api/v1/media/{id}/hls/720p.m3u8"))
        .await
        .text()
        .await
        .unwrap();
    let segments: Vec<&str> = variant.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(!segments.is_empty(), "{variant}");
    for url in &segments {
        assert!(url.starts_with("http") && expires_of(url) <= 600, "{url}");
    }
    let segment = reqwest::get(segments[0]).await.unwrap();
    assert_eq!(segment.status(), StatusCode::OK);
    let segment = segment.bytes().await.unwrap();
    assert_eq!(
        segment[0], 0x47,
        "an MPEG-TS segment starts with the sync byte"
    );

    for missing in ["1080p.m3u8", "master.txt"] {
        let response = api.get(&format!("/api/v1/media/{id}/hls/{missing}")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{missing}");
    }

    // The AVI gets one (upscaled) rendition and a made MP4 fallback.
    let old_id = old["id"].as_str().unwrap();
    let old = wait_until_transcoded(&api, old_id).await;
    assert_eq!(old["status"], "ready", "{old}");
    assert_eq!(old["renditions"].as_array().unwrap().len(), 1);
    assert_eq!(old["renditions"][0]["height"], 360);
    let playback: Value = api
        .get(&format!("/api/v1/media/{old_id}/playback"))
        .await
        .json()
        .await
        .unwrap();
    let made = reqwest::get(playback["mp4_url"].as_str().unwrap())
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&made[4..8], b"ftyp");

    // Both transcodes are visible to regulator staff as done jobs.
    let mut admin = Api::new(&app, "demo");
    admin.login("demo-admin").await;
    let jobs: Value = admin
        .get("/api/v1/jobs?kind=transcode&status=done")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(jobs["total"], 2, "{jobs}");
    assert!(
        jobs["items"][1]["subject"]
            .as_str()
            .unwrap()
            .contains("demo.mp4")
    );
}

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

    // Trainees have no business with media at all.
    let trainee = login("13800000001").await;
    let refused = trainee
        .post(
            "/api/v1/media/uploads",
            json!({"kind": "document", "file_name": "a.pdf",
            "content_type": "application/pdf", "size_bytes": 10}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(trainee.get(&media).await.status(), StatusCode::FORBIDDEN);

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
