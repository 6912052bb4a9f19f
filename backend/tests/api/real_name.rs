//! Real-name verification (T-7.2.6b): submission, the regulator's review (reject with a reason,
//! approve enrols the face), in-person verification by institution staff, bad input, permissions.

use reqwest::StatusCode;
use serde_json::json;

use crate::face_fixture::{decide, frame, serve_stand_in, signed_by, submit, upload};
use crate::helpers::{id_card, spawn_app, spawn_with};
use crate::learning_fixture::{learner, patch_settings, setup};
use crate::training_fixture::json_of;

#[tokio::test]
async fn a_submission_is_reviewed_rejected_with_a_reason_resubmitted_and_approved() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let me = learner(&app, &s, 11).await;
    let before = json_of(me.api.get("/api/v1/me/real-name").await, StatusCode::OK).await;
    assert_eq!(
        (before["status"].as_str(), before["face_enrolled"].as_bool()),
        (Some("unverified"), Some(false))
    );

    let pending = json_of(submit(&me, 11, "obama.jpg").await, StatusCode::OK).await;
    assert_eq!(pending["status"], "pending");
    assert_eq!(
        pending["id_number_masked"],
        "330106********0011".replace("0011", &id_card(11)[14..])
    );
    assert_eq!(
        submit(&me, 11, "obama2.jpg").await.status(),
        StatusCode::CONFLICT,
        "one review at a time"
    );

    let queue = json_of(
        s.admin
            .get("/api/v1/real-name/reviews?status=pending")
            .await,
        StatusCode::OK,
    )
    .await;
    let item = &queue["items"][0];
    assert_eq!(item["name"], "学员11");
    assert_eq!(item["account"], "139****0011");
    assert_eq!(item["photos"].as_array().map(Vec::len), Some(2));
    assert!(
        item["portrait_score"].as_f64().is_some_and(|s| s > 0.45),
        "portrait vs ID photo: {item}"
    );

    assert_eq!(
        decide(&s.admin, me.id, false, "").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let rejected = json_of(
        decide(&s.admin, me.id, false, "照片模糊").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (rejected["status"].as_str(), rejected["decided_by"].as_str()),
        (Some("rejected"), Some("demo-admin"))
    );
    let state = json_of(me.api.get("/api/v1/me/real-name").await, StatusCode::OK).await;
    assert_eq!(
        (state["status"].as_str(), state["reject_reason"].as_str()),
        (Some("rejected"), Some("照片模糊"))
    );

    json_of(submit(&me, 11, "obama2.jpg").await, StatusCode::OK).await;
    let approved = json_of(decide(&s.admin, me.id, true, "").await, StatusCode::OK).await;
    assert_eq!(approved["status"], "verified");
    let state = json_of(me.api.get("/api/v1/me/real-name").await, StatusCode::OK).await;
    assert_eq!(
        (state["status"].as_str(), state["face_enrolled"].as_bool()),
        (Some("verified"), Some(true))
    );
    // Changing real-name data after verification is a new review.
    assert_eq!(
        json_of(submit(&me, 11, "obama3.jpg").await, StatusCode::OK).await["status"],
        "pending"
    );
}

#[tokio::test]
async fn bad_submissions_are_refused_with_the_field_named() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let me = learner(&app, &s, 12).await;
    let front = upload(&me.api, "id_front", frame("obama3.jpg")).await;
    let portrait = upload(&me.api, "portrait", frame("coffee.png")).await;
    let body = |id: &str, portrait| json!({"name": "学员12", "id_number": id, "id_front_capture": front, "portrait_capture": portrait});
    let mut bad = id_card(12);
    bad.replace_range(17.., if bad.ends_with('1') { "2" } else { "1" });
    let r = me
        .api
        .post("/api/v1/me/real-name", body(&bad, portrait))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = me
        .api
        .post("/api/v1/me/real-name", body(&id_card(13), portrait))
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "another person's ID number than the account's"
    );
    let r = me
        .api
        .post("/api/v1/me/real-name", body(&id_card(12), portrait))
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a portrait without a face"
    );
    let error = r.json::<serde_json::Value>().await.unwrap();
    assert_eq!(error["field"], "portrait_capture", "{error}");
    assert_eq!(
        json_of(me.api.get("/api/v1/me/real-name").await, StatusCode::OK).await["status"],
        "unverified"
    );
}

