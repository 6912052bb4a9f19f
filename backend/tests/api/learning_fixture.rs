//! Helpers for the learning-engine tests: a course with a video, a document and a link in a
//! task of an approved class, trainees who can sign in, and a [`Player`] that drives a play
//! session over HTTP. Waiting is simulated by moving the session's server-side baseline back
//! (`last_at`), so a test of "10 s of playing" takes milliseconds and the server still decides
//! with its own clock.

use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Api, TestApp};
use crate::review_fixture::{owner_in, signed_in};
use crate::training_fixture::{
    add_task, add_trainee, approved_class, demo_institution, id_of, json_of, project,
    published_course,
};

/// The video's length and the document's minimum study time, seconds.
pub const VIDEO_SECONDS: i64 = 600;
pub const DOCUMENT_SECONDS: i64 = 120;

/// A published course of the demo institution in a task of an approved class.
pub struct Setup {
    pub course: Uuid,
    pub class: Uuid,
    pub video: Uuid,
    pub video_lineage: Uuid,
    pub document: Uuid,
    pub link: Uuid,
    pub head: Api,
    pub admin: Api,
}

/// Adds a courseware of `kind` lasting `seconds` (a document: its minimum study time) to the
/// course's live first chapter, with a ready media file for a video or document (the catalog's
/// own tests upload and transcode real ones); (courseware id, lineage id).
async fn add_courseware(app: &TestApp, course: Uuid, kind: &str, seconds: i64) -> (Uuid, Uuid) {
    let (mut conn, _) = owner_in(app, "demo").await;
    sqlx::query_as(
        "with media as (
             insert into media_assets (media_id, tenant_id, kind, object_key, file_name, content_type, size_bytes,
                                       part_size, status, duration_seconds)
             select gen_random_uuid(), tenant_id, $2, 'test/' || gen_random_uuid(), 'a', 'video/mp4', 1, 1, 'ready', $3
             from courses where course_id = $1 and $2 <> 'link'
             returning media_id)
         insert into coursewares (courseware_id, tenant_id, chapter_id, revision_id, lineage_id, title, kind, position,
                                  url, media_id, min_study_seconds, duration_seconds)
         select gen_random_uuid(), c.tenant_id, ch.chapter_id, ch.revision_id, gen_random_uuid(), $2 || ' 课件', $2,
                10 + (select count(*) from coursewares w where w.chapter_id = ch.chapter_id),
                case when $2 = 'link' then 'https://example.cn/b' end, (select media_id from media),
                case when $2 = 'document' then $3 end, $3
         from courses c join chapters ch on ch.revision_id = c.live_revision_id where c.course_id = $1
         returning courseware_id, lineage_id",
    )
    .bind(course)
    .bind(kind)
    .bind(seconds as i32)
    .fetch_one(&mut conn)
    .await
    .unwrap()
}

/// A course with a 10-minute video, a document of 2 minutes' study and a link, in a task of an
/// approved class of the demo institution (no trainees yet).
pub async fn setup(app: &TestApp) -> Setup {
    let admin = signed_in(app, "demo", "demo-admin").await;
    let inst = demo_institution(app).await;
    let (course, _) = published_course(app, "demo-inst-admin", "own", None).await;
    let (video, video_lineage) = add_courseware(app, course, "video", VIDEO_SECONDS).await;
    let (document, _) = add_courseware(app, course, "document", DOCUMENT_SECONDS).await;
    let (link, _) = add_courseware(app, course, "link", 0).await;
    let class = approved_class(
        &inst.head,
        &admin,
        project(&admin, "frontline_workers").await,
        "学时班",
        50,
    )
    .await;
    add_task(&inst.head, class, "必修", &[course]).await;
    Setup {
        course,
        class,
        video,
        video_lineage,
        document,
        link,
        head: inst.head,
        admin,
    }
}

/// A trainee of the class, signed in.
pub struct Learner {
    pub api: Api,
    pub id: Uuid,
}

/// Enrols trainee `seq` (phone 139{seq:08}) in the class and signs them in on a new device; the
/// account gets the demo password (trainees are created without one).
pub async fn learner(app: &TestApp, setup: &Setup, seq: u32) -> Learner {
    let added = add_trainee(&setup.head, setup.class, seq).await;
    let id: Uuid = added["user_id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no user_id in {added}"));
    let (mut conn, tenant_id) = owner_in(app, "demo").await;
    sqlx::query(
        "update users set password_hash = (select password_hash from users
                                           where tenant_id = $1 and username = 'demo-admin')
         where user_id = $2",
    )
    .bind(tenant_id)
    .bind(id)
    .execute(&mut conn)
    .await
    .unwrap();
    let mut api = Api::new(app, "demo");
    api.login(&format!("139{seq:08}")).await;
    Learner { api, id }
}

/// Sets tenant settings of the demo tenant as its admin (a JSON merge patch).
pub async fn patch_settings(setup: &Setup, patch: Value) {
    let r = setup
        .admin
        .send("PATCH", "/api/v1/tenant/settings", patch)
        .await;
    assert_eq!(r.status(), StatusCode::OK);
}

