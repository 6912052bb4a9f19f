//! Helpers for the face tests: camera-like frames from the package photos (`cargo xtask models`
//! puts them under var/models/photos), uploads through the presigned slots, and a learner whose
//! real-name submission the regulator approved (their portrait is the face reference).

use std::io::Cursor;

use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Api, id_card};
use crate::learning_fixture::Learner;
use crate::training_fixture::json_of;

fn photo(name: &str) -> image::RgbImage {
    let dir = std::env::var("ZHIPEI_FACE_MODELS_DIR")
        .unwrap_or_else(|_| format!("{}/../var/models", env!("CARGO_MANIFEST_DIR")));
    let path = format!("{dir}/photos/{name}");
    let bytes =
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e} (run `cargo xtask models`)"));
    image::load_from_memory(&bytes)
        .unwrap()
        .resize(640, 480, image::imageops::FilterType::Triangle)
        .into_rgb8()
}

fn jpeg(canvas: image::RgbImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(canvas)
        .write_to(&mut out, image::ImageOutputFormat::Jpeg(90))
        .unwrap();
    out.into_inner()
}

/// A photo framed as a 640x480 webcam frame.
pub fn frame(name: &str) -> Vec<u8> {
    let photo = photo(name);
    let mut canvas = image::RgbImage::from_pixel(640, 480, image::Rgb([40, 40, 40]));
    image::imageops::overlay(&mut canvas, &photo, i64::from((640 - photo.width()) / 2), 0);
    jpeg(canvas)
}

/// Two people side by side in one frame.
pub fn two_faces(left: &str, right: &str) -> Vec<u8> {
    let mut canvas = image::RgbImage::from_pixel(640, 480, image::Rgb([40, 40, 40]));
    for (name, x) in [(left, 0), (right, 320)] {
        let half = image::imageops::resize(
            &photo(name),
            320,
            480,
            image::imageops::FilterType::Triangle,
        );
        let half = image::DynamicImage::ImageRgb8(half)
            .resize(320, 480, image::imageops::FilterType::Triangle)
            .into_rgb8();
        image::imageops::overlay(&mut canvas, &half, x, 0);
    }
    jpeg(canvas)
}

/// Gets an upload slot of `purpose` and PUTs `bytes` to it; the capture id.
pub async fn upload(api: &Api, purpose: &str, bytes: Vec<u8>) -> Uuid {
    let slot = json_of(
        api.post(
            "/api/v1/face/captures",
            json!({"purpose": purpose, "content_type": "image/jpeg"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let put = reqwest::Client::new()
        .put(slot["upload_url"].as_str().unwrap())
        .header("content-type", "image/jpeg")
        .body(bytes)
        .send()
        .await
        .unwrap();
    assert!(put.status().is_success(), "upload: {}", put.status());
    slot["capture_id"].as_str().unwrap().parse().unwrap()
}

/// Submits the learner's real name with `portrait` as the live portrait.
pub async fn submit(learner: &Learner, seq: u32, portrait: &str) -> reqwest::Response {
    let front = upload(&learner.api, "id_front", frame("obama3.jpg")).await;
    let portrait = upload(&learner.api, "portrait", frame(portrait)).await;
    learner
        .api
        .post(
            "/api/v1/me/real-name",
            json!({"name": format!("学员{seq}"), "id_number": id_card(seq), "id_front_capture": front,
                   "portrait_capture": portrait}),
        )
        .await
}

/// The regulator decides the learner's pending submission.
pub async fn decide(admin: &Api, learner: Uuid, approve: bool, reason: &str) -> reqwest::Response {
    let queue = json_of(
        admin.get("/api/v1/real-name/reviews?status=pending").await,
        StatusCode::OK,
    )
    .await;
    let item = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["user_id"] == json!(learner))
        .unwrap_or_else(|| panic!("no pending submission of {learner} in {queue}"))
        .clone();
    admin
        .post(
            &format!(
                "/api/v1/real-name/reviews/{}/decision",
                item["verification_id"].as_str().unwrap()
            ),
            json!({"approve": approve, "reason": reason}),
        )
        .await
}

/// The learner's real name verified by the regulator, with obama.jpg as the portrait.
pub async fn enrolled(admin: &Api, learner: &Learner, seq: u32) {
    json_of(submit(learner, seq, "obama.jpg").await, StatusCode::OK).await;
    let decided: Value = json_of(decide(admin, learner.id, true, "").await, StatusCode::OK).await;
    assert_eq!(decided["status"], "verified");
}

/// Posts a face check of the play session with `frame`.
pub async fn check(learner: &Learner, session: Uuid, frame: Vec<u8>, label: &str) -> Value {
    let capture = upload(&learner.api, "study", frame).await;
    json_of(
        learner
            .api
            .post(
                &format!("/api/v1/learning/sessions/{session}/face-checks"),
                json!({"capture_id": capture, "camera_label": label}),
            )
            .await,
        StatusCode::OK,
    )
    .await
}

/// Whether a request to a stand-in external service carries the signature the server makes:
/// hex HMAC-SHA256 over `timestamp` + `\n` + body, under `key_id`'s secret (docs/face.md).
pub fn signed_by(headers: &axum::http::HeaderMap, body: &[u8], key_id: &str, secret: &str) -> bool {
    use hmac::{Hmac, Mac};
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{}\n", header("x-zhipei-timestamp")).as_bytes());
    mac.update(body);
    header("x-zhipei-key") == key_id
        && header("x-zhipei-signature") == hex::encode(mac.finalize().into_bytes())
}

/// Serves a stand-in external service on loopback; its base URL.
pub async fn serve_stand_in(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    url
}
