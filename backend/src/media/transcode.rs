//! The `transcode` job: HLS renditions (H.264 + AAC, ~6 s segments) of a probed video, written
//! under `{media}/hls/{rendition}/`, plus `{media}/fallback.mp4` when the source itself does not
//! play in browsers. Running it again overwrites the same keys (idempotent).

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sqlx::PgConnection;
use uuid::Uuid;

use super::probe::{self, VideoInfo};
use super::repo::{self, MediaRow};
use super::{StoredRendition, ffmpeg, playlist};
use crate::app::AppState;
use crate::db::Scope;
use crate::error::AppError;

/// ffmpeg reads the source through a URL valid this long (long transcodes reopen it to seek).
const SOURCE_URL_TTL: Duration = Duration::from_secs(12 * 3600);
/// Videos imported before their probe was kept are probed again, for at most this long.
const PROBE_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Serialize, Deserialize)]
struct TranscodeJob {
    media_id: Uuid,
    /// For people reading the job list.
    file_name: String,
}

pub fn payload(media_id: Uuid, file_name: &str) -> Value {
    json!(TranscodeJob {
        media_id,
        file_name: file_name.to_owned(),
    })
}

fn parse(payload: &Value) -> anyhow::Result<TranscodeJob> {
    serde_json::from_value(payload.clone()).context("transcode job payload")
}

pub fn subject(payload: &Value) -> String {
    match parse(payload) {
        Ok(job) => format!("转码 transcode: {} ({})", job.file_name, job.media_id),
        Err(_) => "转码 transcode".into(),
    }
}

/// The key of the MP4 browsers play when HLS is not available.
pub fn fallback_key(row: &MediaRow) -> String {
    format!("{}/fallback.mp4", row.prefix())
}

/// Whether the source itself serves as the MP4 fallback.
pub fn source_plays(row: &MediaRow) -> bool {
    video_info(row).is_some_and(|i| i.plays_in_browsers(&row.content_type))
}

fn video_info(row: &MediaRow) -> Option<VideoInfo> {
    row.probe
        .as_ref()
        .and_then(|p| serde_json::from_value(p.clone()).ok())
}

/// After the last attempt: the video is `failed`, with the reason, for its uploader to see.
pub async fn give_up(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    payload: &Value,
    reason: &str,
) -> Result<(), AppError> {
    let job = parse(payload)?;
    let reason = format!("转码失败 / Transcoding failed: {reason}");
    repo::set_transcode_status(conn, tenant_id, job.media_id, "failed", Some(&reason)).await
}

/// Staff requeued the job: the video is being transcoded again.
pub async fn requeued(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    payload: &Value,
) -> Result<(), AppError> {
    let job = parse(payload)?;
    repo::set_transcode_status(conn, tenant_id, job.media_id, "transcoding", None).await
}

pub async fn run(state: &AppState, tenant_id: Uuid, payload: &Value) -> anyhow::Result<()> {
    let job = parse(payload)?;
    let scope = Scope::tenant(tenant_id);
    let mut tx = state.db.begin_tenant(scope).await?;
    let row = repo::get(&mut tx, tenant_id, job.media_id, false).await?;
    tx.commit().await?;
    let Some(row) = row else {
        bail!("media {} does not exist (文件不存在)", job.media_id);
    };
    if row.kind != "video" {
        bail!("media {} is not a video", row.media_id);
    }
    if state.storage.head(&row.object_key).await?.is_none() {
        bail!("the source file is missing from storage (源文件不存在)");
    }
    let source_url = state
        .storage
        .presign_get(&row.object_key, SOURCE_URL_TTL)
        .await?;
    let info = match video_info(&row) {
        Some(info) => info,
        None => probe::video(&source_url, PROBE_TIMEOUT)
            .await?
            .map_err(|reason| anyhow::anyhow!("{}", reason.en))?,
    };
    let work = WorkDir::new(row.media_id)?;
    let outputs = ffmpeg::ladder_for(&info);
    let fallback = !info.plays_in_browsers(&row.content_type);
    let args = ffmpeg::args(&source_url, &info, &outputs, fallback, &work.0);
    let started = std::time::Instant::now();
    ffmpeg::run(&args, &source_url).await?;
    tracing::info!(media = %row.media_id, elapsed_ms = started.elapsed().as_millis(), "transcoded");

    let hls_prefix = format!("{}/hls", row.prefix());
    state
        .storage
        .delete_prefix(&format!("{hls_prefix}/"))
        .await?;
    let mut renditions = Vec::with_capacity(outputs.len());
    for output in &outputs {
        let name = output.rung.name;
        let dir = work.0.join(name);
        let bandwidth = bandwidth_of(&dir).await?;
        state
            .storage
            .put_dir(&dir, &format!("{hls_prefix}/{name}"))
            .await?;
        renditions.push(StoredRendition {
            name: name.to_owned(),
            width: output.width,
            height: output.height,
            bandwidth,
            playlist_key: format!("{hls_prefix}/{name}/index.m3u8"),
        });
    }
    if fallback {
        state
            .storage
            .put_file(
                &fallback_key(&row),
                "video/mp4",
                &work.0.join("fallback.mp4"),
            )
            .await?;
    }
    let mut tx = state.db.begin_tenant(scope).await?;
    repo::set_ready(&mut tx, tenant_id, row.media_id, &json!(renditions)).await?;
    tx.commit().await?;
    Ok(())
}

/// The peak segment bit rate of the rendition written in `dir`.
async fn bandwidth_of(dir: &Path) -> anyhow::Result<i64> {
    let text = tokio::fs::read_to_string(dir.join("index.m3u8"))
        .await
        .with_context(|| format!("ffmpeg wrote no playlist in {}", dir.display()))?;
    let mut sizes = std::collections::HashMap::new();
    for (_, uri) in playlist::segments(&text) {
        let len = tokio::fs::metadata(dir.join(uri)).await?.len();
        sizes.insert(uri.to_owned(), len);
    }
    Ok(playlist::peak_bandwidth(&text, |uri| {
        sizes.get(uri).copied()
    }))
}

/// A scratch folder removed when the job ends, however it ends.
struct WorkDir(PathBuf);

impl WorkDir {
    fn new(media_id: Uuid) -> anyhow::Result<WorkDir> {
        let dir = std::env::temp_dir().join(format!(
            "zhipei-transcode-{media_id}-{}",
            Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(WorkDir(dir))
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
