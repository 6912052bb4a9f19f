//! Playback: short-lived presigned URLs (10 minutes, so a copied link dies quickly) for the
//! files, and HLS playlists served by the API with every segment URL presigned.

use std::time::Duration;

use chrono::Utc;
use shared_types::media::{MediaKind, MediaStatus, Playback, SubtitleUrl};
use uuid::Uuid;

use super::repo::{self, MediaRow};
use super::{StoredRendition, access, playlist, transcode};
use crate::app::AppState;
use crate::error::AppError;
use crate::identity::Principal;

/// How long playback URLs stay valid.
pub const PLAY_URL_TTL: Duration = Duration::from_secs(10 * 60);

async fn viewable(state: &AppState, p: &Principal, id: Uuid) -> Result<MediaRow, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let row = access::viewable(&mut tx, p, id).await?;
    tx.commit().await?;
    Ok(row)
}

pub async fn playback(
    state: &AppState,
    p: &Principal,
    id: Uuid,
    courseware_id: Option<Uuid>,
) -> Result<Playback, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let row = access::viewable(&mut tx, p, id).await?;
    let tracks = match courseware_id {
        Some(courseware_id) => repo::subtitle_tracks(&mut tx, p.tenant.id, courseware_id, id)
            .await?
            .ok_or_else(|| AppError::not_found("课件", "Courseware"))?,
        None => Vec::new(),
    };
    tx.commit().await?;
    let storage = &state.storage;
    let ready = row.status()? == MediaStatus::Ready;
    let mut answer = Playback {
        media_id: id,
        status: row.status()?,
        hls_url: None,
        mp4_url: None,
        file_url: None,
        subtitle_urls: Vec::new(),
        expires_at: Utc::now() + PLAY_URL_TTL,
    };
    match row.kind()? {
        MediaKind::Video if ready => {
            answer.hls_url = Some(format!("/api/v1/media/{id}/hls/master.m3u8"));
            let mp4_key = if transcode::source_plays(&row) {
                row.object_key.clone()
            } else {
                transcode::fallback_key(&row)
            };
            let url = storage
                .presign_get_inline(&mp4_key, PLAY_URL_TTL, "video/mp4", &row.file_name)
                .await?;
            answer.mp4_url = Some(url);
        }
        MediaKind::Video => {}
        _ if ready => {
            let url = storage
                .presign_get_inline(
                    &row.object_key,
                    PLAY_URL_TTL,
                    &row.content_type,
                    &row.file_name,
                )
                .await?;
            answer.file_url = Some(url);
        }
        _ => {}
    }
    for (lang, key) in tracks {
        let url = storage
            .presign_get_inline(&key, PLAY_URL_TTL, "text/vtt", &format!("{lang}.vtt"))
            .await?;
        answer.subtitle_urls.push(SubtitleUrl { lang, url });
    }
    Ok(answer)
}

fn no_playlist() -> AppError {
    AppError::not_found("播放列表", "Playlist")
}

/// The renditions of a video that is ready to play.
fn renditions(row: &MediaRow) -> Result<Vec<StoredRendition>, AppError> {
    if row.kind()? != MediaKind::Video || row.status()? != MediaStatus::Ready {
        return Err(no_playlist());
    }
    row.renditions()
}

/// `master.m3u8`: the renditions, by URLs relative to it.
pub async fn master(state: &AppState, p: &Principal, id: Uuid) -> Result<String, AppError> {
    let row = viewable(state, p, id).await?;
    Ok(playlist::master(&renditions(&row)?))
}

/// `{rendition}.m3u8`: the stored variant playlist with presigned segment URLs.
pub async fn variant(
    state: &AppState,
    p: &Principal,
    id: Uuid,
    name: &str,
) -> Result<String, AppError> {
    let row = viewable(state, p, id).await?;
    let rendition = renditions(&row)?
        .into_iter()
        .find(|r| r.name == name)
        .ok_or_else(no_playlist)?;
    let folder = rendition
        .playlist_key
        .rsplit_once('/')
        .map_or("", |(folder, _)| folder);
    let bytes = state.storage.get(&rendition.playlist_key).await?;
    let text = String::from_utf8(bytes)
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("variant playlist")))?;
    let mut urls = Vec::new();
    for (_, uri) in playlist::segments(&text) {
        // The transcoder writes plain file names; anything else is not ours to sign.
        if uri.contains('/') || uri.contains("..") {
            return Err(AppError::Internal(anyhow::anyhow!(
                "unexpected segment URI `{uri}` in {}",
                rendition.playlist_key
            )));
        }
        urls.push(
            state
                .storage
                .presign_get(&format!("{folder}/{uri}"), PLAY_URL_TTL)
                .await?,
        );
    }
    Ok(playlist::with_uris(&text, &urls))
}
