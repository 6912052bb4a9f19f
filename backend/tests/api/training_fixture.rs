//! Helpers for the institution, purchase and training tests: certified institutions made through
//! the API, published courses and study records written straight into the database (the course
//! workflow and the learning engine have their own tests), projects, classes and trainees.

use reqwest::StatusCode;
use serde_json::{Value, json};
use shared_types::Role;
use uuid::Uuid;

use crate::helpers::{Api, TestApp, id_card};
use crate::media::{tiny_pdf, upload_ok};
use crate::review_fixture::{get_json, owner_in, signed_in, user_id};

/// An institution's head, signed in.
pub struct Inst {
    pub head: Api,
    pub id: Uuid,
}

pub fn id_of(v: &Value) -> Uuid {
    v["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no id in {v}"))
}

pub async fn json_of(response: reqwest::Response, expected: StatusCode) -> Value {
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(status, expected, "{body}");
    body
}

/// Uploads a licence PDF as `api`; its media id.
pub async fn licence(api: &Api) -> String {
    let media = upload_ok(
        api,
        "licence",
        "licence.pdf",
        "application/pdf",
        &tiny_pdf(),
    )
    .await;
    media["id"].as_str().unwrap().to_owned()
}

pub async fn approve(admin: &Api, path: &str) -> Value {
    json_of(
        admin
            .post(path, json!({"decision": "approve", "note": "同意"}))
            .await,
        StatusCode::OK,
    )
    .await
}

/// Submits certification data as the head; the institution answer.
pub async fn submit_certification(head: &Api, name: &str) -> reqwest::Response {
    let licence = licence(head).await;
    head.send(
        "PUT",
        "/api/v1/institution/certification",
        json!({"name": name, "address": "杭州市西湖区", "legal_representative": "王五",
               "business_scope": "安全培训", "licence_media_id": licence}),
    )
    .await
}

