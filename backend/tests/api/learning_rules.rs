//! Every reason code a heartbeat can get (issue 5), each from the situation that causes it, and
//! what it credits: the server's clock and the position decide, never the client's word.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{error_code, spawn_app};
use crate::learning_fixture::{
    DOCUMENT_SECONDS, Player, assert_ledger_agrees, class_trainee, decision, learner,
    patch_settings, seconds, setup,
};

#[tokio::test]
async fn only_playing_at_normal_speed_in_a_visible_focused_page_counts() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let l = learner(&app, &s, 1).await;
    let mut p = Player::open(&app, &l, s.video).await;
    assert_eq!(p.opened["resume_position"], 0.0);
    assert_eq!(p.opened["heartbeat_interval_seconds"], 10);

    let a = p.play(10.0).await;
    assert_eq!(decision(&a), "credited");
    assert_eq!(seconds(&a["credited_seconds"]), 10.0);
    assert_eq!(seconds(&a["today_credited_seconds"]), 10.0);
    assert_eq!(seconds(&a["today_remaining_seconds"]), 360.0 * 60.0 - 10.0);

    // Credit is the smaller of wall time and advance: 10 s of wall time cannot credit 15 s of
    // position, nor 10 s of wall time credit a 4-second advance more than 4 s.
    let a = p.beat_with(10.0, 4.0, |_| {}).await;
    assert_eq!(
        (decision(&a), seconds(&a["credited_seconds"])),
        ("credited", 4.0)
    );
    let a = p.beat_with(6.0, 9.0, |_| {}).await;
    assert_eq!(decision(&a), "credited");
    assert!((6.0..6.5).contains(&seconds(&a["credited_seconds"])), "{a}");

    for (field, value, code) in [
        ("playing", json!(false), "paused"),
        ("visible", json!(false), "hidden"),
        ("focused", json!(false), "unfocused"),
        ("rate", json!(2.0), "rate"),
    ] {
        // A refused heartbeat reports where the player is; it did not move (or it would be ahead).
        let a = p.beat_with(10.0, 0.0, |b| b[field] = value.clone()).await;
        assert_eq!(decision(&a), code, "{field}");
        assert_eq!(seconds(&a["credited_seconds"]), 0.0, "{field}");
    }
    // Nothing played since: the position did not move.
    let a = p.beat_with(10.0, 0.0, |_| {}).await;
    assert_eq!(decision(&a), "stalled");

    // Every decision is kept with its reason code and what it credited.
    let records = s
        .admin
        .get(&format!("/api/v1/play-sessions/{}/heartbeats", p.session))
        .await;
    let records: serde_json::Value = records.json().await.unwrap();
    let codes: Vec<&str> = records
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["decision"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "credited",
            "credited",
            "credited",
            "paused",
            "hidden",
            "unfocused",
            "rate",
            "stalled"
        ]
    );
    assert_ledger_agrees(&app).await;
}

