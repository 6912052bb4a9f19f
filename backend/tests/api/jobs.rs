//! The job queue: retries with back-off until `failed`, the give-up hook, requeueing, and who
//! sees the queue.

use std::time::{Duration, Instant};

use backend::db::Scope;
use backend::jobs::{JobKind, enqueue};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Api, TestApp, error_code, spawn_with};
use crate::media::start;

/// A transcode job for a video whose upload never finished: the source is not in storage, so
/// every attempt fails.
async fn doomed_transcode(app: &TestApp, api: &Api) -> (String, i64) {
    let session = start(api, "video", "lost.mp4", "video/mp4", 1000).await;
    let media_id = session["media_id"].as_str().unwrap().to_owned();
    let tenant = app.tenant_id("demo").await;
    let mut tx = app
        .state
        .db
        .begin_tenant(Scope::tenant(tenant))
        .await
        .unwrap();
    let payload = json!({"media_id": media_id, "file_name": "lost.mp4"});
    let job = enqueue(&mut tx, tenant, JobKind::Transcode, &payload)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (media_id, job)
}

async fn job(api: &Api, id: i64) -> Value {
    let page: Value = api
        .get("/api/v1/jobs?per_page=200")
        .await
        .json()
        .await
        .unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["id"] == id)
        .cloned()
        .unwrap_or(Value::Null)
}

async fn wait_for_status(api: &Api, id: i64, status: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let job = job(api, id).await;
        if job["status"] == status || Instant::now() > deadline {
            return job;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn a_failing_job_is_retried_then_failed_and_an_admin_requeues_it() {
    let app = spawn_with(&[("ZHIPEI_JOB_RETRY_BASE_SECONDS", "0")]).await;
    let mut author = Api::new(&app, "demo");
    author.login("demo-inst-admin").await;
    let mut admin = Api::new(&app, "demo");
    admin.login("demo-admin").await;
    let (media_id, id) = doomed_transcode(&app, &author).await;

    let failed = wait_for_status(&admin, id, "failed").await;
    assert_eq!(failed["status"], "failed", "{failed}");
    assert_eq!(
        (failed["attempts"].as_i64(), failed["max_attempts"].as_i64()),
        (Some(3), Some(3))
    );
    assert!(
        failed["last_error"]
            .as_str()
            .unwrap()
            .contains("source file is missing"),
        "{failed}"
    );
    assert!(failed["finished_at"].is_string());
    let subject = failed["subject"].as_str().unwrap();
    assert!(
        subject.contains("转码") && subject.contains("lost.mp4") && subject.contains(&media_id),
        "{subject}"
    );
    // The give-up hook marked the video failed, with the reason.
    let media: Value = author
        .get(&format!("/api/v1/media/{media_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(media["status"], "failed");
    assert!(
        media["reject_reason"]
            .as_str()
            .unwrap()
            .contains("转码失败"),
        "{media}"
    );

    let listed: Value = admin
        .get("/api/v1/jobs?status=failed&kind=transcode")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["total"], 1);
    let none: Value = admin
        .get("/api/v1/jobs?status=done")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(none["total"], 0);

    let retried = admin
        .post(&format!("/api/v1/jobs/{id}/retry"), json!({}))
        .await;
    assert_eq!(retried.status(), StatusCode::OK);
    let retried: Value = retried.json().await.unwrap();
    assert_eq!(
        (retried["status"].as_str(), retried["attempts"].as_i64()),
        (Some("queued"), Some(0))
    );
    // It runs its attempts again, and fails again.
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut again = Value::Null;
    while Instant::now() < deadline {
        again = job(&admin, id).await;
        if again["status"] == "failed" && again["attempts"] == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(again["status"], "failed", "{again}");

    let (status, code, _) =
        error_code(admin.post("/api/v1/jobs/999999/retry", json!({})).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
}

#[tokio::test]
async fn without_workers_jobs_wait_and_only_failed_jobs_can_be_retried() {
    let app = spawn_with(&[("ZHIPEI_JOB_WORKERS", "0")]).await;
    let mut author = Api::new(&app, "demo");
    author.login("demo-inst-admin").await;
    let (_, id) = doomed_transcode(&app, &author).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;

    let mut viewer = Api::new(&app, "demo");
    viewer.login("demo-viewer").await;
    let waiting = job(&viewer, id).await;
    assert_eq!(
        (waiting["status"].as_str(), waiting["attempts"].as_i64()),
        (Some("queued"), Some(0))
    );

    let mut admin = Api::new(&app, "demo");
    admin.login("demo-admin").await;
    let (status, code, _) = error_code(
        admin
            .post(&format!("/api/v1/jobs/{id}/retry"), json!({}))
            .await,
    )
    .await;
    assert_eq!((status, code.as_str()), (StatusCode::CONFLICT, "conflict"));

    // Viewers read the queue but retry nothing; institutions do not see it.
    let refused = viewer
        .post(&format!("/api/v1/jobs/{id}/retry"), json!({}))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        author.get("/api/v1/jobs").await.status(),
        StatusCode::FORBIDDEN
    );

    // Another tenant sees none of our jobs.
    app.create_tenant("other").await;
    app.add_staff("other", "other-admin", shared_types::Role::RegulatorAdmin)
        .await;
    let mut other = Api::new(&app, "other");
    other.login("other-admin").await;
    let theirs: Value = other.get("/api/v1/jobs").await.json().await.unwrap();
    assert_eq!(theirs["total"], 0);
    let (status, _, _) = error_code(
        other
            .post(&format!("/api/v1/jobs/{id}/retry"), json!({}))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
