//! One file's trip to the object store: start (or resume) a multipart upload, PUT the missing
//! parts to presigned URLs, record each, then ask the server to check the whole. The upload's id
//! is remembered per file (name, size, modification time) in `localStorage`, so choosing the same
//! file again after a dropped connection or a closed tab continues where it stopped.

use std::time::Duration;

use gloo_storage::{LocalStorage, Storage};
use shared_types::ApiError;
use shared_types::media::{
    Media, MediaKind, MediaStatus, PartDone, StartUploadRequest, UploadSession,
};
use uuid::Uuid;
use yew::Callback;

use crate::api;

/// Parts presigned per request (their URLs live 15 minutes).
const BATCH: usize = 8;
/// Attempts per part before the upload pauses for the user to resume it.
const ATTEMPTS: u32 = 4;

/// The `localStorage` key naming an unfinished upload of this file.
pub fn resume_key(kind: MediaKind, name: &str, size: f64, modified: f64) -> String {
    format!("zp-upload:{}:{name}:{size}:{modified}", kind.as_str())
}

/// The content type the server checks, from the browser's or, when it has none (WebVTT files
/// often), from the file name's extension.
pub fn content_type(browser: &str, name: &str) -> String {
    if !browser.is_empty() {
        return browser.to_owned();
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "vtt" => "text/vtt",
        "pdf" => "application/pdf",
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "webm" => "video/webm",
        "mkv" => "video/x-matroska",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    }
    .to_owned()
}

/// The byte range `[start, end)` of part `n` (1-based).
pub fn part_range(session: &UploadSession, n: u32) -> (i64, i64) {
    let start = i64::from(n - 1) * session.part_size;
    (start, (start + session.part_size).min(session.size_bytes))
}

/// Bytes already stored when resuming.
pub fn stored_bytes(session: &UploadSession) -> i64 {
    session
        .done_parts
        .iter()
        .map(|&n| {
            let (start, end) = part_range(session, n);
            end - start
        })
        .sum()
}

/// Uploads `file`, telling `progress` the bytes stored so far; answers the checked media.
pub async fn upload(
    file: &web_sys::File,
    kind: MediaKind,
    progress: &Callback<(i64, i64)>,
) -> Result<Media, ApiError> {
    let key = resume_key(kind, &file.name(), file.size(), file.last_modified());
    let session = match resumable(&key).await {
        Some(session) => session,
        None => {
            let session = api::start_upload(&StartUploadRequest {
                kind,
                file_name: file.name(),
                content_type: content_type(&file.type_(), &file.name()),
                // A browser file's size is a whole number of bytes.
                size_bytes: file.size() as i64,
            })
            .await?;
            // Without storage the upload still works; it just cannot resume after a reload.
            let _ = LocalStorage::set(&key, session.media_id);
            session
        }
    };
    let mut sent = stored_bytes(&session);
    progress.emit((sent, session.size_bytes));
    let missing: Vec<u32> = (1..=session.part_count)
        .filter(|n| !session.done_parts.contains(n))
        .collect();
    for batch in missing.chunks(BATCH) {
        let presigned = api::presign_parts(session.media_id, batch.to_vec()).await?;
        for part in presigned.parts {
            let (start, end) = part_range(&session, part.part_number);
            // Offsets within a browser file: exact in f64.
            let bytes = file
                .slice_with_f64_and_f64(start as f64, end as f64)
                .map_err(|_| api::upload_failed())?;
            let etag = put_with_retries(&part.url, &bytes).await?;
            let done = PartDone {
                etag,
                size_bytes: end - start,
            };
            api::part_done(session.media_id, part.part_number, &done).await?;
            sent += end - start;
            progress.emit((sent, session.size_bytes));
        }
    }
    let media = api::complete_upload(session.media_id).await;
    // Finished, or refused for good by the probe: either way nothing is left to resume.
    if media
        .as_ref()
        .map_or_else(|e| e.field.as_deref() == Some("file"), |_| true)
    {
        LocalStorage::delete(&key);
    }
    media
}

/// The unfinished upload remembered for this file, if the server still has it.
async fn resumable(key: &str) -> Option<UploadSession> {
    let media_id: Uuid = LocalStorage::get(key).ok()?;
    match api::upload_session(media_id).await {
        Ok(session) if session.status == MediaStatus::Uploading => Some(session),
        _ => {
            LocalStorage::delete(key);
            None
        }
    }
}

async fn put_with_retries(url: &str, bytes: &web_sys::Blob) -> Result<String, ApiError> {
    let mut attempt = 0;
    loop {
        match api::put_part(url, bytes).await {
            Ok(etag) => return Ok(etag),
            Err(err) if attempt + 1 >= ATTEMPTS => return Err(err),
            Err(_) => {
                attempt += 1;
                gloo_timers::future::sleep(Duration::from_secs(1 << attempt)).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(size: i64, part: i64, done: Vec<u32>) -> UploadSession {
        UploadSession {
            media_id: Uuid::nil(),
            file_name: "a.mp4".into(),
            size_bytes: size,
            part_size: part,
            part_count: u32::try_from((size + part - 1) / part).unwrap_or(0),
            done_parts: done,
            status: MediaStatus::Uploading,
        }
    }

    #[test]
    fn the_last_part_is_shorter_and_resuming_counts_only_stored_parts() {
        let s = session(40, 16, vec![1, 3]);
        assert_eq!(part_range(&s, 1), (0, 16));
        assert_eq!(part_range(&s, 3), (32, 40));
        assert_eq!(stored_bytes(&s), 24);
    }

    #[test]
    fn a_file_without_a_browser_type_is_typed_by_its_extension() {
        assert_eq!(content_type("", "字幕.VTT"), "text/vtt");
        assert_eq!(content_type("video/mp4", "x.bin"), "video/mp4");
        assert_eq!(content_type("", "noext"), "application/octet-stream");
    }

    #[test]
    fn the_resume_key_names_the_file_and_its_kind() {
        assert_eq!(
            resume_key(MediaKind::Video, "课程.mp4", 1024.0, 5.0),
            "zp-upload:video:课程.mp4:1024:5"
        );
    }
}
