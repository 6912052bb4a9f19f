//! Cross-device sync (Z-II.2) and study hours (Z-III.5): every open page of the learner hears of
//! new credit and of a replaced session from the progress stream at once; study hours add up per
//! day, course, task, class and in total.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Api, spawn_app};
use crate::learning_fixture::{Learner, Player, decision, learner, patch_settings, setup};

/// The next Server-Sent Event of `stream` (skipping keep-alive comments): (event, data).
async fn next_event(stream: &mut reqwest::Response, buffer: &mut String) -> (String, Value) {
    let read = async {
        loop {
            if let Some(end) = buffer.find("\n\n") {
                let block: String = buffer.drain(..end + 2).collect();
                let field = |name: &str| {
                    block
                        .lines()
                        .find_map(|l| l.strip_prefix(name))
                        .map(str::trim)
                        .map(str::to_owned)
                };
                if let (Some(event), Some(data)) = (field("event:"), field("data:")) {
                    return (event, serde_json::from_str(&data).unwrap());
                }
                continue;
            }
            let chunk = stream.chunk().await.unwrap().expect("the stream ended");
            buffer.push_str(std::str::from_utf8(&chunk).unwrap());
        }
    };
    tokio::time::timeout(Duration::from_secs(2), read)
        .await
        .expect("an event within 2 s")
}

#[tokio::test]
async fn every_open_page_of_the_learner_hears_of_progress_within_two_seconds() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let l = learner(&app, &s, 21).await;
    // The learner's course page listens while their player plays (one sign-in at a time,
    // Z-II.3: a second device takes the sign-in over and resumes where this one was).
    let mut stream = l.api.get("/api/v1/me/progress/stream").await;
    assert_eq!(stream.status(), StatusCode::OK);
    assert!(
        stream.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    // Someone else's study is not theirs to hear.
    let other = learner(&app, &s, 22).await;
    let mut theirs = Player::open(&app, &other, s.video).await;
    assert_eq!(decision(&theirs.play(10.0).await), "credited");

    let mut buffer = String::new();
    let mut p = Player::open(&app, &l, s.video).await;
    assert_eq!(decision(&p.play(10.0).await), "credited");
    let (event, data) = next_event(&mut stream, &mut buffer).await;
    assert_eq!(event, "progress");
    assert_eq!(data["courseware_id"], s.video.to_string());
    assert_eq!(data["credited_seconds"], 10.0);
    assert_eq!(data["resume_position"], 10.0);
    assert_eq!(data["today_credited_seconds"], 10.0);
    assert_eq!(data["complete"], false);

    // The page that played is told at once when another one takes over.
    let _doc = Player::open(&app, &l, s.document).await;
    let (event, data) = next_event(&mut stream, &mut buffer).await;
    assert_eq!(event, "session");
    assert_eq!(data["session_id"], p.session.to_string());
    assert_eq!(data["reason"], "session_replaced");
}

/// Waits for `stream` to end (keep-alives and events aside).
async fn ended(stream: &mut reqwest::Response) {
    let drained = async { while let Ok(Some(_)) = stream.chunk().await {} };
    tokio::time::timeout(Duration::from_secs(2), drained)
        .await
        .expect("the stream ends within 2 s");
}

#[tokio::test]
async fn a_progress_stream_ends_with_the_sign_in_it_was_opened_with() {
    const STREAM: &str = "/api/v1/me/progress/stream";
    let app = spawn_app().await;
    let s = setup(&app).await;
    let l = learner(&app, &s, 23).await;
    let mut pc = l.api.get(STREAM).await;
    assert_eq!(pc.status(), StatusCode::OK);

    // Signing in on the phone ends the PC's sign-in, and with it the PC's stream, which cannot
    // be opened again with the old sign-in.
    let mut phone = Learner {
        api: Api::new(&app, "demo"),
        id: l.id,
    };
    phone.api.login("13900000023").await;
    let mut on_phone = phone.api.get(STREAM).await;
    assert_eq!(on_phone.status(), StatusCode::OK);
    ended(&mut pc).await;
    assert_eq!(l.api.get(STREAM).await.status(), StatusCode::UNAUTHORIZED);

    // The phone's stream is the phone's sign-in's: it still hears of progress, and ends when
    // the phone signs out.
    let mut p = Player::open(&app, &phone, s.video).await;
    assert_eq!(decision(&p.play(10.0).await), "credited");
    let (event, _) = next_event(&mut on_phone, &mut String::new()).await;
    assert_eq!(event, "progress");
    let r = phone.api.post("/api/v1/auth/logout", json!({})).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    ended(&mut on_phone).await;
    assert_eq!(
        phone.api.get(STREAM).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn study_hours_add_up_per_day_course_task_class_and_in_total() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    // Study hours of 1 minute make the arithmetic visible: 150 s = 2 study hours + 0 minutes
    // (a remainder under a minute shows as 0 minutes).
    patch_settings(&s, json!({"study_hour_minutes": 1})).await;
    let l: Learner = learner(&app, &s, 23).await;
    let mut p = Player::open(&app, &l, s.video).await;
    for _ in 0..15 {
        assert_eq!(decision(&p.play(10.0).await), "credited");
    }
    let hours: Value = l
        .api
        .get("/api/v1/me/study-hours")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hours["study_hour_minutes"], 1);
    let time = json!({"seconds": 150, "study_hours": 2, "minutes": 0});
    assert_eq!(hours["total"], time);
    assert_eq!(hours["today"], time);
    assert_eq!(hours["days"].as_array().unwrap().len(), 1);
    assert_eq!(hours["days"][0]["time"], time);
    for per in ["courses", "tasks", "classes"] {
        assert_eq!(hours[per].as_array().unwrap().len(), 1, "{per}: {hours}");
        assert_eq!(hours[per][0]["time"], time, "{per}");
    }
    assert_eq!(hours["courses"][0]["id"], s.course.to_string());
    assert_eq!(hours["classes"][0]["id"], s.class.to_string());
    assert_eq!(hours["tasks"][0]["name"], "必修");

    // With the default 45-minute study hour the same time is 0 study hours and 2 minutes.
    patch_settings(&s, json!({"study_hour_minutes": 45})).await;
    let hours: Value = l
        .api
        .get("/api/v1/me/study-hours")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        hours["total"],
        json!({"seconds": 150, "study_hours": 0, "minutes": 2})
    );

    // Nobody else's hours are in a learner's answer.
    let newcomer = learner(&app, &s, 24).await;
    let hours: Value = newcomer
        .api
        .get("/api/v1/me/study-hours")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hours["total"]["seconds"], 0);
    assert_eq!(hours["days"], json!([]));
}
