//! Media (Z-III.2–III.4, Z-II.7 playback side): uploads straight from the browser to S3 by
//! presigned multipart upload, resumable; a probe that refuses what cannot be played; HLS
//! transcoding by a background job; playback through short-lived presigned URLs, so media bytes
//! never pass through the API.
//!
//! Who may see a file: its uploader, regulator staff, and experts reviewing a course revision that
//! uses it (as a courseware, a subtitle track or licence evidence). Everyone else gets a 404, so
//! ids reveal nothing. Only the uploader (or a regulator admin) acts on an upload in progress.

pub mod access;
mod ffmpeg;
mod judge;
mod playback;
mod playlist;
mod probe;
mod repo;
pub mod routes;
mod rules;
mod service;
pub mod transcode;

use serde::{Deserialize, Serialize};
use shared_types::media::{Media, MediaKind, MediaStatus, Rendition};

use crate::error::AppError;

pub use judge::{import_bytes, import_file};
pub use routes::router;

/// One HLS rendition as stored in `media_assets.renditions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredRendition {
    pub name: String,
    pub width: i32,
    pub height: i32,
    /// Peak segment bit rate (bits per second), as HLS `BANDWIDTH` wants it.
    pub bandwidth: i64,
    pub playlist_key: String,
}

fn not_found() -> AppError {
    AppError::not_found("文件", "Media")
}

/// A value the schema allows but this build does not know.
fn unknown(what: &str, value: &str) -> AppError {
    AppError::Internal(anyhow::anyhow!("unknown {what} `{value}` in media_assets"))
}

impl repo::MediaRow {
    fn kind(&self) -> Result<MediaKind, AppError> {
        MediaKind::parse(&self.kind).ok_or_else(|| unknown("kind", &self.kind))
    }

    fn status(&self) -> Result<MediaStatus, AppError> {
        MediaStatus::parse(&self.status).ok_or_else(|| unknown("status", &self.status))
    }

    fn renditions(&self) -> Result<Vec<StoredRendition>, AppError> {
        serde_json::from_value(self.renditions.clone())
            .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("media renditions")))
    }

    /// The key prefix of everything derived from this file (`tenants/{code}/media/{id}`).
    fn prefix(&self) -> &str {
        self.object_key
            .rsplit_once('/')
            .map_or(self.object_key.as_str(), |(prefix, _)| prefix)
    }

    fn to_media(&self) -> Result<Media, AppError> {
        Ok(Media {
            id: self.media_id,
            kind: self.kind()?,
            file_name: self.file_name.clone(),
            content_type: self.content_type.clone(),
            size_bytes: self.size_bytes,
            status: self.status()?,
            reject_reason: self.reject_reason.clone(),
            duration_seconds: self.duration_seconds,
            renditions: self
                .renditions()?
                .into_iter()
                .map(|r| Rendition {
                    name: r.name,
                    width: r.width,
                    height: r.height,
                    bandwidth: r.bandwidth,
                })
                .collect(),
            created_at: self.created_at,
        })
    }
}