#[tokio::test]
async fn seeking_ahead_rewinding_and_repeating_credit_nothing_new() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let l = learner(&app, &s, 2).await;
    let mut p = Player::open(&app, &l, s.video).await;
    for _ in 0..3 {
        assert_eq!(decision(&p.play(10.0).await), "credited");
    }
    // A drag to 5 minutes: beyond the furthest credited point (30 s) + tolerance.
    let a = p.beat_with(10.0, 270.0, |_| {}).await;
    assert_eq!(decision(&a), "seek_ahead");
    assert_eq!(seconds(&a["credited_seconds"]), 0.0);
    assert_eq!(seconds(&a["furthest_position"]), 30.0);
    // Playing on from there counts nothing either: it is still ahead of what was learnt.
    let a = p.play(10.0).await;
    assert_eq!(decision(&a), "seek_ahead");

    // Back to 0 and over the first 30 s again: repeats do not count (Z-III.5).
    let a = p.beat_with(10.0, -p.position, |_| {}).await;
    assert_eq!(decision(&a), "rewind");
    for _ in 0..3 {
        let a = p.play(10.0).await;
        assert_eq!(decision(&a), "repeat");
        assert_eq!(seconds(&a["credited_seconds"]), 0.0);
    }
    // Past the learnt part, new ground counts again, and only the new part of a straddling beat.
    let a = p
        .beat_with(10.0, 10.0, |b| b["position"] = json!(35.0))
        .await;
    assert_eq!(decision(&a), "credited");
    assert_eq!(seconds(&a["credited_seconds"]), 5.0);
    assert_eq!(seconds(&a["courseware_credited_seconds"]), 35.0);

    // A position beyond the video's end is impossible: no credit, and a risk event.
    let a = p
        .beat_with(10.0, 10.0, |b| b["position"] = json!(700.0))
        .await;
    assert_eq!(decision(&a), "beyond_end");
    let events = s
        .admin
        .get(&format!("/api/v1/risk-events?user_id={}", l.id))
        .await;
    let events: serde_json::Value = events.json().await.unwrap();
    assert_eq!(events["items"][0]["kind"], "impossible_position");
    assert_eq!(events["items"][0]["level"], "high");
    // A high-confidence event holds the session's crediting until a regulator decides.
    let a = p
        .beat_with(10.0, 0.0, |b| b["position"] = json!(45.0))
        .await;
    assert_eq!(decision(&a), "risk_hold");
    assert_ledger_agrees(&app).await;
}

#[tokio::test]
async fn a_gap_a_wrong_sequence_or_token_and_a_replay_credit_nothing() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let l = learner(&app, &s, 3).await;
    let mut p = Player::open(&app, &l, s.video).await;
    assert_eq!(decision(&p.play(10.0).await), "credited");

    // Longer than 2 intervals + 5 s without a heartbeat: that stretch is not counted.
    let a = p.beat_with(26.0, 0.0, |_| {}).await;
    assert_eq!(decision(&a), "gap");
    assert_eq!(seconds(&a["credited_seconds"]), 0.0);

    // The same heartbeat again (its answer was lost): the same answer, nothing counted twice.
    p.wait(10.0).await;
    let body = p.next(p.position + 10.0, |_| {});
    let first = p.send(body.clone()).await;
    assert_eq!(decision(&first), "credited");
    let again = p
        .post(&body)
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(again, first);
    assert_eq!(seconds(&again["today_credited_seconds"]), 20.0);

    // Skipping a sequence number, going back one, or an old token: stale, and no new token.
    for (seq_delta, old_token) in [(2, false), (0, false), (1, true)] {
        let mut body = p.next(p.position + 10.0, |_| {});
        body["seq"] = json!(p.seq + seq_delta);
        if old_token {
            body["token"] = p.opened["heartbeat_token"].clone();
        }
        let a = p
            .post(&body)
            .await
            .json::<serde_json::Value>()
            .await
            .unwrap();
        assert_eq!(decision(&a), "stale", "{body}");
        assert_eq!(a["next_token"], "");
        assert_eq!(seconds(&a["credited_seconds"]), 0.0);
    }
    // The chain goes on from the last good answer.
    assert_eq!(decision(&p.play(10.0).await), "credited");

    // Bad input is refused with the field named.
    for (field, value) in [
        ("position", json!(-1.0)),
        ("rate", json!(100.0)),
        ("token", json!("not-a-token")),
    ] {
        let mut body = p.next(p.position, |_| {});
        body[field] = value;
        let (status, code, err) = error_code(p.post(&body).await).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field"),
            "{field}"
        );
        assert_eq!(err["field"], field);
    }
    let mut body = p.next(p.position, |_| {});
    body.as_object_mut().unwrap().remove("seq");
    let (status, _, err) = error_code(p.post(&body).await).await;
    assert!(status.is_client_error(), "{status}");
    assert!(err["message"].as_str().unwrap().contains("seq"), "{err}");
    assert_ledger_agrees(&app).await;
}