/// A new institution of `tenant` headed by `username`, certified by `admin` and qualified for
/// `frontline_workers`.
pub async fn certified_institution(
    app: &TestApp,
    admin: &Api,
    tenant: &str,
    username: &str,
) -> Inst {
    app.add_staff(tenant, username, Role::InstitutionAdmin)
        .await;
    let head = signed_in(app, tenant, username).await;
    let me = get_json(&head, "/api/v1/institution").await;
    let id = id_of(&me);
    json_of(
        submit_certification(&head, &format!("{username} 培训学校")).await,
        StatusCode::OK,
    )
    .await;
    approve(admin, &format!("/api/v1/institutions/{id}/review")).await;
    let q = json_of(
        head.post(
            "/api/v1/institution/qualifications",
            json!({"training_type": "frontline_workers"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    approve(
        admin,
        &format!("/api/v1/qualifications/{}/review", id_of(&q)),
    )
    .await;
    Inst { head, id }
}

/// The demo institution (seeded certified and qualified) as its head.
pub async fn demo_institution(app: &TestApp) -> Inst {
    let head = signed_in(app, "demo", "demo-inst-admin").await;
    let id = id_of(&get_json(&head, "/api/v1/institution").await);
    Inst { head, id }
}

pub fn policy() -> Value {
    json!({"subsidy_rule": "每人 300 元", "subsidy_cents_per_trainee": 30000,
           "required_study_hours": 2.0, "exam_required": false})
}

/// An open project of `training_type` spanning last year to next year.
pub async fn project(admin: &Api, training_type: &str) -> Uuid {
    let body = json!({"name": format!("{training_type} 项目"), "training_type": training_type,
                      "starts_on": "2025-01-01", "ends_on": "2027-12-31", "policy": policy()});
    id_of(
        &json_of(
            admin.post("/api/v1/projects", body).await,
            StatusCode::CREATED,
        )
        .await,
    )
}

pub fn class_body(project: Uuid, name: &str, capacity: u32) -> Value {
    json!({"project_id": project, "name": name, "mode": "online", "starts_on": "2026-01-01",
           "ends_on": "2026-12-31", "capacity": capacity})
}

/// A draft class of the head's institution.
pub async fn draft_class(head: &Api, project: Uuid, name: &str, capacity: u32) -> Uuid {
    let created = head
        .post("/api/v1/classes", class_body(project, name, capacity))
        .await;
    id_of(&json_of(created, StatusCode::CREATED).await["summary"])
}

/// A class applied for by the head and approved by `admin`.
pub async fn approved_class(
    head: &Api,
    admin: &Api,
    project: Uuid,
    name: &str,
    capacity: u32,
) -> Uuid {
    let id = draft_class(head, project, name, capacity).await;
    json_of(
        head.post(&format!("/api/v1/classes/{id}/submit"), json!({}))
            .await,
        StatusCode::OK,
    )
    .await;
    approve(admin, &format!("/api/v1/classes/{id}/review")).await;
    id
}

/// A published course of `kind` (one chapter with one link courseware) owned by `owner`'s
/// institution; (course id, the courseware's lineage id).
pub async fn published_course(
    app: &TestApp,
    owner: &str,
    kind: &str,
    seat_price_cents: Option<i64>,
) -> (Uuid, Uuid) {
    let author = user_id(app, "demo", owner).await;
    let (mut conn, tenant_id) = owner_in(app, "demo").await;
    let (course, revision, chapter, lineage) = (
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
    );
    let no = format!("DEMO-AQ-2026-{}", &Uuid::new_v4().simple().to_string()[..6]);
    sqlx::query(
        "insert into courses (course_id, tenant_id, kind, course_no, created_by, institution_id, listing)
         select $1, $2, $3, $4, $5, institution_id, 'published' from users where user_id = $5",
    )
    .bind(course)
    .bind(tenant_id)
    .bind(kind)
    .bind(&no)
    .bind(author)
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query(
        "insert into course_revisions (revision_id, tenant_id, course_id, revision_no, status, name, category,
                                       training_type, seat_price_cents, duration_seconds, created_by)
         values ($1, $2, $3, 1, 'published', $4, 'safety_production', 'frontline_workers', $5, 600, $6)",
    )
    .bind(revision)
    .bind(tenant_id)
    .bind(course)
    .bind(format!("课程 {no}"))
    .bind(seat_price_cents)
    .bind(author)
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query("update courses set live_revision_id = $2 where course_id = $1")
        .bind(course)
        .bind(revision)
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query(
        "insert into chapters (chapter_id, tenant_id, revision_id, title, position) values ($1, $2, $3, '第一章', 1)",
    )
    .bind(chapter)
    .bind(tenant_id)
    .bind(revision)
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query(
        "insert into coursewares (courseware_id, tenant_id, chapter_id, revision_id, lineage_id, title, kind, position,
                                  url, duration_seconds)
         values (gen_random_uuid(), $1, $2, $3, $4, '课件', 'link', 1, 'https://example.cn/a', 600)",
    )
    .bind(tenant_id)
    .bind(chapter)
    .bind(revision)
    .bind(lineage)
    .execute(&mut conn)
    .await
    .unwrap();
    (course, lineage)
}

/// Orders and pays `seats` of `course`; the paid order.
pub async fn buy(head: &Api, course: Uuid, seats: u32) -> Value {
    let order = json_of(
        head.post(
            "/api/v1/orders",
            json!({"lines": [{"course_id": course, "seats": seats}]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let paid = json_of(
        head.post(&format!("/api/v1/orders/{}/pay", id_of(&order)), json!({}))
            .await,
        StatusCode::OK,
    )
    .await;
    paid["order"].clone()
}

/// The id of the enabled trainee type with `code`.
pub async fn trainee_type(api: &Api, code: &str) -> Uuid {
    let types = get_json(api, "/api/v1/trainee-types").await;
    let found = types.as_array().unwrap().iter().find(|t| t["code"] == code);
    id_of(found.unwrap_or_else(|| panic!("no trainee type {code}")))
}

/// A trainee's real-name data: `seq` picks the ID-card number and the phone.
pub fn trainee_body(seq: u32, trainee_type: Uuid) -> Value {
    json!({"name": format!("学员{seq}"), "id_card_no": id_card(seq), "phone": format!("139{seq:08}"),
           "trainee_type_id": trainee_type, "education": "senior"})
}

pub async fn add_trainee(head: &Api, class: Uuid, seq: u32) -> Value {
    let t = trainee_type(head, "employee").await;
    json_of(
        head.post(
            &format!("/api/v1/classes/{class}/trainees"),
            trainee_body(seq, t),
        )
        .await,
        StatusCode::CREATED,
    )
    .await
}

/// A task of `courses` in `class`, due in 30 days.
pub fn task_body(name: &str, courses: &[Uuid]) -> Value {
    let deadline = chrono::Utc::now() + chrono::Duration::days(30);
    json!({"name": name, "course_ids": courses, "deadline": deadline, "required_hours": 1.5})
}

/// Adds a task of `courses` to `class` (see [`task_body`]).
pub async fn add_task(head: &Api, class: Uuid, name: &str, courses: &[Uuid]) -> Value {
    json_of(
        head.post(
            &format!("/api/v1/classes/{class}/tasks"),
            task_body(name, courses),
        )
        .await,
        StatusCode::CREATED,
    )
    .await
}

/// Study records of `user` on the courseware `lineage`, as the learning engine writes them.
pub async fn study(app: &TestApp, user: Uuid, lineage: Uuid, completed: bool) {
    let (mut conn, tenant_id) = owner_in(app, "demo").await;
    sqlx::query(
        "insert into courseware_progress (tenant_id, user_id, lineage_id, intervals, credited_ms, resume_ms, completed_at)
         values ($1, $2, $3, '{0,300000}', 300000, 300000, case when $4 then now() end)",
    )
    .bind(tenant_id)
    .bind(user)
    .bind(lineage)
    .bind(completed)
    .execute(&mut conn)
    .await
    .unwrap();
}