/// The learner's row in the class's trainee list as `api` (the institution or the regulator)
/// reads it.
pub async fn class_trainee(setup: &Setup, api: &Api, learner: Uuid) -> Value {
    let list: Value = api
        .get(&format!("/api/v1/classes/{}/trainees", setup.class))
        .await
        .json()
        .await
        .unwrap();
    list["items"]
        .as_array()
        .and_then(|items| items.iter().find(|t| t["user_id"] == learner.to_string()))
        .cloned()
        .unwrap_or_else(|| panic!("{learner} not in {list}"))
}

/// One learner's player on one courseware: the session, the token chain and the position.
pub struct Player {
    pub opened: Value,
    pub session: Uuid,
    pub token: String,
    pub seq: u64,
    pub position: f64,
    base: String,
    http: reqwest::Client,
    conn: sqlx::PgConnection,
}

impl Player {
    /// Opens a play session of `courseware` on the learner's device.
    pub async fn open(app: &TestApp, learner: &Learner, courseware: Uuid) -> Player {
        let opened = json_of(open_session(learner, courseware).await, StatusCode::CREATED).await;
        let (conn, _) = owner_in(app, "demo").await;
        Player {
            session: id_of(&json!({"id": opened["session_id"]})),
            token: opened["heartbeat_token"].as_str().unwrap().to_owned(),
            position: opened["resume_position"].as_f64().unwrap(),
            seq: 0,
            opened,
            base: app.base.clone(),
            http: reqwest::Client::new(),
            conn,
        }
    }

    /// As if `seconds` passed since the last heartbeat: moves the server's baseline back.
    pub async fn wait(&mut self, seconds: f64) {
        sqlx::query(
            "update play_sessions set last_at = last_at - make_interval(secs => $2) where play_session_id = $1",
        )
        .bind(self.session)
        .bind(seconds)
        .execute(&mut self.conn)
        .await
        .unwrap();
    }

    /// Runs `sql` with the session id as `$1` on the owner's connection.
    pub async fn sql(&mut self, sql: &str) {
        sqlx::query(sql)
            .bind(self.session)
            .execute(&mut self.conn)
            .await
            .unwrap();
    }

    /// Posts `body` as heartbeat (no cookie: the token authorises it).
    pub async fn post(&self, body: &Value) -> reqwest::Response {
        self.http
            .post(format!(
                "{}/api/v1/learning/sessions/{}/heartbeats",
                self.base, self.session
            ))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// The next heartbeat in the chain at `position`, as a playing, visible, focused player at
    /// rate 1 would send it; `change` edits it first.
    pub fn next(&self, position: f64, change: impl FnOnce(&mut Value)) -> Value {
        let mut body = json!({"seq": self.seq + 1, "position": position, "playing": true, "visible": true,
            "focused": true, "rate": 1.0, "client_time": chrono::Utc::now().timestamp_millis(),
            "token": self.token, "signals": {}});
        change(&mut body);
        body
    }

    /// Sends `body`, expects 200 and follows the chain; the answer.
    pub async fn send(&mut self, body: Value) -> Value {
        let answer = json_of(self.post(&body).await, StatusCode::OK).await;
        if let Some(next) = answer["next_token"].as_str().filter(|t| !t.is_empty()) {
            self.token = next.to_owned();
            self.seq = body["seq"].as_u64().unwrap();
            self.position = body["position"].as_f64().unwrap();
        }
        answer
    }

    /// `seconds` pass, then a heartbeat at the position moved by `advance`, edited by `change`.
    pub async fn beat_with(
        &mut self,
        seconds: f64,
        advance: f64,
        change: impl FnOnce(&mut Value),
    ) -> Value {
        self.wait(seconds).await;
        let body = self.next(self.position + advance, change);
        self.send(body).await
    }

    /// `seconds` of normal playing.
    pub async fn play(&mut self, seconds: f64) -> Value {
        self.beat_with(seconds, seconds, |_| {}).await
    }

    /// Closes the session as the player does when the page goes away.
    pub async fn close(&self) -> reqwest::Response {
        self.http
            .post(format!(
                "{}/api/v1/learning/sessions/{}/close",
                self.base, self.session
            ))
            .json(&json!({"token": self.token, "position": self.position}))
            .send()
            .await
            .unwrap()
    }
}

pub async fn open_session(learner: &Learner, courseware: Uuid) -> reqwest::Response {
    learner
        .api
        .post(
            "/api/v1/learning/sessions",
            json!({"courseware_id": courseware, "device_id": learner.api.device}),
        )
        .await
}

/// The decision of an answer.
pub fn decision(answer: &Value) -> &str {
    answer["decision"].as_str().unwrap_or_default()
}

pub fn seconds(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// The tenant's kept totals agree with its heartbeats and voids (`backend learning verify`).
pub async fn assert_ledger_agrees(app: &TestApp) {
    let (mut conn, tenant_id) = owner_in(app, "demo").await;
    let (_, differences) = backend::learning::ledger::verify(&mut conn, tenant_id)
        .await
        .unwrap();
    assert!(differences.is_empty(), "{differences:?}");
}
