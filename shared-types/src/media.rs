//! Uploads, media processing and playback. Browsers upload straight to S3 by presigned multipart
//! upload and play through short-lived presigned URLs; media never passes through the API.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    /// A course video: probed with ffprobe, transcoded to HLS.
    Video,
    /// A PDF.
    Document,
    /// A WebVTT subtitle track.
    Subtitle,
    /// A JPEG or PNG (lecturer photos).
    Image,
    /// Copyright licence evidence (PDF, JPEG or PNG) (Z-III.2).
    Licence,
}

impl MediaKind {
    pub const ALL: [MediaKind; 5] = [
        MediaKind::Video,
        MediaKind::Document,
        MediaKind::Subtitle,
        MediaKind::Image,
        MediaKind::Licence,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MediaKind::Video => "video",
            MediaKind::Document => "document",
            MediaKind::Subtitle => "subtitle",
            MediaKind::Image => "image",
            MediaKind::Licence => "licence",
        }
    }

    pub fn parse(s: &str) -> Option<MediaKind> {
        MediaKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MediaStatus {
    /// Parts are being uploaded (resumable).
    Uploading,
    /// Complete and checked; videos wait for the transcoder.
    Uploaded,
    /// A transcoding job is producing the HLS renditions.
    Transcoding,
    /// Playable.
    Ready,
    /// The probe refused the file; `reject_reason` says why.
    Rejected,
    /// Transcoding failed after its retries; `reject_reason` says why.
    Failed,
}

impl MediaStatus {
    pub const ALL: [MediaStatus; 6] = [
        MediaStatus::Uploading,
        MediaStatus::Uploaded,
        MediaStatus::Transcoding,
        MediaStatus::Ready,
        MediaStatus::Rejected,
        MediaStatus::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MediaStatus::Uploading => "uploading",
            MediaStatus::Uploaded => "uploaded",
            MediaStatus::Transcoding => "transcoding",
            MediaStatus::Ready => "ready",
            MediaStatus::Rejected => "rejected",
            MediaStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<MediaStatus> {
        MediaStatus::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            MediaStatus::Uploading => "上传中",
            MediaStatus::Uploaded => "已上传",
            MediaStatus::Transcoding => "转码中",
            MediaStatus::Ready => "可播放",
            MediaStatus::Rejected => "已拒收",
            MediaStatus::Failed => "转码失败",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            MediaStatus::Uploading => "Uploading",
            MediaStatus::Uploaded => "Uploaded",
            MediaStatus::Transcoding => "Transcoding",
            MediaStatus::Ready => "Ready",
            MediaStatus::Rejected => "Rejected",
            MediaStatus::Failed => "Failed",
        }
    }
}

/// `POST /api/v1/media/uploads`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StartUploadRequest {
    pub kind: MediaKind,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
}

/// An upload in progress: the browser sends parts `1..=part_count` of `part_size` bytes (the last
/// may be shorter), skipping `done_parts` when it resumes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UploadSession {
    pub media_id: Uuid,
    pub file_name: String,
    pub size_bytes: i64,
    pub part_size: i64,
    pub part_count: u32,
    pub done_parts: Vec<u32>,
    pub status: MediaStatus,
}

/// `POST /api/v1/media/uploads/{id}/parts`: presign these part numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PresignPartsRequest {
    pub part_numbers: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PresignedPart {
    pub part_number: u32,
    /// PUT the part's bytes here; the response's `ETag` header is reported back.
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PresignedParts {
    pub parts: Vec<PresignedPart>,
    pub expires_at: DateTime<Utc>,
}

/// `PUT /api/v1/media/uploads/{id}/parts/{n}`: part `n` is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PartDone {
    pub etag: String,
    pub size_bytes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Rendition {
    /// e.g. `360p`, `720p`
    pub name: String,
    pub width: i32,
    pub height: i32,
    pub bandwidth: i64,
}

/// `GET /api/v1/media/{id}` (and the answer of `POST .../complete`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Media {
    pub id: Uuid,
    pub kind: MediaKind,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub status: MediaStatus,
    pub reject_reason: Option<String>,
    pub duration_seconds: Option<i32>,
    pub renditions: Vec<Rendition>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SubtitleUrl {
    /// `zh-CN`, `en-US`
    pub lang: String,
    pub url: String,
}

/// `GET /api/v1/media/{id}/playback`: where to fetch the media from, valid until `expires_at`.
/// Videos: `hls_url` (a playlist served by the API whose segment URLs are presigned) and
/// `mp4_url` (the original, presigned) as the fallback. Documents and images: `file_url`.
/// `subtitle_urls` only when asked for a courseware (`?courseware_id=`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Playback {
    pub media_id: Uuid,
    pub status: MediaStatus,
    pub hls_url: Option<String>,
    pub mp4_url: Option<String>,
    pub file_url: Option<String>,
    pub subtitle_urls: Vec<SubtitleUrl>,
    pub expires_at: DateTime<Utc>,
}

// ---------------------------------------------------------------------------------------------
// The job queue

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Queued,
    Running,
    Done,
    Failed,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<JobStatus> {
        [
            JobStatus::Queued,
            JobStatus::Running,
            JobStatus::Done,
            JobStatus::Failed,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            JobStatus::Queued => "排队中",
            JobStatus::Running => "执行中",
            JobStatus::Done => "已完成",
            JobStatus::Failed => "失败",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            JobStatus::Queued => "Queued",
            JobStatus::Running => "Running",
            JobStatus::Done => "Done",
            JobStatus::Failed => "Failed",
        }
    }
}

/// `GET /api/v1/jobs`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Job {
    pub id: i64,
    /// e.g. `transcode`
    pub kind: String,
    /// What the job works on, e.g. the media id and file name.
    pub subject: String,
    pub status: JobStatus,
    pub attempts: i32,
    pub max_attempts: i32,
    pub last_error: Option<String>,
    pub run_after: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/jobs?status=&kind=&page=&per_page=`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct JobQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<JobStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}