#[tokio::test]
async fn institution_staff_verify_their_own_trainees_in_person_and_only_staff_see_the_queues() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let me = learner(&app, &s, 14).await;
    let portrait = upload(&s.head, "portrait", frame("obama.jpg")).await;
    let url = format!("/api/v1/institution/trainees/{}/real-name", me.id);
    let done = json_of(
        s.head.post(&url, json!({"name": "学员14", "id_number": id_card(14), "portrait_capture": portrait, "note": "现场核验"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (done["status"].as_str(), done["method"].as_str()),
        (Some("verified"), Some("in_person"))
    );
    assert_eq!(done["decided_by"], "demo-inst-admin");
    let state = json_of(me.api.get("/api/v1/me/real-name").await, StatusCode::OK).await;
    assert_eq!(
        (state["status"].as_str(), state["face_enrolled"].as_bool()),
        (Some("verified"), Some(true))
    );
    let list = json_of(
        s.head
            .get("/api/v1/institution/real-name?status=verified")
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["user_id"] == serde_json::json!(me.id))
    );

    // Not a trainee of this institution: the institution admin of the demo tenant only sees its own.
    let stranger = uuid::Uuid::new_v4();
    let r = s
        .head
        .post(
            &format!("/api/v1/institution/trainees/{stranger}/real-name"),
            json!({"name": "某人", "id_number": id_card(15)}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // Learners reach neither queue; the regulator does not verify in person.
    assert_eq!(
        me.api.get("/api/v1/real-name/reviews").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        me.api.get("/api/v1/institution/real-name").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.admin
            .post(&url, json!({"name": "学员14", "id_number": id_card(14)}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

/// The tenant's identity-check service (a stand-in on loopback: no real one is reachable here)
/// checks the request's signature and decides at once.
#[tokio::test]
async fn an_identity_service_decides_at_once_over_a_signed_request() {
    use axum::http::{HeaderMap, StatusCode as Status};

    const SECRET: &str = "identity-service-secret-2026";
    async fn verify(
        headers: HeaderMap,
        body: axum::body::Bytes,
    ) -> (Status, axum::Json<serde_json::Value>) {
        if !signed_by(&headers, &body, "idcheck", SECRET) {
            return (Status::UNAUTHORIZED, axum::Json(json!({})));
        }
        let claim: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let verified = claim["name"] == "学员16"
            && claim["portrait_base64"]
                .as_str()
                .is_some_and(|p| p.len() > 1000);
        (
            Status::OK,
            axum::Json(json!({"verified": verified, "reason": "", "ref": "NCIIC-1"})),
        )
    }
    let service = serve_stand_in(
        axum::Router::new().route("/v1/identity/verify", axum::routing::post(verify)),
    )
    .await;

    let app = spawn_with(&[("ZHIPEI_PROVIDER_SECRETS", &format!("idcheck={SECRET}"))]).await;
    let s = setup(&app).await;
    patch_settings(
        &s,
        json!({"real_name": {"endpoint": service, "key_id": "idcheck"}}),
    )
    .await;
    let me = learner(&app, &s, 16).await;
    let decided = json_of(submit(&me, 16, "obama.jpg").await, StatusCode::OK).await;
    assert_eq!(
        (decided["status"].as_str(), decided["method"].as_str()),
        (Some("verified"), Some("external"))
    );
    assert_eq!(decided["face_enrolled"], true);
    // A key id the server has no secret for: the service cannot be called (503, retry later).
    patch_settings(
        &s,
        json!({"real_name": {"endpoint": service, "key_id": "unknown"}}),
    )
    .await;
    let other = learner(&app, &s, 17).await;
    assert_eq!(
        submit(&other, 17, "obama.jpg").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
}
