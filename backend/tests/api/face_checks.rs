//! Face checks of play sessions (Z-II.3, T-7.2.6c) with the real engine on package photos: a
//! matching frame releases crediting; another person, two faces, a repeated frame each fail with
//! their reason and a risk event; no camera follows the tenant's fallback.

use reqwest::StatusCode;
use serde_json::json;

use crate::face_fixture::{check, enrolled, frame, serve_stand_in, signed_by, two_faces, upload};
use crate::helpers::{spawn_app, spawn_with};
use crate::learning_fixture::{Player, decision, learner, patch_settings, setup};
use crate::training_fixture::json_of;

#[tokio::test]
async fn a_matching_frame_releases_crediting_and_each_failure_keeps_it_paused_with_its_reason() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    patch_settings(&s, json!({"face_check": {"enabled": true}})).await;
    let me = learner(&app, &s, 1).await;
    enrolled(&s.admin, &me, 1).await;
    let mut player = Player::open(&app, &me, s.video).await;
    assert_eq!(player.opened["face_check"]["fallback"], "human_check");
    // The player's face-check dialog holds the video where it is.
    player.wait(10.0).await;
    let answer = player.play(0.0).await;
    assert_eq!(decision(&answer), "face_check_pending");
    assert!(answer["face_check"].is_object());

    let passed = check(
        &me,
        player.session,
        frame("obama2.jpg"),
        "Integrated Camera",
    )
    .await;
    assert_eq!(passed["outcome"], "passed", "{passed}");
    assert!(passed["score"].as_f64().unwrap() >= 0.45);
    player.wait(10.0).await;
    let answer = player.play(10.0).await;
    assert_eq!(decision(&answer), "credited");
    assert!(answer["face_check"].is_null());

    // The next random moment comes; each failing frame keeps the gate shut.
    player.sql("update play_sessions set next_face_at = now() - interval '1 second' where play_session_id = $1").await;
    player.wait(10.0).await;
    assert_eq!(decision(&player.play(0.0).await), "face_check_pending");
    let two = check(
        &me,
        player.session,
        two_faces("obama2.jpg", "biden.jpg"),
        "",
    )
    .await;
    assert_eq!(two["outcome"], "several_faces", "{two}");
    let again = check(&me, player.session, frame("obama2.jpg"), "").await;
    assert_eq!(again["outcome"], "repeated", "{again}");
    let virtual_camera = check(
        &me,
        player.session,
        frame("obama3.jpg"),
        "OBS Virtual Camera",
    )
    .await;
    assert_eq!(virtual_camera["outcome"], "virtual_camera");
    let other = check(&me, player.session, frame("biden.jpg"), "").await;
    assert_eq!(other["outcome"], "mismatch", "{other}");
    assert!(other["score"].as_f64().unwrap() < 0.45);
    // A repeated frame, a virtual camera or another person is high-confidence cheating: the
    // session stays held until a regulator clears the event.
    player.wait(10.0).await;
    assert_eq!(decision(&player.play(0.0).await), "risk_hold");

    let risks = json_of(
        s.admin
            .get(&format!("/api/v1/risk-events?user_id={}", me.id))
            .await,
        StatusCode::OK,
    )
    .await;
    let kinds: Vec<&str> = risks["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["kind"].as_str())
        .collect();
    for kind in [
        "several_faces",
        "repeated_frame",
        "virtual_camera",
        "face_mismatch",
    ] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    // Regulators see every snapshot with a link; the learner may not list them.
    let failures = json_of(
        s.admin
            .get(&format!(
                "/api/v1/face/checks?user_id={}&failed_only=true",
                me.id
            ))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(failures["total"], 4);
    assert_eq!(
        failures["items"][0]["account"], "139****0001",
        "trainees show by masked phone"
    );
    assert!(
        failures["items"][0]["snapshot_url"]
            .as_str()
            .is_some_and(|u| u.starts_with("http"))
    );
    let all = json_of(
        s.admin
            .get(&format!(
                "/api/v1/face/checks?play_session_id={}",
                player.session
            ))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(all["total"], 5);
    assert_eq!(
        me.api.get("/api/v1/face/checks").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn without_a_reference_or_a_camera_the_policy_decides() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    patch_settings(&s, json!({"face_check": {"enabled": true}})).await;
    let me = learner(&app, &s, 2).await;
    let mut player = Player::open(&app, &me, s.video).await;
    let unknown = check(&me, player.session, frame("obama.jpg"), "").await;
    assert_eq!(unknown["outcome"], "not_enrolled");

    // Fallback human_check: the face gate lifts and a question comes at once.
    let url = format!(
        "/api/v1/learning/sessions/{}/face-checks/no-camera",
        player.session
    );
    let fallback = json_of(me.api.post(&url, json!({})).await, StatusCode::OK).await;
    assert_eq!(
        (fallback["outcome"].as_str(), fallback["passed"].as_bool()),
        (Some("no_camera"), Some(true))
    );
    player.wait(10.0).await;
    let answer = player.play(10.0).await;
    assert!(answer["challenge"].is_object(), "{answer}");
    assert_eq!(
        me.api.post(&url, json!({})).await.status(),
        StatusCode::CONFLICT,
        "no check is due any more"
    );

    // Fallback no_study: no camera, no study.
    patch_settings(&s, json!({"face_check": {"fallback": "no_study"}})).await;
    let mut player = Player::open(&app, &me, s.document).await;
    let url = format!(
        "/api/v1/learning/sessions/{}/face-checks/no-camera",
        player.session
    );
    let refused = json_of(me.api.post(&url, json!({})).await, StatusCode::OK).await;
    assert_eq!(refused["passed"], false);
    player.wait(10.0).await;
    assert_eq!(decision(&player.play(0.0).await), "face_check_pending");
}

#[tokio::test]
async fn captures_and_checks_refuse_bad_input_and_other_learners() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    patch_settings(&s, json!({"face_check": {"enabled": true}})).await;
    let me = learner(&app, &s, 3).await;
    let other = learner(&app, &s, 4).await;
    let gif = me
        .api
        .post(
            "/api/v1/face/captures",
            json!({"purpose": "study", "content_type": "image/gif"}),
        )
        .await;
    assert_eq!(gif.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let player = Player::open(&app, &me, s.video).await;
    let url = format!("/api/v1/learning/sessions/{}/face-checks", player.session);
    // Another learner's capture, and another learner posting to my session.
    let theirs = upload(&other.api, "study", frame("obama.jpg")).await;
    let r = me.api.post(&url, json!({"capture_id": theirs})).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = other.api.post(&url, json!({"capture_id": theirs})).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // A slot never uploaded to; an image that is no image.
    let empty = json_of(
        me.api
            .post(
                "/api/v1/face/captures",
                json!({"purpose": "study", "content_type": "image/jpeg"}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    let r = me
        .api
        .post(&url, json!({"capture_id": empty["capture_id"]}))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    enrolled(&s.admin, &me, 3).await;
    let junk = upload(&me.api, "study", b"not an image".to_vec()).await;
    let r = me.api.post(&url, json!({"capture_id": junk})).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A portrait slot cannot serve as a study frame; staff of the regulator cannot upload.
    let portrait = upload(&me.api, "portrait", frame("obama2.jpg")).await;
    let r = me.api.post(&url, json!({"capture_id": portrait})).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = s
        .admin
        .post(
            "/api/v1/face/captures",
            json!({"purpose": "study", "content_type": "image/jpeg"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

/// A tenant's external face service (a stand-in on loopback speaking the documented protocol,
/// backed by the same offline engine): enrolment and checks go through it, signed.
#[tokio::test]
async fn a_tenant_can_use_an_external_face_service() {
    use axum::http::{HeaderMap, StatusCode as Status};
    use base64::Engine as _;

    const SECRET: &str = "face-service-secret-2026";
    async fn analyse(
        headers: HeaderMap,
        body: axum::body::Bytes,
    ) -> (Status, axum::Json<serde_json::Value>) {
        if !signed_by(&headers, &body, "faces", SECRET) {
            return (Status::UNAUTHORIZED, axum::Json(json!({})));
        }
        let request: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let image = base64::engine::general_purpose::STANDARD
            .decode(request["image_base64"].as_str().unwrap_or_default())
            .unwrap_or_default();
        let dir = std::env::var("ZHIPEI_FACE_MODELS_DIR")
            .unwrap_or_else(|_| format!("{}/../var/models", env!("CARGO_MANIFEST_DIR")));
        let analysis = tokio::task::spawn_blocking(move || {
            face_engine::LocalEngine::load(std::path::Path::new(&dir))
                .unwrap()
                .analyse(&image)
                .unwrap()
        })
        .await
        .unwrap();
        let faces = match analysis.count {
            face_engine::FaceCount::None => 0,
            face_engine::FaceCount::One | face_engine::FaceCount::Unconfirmed => 1,
            face_engine::FaceCount::Several(n) => n,
        };
        let answer = json!({"faces": faces, "confirmed": analysis.count == face_engine::FaceCount::One,
                            "embedding": analysis.embedding.map(|e| e.0), "yaw": analysis.yaw});
        (Status::OK, axum::Json(answer))
    }
    let service = serve_stand_in(
        axum::Router::new().route("/v1/faces/analyse", axum::routing::post(analyse)),
    )
    .await;

    let app = spawn_with(&[("ZHIPEI_PROVIDER_SECRETS", &format!("faces={SECRET}"))]).await;
    let s = setup(&app).await;
    let provider = json!({"kind": "http", "endpoint": service, "key_id": "faces"});
    patch_settings(
        &s,
        json!({"face_check": {"enabled": true, "provider": provider}}),
    )
    .await;
    let me = learner(&app, &s, 5).await;
    enrolled(&s.admin, &me, 5).await;
    let player = Player::open(&app, &me, s.video).await;
    let passed = check(&me, player.session, frame("obama2.jpg"), "").await;
    assert_eq!(passed["outcome"], "passed", "{passed}");
    player_face_due(&app, player.session).await;
    let other = check(&me, player.session, frame("biden.jpg"), "").await;
    assert_eq!(other["outcome"], "mismatch", "{other}");
}

/// Makes the session's next face check due now.
async fn player_face_due(app: &crate::helpers::TestApp, session: uuid::Uuid) {
    let (mut conn, _) = crate::review_fixture::owner_in(app, "demo").await;
    sqlx::query("update play_sessions set face_due = true where play_session_id = $1")
        .bind(session)
        .execute(&mut conn)
        .await
        .unwrap();
}