#[tokio::test]
async fn time_beyond_the_daily_cap_is_recorded_uncredited() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    // A study hour of 1 minute and a cap of 1 study hour: 60 s a day.
    patch_settings(
        &s,
        json!({"study_hour_minutes": 1, "daily_cap_study_hours": 1}),
    )
    .await;
    let l = learner(&app, &s, 4).await;
    let mut p = Player::open(&app, &l, s.video).await;
    assert_eq!(p.opened["today_remaining_seconds"], 60.0);
    for _ in 0..5 {
        assert_eq!(decision(&p.play(11.0).await), "credited");
    }
    // 55 s credited: of the next 11 s only 5 fit under the cap.
    let a = p.play(11.0).await;
    assert_eq!(decision(&a), "credited");
    assert_eq!(seconds(&a["credited_seconds"]), 5.0);
    assert_eq!(seconds(&a["today_remaining_seconds"]), 0.0);
    let a = p.play(10.0).await;
    assert_eq!(decision(&a), "cap_reached");
    assert_eq!(seconds(&a["credited_seconds"]), 0.0);
    assert_eq!(seconds(&a["today_credited_seconds"]), 60.0);

    // The cap is per learner and day, across coursewares.
    let mut doc = Player::open(&app, &l, s.document).await;
    assert_eq!(doc.opened["today_remaining_seconds"], 0.0);
    assert_eq!(decision(&doc.play(10.0).await), "cap_reached");

    let hours: serde_json::Value = l
        .api
        .get("/api/v1/me/study-hours")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        hours["today"],
        json!({"seconds": 60, "study_hours": 1, "minutes": 0})
    );
    assert_eq!(hours["total"]["study_hours"], 1);
    assert_eq!(hours["daily_cap_seconds"], 60);
    // The institution and the regulator see the learner's time in the class's trainee list.
    for api in [&s.head, &s.admin] {
        let row = class_trainee(&s, api, l.id).await;
        assert_eq!(row["studied"], hours["total"], "{row}");
    }
    assert_ledger_agrees(&app).await;
}

#[tokio::test]
async fn a_document_counts_reading_time_up_to_its_minimum_and_a_link_completes_on_opening() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let l = learner(&app, &s, 5).await;
    let mut doc = Player::open(&app, &l, s.document).await;
    assert_eq!(
        seconds(&doc.opened["duration_seconds"]),
        DOCUMENT_SECONDS as f64
    );
    // Summed in whole milliseconds, as the server keeps them: a sum of the answers' fractional
    // seconds can land a rounding error past the minimum (120.00000000000001).
    let mut credited_ms = 0_i64;
    for _ in 0..5 {
        // Reading: the page reports the seconds it was read; the server counts its own clock.
        let a = doc.beat_with(24.0, 24.0, |_| {}).await;
        assert_eq!(decision(&a), "credited");
        credited_ms += (seconds(&a["credited_seconds"]) * 1000.0).round() as i64;
    }
    assert!((119_000..=120_000).contains(&credited_ms), "{credited_ms}");
    let a = doc.beat_with(24.0, 24.0, |_| {}).await;
    assert!(a["complete"].as_bool().unwrap(), "{a}");
    assert_eq!(decision(&a), "complete");
    // A hidden page is not read.
    let a = doc
        .beat_with(10.0, 10.0, |b| b["visible"] = json!(false))
        .await;
    assert_eq!(decision(&a), "hidden");

    let mut link = Player::open(&app, &l, s.link).await;
    assert_eq!(link.opened["complete"], true);
    let a = link.play(10.0).await;
    assert_eq!(decision(&a), "complete");
    assert_eq!(seconds(&a["credited_seconds"]), 0.0);

    let tasks: serde_json::Value = l.api.get("/api/v1/me/tasks").await.json().await.unwrap();
    let coursewares = tasks[0]["courses"][0]["chapters"][0]["coursewares"]
        .as_array()
        .unwrap();
    let of = |id: uuid::Uuid| {
        coursewares
            .iter()
            .find(|w| w["id"] == id.to_string())
            .unwrap()
            .clone()
    };
    assert_eq!(of(s.document)["completed"], true);
    assert_eq!(of(s.document)["credited_seconds"], 120);
    assert_eq!(of(s.link)["completed"], true);
    assert_eq!(of(s.video)["completed"], false);
    assert_ledger_agrees(&app).await;
}

