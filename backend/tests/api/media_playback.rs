//! Real videos made by ffmpeg: probed, transcoded to HLS by the job worker, played through
//! presigned URLs.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::Value;
use shared_types::media::{MediaKind, MediaStatus};
use uuid::Uuid;

use crate::helpers::{Api, spawn_app};
use crate::media::{GOOD_VTT, expires_of, upload_ok};

/// A short test video made with ffmpeg's test sources, as bytes.
pub async fn make_video(name: &str, args: &[&str]) -> Vec<u8> {
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

#[tokio::test]
async fn a_local_file_is_imported_probed_and_transcoded_like_an_upload() {
    let app = spawn_app().await;
    let tenant = backend::tenancy::service::by_code(&app.state.db, "demo")
        .await
        .unwrap();
    let dir = std::env::temp_dir().join(format!("zhipei-import-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let video = dir.join("安全课.mp4");
    let bytes = make_video(
        "import.mp4",
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=640x360:rate=25",
            "-t",
            "2",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
        ],
    )
    .await;
    std::fs::write(&video, bytes).unwrap();
    let vtt = dir.join("zh-CN.vtt");
    std::fs::write(&vtt, GOOD_VTT).unwrap();
    let state = &app.state;
    let imported =
        backend::media::import_file(state, &tenant, MediaKind::Video, &video, "video/mp4")
            .await
            .unwrap();
    assert_eq!(
        (imported.status, imported.file_name.as_str()),
        (MediaStatus::Transcoding, "安全课.mp4")
    );
    let track = backend::media::import_file(state, &tenant, MediaKind::Subtitle, &vtt, "text/vtt")
        .await
        .unwrap();
    assert_eq!(track.status, MediaStatus::Ready);
    let refused =
        backend::media::import_file(state, &tenant, MediaKind::Subtitle, &video, "text/vtt").await;
    assert!(
        matches!(refused, Err(backend::AppError::Invalid { ref field, .. }) if field == "file")
    );
    let _ = std::fs::remove_dir_all(&dir);

    // Regulator staff see it and it becomes playable.
    let mut admin = Api::new(&app, "demo");
    admin.login("demo-admin").await;
    let ready = wait_until_transcoded(&admin, &imported.id.to_string()).await;
    assert_eq!(ready["status"], "ready", "{ready}");
    assert_eq!(ready["renditions"][0]["name"], "360p");
}
