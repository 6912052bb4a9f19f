//! Helpers for the review tests: courses inserted straight into the database (the authoring API
//! is built in parallel; once it is merged these should create and submit courses through it),
//! expert groups, assignments and opinions through the review API.

use reqwest::StatusCode;
use serde_json::{Value, json};
use shared_types::Role;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::helpers::{Api, TestApp};

/// The owner's connection bound to `tenant` (FORCE row-level security applies to the owner too).
pub async fn owner_in(app: &TestApp, tenant: &str) -> (PgConnection, Uuid) {
    let tenant_id = app.tenant_id(tenant).await;
    let mut conn = app.connect_as("zhipei_owner").await;
    sqlx::query("select set_config('app.tenant_id', $1, false)")
        .bind(tenant_id.to_string())
        .execute(&mut conn)
        .await
        .unwrap();
    (conn, tenant_id)
}

pub async fn user_id(app: &TestApp, tenant: &str, username: &str) -> Uuid {
    let (mut conn, tenant_id) = owner_in(app, tenant).await;
    sqlx::query_scalar("select user_id from users where tenant_id = $1 and username = $2")
        .bind(tenant_id)
        .bind(username)
        .fetch_one(&mut conn)
        .await
        .unwrap()
}

/// A course of `kind` whose first revision is in `status` (as after create and submit),
/// authored by `author`. Returns (course id, revision id).
pub async fn course_as(
    app: &TestApp,
    tenant: &str,
    author: &str,
    kind: &str,
    name: &str,
    status: &str,
) -> (Uuid, Uuid) {
    let author_id = user_id(app, tenant, author).await;
    let (mut conn, tenant_id) = owner_in(app, tenant).await;
    let course_id = Uuid::new_v4();
    let course_no = format!("ZJ-AQ-2026-{}", &Uuid::new_v4().simple().to_string()[..6]);
    sqlx::query(
        "insert into courses (course_id, tenant_id, kind, course_no, created_by) values ($1, $2, $3, $4, $5)",
    )
    .bind(course_id)
    .bind(tenant_id)
    .bind(kind)
    .bind(&course_no)
    .bind(author_id)
    .execute(&mut conn)
    .await
    .unwrap();
    let revision_id =
        insert_revision(&mut conn, tenant_id, course_id, 1, name, status, author_id).await;
    (course_id, revision_id)
}

/// A submitted own course by demo-inst-admin in the demo tenant.
pub async fn submitted_course(app: &TestApp, name: &str) -> (Uuid, Uuid) {
    course_as(app, "demo", "demo-inst-admin", "own", name, "submitted").await
}

async fn insert_revision(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    course_id: Uuid,
    revision_no: i32,
    name: &str,
    status: &str,
    author_id: Uuid,
) -> Uuid {
    let revision_id = Uuid::new_v4();
    sqlx::query(
        "insert into course_revisions (revision_id, tenant_id, course_id, revision_no, status, name, category,
                                       training_type, created_by)
         values ($1, $2, $3, $4, $5, $6, 'safety_production', 'safety_manager', $7)",
    )
    .bind(revision_id)
    .bind(tenant_id)
    .bind(course_id)
    .bind(revision_no)
    .bind(status)
    .bind(name)
    .bind(author_id)
    .execute(&mut *conn)
    .await
    .unwrap();
    if status != "draft" {
        sqlx::query(
            "insert into course_events (tenant_id, course_id, revision_id, actor_id, action, from_status, to_status)
             values ($1, $2, $3, $4, 'submitted', 'draft', 'submitted')",
        )
        .bind(tenant_id)
        .bind(course_id)
        .bind(revision_id)
        .bind(author_id)
        .execute(&mut *conn)
        .await
        .unwrap();
    }
    revision_id
}

/// A new submitted revision of a demo course (as the author's new revision, edited and submitted).
pub async fn submit_new_revision(app: &TestApp, course_id: Uuid, name: &str) -> Uuid {
    let author_id = user_id(app, "demo", "demo-inst-admin").await;
    let (mut conn, tenant_id) = owner_in(app, "demo").await;
    let next: i32 = sqlx::query_scalar(
        "select max(revision_no) + 1 from course_revisions where course_id = $1",
    )
    .bind(course_id)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    insert_revision(
        &mut conn,
        tenant_id,
        course_id,
        next,
        name,
        "submitted",
        author_id,
    )
    .await
}

pub async fn revision_status(app: &TestApp, revision_id: Uuid) -> String {
    let (mut conn, _) = owner_in(app, "demo").await;
    sqlx::query_scalar("select status from course_revisions where revision_id = $1")
        .bind(revision_id)
        .fetch_one(&mut conn)
        .await
        .unwrap()
}

pub async fn signed_in(app: &TestApp, tenant: &str, account: &str) -> Api {
    let mut api = Api::new(app, tenant);
    api.login(account).await;
    api
}

/// Adds experts `names` to the demo tenant and returns their ids.
pub async fn experts(app: &TestApp, names: &[&str]) -> Vec<Uuid> {
    let mut ids = Vec::new();
    for name in names {
        app.add_staff("demo", name, Role::Expert).await;
        ids.push(user_id(app, "demo", name).await);
    }
    ids
}

pub async fn group(admin: &Api, name: &str, rule: &str, members: &[Uuid]) -> Uuid {
    let r = admin
        .post(
            "/api/v1/expert-groups",
            json!({"name": name, "decision_rule": rule, "member_ids": members}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED, "create group {name}");
    let body: Value = r.json().await.unwrap();
    body["id"].as_str().unwrap().parse().unwrap()
}

pub async fn assign(admin: &Api, course_id: Uuid, group_id: Uuid) -> Uuid {
    let r = admin
        .post(
            &format!("/api/v1/review/courses/{course_id}/assign"),
            json!({"group_id": group_id}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK, "assign {course_id}");
    let body: Value = r.json().await.unwrap();
    body["id"].as_str().unwrap().parse().unwrap()
}

pub fn all_pass() -> Value {
    json!({"political": true, "compliance": true, "completeness": true, "relevance": true,
           "subtitles": true, "copyright": true})
}

pub async fn opinion(expert: &Api, round_id: Uuid, verdict: &str, text: &str) -> reqwest::Response {
    expert
        .post(
            &format!("/api/v1/reviews/{round_id}/opinion"),
            json!({"checklist": all_pass(), "verdict": verdict, "opinion": text}),
        )
        .await
}

/// Gives an opinion that must be accepted; returns the round's status after it.
pub async fn opine(expert: &Api, round_id: Uuid, verdict: &str, text: &str) -> String {
    let r = opinion(expert, round_id, verdict, text).await;
    assert_eq!(r.status(), StatusCode::OK, "opinion on {round_id}");
    let body: Value = r.json().await.unwrap();
    body["round"]["status"].as_str().unwrap().to_owned()
}

pub async fn publish(admin: &Api, course_id: Uuid) -> reqwest::Response {
    admin
        .post(
            &format!("/api/v1/review/courses/{course_id}/publish"),
            json!({}),
        )
        .await
}

pub async fn get_json(api: &Api, path: &str) -> Value {
    let r = api.get(path).await;
    assert_eq!(r.status(), StatusCode::OK, "GET {path}");
    r.json().await.unwrap()
}
