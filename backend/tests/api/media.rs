//! Uploads through the real S3 protocol (presigned multipart, resume, complete) and the probe
//! that refuses what cannot be played or read.

use backend::storage::tenant_key;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Api, TestApp, error_code, spawn_app, spawn_with};

pub const MIB: usize = 1024 * 1024;

pub async fn start(api: &Api, kind: &str, name: &str, content_type: &str, size: usize) -> Value {
    let response = api
        .post(
            "/api/v1/media/uploads",
            json!({"kind": kind, "file_name": name, "content_type": content_type, "size_bytes": size}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED, "start {name}");
    response.json().await.unwrap()
}

/// Presigns `parts`, PUTs their bytes straight to the store, reports each ETag.
pub async fn send_parts(api: &Api, session: &Value, bytes: &[u8], parts: &[u32]) {
    let id = session["media_id"].as_str().unwrap();
    let part_size = session["part_size"].as_u64().unwrap() as usize;
    let presigned: Value = api
        .post(
            &format!("/api/v1/media/uploads/{id}/parts"),
            json!({"part_numbers": parts}),
        )
        .await
        .json()
        .await
        .unwrap();
    let s3 = reqwest::Client::new();
    for part in presigned["parts"].as_array().unwrap() {
        let n = part["part_number"].as_u64().unwrap() as usize;
        let chunk = &bytes[(n - 1) * part_size..(n * part_size).min(bytes.len())];
        let put = s3
            .put(part["url"].as_str().unwrap())
            .body(chunk.to_vec())
            .send()
            .await
            .unwrap();
        assert!(put.status().is_success(), "PUT part {n}: {}", put.status());
        let etag = put.headers()["etag"].to_str().unwrap().to_owned();
        let done = api
            .send(
                "PUT",
                &format!("/api/v1/media/uploads/{id}/parts/{n}"),
                json!({"etag": etag, "size_bytes": chunk.len()}),
            )
            .await;
        assert_eq!(done.status(), StatusCode::NO_CONTENT, "report part {n}");
    }
}

/// Uploads `bytes` whole and completes: the complete's answer.
pub async fn upload(
    api: &Api,
    kind: &str,
    name: &str,
    content_type: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let session = start(api, kind, name, content_type, bytes.len()).await;
    let count = session["part_count"].as_u64().unwrap() as u32;
    send_parts(api, &session, bytes, &(1..=count).collect::<Vec<_>>()).await;
    let id = session["media_id"].as_str().unwrap();
    api.post(&format!("/api/v1/media/uploads/{id}/complete"), json!({}))
        .await
}

/// Uploads a file the probe accepts; its `Media`.
pub async fn upload_ok(api: &Api, kind: &str, name: &str, ct: &str, bytes: &[u8]) -> Value {
    let response = upload(api, kind, name, ct, bytes).await;
    assert_eq!(response.status(), StatusCode::OK, "{name}");
    response.json().await.unwrap()
}

pub fn tiny_pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

pub const GOOD_VTT: &str = "WEBVTT\n\n1\n00:00:00.500 --> 00:00:02.000\n欢迎学习安全生产培训课程\n";

/// The `X-Amz-Expires` of a presigned URL, in seconds.
pub fn expires_of(url: &str) -> u64 {
    url.split(['?', '&'])
        .find_map(|kv| kv.strip_prefix("X-Amz-Expires="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(u64::MAX)
}

async fn inst_admin(app: &TestApp) -> Api {
    let mut api = Api::new(app, "demo");
    api.login("demo-inst-admin").await;
    api
}

#[tokio::test]
async fn a_multipart_upload_resumes_after_a_dropped_connection_and_completes() {
    let app = spawn_with(&[("ZHIPEI_UPLOAD_PART_BYTES", "5242880")]).await;
    let api = inst_admin(&app).await;
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(11 * MIB, b'x');
    let session = start(
        &api,
        "document",
        "C:\\教材\\消防安全.pdf",
        "application/pdf",
        bytes.len(),
    )
    .await;
    assert_eq!(session["part_size"], 5 * MIB);
    assert_eq!(session["part_count"], 3);
    assert_eq!(session["file_name"], "消防安全.pdf");
    assert_eq!(session["status"], "uploading");
    let id = session["media_id"].as_str().unwrap().to_owned();
    let path = |rest: &str| format!("/api/v1/media/uploads/{id}{rest}");

    // Part 1 goes through; then the connection drops.
    send_parts(&api, &session, &bytes, &[1]).await;
    let resumed: Value = api.get(&path("")).await.json().await.unwrap();
    assert_eq!(resumed["done_parts"], json!([1]));

    // Completing now names the missing parts.
    let (status, code, body) = error_code(api.post(&path("/complete"), json!({})).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field")
    );
    assert_eq!(body["field"], "parts");
    assert!(body["message"].as_str().unwrap().contains("2, 3"), "{body}");

    // The browser asks only for the rest; URLs live 15 minutes.
    let rest: Value = api
        .post(&path("/parts"), json!({"part_numbers": [3, 2, 2]}))
        .await
        .json()
        .await
        .unwrap();
    let urls = rest["parts"].as_array().unwrap();
    assert_eq!(urls.len(), 2);
    assert!(
        urls.iter()
            .all(|p| expires_of(p["url"].as_str().unwrap()) == 900)
    );
    for bad in [json!([0]), json!([4]), json!([])] {
        let (status, _, body) = error_code(
            api.post(&path("/parts"), json!({"part_numbers": bad}))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["field"], "part_numbers");
    }
    let wrong_size = api
        .send(
            "PUT",
            &path("/parts/2"),
            json!({"etag": "\"x\"", "size_bytes": 7}),
        )
        .await;
    assert_eq!(error_code(wrong_size).await.2["field"], "size_bytes");

    send_parts(&api, &session, &bytes, &[2, 3]).await;
    let media: Value = api
        .post(&path("/complete"), json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(media["status"], "ready", "{media}");
    assert_eq!(media["kind"], "document");
    assert_eq!(media["size_bytes"], 11 * MIB);

    // Stored under the tenant's prefix, whole.
    let key = tenant_key("demo", &["media", &id, "source"]).unwrap();
    assert_eq!(
        app.state.storage.head(&key).await.unwrap(),
        Some(11 * MIB as i64)
    );
    // Completing again answers the same; the upload takes no more parts.
    let again: Value = api
        .post(&path("/complete"), json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["status"], "ready");
    let late = api
        .post(&path("/parts"), json!({"part_numbers": [1]}))
        .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);

    // The document opens through a short-lived presigned URL.
    let playback: Value = api
        .get(&format!("/api/v1/media/{id}/playback"))
        .await
        .json()
        .await
        .unwrap();
    let file_url = playback["file_url"].as_str().unwrap();
    assert!(expires_of(file_url) <= 600);
    let pdf = reqwest::get(file_url).await.unwrap();
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
}

#[tokio::test]
async fn a_file_that_is_not_a_video_is_rejected_with_a_reason() {
    let app = spawn_app().await;
    let api = inst_admin(&app).await;
    let bytes = b"this is not a video at all";
    let session = start(&api, "video", "lesson.mp4", "video/mp4", bytes.len()).await;
    send_parts(&api, &session, bytes, &[1]).await;
    let id = session["media_id"].as_str().unwrap();
    let complete = api
        .post(&format!("/api/v1/media/uploads/{id}/complete"), json!({}))
        .await;
    let (status, code, body) = error_code(complete).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field")
    );
    assert_eq!(body["field"], "file");
    assert!(body["message"].as_str().unwrap().contains("视频"), "{body}");

    let media: Value = api
        .get(&format!("/api/v1/media/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(media["status"], "rejected");
    assert!(
        media["reject_reason"]
            .as_str()
            .unwrap()
            .contains("not a video"),
        "{media}"
    );
    // A refused file is not kept.
    let key = tenant_key("demo", &["media", id, "source"]).unwrap();
    assert_eq!(app.state.storage.head(&key).await.unwrap(), None);
    // Asking again gives the same refusal.
    let again = api
        .post(&format!("/api/v1/media/uploads/{id}/complete"), json!({}))
        .await;
    assert_eq!(error_code(again).await.2["field"], "file");

    let quicktime = upload(&api, "video", "c.mov", "video/quicktime", &[0u8; 4096]).await;
    assert_eq!(quicktime.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn subtitles_must_be_webvtt_and_documents_and_images_must_be_what_they_claim() {
    let app = spawn_app().await;
    let api = inst_admin(&app).await;
    let bad_vtt = upload(
        &api,
        "subtitle",
        "zh.vtt",
        "text/vtt",
        "1\n00:00:01,000 --> 00:00:02,000\n你好\n".as_bytes(),
    )
    .await;
    let (status, _, body) = error_code(bad_vtt).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["field"], "file");
    assert!(
        body["message"].as_str().unwrap().contains("WEBVTT"),
        "{body}"
    );

    let vtt = upload_ok(
        &api,
        "subtitle",
        "zh-CN.vtt",
        "text/vtt",
        GOOD_VTT.as_bytes(),
    )
    .await;
    assert_eq!(vtt["status"], "ready");
    let pdf = upload_ok(&api, "document", "a.pdf", "application/pdf", &tiny_pdf()).await;
    assert_eq!(pdf["status"], "ready");
    let png = upload_ok(
        &api,
        "image",
        "photo.png",
        "image/png",
        b"\x89PNG\r\n\x1a\n0000",
    )
    .await;
    assert_eq!(png["status"], "ready");
    let fake_licence = upload(&api, "licence", "l.jpg", "image/jpeg", &tiny_pdf()).await;
    assert_eq!(error_code(fake_licence).await.2["field"], "file");

    // The stored reason is readable afterwards.
    let id = pdf["id"].as_str().unwrap();
    let media: Value = api
        .get(&format!("/api/v1/media/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(media["file_name"], "a.pdf");
}

#[tokio::test]
async fn uploads_are_checked_by_kind_before_anything_is_stored() {
    let app = spawn_app().await;
    let api = inst_admin(&app).await;
    let cases = [
        (
            json!({"kind": "video", "file_name": "a.exe", "content_type": "application/x-msdownload", "size_bytes": 10}),
            "content_type",
        ),
        (
            json!({"kind": "subtitle", "file_name": "a.vtt", "content_type": "text/vtt", "size_bytes": 3 * MIB}),
            "size_bytes",
        ),
        (
            json!({"kind": "video", "file_name": "a.mp4", "content_type": "video/mp4", "size_bytes": 21_474_836_481_i64}),
            "size_bytes",
        ),
        (
            json!({"kind": "document", "file_name": "a.pdf", "content_type": "application/pdf", "size_bytes": 0}),
            "size_bytes",
        ),
        (
            json!({"kind": "document", "file_name": "/../", "content_type": "application/pdf", "size_bytes": 10}),
            "file_name",
        ),
        (
            json!({"kind": "audio", "file_name": "a.mp3", "content_type": "audio/mpeg", "size_bytes": 10}),
            "kind",
        ),
    ];
    for (body, field) in cases {
        let (status, _, answer) =
            error_code(api.post("/api/v1/media/uploads", body.clone()).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(answer["field"], field, "{body}");
    }
    // A 20 GiB video is allowed: 1280 parts of 16 MiB.
    let big = start(&api, "video", "long.mp4", "video/mp4", 20 * 1024 * MIB).await;
    assert_eq!(big["part_count"], 1280);
}
