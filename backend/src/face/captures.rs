//! 图片上传 — upload slots for ID photos, portraits and camera frames: the server names the S3
//! key under the tenant prefix and presigns a PUT; a request that uses an image names the slot,
//! which is used once and only by its owner.

use std::time::Duration;

use chrono::Utc;
use shared_types::face::{CapturePurpose, CaptureRequest, CaptureSlot};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::app::AppState;
use crate::error::AppError;
use crate::identity::Principal;
use crate::storage::tenant_key;

const SLOT_TTL: Duration = Duration::from_secs(600);
/// A camera frame (640x480 JPEG ≈ 60 KB); an ID photo from a phone may be several MB.
const FRAME_MAX_BYTES: i64 = 2 * 1024 * 1024;
const PHOTO_MAX_BYTES: i64 = 10 * 1024 * 1024;

fn max_bytes(purpose: CapturePurpose) -> i64 {
    match purpose {
        CapturePurpose::Study | CapturePurpose::Exam => FRAME_MAX_BYTES,
        _ => PHOTO_MAX_BYTES,
    }
}

pub async fn issue(
    state: &AppState,
    p: &Principal,
    req: &CaptureRequest,
) -> Result<CaptureSlot, AppError> {
    let extension = match req.content_type.as_str() {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        _ => {
            return Err(AppError::invalid(
                "content_type",
                "仅支持 JPEG 或 PNG 图片",
                "must be image/jpeg or image/png",
            ));
        }
    };
    let id = Uuid::new_v4();
    let key = tenant_key(
        &p.tenant.code,
        &["face", req.purpose.as_str(), &format!("{id}.{extension}")],
    )?;
    let expires_at = Utc::now() + SLOT_TTL;
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    sqlx::query(
        "insert into face_captures (capture_id, tenant_id, user_id, purpose, object_key, content_type, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(p.tenant.id)
    .bind(p.user_id)
    .bind(req.purpose.as_str())
    .bind(&key)
    .bind(&req.content_type)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let upload_url = state
        .storage
        .presign_put(&key, &req.content_type, SLOT_TTL)
        .await?;
    Ok(CaptureSlot {
        capture_id: id,
        upload_url,
        expires_at,
        max_bytes: max_bytes(req.purpose),
    })
}

/// An uploaded image a request names.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Capture {
    pub capture_id: Uuid,
    pub purpose: String,
    pub object_key: String,
}

/// Takes the owner's unused slot of one of `purposes` (marks it used).
pub async fn take(
    conn: &mut PgConnection,
    owner: Uuid,
    field: &str,
    capture_id: Uuid,
    purposes: &[CapturePurpose],
) -> Result<Capture, AppError> {
    let found: Option<Capture> = sqlx::query_as(
        "update face_captures set used_at = now()
         where capture_id = $1 and user_id = $2 and used_at is null and purpose = any($3)
         returning capture_id, purpose, object_key",
    )
    .bind(capture_id)
    .bind(owner)
    .bind(purposes.iter().map(|p| p.as_str()).collect::<Vec<_>>())
    .fetch_optional(conn)
    .await?;
    found.ok_or_else(|| {
        AppError::invalid(
            field,
            "图片不存在、已使用或用途不符",
            "names no unused upload of yours for this purpose",
        )
    })
}

/// [`take`] for an optional image.
pub async fn take_optional(
    conn: &mut PgConnection,
    owner: Uuid,
    field: &str,
    capture_id: Option<Uuid>,
    purposes: &[CapturePurpose],
) -> Result<Option<Capture>, AppError> {
    match capture_id {
        Some(id) => Ok(Some(take(conn, owner, field, id, purposes).await?)),
        None => Ok(None),
    }
}

/// The image bytes of a capture (refused when not uploaded or too large).
pub async fn bytes(state: &AppState, field: &str, capture: &Capture) -> Result<Vec<u8>, AppError> {
    let purpose = CapturePurpose::parse(&capture.purpose).unwrap_or(CapturePurpose::Study);
    match state.storage.head(&capture.object_key).await? {
        None => Err(AppError::invalid(
            field,
            "图片尚未上传",
            "the image was not uploaded",
        )),
        Some(size) if size > max_bytes(purpose) => Err(AppError::PayloadTooLarge),
        Some(_) => Ok(state.storage.get(&capture.object_key).await?),
    }
}
