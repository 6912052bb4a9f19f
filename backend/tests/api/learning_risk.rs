//! Anti-cheating (Z-II.3): client and server signals raise risk events with their evidence; a
//! high-confidence one holds the session's crediting; regulators filter, clear or confirm them,
//! and a confirmed one voids the session's credited time — recorded, never deleted, and the
//! totals still derive from the record.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Api, error_code, spawn_app};
use crate::learning_fixture::{
    Player, assert_ledger_agrees, decision, learner, patch_settings, seconds, setup,
};
use crate::review_fixture::{owner_in, signed_in};

async fn events(api: &Api, query: &str) -> Value {
    let r = api.get(&format!("/api/v1/risk-events?{query}")).await;
    assert_eq!(r.status(), StatusCode::OK, "{query}");
    r.json().await.unwrap()
}

fn first_id(page: &Value) -> String {
    page["items"][0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_automated_browser_holds_crediting_until_cleared_and_confirming_voids_the_time() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let l = learner(&app, &s, 31).await;
    let mut p = Player::open(&app, &l, s.video).await;
    for _ in 0..3 {
        assert_eq!(decision(&p.play(10.0).await), "credited");
    }
    // The player reports navigator.webdriver: high confidence by default, crediting stops.
    // (Held heartbeats report a player that stood still, or it would be ahead of its credit.)
    let a = p
        .beat_with(10.0, 0.0, |b| b["signals"] = json!({"webdriver": true}))
        .await;
    assert_eq!(decision(&a), "risk_hold");
    assert_eq!(decision(&p.beat_with(10.0, 0.0, |_| {}).await), "risk_hold");
    let page = events(&s.admin, &format!("user_id={}&status=open", l.id)).await;
    assert_eq!(page["total"], 1);
    let event = &page["items"][0];
    assert_eq!(event["kind"], "webdriver");
    assert_eq!(event["level"], "high");
    assert_eq!(event["play_session_id"], p.session.to_string());
    assert_eq!(event["evidence"]["signal"], "navigator.webdriver");
    assert_eq!(event["evidence"]["seq"], "4");
    assert_eq!(event["user_name"], "学员31");
    // Raised once per session and kind, however often it is seen.
    p.beat_with(10.0, 0.0, |b| b["signals"] = json!({"webdriver": true}))
        .await;
    assert_eq!(events(&s.admin, "kind=webdriver").await["total"], 1);
    assert_eq!(events(&s.admin, "kind=shared_ip").await["total"], 0);
    assert_eq!(events(&s.admin, "status=cleared").await["total"], 0);

    // Viewers read but do not decide; trainees and institutions see nothing of it.
    let viewer = signed_in(&app, "demo", "demo-viewer").await;
    assert_eq!(events(&viewer, "").await["total"], 1);
    let id = first_id(&page);
    let clear = format!("/api/v1/risk-events/{id}/clear");
    let r = viewer.post(&clear, json!({"reason": "误报"})).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    for api in [&l.api, &s.head] {
        assert_eq!(
            api.get("/api/v1/risk-events").await.status(),
            StatusCode::FORBIDDEN
        );
        let r = api.post(&clear, json!({"reason": "误报"})).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    // A reason is required.
    let (status, _, err) = error_code(s.admin.post(&clear, json!({"reason": " "})).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["field"], "reason");

    // Cleared (the learner's own test browser, say): the session credits again.
    let r = s
        .admin
        .post(&clear, json!({"reason": "学员自测浏览器，已核实"}))
        .await;
    let cleared: Value = r.json().await.unwrap();
    assert_eq!(cleared["status"], "cleared");
    assert_eq!(cleared["note"], "学员自测浏览器，已核实");
    assert_eq!(cleared["decided_by_name"], "演示管理员");
    let r = s.admin.post(&clear, json!({"reason": "again"})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "decided once");
    let a = p.play(10.0).await;
    assert_eq!(decision(&a), "credited");
    let before: f64 = seconds(&a["today_credited_seconds"]);
    assert_eq!(before, 40.0);

    // Tampering with the playback rate is high confidence too; confirmed, the session's
    // credited time is voided: the totals drop, the heartbeats stay.
    let a = p
        .beat_with(10.0, 0.0, |b| b["signals"] = json!({"rate_tampered": true}))
        .await;
    assert_eq!(decision(&a), "risk_hold");
    let id = first_id(&events(&s.admin, "kind=rate_tampered&status=open").await);
    let confirmed: Value = s
        .admin
        .post(
            &format!("/api/v1/risk-events/{id}/confirm"),
            json!({"reason": "倍速插件"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(confirmed["status"], "confirmed");
    assert_eq!(confirmed["voided_seconds"], 40.0);
    let hours: Value = l
        .api
        .get("/api/v1/me/study-hours")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hours["total"]["seconds"], 0);
    let tasks: Value = l.api.get("/api/v1/me/tasks").await.json().await.unwrap();
    let video = tasks[0]["courses"][0]["chapters"][0]["coursewares"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == s.video.to_string())
        .unwrap()
        .clone();
    assert_eq!(video["credited_seconds"], 0);
    let (mut conn, _) = owner_in(&app, "demo").await;
    let (beats, voids): (i64, i64) = sqlx::query_as(
        "select (select count(*) from heartbeats where play_session_id = $1 and credited_ms > 0),
                (select count(*) from credit_voids where risk_event_id = $2::uuid)",
    )
    .bind(p.session)
    .bind(&id)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!((beats, voids), (4, 4));
    assert_ledger_agrees(&app).await;
    // Voided time can be learnt again in a new session.
    let mut again = Player::open(&app, &l, s.video).await;
    assert_eq!(seconds(&again.opened["resume_position"]), 0.0);
    assert_eq!(decision(&again.play(10.0).await), "credited");
    assert_ledger_agrees(&app).await;

    // Another tenant's regulator finds none of it.
    app.create_tenant("north").await;
    app.add_staff("north", "north-admin", shared_types::Role::RegulatorAdmin)
        .await;
    let north = signed_in(&app, "north", "north-admin").await;
    assert_eq!(events(&north, "").await["total"], 0);
    let r = north
        .post(
            &format!("/api/v1/risk-events/{id}/clear"),
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_site_that_runs_its_own_browser_tests_keeps_automation_at_low_risk() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    patch_settings(
        &s,
        json!({"anti_cheat": {"automation_is_high_risk": false}}),
    )
    .await;
    let l = learner(&app, &s, 32).await;
    let mut p = Player::open(&app, &l, s.video).await;
    let a = p
        .beat_with(10.0, 10.0, |b| {
            b["signals"] = json!({"webdriver": true, "headless": true, "other_tabs": 1})
        })
        .await;
    assert_eq!(decision(&a), "credited");
    let page = events(&s.admin, "").await;
    let mut kinds: Vec<(&str, &str)> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["level"].as_str().unwrap()))
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            ("headless", "low"),
            ("several_tabs", "low"),
            ("webdriver", "low")
        ]
    );
    assert_eq!(events(&s.admin, "level=low").await["total"], 3);
    assert_eq!(events(&s.admin, "level=high").await["total"], 0);
    let bad = s.admin.get("/api/v1/risk-events?kind=nonsense").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_server_notices_shared_ips_shared_devices_parallel_attempts_and_round_the_clock_study()
{
    let app = spawn_app().await;
    let s = setup(&app).await;
    patch_settings(&s, json!({"anti_cheat": {"accounts_per_ip": 2}})).await;
    let a = learner(&app, &s, 33).await;
    let b = learner(&app, &s, 34).await;
    let mut pa = Player::open(&app, &a, s.video).await;
    assert_eq!(decision(&pa.play(10.0).await), "credited");
    // A second account studying from the same IP within the hour reaches the limit of 2.
    let _pb = Player::open(&app, &b, s.video).await;
    let page = events(&s.admin, "kind=shared_ip").await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["user_id"], b.id.to_string());
    assert_eq!(page["items"][0]["evidence"]["count"], "2");
    assert_eq!(page["items"][0]["evidence"]["ip"], "127.0.0.1");

    // A's account signs in on B's device once B's sign-in is over: several accounts on one
    // device.
    let r = b.api.post("/api/v1/auth/logout", json!({})).await;
    assert!(r.status().is_success());
    let mut on_b = crate::learning_fixture::Learner {
        api: Api::new(&app, "demo").on_device(&b.api.device),
        id: a.id,
    };
    on_b.api.login("13900000033").await;
    // Opening there while A's other session was live: a parallel attempt, and a shared device.
    let _moved = Player::open(&app, &on_b, s.video).await;
    assert_eq!(events(&s.admin, "kind=shared_device").await["total"], 1);
    let parallel = events(&s.admin, "kind=parallel_session").await;
    assert_eq!(parallel["total"], 1);
    assert_eq!(
        parallel["items"][0]["play_session_id"],
        pa.session.to_string()
    );
    assert_eq!(decision(&pa.play(10.0).await), "session_replaced");

    // Credited study in 20 different hours of the last day: round the clock.
    let (mut conn, tenant_id) = owner_in(&app, "demo").await;
    sqlx::query(
        "insert into heartbeats (tenant_id, play_session_id, user_id, lineage_id, seq, received_at, client_time,
                                 position_ms, playing, visible, focused, rate, decision, credited_ms, day)
         select $1, $2, $3, $4, 100 + h, now() - make_interval(hours => h), 0, 0, true, true, true, 1, 'credited',
                1, current_date
         from generate_series(1, 20) as h",
    )
    .bind(tenant_id)
    .bind(pa.session)
    .bind(a.id)
    .bind(s.video_lineage)
    .execute(&mut conn)
    .await
    .unwrap();
    let _late = Player::open(&app, &on_b, s.document).await;
    let page = events(&s.admin, "kind=round_the_clock").await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["level"], "medium");
}
