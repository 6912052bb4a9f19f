//! Play sessions (Z-II.3, Z-II.5, Z-IV.6): one open per learner across devices and coursewares,
//! only on the device the learner signed in on, only for coursewares of their tasks; resume at
//! the last position; start, end, IP and device recorded; every endpoint's permissions and the
//! tenant wall.

use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Api, error_code, spawn_app};
use crate::learning_fixture::{
    Player, class_trainee, decision, learner, open_session, seconds, setup,
};
use crate::review_fixture::signed_in;

#[tokio::test]
async fn a_new_play_session_replaces_the_open_one_on_any_courseware_or_device() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let l = learner(&app, &s, 11).await;
    let mut video = Player::open(&app, &l, s.video).await;
    assert_eq!(decision(&video.play(10.0).await), "credited");

    // One course at a time: opening the document closes the video's session.
    let mut doc = Player::open(&app, &l, s.document).await;
    let a = video.play(10.0).await;
    assert_eq!(decision(&a), "session_replaced");
    assert_eq!(a["next_token"], "", "a replaced session's chain ends");
    assert_eq!(seconds(&a["credited_seconds"]), 0.0);
    assert_eq!(decision(&doc.play(10.0).await), "credited");

    // One device at a time: signing in on a phone ends the PC's sign-in, and with it its
    // play session; the phone resumes the video where the PC left it.
    let mut phone = crate::learning_fixture::Learner {
        api: Api::new(&app, "demo"),
        id: l.id,
    };
    phone.api.login("13900000011").await;
    let a = doc.play(10.0).await;
    assert_eq!(decision(&a), "session_replaced");
    let mut on_phone = Player::open(&app, &phone, s.video).await;
    assert_eq!(seconds(&on_phone.opened["resume_position"]), 10.0);
    assert_eq!(decision(&on_phone.play(10.0).await), "credited");
    // The old device can no longer open sessions: its sign-in is over.
    let r = open_session(&l, s.video).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // The regulator sees every session with start, end, IP, device and why it ended.
    let records: Value = s
        .admin
        .get(&format!("/api/v1/learners/{}/play-sessions", l.id))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(records["total"], 3);
    let items = records["items"].as_array().unwrap();
    assert_eq!(items[0]["id"], on_phone.session.to_string());
    assert!(items[0]["closed_at"].is_null());
    assert_eq!(items[0]["device_id"], phone.api.device);
    assert_eq!(items[2]["close_reason"], "session_replaced");
    assert_eq!(items[2]["device_id"], l.api.device);
    assert_eq!(items[2]["ip"], "127.0.0.1");
    assert_eq!(items[2]["credited_seconds"], 10.0);
    assert!(items[2]["closed_at"].is_string());
}

#[tokio::test]
async fn the_player_resumes_at_the_last_position_never_past_what_was_learnt() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let l = learner(&app, &s, 12).await;
    let mut p = Player::open(&app, &l, s.video).await;
    for _ in 0..4 {
        p.play(10.0).await;
    }
    // Back to 15 s and a bit of repeat, then the page goes away (crash: no close).
    p.beat_with(10.0, -25.0, |_| {}).await;
    p.play(5.0).await;
    let again = Player::open(&app, &l, s.video).await;
    assert_eq!(seconds(&again.opened["resume_position"]), 20.0);
    assert_eq!(seconds(&again.opened["furthest_position"]), 40.0);
    assert_eq!(seconds(&again.opened["credited_seconds"]), 40.0);

    // A seek ahead moves the position but resuming starts at the furthest credited point.
    let mut p = again;
    p.beat_with(10.0, 200.0, |_| {}).await;
    let r = p.close().await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        p.close().await.status(),
        StatusCode::CONFLICT,
        "closed once"
    );
    let p = Player::open(&app, &l, s.video).await;
    assert_eq!(seconds(&p.opened["resume_position"]), 40.0);

    // The learner's task outline shows the same progress.
    let tasks: Value = l.api.get("/api/v1/me/tasks").await.json().await.unwrap();
    let video = tasks[0]["courses"][0]["chapters"][0]["coursewares"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == s.video.to_string())
        .unwrap()
        .clone();
    assert_eq!(video["credited_seconds"], 40);
    assert_eq!(video["resume_position"], 40);
    assert_eq!(video["duration_seconds"], 600);
}

