//! Uploads: start (S3 multipart), resume (which parts are done), presign parts, record parts,
//! complete (assemble in S3, then [`judge`] decides what the file is).

use std::time::Duration;

use anyhow::Context;
use chrono::Utc;
use shared_types::media::{
    Media, MediaStatus, PartDone, PresignPartsRequest, PresignedPart, PresignedParts,
    StartUploadRequest, UploadSession,
};
use uuid::Uuid;

use super::repo::{self, MediaRow, NewMedia};
use super::{access, judge, not_found, rules};
use crate::app::AppState;
use crate::error::{AppError, Text};
use crate::identity::Principal;
use crate::storage::tenant_key;

/// Presigned part URLs live this long: enough for one part on a slow line.
const PART_URL_TTL: Duration = Duration::from_secs(15 * 60);
/// One request presigns at most this many parts (the browser asks for more as it goes).
const MAX_PRESIGN: usize = 1000;

pub(super) fn source_key(tenant_code: &str, media_id: Uuid) -> Result<String, AppError> {
    Ok(tenant_key(
        tenant_code,
        &["media", &media_id.to_string(), "source"],
    )?)
}

fn part_count(row: &MediaRow) -> i64 {
    (row.size_bytes + row.part_size - 1) / row.part_size
}

fn to_session(row: &MediaRow, done: &[(i32, String, i64)]) -> Result<UploadSession, AppError> {
    Ok(UploadSession {
        media_id: row.media_id,
        file_name: row.file_name.clone(),
        size_bytes: row.size_bytes,
        part_size: row.part_size,
        part_count: u32::try_from(part_count(row)).unwrap_or(u32::MAX),
        done_parts: done
            .iter()
            .filter_map(|(n, _, _)| u32::try_from(*n).ok())
            .collect(),
        status: row.status()?,
    })
}

fn still_uploading(row: &MediaRow) -> Result<&str, AppError> {
    match (row.status()?, row.s3_upload_id.as_deref()) {
        (MediaStatus::Uploading, Some(upload_id)) => Ok(upload_id),
        _ => Err(AppError::Conflict(Text::new(
            "上传已经完成",
            "This upload is already complete",
        ))),
    }
}

pub async fn start(
    state: &AppState,
    p: &Principal,
    req: &StartUploadRequest,
) -> Result<UploadSession, AppError> {
    let content_type = rules::content_type(req.kind, &req.content_type)?;
    rules::size(req.kind, req.size_bytes)?;
    let file_name = rules::file_name(&req.file_name)?;
    let part_size = state.config.upload_part_bytes;
    rules::part_count(req.size_bytes, part_size)?;
    let media_id = Uuid::new_v4();
    let key = source_key(&p.tenant.code, media_id)?;
    let upload_id = state.storage.create_multipart(&key, &content_type).await?;
    let inserted = async {
        let mut tx = state.db.begin_tenant(p.scope()).await?;
        let media = NewMedia {
            media_id,
            kind: req.kind.as_str(),
            object_key: &key,
            file_name: &file_name,
            content_type: &content_type,
            size_bytes: req.size_bytes,
            part_size,
            s3_upload_id: Some(&upload_id),
            status: MediaStatus::Uploading.as_str(),
            created_by: Some(p.user_id),
        };
        repo::insert(&mut tx, p.tenant.id, media).await?;
        let row = repo::get(&mut tx, p.tenant.id, media_id, false)
            .await?
            .ok_or_else(not_found)?;
        tx.commit().await?;
        to_session(&row, &[])
    }
    .await;
    if inserted.is_err()
        && let Err(err) = state.storage.abort_multipart(&key, &upload_id).await
    {
        tracing::warn!(error = ?err, "cannot abort an orphan multipart upload");
    }
    inserted
}

/// Where an upload stands: the parts already stored, so a browser can resume.
pub async fn session(state: &AppState, p: &Principal, id: Uuid) -> Result<UploadSession, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let row = access::upload(&mut tx, p, id, false).await?;
    let parts = repo::parts(&mut tx, p.tenant.id, id).await?;
    tx.commit().await?;
    to_session(&row, &parts)
}

pub async fn presign_parts(
    state: &AppState,
    p: &Principal,
    id: Uuid,
    req: &PresignPartsRequest,
) -> Result<PresignedParts, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let row = access::upload(&mut tx, p, id, false).await?;
    tx.commit().await?;
    let upload_id = still_uploading(&row)?;
    let count = part_count(&row);
    let mut numbers = req.part_numbers.clone();
    numbers.sort_unstable();
    numbers.dedup();
    if numbers.is_empty() || numbers.len() > MAX_PRESIGN {
        return Err(AppError::invalid(
            "part_numbers",
            format!("须列出 1 到 {MAX_PRESIGN} 个分片"),
            format!("must list between 1 and {MAX_PRESIGN} parts"),
        ));
    }
    if let Some(bad) = numbers.iter().find(|n| **n == 0 || i64::from(**n) > count) {
        return Err(AppError::invalid(
            "part_numbers",
            format!("分片 {bad} 不存在，分片编号为 1 到 {count}"),
            format!("there is no part {bad}; parts are numbered 1 to {count}"),
        ));
    }
    let mut parts = Vec::with_capacity(numbers.len());
    for number in numbers {
        let part = i32::try_from(number).context("part number")?;
        let url = state
            .storage
            .presign_upload_part(&row.object_key, upload_id, part, PART_URL_TTL)
            .await?;
        parts.push(PresignedPart {
            part_number: number,
            url,
        });
    }
    Ok(PresignedParts {
        parts,
        expires_at: Utc::now() + PART_URL_TTL,
    })
}

