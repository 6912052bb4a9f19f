//! Playing course material for reviewers (and later learners): [`VideoPlayer`] (HLS, native or
//! through hls.js, MP4 when HLS fails, WebVTT subtitles), [`DocumentViewer`] (PDF in the page) and
//! [`CoursewareViewer`], which picks one for a courseware. URLs come from
//! `GET /api/v1/media/{id}/playback` and are short-lived (Z-II.7): [`use_playback`] asks again
//! shortly before they expire. Nothing but the course material is shown (Z-II.6).

mod controls;
mod document;
mod hls;
mod video;

use std::rc::Rc;

use chrono::{DateTime, Utc};
use shared_types::ApiError;
use shared_types::catalog::{Courseware, CoursewareKind};
use shared_types::media::Playback;
use uuid::Uuid;
use yew::prelude::*;

pub use document::DocumentViewer;
pub use video::VideoPlayer;

/// What the learning rules allow the controls of a study player, and what they tell the page.
#[derive(Clone, PartialEq)]
pub struct SeekGuard {
    /// The furthest credited point (s): the seek bar goes no further than this or the current
    /// position, whichever is further.
    pub furthest: f64,
    /// A refused seek: the position asked for and the limit.
    pub on_refused: Callback<(f64, f64)>,
    /// Every position the player moves to itself (seek bar, back 10 s, resume), told just
    /// before it moves — anything else moving the video is not the learner's doing.
    pub on_own_seek: Callback<f64>,
}

use crate::components::use_remote;
use crate::i18n::{Text, use_i18n};

const OPEN_LINK: Text = Text::new("打开外部链接", "Open the link");
const NO_MEDIA: Text = Text::new(
    "此课件尚未上传文件",
    "No file uploaded for this courseware yet",
);

/// Refresh this long before the URLs expire, so a page that keeps playing never holds dead ones.
const REFRESH_MARGIN_SECONDS: i64 = 30;
/// Never ask again sooner than this (a server clock ahead of ours must not cause a request loop).
const MIN_REFRESH_MS: i64 = 5_000;

/// Milliseconds from `now` until fresh URLs should be fetched for ones expiring at `expires_at`.
pub fn refresh_delay_ms(expires_at: DateTime<Utc>, now: DateTime<Utc>) -> u32 {
    let ms = (expires_at - now).num_milliseconds() - REFRESH_MARGIN_SECONDS * 1000;
    u32::try_from(ms.max(MIN_REFRESH_MS)).unwrap_or(u32::MAX)
}

/// Whether URLs expiring at `expires_at` are (about to be) dead.
pub fn is_expired(expires_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    (expires_at - now).num_seconds() < 10
}

/// The browser's clock (chrono's own clock is not available in wasm32).
pub(crate) fn now() -> DateTime<Utc> {
    // A millisecond timestamp of today fits an i64 exactly.
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Where a media file plays from, kept fresh.
pub struct PlaybackHandle {
    pub playback: Option<Rc<Playback>>,
    pub error: Option<ApiError>,
    /// Asks for fresh URLs now (after the media failed to load with expired ones).
    pub refresh: Callback<()>,
}

#[hook]
pub fn use_playback(media_id: Uuid, courseware_id: Option<Uuid>) -> PlaybackHandle {
    let remote = use_remote(
        (media_id, courseware_id),
        |(media, courseware)| async move { crate::api::media_playback(media, courseware).await },
    );
    let expires_at = remote.data.as_ref().map(|p| p.expires_at);
    {
        let reload = remote.reload.clone();
        use_effect_with(expires_at, move |expires_at| {
            let timer = expires_at.map(|at| {
                gloo_timers::callback::Timeout::new(refresh_delay_ms(at, now()), move || {
                    reload.emit(())
                })
            });
            move || drop(timer)
        });
    }
    PlaybackHandle {
        playback: remote.data,
        error: remote.error,
        refresh: remote.reload,
    }
}

#[derive(Properties, PartialEq)]
pub struct CoursewareViewerProps {
    pub courseware: Courseware,
}

/// The right viewer for a courseware: the video player, the document viewer or a link.
#[component]
pub fn CoursewareViewer(props: &CoursewareViewerProps) -> Html {
    let i18n = use_i18n();
    let cw = &props.courseware;
    let title = AttrValue::from(cw.title.clone());
    match (cw.kind, cw.media_id, &cw.url) {
        (CoursewareKind::Video, Some(media_id), _) => html! {
            <VideoPlayer key={cw.id.to_string()} {media_id} courseware_id={cw.id} {title} />
        },
        (CoursewareKind::Document, Some(media_id), _) => html! {
            <DocumentViewer key={cw.id.to_string()} {media_id} courseware_id={cw.id} {title} />
        },
        (CoursewareKind::Link, _, Some(url)) => html! {
            <p class="zp-viewer-link">
                <a href={url.clone()} target="_blank" rel="noopener noreferrer">
                    <i class="fas fa-external-link-alt" aria-hidden="true"></i>{ " " }{ i18n.t(&OPEN_LINK) }{ "：" }{ url }
                </a>
            </p>
        },
        _ => html! { <p class="zp-muted">{ i18n.t(&NO_MEDIA) }</p> },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn urls_are_refreshed_half_a_minute_before_they_expire() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        assert_eq!(refresh_delay_ms(now + Duration::minutes(10), now), 570_000);
        assert_eq!(refresh_delay_ms(now + Duration::seconds(20), now), 5_000);
        assert_eq!(refresh_delay_ms(now - Duration::minutes(1), now), 5_000);
    }

    #[test]
    fn urls_count_as_expired_ten_seconds_early() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        assert!(is_expired(now + Duration::seconds(5), now));
        assert!(is_expired(now - Duration::seconds(5), now));
        assert!(!is_expired(now + Duration::minutes(5), now));
    }
}