#[tokio::test]
async fn a_play_session_opens_only_for_the_learners_tasks_on_their_own_device() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let l = learner(&app, &s, 13).await;

    // The device must be the one the learner signed in on.
    let r = l
        .api
        .post(
            "/api/v1/learning/sessions",
            json!({"courseware_id": s.video, "device_id": "another-device-id"}),
        )
        .await;
    let (status, code, err) = error_code(r).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field")
    );
    assert_eq!(err["field"], "device_id");
    let r = l
        .api
        .post(
            "/api/v1/learning/sessions",
            json!({"courseware_id": s.video}),
        )
        .await;
    assert!(r.status().is_client_error());

    // A courseware that is in no task of theirs, or does not exist, is not found.
    let (other_course, _) =
        crate::training_fixture::published_course(&app, "demo-inst-admin", "own", None).await;
    let (mut conn, _) = crate::review_fixture::owner_in(&app, "demo").await;
    let elsewhere: Uuid =
        sqlx::query_scalar("select courseware_id from coursewares w join courses c on c.live_revision_id = w.revision_id where c.course_id = $1")
            .bind(other_course)
            .fetch_one(&mut conn)
            .await
            .unwrap();
    for courseware in [elsewhere, Uuid::new_v4()] {
        let r = open_session(&l, courseware).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
    // A learner removed from the class no longer studies its courses.
    let other = learner(&app, &s, 14).await;
    let enrolment = class_trainee(&s, &s.head, other.id).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = s
        .head
        .send(
            "DELETE",
            &format!("/api/v1/classes/{}/trainees/{enrolment}", s.class),
            json!({}),
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(
        open_session(&other, s.video).await.status(),
        StatusCode::NOT_FOUND
    );

    // Staff do not study; nobody anonymous does.
    for account in ["demo-admin", "demo-inst-admin"] {
        let staff = signed_in(&app, "demo", account).await;
        let r = staff
            .post(
                "/api/v1/learning/sessions",
                json!({"courseware_id": s.video, "device_id": staff.device}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{account}");
        for path in ["/api/v1/me/study-hours", "/api/v1/me/progress/stream"] {
            assert_eq!(
                staff.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
    }
    let anonymous = Api::new(&app, "demo");
    let r = anonymous
        .post(
            "/api/v1/learning/sessions",
            json!({"courseware_id": s.video, "device_id": anonymous.device}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn tokens_bind_heartbeats_to_their_session_and_tenant() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let a = learner(&app, &s, 15).await;
    let b = learner(&app, &s, 16).await;
    let mut pa = Player::open(&app, &a, s.video).await;
    let mut pb = Player::open(&app, &b, s.video).await;
    assert_eq!(decision(&pa.play(10.0).await), "credited");

    // B's token on A's session is not A's chain: stale, and A's chain is unharmed.
    pb.wait(10.0).await;
    let mut body = pb.next(10.0, |_| {});
    let r: Value = {
        let saved = pb.session;
        pb.session = pa.session;
        let r = pb.post(&body).await.json().await.unwrap();
        pb.session = saved;
        r
    };
    assert_eq!(decision(&r), "stale");
    assert_eq!(decision(&pa.play(10.0).await), "credited");

    // An unknown session, or one of another tenant, is not found.
    let saved = pb.session;
    pb.session = Uuid::new_v4();
    let (status, _, _) = error_code(pb.post(&body).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    pb.session = saved;
    app.create_tenant("north").await;
    let tenant = app.tenant_id("north").await;
    body["token"] = json!(backend::crypto::new_session_token(tenant));
    let saved = pb.session;
    pb.session = pa.session;
    let (status, _, _) = error_code(pb.post(&body).await).await;
    pb.session = saved;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Another tenant's regulator sees nothing of this tenant's records.
    app.add_staff("north", "north-admin", shared_types::Role::RegulatorAdmin)
        .await;
    let north = signed_in(&app, "north", "north-admin").await;
    let page: Value = north
        .get(&format!("/api/v1/learners/{}/play-sessions", a.id))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], 0);
    let beats: Value = north
        .get(&format!("/api/v1/play-sessions/{}/heartbeats", pa.session))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(beats, json!([]));
    // Learners and institutions do not read study records of others.
    for api in [&b.api, &s.head] {
        let r = api
            .get(&format!("/api/v1/learners/{}/play-sessions", a.id))
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = api
            .get(&format!("/api/v1/play-sessions/{}/heartbeats", pa.session))
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
}