/// The browser stored part `number` in S3 and reports its ETag.
pub async fn part_done(
    state: &AppState,
    p: &Principal,
    id: Uuid,
    number: u32,
    req: &PartDone,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let row = access::upload(&mut tx, p, id, true).await?;
    still_uploading(&row)?;
    let count = part_count(&row);
    if number == 0 || i64::from(number) > count {
        return Err(AppError::invalid(
            "part_number",
            format!("分片编号须为 1 到 {count}"),
            format!("parts are numbered 1 to {count}"),
        ));
    }
    let etag = req.etag.trim();
    if etag.is_empty() || etag.len() > 200 {
        return Err(AppError::invalid(
            "etag",
            "须为存储返回的 ETag",
            "must be the ETag the store answered",
        ));
    }
    let expected = rules::part_len(row.size_bytes, row.part_size, i64::from(number));
    if req.size_bytes != expected {
        return Err(AppError::invalid(
            "size_bytes",
            format!("分片 {number} 应为 {expected} 字节"),
            format!("part {number} must be {expected} bytes"),
        ));
    }
    let number = i32::try_from(number).context("part number")?;
    repo::put_part(&mut tx, p.tenant.id, id, number, etag, req.size_bytes).await?;
    tx.commit().await?;
    Ok(())
}

/// Assembles the parts in S3 and judges the file. Calling it again after it answered gives the
/// same answer.
pub async fn complete(state: &AppState, p: &Principal, id: Uuid) -> Result<Media, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let row = access::upload(&mut tx, p, id, true).await?;
    match row.status()? {
        MediaStatus::Uploading => {
            let upload_id = still_uploading(&row)?;
            let parts = repo::parts(&mut tx, p.tenant.id, id).await?;
            let missing: Vec<String> = (1..=part_count(&row))
                .filter(|n| !parts.iter().any(|(done, _, _)| i64::from(*done) == *n))
                .take(20)
                .map(|n| n.to_string())
                .collect();
            if !missing.is_empty() {
                let list = missing.join(", ");
                return Err(AppError::invalid(
                    "parts",
                    format!("以下分片尚未上传：{list}"),
                    format!("these parts are not uploaded yet: {list}"),
                ));
            }
            let total: i64 = parts.iter().map(|(_, _, size)| size).sum();
            if total != row.size_bytes {
                return Err(AppError::invalid(
                    "parts",
                    format!("分片合计 {total} 字节，与文件大小 {} 不符", row.size_bytes),
                    format!("the parts add up to {total} bytes, not {}", row.size_bytes),
                ));
            }
            let etags: Vec<(i32, String)> = parts.into_iter().map(|(n, e, _)| (n, e)).collect();
            assemble(state, &row, upload_id, &etags).await?;
            repo::set_uploaded(&mut tx, p.tenant.id, id).await?;
            tx.commit().await?;
        }
        // Assembled, but the judgement did not finish: judge again.
        MediaStatus::Uploaded => tx.commit().await?,
        MediaStatus::Rejected => {
            let reason = row.reject_reason.clone().unwrap_or_default();
            return Err(AppError::invalid("file", reason.clone(), reason));
        }
        _ => return row.to_media(),
    }
    judge::judge(state, p.scope(), id).await
}

/// Completes the S3 upload. An upload already completed (a retry after a lost answer) is
/// recognised by the object being there with the right size.
async fn assemble(
    state: &AppState,
    row: &MediaRow,
    upload_id: &str,
    etags: &[(i32, String)],
) -> Result<(), AppError> {
    let completed = state
        .storage
        .complete_multipart(&row.object_key, upload_id, etags)
        .await;
    let size = state.storage.head(&row.object_key).await?;
    match (completed, size) {
        (_, Some(size)) if size == row.size_bytes => Ok(()),
        (Err(err), _) => Err(AppError::Internal(err)),
        (Ok(()), size) => Err(AppError::Internal(anyhow::anyhow!(
            "S3 assembled {size:?} bytes, expected {}",
            row.size_bytes
        ))),
    }
}

pub async fn get(state: &AppState, p: &Principal, id: Uuid) -> Result<Media, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let row = access::viewable(&mut tx, p, id).await?;
    tx.commit().await?;
    row.to_media()
}