#[tokio::test]
async fn an_unanswered_verification_stops_crediting_until_it_is_answered() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let l = learner(&app, &s, 6).await;
    let mut p = Player::open(&app, &l, s.video).await;
    assert_eq!(decision(&p.play(10.0).await), "credited");
    // The random moment has come: the next answer carries a challenge.
    p.sql("update play_sessions set next_check_at = now() - interval '1 second' where play_session_id = $1")
        .await;
    let a = p.play(10.0).await;
    assert_eq!(decision(&a), "credited");
    let challenge = a["challenge"].clone();
    assert_eq!(challenge["choices"].as_array().unwrap().len(), 4);
    // Within the time limit study goes on; past it, nothing counts until it is answered.
    assert_eq!(decision(&p.play(10.0).await), "credited");
    p.sql("update study_challenges set expires_at = now() - interval '1 second' where play_session_id = $1")
        .await;
    let a = p.beat_with(10.0, 0.0, |_| {}).await;
    assert_eq!(decision(&a), "verification_pending");
    assert_eq!(seconds(&a["credited_seconds"]), 0.0);

    let path = format!(
        "/api/v1/learning/sessions/{}/challenges/{}",
        p.session,
        challenge["id"].as_str().unwrap()
    );
    let (mut conn, _) = crate::review_fixture::owner_in(&app, "demo").await;
    let right: String =
        sqlx::query_scalar("select answer from study_challenges where challenge_id = $1::uuid")
            .bind(challenge["id"].as_str().unwrap())
            .fetch_one(&mut conn)
            .await
            .unwrap();
    let wrong = challenge["choices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c.as_str() != Some(right.as_str()))
        .unwrap()
        .clone();
    // Another learner cannot answer it; a wrong answer brings a new question.
    let other = learner(&app, &s, 7).await;
    let r = other.api.post(&path, json!({"answer": right})).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r: serde_json::Value = l
        .api
        .post(&path, json!({"answer": wrong}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["passed"], false);
    let next = r["next"].clone();
    assert!(next["id"].is_string());
    let r = l.api.post(&path, json!({"answer": right})).await;
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "an answered challenge is done"
    );
    let right: String =
        sqlx::query_scalar("select answer from study_challenges where challenge_id = $1::uuid")
            .bind(next["id"].as_str().unwrap())
            .fetch_one(&mut conn)
            .await
            .unwrap();
    let path = format!(
        "/api/v1/learning/sessions/{}/challenges/{}",
        p.session,
        next["id"].as_str().unwrap()
    );
    let r: serde_json::Value = l
        .api
        .post(&path, json!({"answer": right}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["passed"], true);
    let a = p.play(10.0).await;
    assert_eq!(decision(&a), "credited");
    assert!(a["challenge"].is_null());

    // The policy can be turned off: no challenges at all.
    patch_settings(&s, json!({"human_check": {"enabled": false}})).await;
    let mut q = Player::open(&app, &l, s.video).await;
    let opened_check: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("select next_check_at from play_sessions where play_session_id = $1")
            .bind(q.session)
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert!(opened_check.is_none());
    let a = q.play(10.0).await;
    assert_eq!(decision(&a), "credited");
    assert!(a["challenge"].is_null());
}
