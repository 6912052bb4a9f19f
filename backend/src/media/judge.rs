//! What an uploaded file is, once whole: the probe refuses it (`rejected`, with the reason), or
//! it is ready at once, or it is a playable video queued for transcoding. Also the import of a
//! local file, judged the same way.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use shared_types::media::{Media, MediaKind, MediaStatus};
use uuid::Uuid;

use super::repo::{self, NewMedia};
use super::service::source_key;
use super::{not_found, probe, rules, transcode};
use crate::app::AppState;
use crate::db::Scope;
use crate::error::AppError;
use crate::jobs::{self, JobKind};
use crate::tenancy::TenantRef;

/// The probe reads the file through a URL valid this long.
const PROBE_URL_TTL: Duration = Duration::from_secs(10 * 60);
/// ffprobe gives up on a file (or a store) that takes longer than this, or than the request may.
const PROBE_TIMEOUT: Duration = Duration::from_secs(60);

/// Time for the probe within the request's time limit, so that a slow file is refused with a
/// reason rather than the request timing out.
fn probe_timeout(state: &AppState) -> Duration {
    let within_request = state
        .config
        .request_timeout
        .saturating_sub(Duration::from_secs(5));
    PROBE_TIMEOUT
        .min(within_request)
        .max(Duration::from_secs(5))
}

/// Probes an `uploaded` file and moves it on: `rejected` (422 `file` with the reason), `ready`,
/// or (a playable video) `transcoding` with a transcode job queued.
pub async fn judge(state: &AppState, scope: Scope, id: Uuid) -> Result<Media, AppError> {
    let tenant_id = scope.tenant_id;
    let mut tx = state.db.begin_tenant(scope).await?;
    let row = repo::get(&mut tx, tenant_id, id, false)
        .await?
        .ok_or_else(not_found)?;
    tx.commit().await?;
    let verdict = match row.kind()? {
        MediaKind::Video => {
            let url = state
                .storage
                .presign_get(&row.object_key, PROBE_URL_TTL)
                .await?;
            probe::video(&url, probe_timeout(state)).await?.map(Some)
        }
        MediaKind::Subtitle => {
            let bytes = state.storage.get(&row.object_key).await?;
            probe::webvtt(&bytes).map(|()| None)
        }
        MediaKind::Document | MediaKind::Image | MediaKind::Licence => {
            let head = state
                .storage
                .get_head_bytes(&row.object_key, probe::MAGIC_LEN)
                .await?;
            probe::magic(&row.content_type, &head).map(|()| None)
        }
    };
    let mut tx = state.db.begin_tenant(scope).await?;
    match verdict {
        Err(reason) => {
            let stored = format!("{} / {}", reason.zh, reason.en);
            repo::set_probed(
                &mut tx,
                tenant_id,
                id,
                "rejected",
                Some(&stored),
                None,
                None,
            )
            .await?;
            tx.commit().await?;
            // A refused file is of no use to anyone: do not keep (and pay for) it.
            if let Err(err) = state.storage.delete_prefix(&row.object_key).await {
                tracing::warn!(media = %id, error = ?err, "cannot delete a rejected upload");
            }
            return Err(AppError::Invalid {
                field: "file".into(),
                text: reason,
            });
        }
        Ok(Some(info)) => {
            let probe = serde_json::to_value(&info).context("probe summary")?;
            let seconds = info.duration.round().min(f64::from(i32::MAX)) as i32;
            let status = MediaStatus::Transcoding.as_str();
            if repo::set_probed(
                &mut tx,
                tenant_id,
                id,
                status,
                None,
                Some(&probe),
                Some(seconds),
            )
            .await?
            {
                let payload = transcode::payload(id, &row.file_name);
                jobs::enqueue(&mut tx, tenant_id, JobKind::Transcode, &payload).await?;
            }
        }
        Ok(None) => {
            let status = MediaStatus::Ready.as_str();
            repo::set_probed(&mut tx, tenant_id, id, status, None, None, None).await?;
        }
    }
    let row = repo::get(&mut tx, tenant_id, id, false)
        .await?
        .ok_or_else(not_found)?;
    tx.commit().await?;
    row.to_media()
}

/// Stores a local file as media of `tenant` (one plain upload, no uploader) and judges it like
/// an uploaded one: probed, and a video queued for transcoding. Seeds the demo course.
pub async fn import_file(
    state: &AppState,
    tenant: &TenantRef,
    kind: MediaKind,
    path: &Path,
    content_type: &str,
) -> Result<Media, AppError> {
    let size_bytes = tokio::fs::metadata(path)
        .await
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    let import = Import::new(
        tenant,
        kind,
        &path.to_string_lossy(),
        content_type,
        size_bytes,
    )?;
    state
        .storage
        .put_file(&import.key, &import.content_type, path)
        .await?;
    import.record(state, tenant, None).await
}

/// Stores `bytes` as media of `tenant` uploaded by `created_by`, judged like an upload (the
/// documents the demo seed makes).
pub async fn import_bytes(
    state: &AppState,
    tenant: &TenantRef,
    kind: MediaKind,
    file_name: &str,
    content_type: &str,
    bytes: Vec<u8>,
    created_by: Uuid,
) -> Result<Media, AppError> {
    let import = Import::new(tenant, kind, file_name, content_type, bytes.len() as u64)?;
    state
        .storage
        .put(&import.key, &import.content_type, bytes)
        .await?;
    import.record(state, tenant, Some(created_by)).await
}

/// A file the server stores itself rather than a browser uploading it, checked like an upload.
struct Import {
    media_id: Uuid,
    kind: MediaKind,
    key: String,
    file_name: String,
    content_type: String,
    size_bytes: i64,
}

impl Import {
    fn new(
        tenant: &TenantRef,
        kind: MediaKind,
        file_name: &str,
        content_type: &str,
        size_bytes: u64,
    ) -> Result<Import, AppError> {
        let content_type = rules::content_type(kind, content_type)?;
        let size_bytes = i64::try_from(size_bytes).context("file size")?;
        rules::size(kind, size_bytes)?;
        let media_id = Uuid::new_v4();
        Ok(Import {
            media_id,
            kind,
            key: source_key(&tenant.code, media_id)?,
            file_name: rules::file_name(file_name)?,
            content_type,
            size_bytes,
        })
    }

    /// Records the stored file and judges it.
    async fn record(
        &self,
        state: &AppState,
        tenant: &TenantRef,
        created_by: Option<Uuid>,
    ) -> Result<Media, AppError> {
        let scope = Scope::tenant(tenant.id);
        let mut tx = state.db.begin_tenant(scope).await?;
        let media = NewMedia {
            media_id: self.media_id,
            kind: self.kind.as_str(),
            object_key: &self.key,
            file_name: &self.file_name,
            content_type: &self.content_type,
            size_bytes: self.size_bytes,
            part_size: self.size_bytes,
            s3_upload_id: None,
            status: MediaStatus::Uploaded.as_str(),
            created_by,
        };
        repo::insert(&mut tx, tenant.id, media).await?;
        tx.commit().await?;
        judge(state, scope, self.media_id).await
    }
}
