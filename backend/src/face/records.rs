//! 抓拍记录 — face checks as regulators see them: the failure list with evidence, and a
//! learner's study snapshots (short-lived links to the images).

use std::time::Duration;

use shared_types::face::{CapturePurpose, FaceCheckQuery, FaceCheckRecord, FaceOutcome};
use shared_types::page::{Page, PageQuery};
use uuid::Uuid;

use crate::app::AppState;
use crate::db::stored;
use crate::error::AppError;
use crate::identity::{Principal, people};

const SNAPSHOT_URL_TTL: Duration = Duration::from_secs(300);

#[derive(sqlx::FromRow)]
struct Row {
    check_id: Uuid,
    user_id: Uuid,
    username: Option<String>,
    phone_enc: Option<Vec<u8>>,
    user_key_id: String,
    purpose: String,
    play_session_id: Option<Uuid>,
    courseware_title: Option<String>,
    outcome: String,
    score: Option<f32>,
    camera_label: String,
    checked_at: chrono::DateTime<chrono::Utc>,
    object_key: Option<String>,
    total: i64,
}

pub async fn list(
    state: &AppState,
    p: &Principal,
    q: &FaceCheckQuery,
) -> Result<Page<FaceCheckRecord>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let rows: Vec<Row> = sqlx::query_as(
        "select f.check_id, f.user_id, u.username, u.phone_enc, u.pii_key_id as user_key_id, f.purpose, f.play_session_id,
                w.title as courseware_title, f.outcome, f.score, f.camera_label, f.checked_at, c.object_key,
                count(*) over () as total
         from face_checks f join users u on u.user_id = f.user_id
         left join play_sessions s on s.play_session_id = f.play_session_id
         left join coursewares w on w.courseware_id = s.courseware_id
         left join face_captures c on c.capture_id = f.capture_id
         where ($1::text is null or f.outcome = $1) and ($2::uuid is null or f.user_id = $2)
           and ($3::uuid is null or f.play_session_id = $3) and (not $4 or f.outcome <> 'passed')
         order by f.checked_at desc limit $5 offset $6",
    )
    .bind(q.outcome.map(|o| o.as_str()))
    .bind(q.user_id)
    .bind(q.play_session_id)
    .bind(q.failed_only)
    .bind(paging.limit())
    .bind(paging.offset())
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let total = rows.first().map_or(0, |r| r.total);
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        let snapshot_url = match &r.object_key {
            Some(key) => Some(state.storage.presign_get(key, SNAPSHOT_URL_TTL).await?),
            None => None,
        };
        items.push(FaceCheckRecord {
            check_id: r.check_id,
            user_id: r.user_id,
            account: people::account_label(
                &state.config.keyring,
                r.username,
                r.phone_enc.as_deref(),
                &r.user_key_id,
            )?,
            purpose: stored::<CapturePurpose>(&r.purpose)?,
            play_session_id: r.play_session_id,
            courseware_title: r.courseware_title,
            outcome: stored::<FaceOutcome>(&r.outcome)?,
            score: r.score,
            camera_label: r.camera_label,
            checked_at: r.checked_at,
            snapshot_url,
        });
    }
    Ok(paging.page_of(items, total))
}
