//! Course purchase (T-7.2.5c): the order state machine, seat inventory (also under concurrent
//! assignment of the last seats), invoices, and the electronic vouchers of paid orders (T-7.2.5e).

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Api, error_code, spawn_app};
use crate::media::{tiny_pdf, upload_ok};
use crate::review_fixture::{get_json, signed_in};
use crate::training_fixture::{
    add_task, approved_class, buy, certified_institution, id_of, json_of, project,
    published_course, trainee_body, trainee_type,
};

/// Polls `path` until `ready` holds (jobs run in the background).
async fn eventually(api: &Api, path: &str, ready: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..100 {
        let v = get_json(api, path).await;
        if ready(&v) {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{path} never got ready");
}

#[tokio::test]
async fn an_order_is_placed_paid_once_and_puts_its_seats_in_the_inventory() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let inst = certified_institution(&app, &admin, "demo", "buyer").await;
    let (course, _) = published_course(&app, "demo-inst-admin", "vod", Some(2500)).await;
    let (own, _) = published_course(&app, "demo-inst-admin", "own", None).await;
    let order = |lines: Value| inst.head.post("/api/v1/orders", json!({ "lines": lines }));

    for (lines, field) in [
        (
            json!([{"course_id": own, "seats": 1}]),
            "lines[0].course_id",
        ),
        (json!([{"course_id": course, "seats": 0}]), "lines[0].seats"),
        (
            json!([{"course_id": course, "seats": 1}, {"course_id": course, "seats": 2}]),
            "lines[1].course_id",
        ),
        (json!([]), "lines"),
    ] {
        let (status, _, body) = error_code(order(lines).await).await;
        assert_eq!(
            (status, body["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
            "{body}"
        );
    }
    let placed = json_of(
        order(json!([{"course_id": course, "seats": 10}])).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        (placed["status"].as_str(), placed["total_cents"].as_i64()),
        (Some("pending"), Some(25_000))
    );
    assert!(placed["order_no"].as_str().unwrap().starts_with("DEMO-O-"));
    let id = id_of(&placed);

    let paid = json_of(
        inst.head
            .post(&format!("/api/v1/orders/{id}/pay"), json!({}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (paid["provider"].as_str(), paid["state"].as_str()),
        (Some("dev"), Some("confirmed"))
    );
    assert!(
        paid["provider_label"].as_str().unwrap().contains("模拟"),
        "{paid}"
    );
    assert_eq!(paid["order"]["status"], "paid");
    for path in ["pay", "cancel"] {
        let again = inst
            .head
            .post(&format!("/api/v1/orders/{id}/{path}"), json!({}))
            .await;
        assert_eq!(again.status(), StatusCode::CONFLICT, "{path}");
    }
    let inventory = get_json(&inst.head, "/api/v1/inventory").await;
    assert_eq!(inventory[0]["course_id"], json!(course));
    assert_eq!(
        (
            inventory[0]["purchased"].as_i64(),
            inventory[0]["remaining"].as_i64()
        ),
        (Some(10), Some(10))
    );

    // A second order adds to the same line of inventory; a cancelled one adds nothing.
    buy(&inst.head, course, 5).await;
    let cancelled = json_of(
        order(json!([{"course_id": course, "seats": 3}])).await,
        StatusCode::CREATED,
    )
    .await;
    let c = json_of(
        inst.head
            .post(
                &format!("/api/v1/orders/{}/cancel", id_of(&cancelled)),
                json!({}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(c["status"], "cancelled");
    assert_eq!(
        inst.head
            .post(
                &format!("/api/v1/orders/{}/pay", id_of(&cancelled)),
                json!({})
            )
            .await
            .status(),
        StatusCode::CONFLICT
    );
    assert_eq!(
        get_json(&inst.head, "/api/v1/inventory").await[0]["purchased"],
        15
    );

    // The paid order's voucher is issued by a job and verifiable by its code.
    let with_voucher = eventually(&inst.head, &format!("/api/v1/orders/{id}"), |o| {
        o["voucher_id"].is_string()
    })
    .await;
    let vouchers = get_json(&inst.head, "/api/v1/vouchers").await;
    let voucher = vouchers
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == with_voucher["voucher_id"])
        .unwrap()
        .clone();
    assert_eq!(
        (voucher["kind"].as_str(), voucher["subject_no"].as_str()),
        (Some("order"), placed["order_no"].as_str())
    );
    let file = inst
        .head
        .get(&format!(
            "/api/v1/vouchers/{}/file",
            voucher["id"].as_str().unwrap()
        ))
        .await;
    assert!(file.status().is_success(), "redirects to the presigned PDF");
    let pdf = file.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let code = voucher["code"].as_str().unwrap();
    assert!(String::from_utf8_lossy(&pdf).contains(code));
    let anonymous = Api::new(&app, "demo");
    let checked = get_json(
        &anonymous,
        &format!("/api/v1/vouchers/verify/{}", code.to_lowercase()),
    )
    .await;
    assert_eq!(
        (
            checked["valid"].as_bool(),
            checked["voucher"]["sha256"].as_str()
        ),
        (Some(true), voucher["sha256"].as_str())
    );
    assert_eq!(
        get_json(&anonymous, "/api/v1/vouchers/verify/AAAAAAAAAAAAAAAA").await["valid"],
        false
    );

    // Others: another institution sees nothing of it; the regulator sees every order.
    let other = certified_institution(&app, &admin, "demo", "other-buyer").await;
    assert_eq!(
        other
            .head
            .get(&format!("/api/v1/orders/{id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other
            .head
            .post(
                &format!("/api/v1/orders/{}/pay", id_of(&cancelled)),
                json!({})
            )
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(get_json(&other.head, "/api/v1/orders").await["total"], 0);
    assert_eq!(
        other
            .head
            .get(&format!(
                "/api/v1/vouchers/{}/file",
                voucher["id"].as_str().unwrap()
            ))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let all = get_json(
        &admin,
        &format!("/api/v1/admin/orders?institution_id={}", inst.id),
    )
    .await;
    assert_eq!(all["total"], 3);
    assert_eq!(
        admin
            .post("/api/v1/orders", json!({"lines": []}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn invoices_are_requested_for_paid_orders_and_issued_or_rejected_once() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let inst = certified_institution(&app, &admin, "demo", "invoicer").await;
    let (course, _) = published_course(&app, "demo-inst-admin", "vod", Some(1000)).await;
    let paid = buy(&inst.head, course, 2).await;
    let pending = json_of(
        inst.head
            .post(
                "/api/v1/orders",
                json!({"lines": [{"course_id": course, "seats": 1}]}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    let request = |order: &Value, tax_no: &str| {
        inst.head.post(
            "/api/v1/invoices",
            json!({"order_id": order["id"], "title": "某某培训学校", "tax_no": tax_no}),
        )
    };
    let tax_no = crate::helpers::fresh_credit_code();
    let (status, _, body) = error_code(request(&pending, &tax_no).await).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("order_id"))
    );
    let (status, _, body) = error_code(request(&paid, "123").await).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("tax_no"))
    );
    let invoice = json_of(request(&paid, &tax_no).await, StatusCode::CREATED).await;
    assert_eq!(
        (invoice["status"].as_str(), invoice["amount_cents"].as_i64()),
        (Some("requested"), Some(2000))
    );
    assert_eq!(request(&paid, &tax_no).await.status(), StatusCode::CONFLICT);

    let pdf = upload_ok(
        &admin,
        "document",
        "invoice.pdf",
        "application/pdf",
        &tiny_pdf(),
    )
    .await;
    let issue = format!("/api/v1/admin/invoices/{}/issue", id_of(&invoice));
    assert_eq!(
        inst.head
            .post(&issue, json!({"invoice_no": "1", "media_id": pdf["id"]}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let issued = json_of(
        admin
            .post(
                &issue,
                json!({"invoice_no": "33001234", "media_id": pdf["id"]}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (issued["status"].as_str(), issued["has_file"].as_bool()),
        (Some("issued"), Some(true))
    );
    let reject = format!("/api/v1/admin/invoices/{}/reject", id_of(&invoice));
    assert_eq!(
        admin
            .post(&reject, json!({"reason": "抬头有误"}))
            .await
            .status(),
        StatusCode::CONFLICT
    );
    let mine = get_json(&inst.head, "/api/v1/invoices").await;
    assert_eq!(mine["items"][0]["invoice_no"], "33001234");
    let file = inst
        .head
        .get(&format!("/api/v1/invoices/{}/file", id_of(&invoice)))
        .await;
    assert!(file.status().is_success());
    let viewer = signed_in(&app, "demo", "demo-viewer").await;
    assert_eq!(
        get_json(&viewer, "/api/v1/admin/invoices?status=issued").await["total"],
        1
    );
    assert_eq!(
        viewer.post(&reject, json!({"reason": "x"})).await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_assignments_against_the_last_seats_never_overdraw_the_inventory() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let inst = certified_institution(&app, &admin, "demo", "racer").await;
    let (course, _) = published_course(&app, "demo-inst-admin", "vod", Some(100)).await;
    buy(&inst.head, course, 3).await;
    let project = project(&admin, "frontline_workers").await;
    let kind = trainee_type(&inst.head, "employee").await;
    // Eight classes, each with a task holding the course: the adds below do not queue on one
    // class, only on the inventory row.
    let mut classes = Vec::new();
    for i in 0..8 {
        let class = approved_class(&inst.head, &admin, project, &format!("竞争班 {i}"), 10).await;
        add_task(&inst.head, class, "任务", &[course]).await;
        classes.push(class);
    }
    let token = inst.head.token.clone().unwrap();
    let handles: Vec<_> = classes
        .iter()
        .enumerate()
        .map(|(i, class)| {
            let request = inst
                .head
                .http
                .post(app.url(&format!("/api/v1/classes/{class}/trainees")))
                .header("X-Tenant", "demo")
                .bearer_auth(&token)
                .json(&trainee_body(100 + i as u32, kind))
                .send();
            tokio::spawn(async move { request.await.unwrap().status() })
        })
        .collect();
    let mut results = Vec::new();
    for handle in handles {
        results.push(handle.await.unwrap());
    }
    let created = results
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let refused = results
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((created, refused), (3, 5), "{results:?}");
    let inventory = get_json(&inst.head, "/api/v1/inventory").await;
    assert_eq!(
        (
            inventory[0]["used"].as_i64(),
            inventory[0]["remaining"].as_i64()
        ),
        (Some(3), Some(0))
    );
}
