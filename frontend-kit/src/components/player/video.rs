//! The video player: HLS (native where `canPlayType` says so, else hls.js), the original MP4 when
//! HLS fails, WebVTT subtitle tracks (zh-CN shown by default) and its own controls — play/pause,
//! back 10 s, progress, volume, subtitles on/off, full screen. Expired URLs are replaced and
//! playback resumes where it stopped. The learner's study player hands in its own element ref,
//! a start position, a [`SeekGuard`] and a listener for every media event.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use shared_types::media::{MediaStatus, Playback, SubtitleUrl};
use uuid::Uuid;
use web_sys::{HtmlMediaElement, TextTrackMode};
use yew::prelude::*;

use super::hls::{self, HLS_MIME, HlsSession};
use super::{SeekGuard, is_expired, now, use_playback};
use crate::i18n::{Labelled, Text, use_i18n};

const CANNOT_PLAY: Text = Text::new(
    "视频无法播放，请稍后重试",
    "The video cannot be played; try again later",
);
const NOT_READY: Text = Text::new("视频尚不能播放：{0}", "The video cannot be played yet: {0}");
const RETRY: Text = Text::new("重试", "Retry");

/// Which rendition the element plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Hls,
    Mp4,
}

/// What the controls show, from the element's events.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) struct State {
    pub playing: bool,
    pub position: f64,
    pub duration: f64,
    pub volume: f64,
    pub muted: bool,
}

/// Where to continue after the source was swapped: position and whether it was playing.
type Resume = Rc<Cell<Option<(f64, bool)>>>;

#[derive(Properties, PartialEq)]
pub struct VideoPlayerProps {
    pub media_id: Uuid,
    /// With a courseware its subtitle tracks come along.
    #[prop_or_default]
    pub courseware_id: Option<Uuid>,
    /// The accessible name of the player (the courseware's title).
    pub title: AttrValue,
    /// Whether the progress bar can be dragged (learning rules may forbid seeking ahead).
    #[prop_or(true)]
    pub seekable: bool,
    /// The `<video>` element, for a page that watches it (else the player keeps its own).
    #[prop_or_default]
    pub video: Option<NodeRef>,
    /// Where playback starts, in seconds.
    #[prop_or_default]
    pub start_at: f64,
    /// The learning rules' hold on the controls (no seeking past what was reached).
    #[prop_or_default]
    pub guard: Option<SeekGuard>,
    /// Told of every media event (play, pause, seeking, rate change, time update…).
    #[prop_or_default]
    pub on_media: Option<Callback<Event>>,
}

fn subtitle_label(lang: &str) -> &str {
    match lang {
        "zh-CN" => "简体中文",
        "en-US" => "English",
        other => other,
    }
}

/// Shows the preferred subtitle track (zh-CN, else the first) when `on`; hides the others.
fn apply_subtitles(media: &HtmlMediaElement, on: bool) {
    let Some(tracks) = media.text_tracks() else {
        return;
    };
    let all: Vec<_> = (0..tracks.length()).filter_map(|i| tracks.get(i)).collect();
    let preferred = all
        .iter()
        .position(|t| t.language() == "zh-CN")
        .unwrap_or(0);
    for (i, track) in all.iter().enumerate() {
        track.set_mode(if on && i == preferred {
            TextTrackMode::Showing
        } else {
            TextTrackMode::Disabled
        });
    }
}

#[component]
pub fn VideoPlayer(props: &VideoPlayerProps) -> Html {
    let i18n = use_i18n();
    let handle = use_playback(props.media_id, props.courseware_id);
    let own_video = use_node_ref();
    let video = props.video.clone().unwrap_or(own_video);
    let frame = use_node_ref();
    let source = use_state_eq(|| Source::Hls);
    let generation = use_state_eq(|| 0u32);
    let failed = use_state_eq(|| false);
    let state = use_state_eq(State::default);
    let subtitles_on = use_state_eq(|| true);
    let latest = use_mut_ref(|| None::<Rc<Playback>>);
    let start_at = props.start_at;
    let resume: Resume = use_memo((), move |_| {
        Cell::new((start_at > 0.0).then_some((start_at, false)))
    });
    let awaiting_fresh = use_mut_ref(|| false);
    let session = use_mut_ref(|| None::<HlsSession>);
    let attempt = use_memo((), |_| Cell::new(0u32));
    latest.borrow_mut().clone_from(&handle.playback);

    // A failure: expired URLs are fetched again; a failing HLS falls back to the MP4.
    let on_failure = {
        let (video, latest, resume, awaiting_fresh) = (
            video.clone(),
            latest.clone(),
            resume.clone(),
            awaiting_fresh.clone(),
        );
        let (source, failed, refresh) = (source.clone(), failed.clone(), handle.refresh.clone());
        Callback::from(move |()| {
            if let Some(el) = video.cast::<HtmlMediaElement>() {
                resume.set(Some((el.current_time(), !el.paused())));
            }
            let playback = latest.borrow().clone();
            match playback {
                Some(p) if is_expired(p.expires_at, now()) => {
                    *awaiting_fresh.borrow_mut() = true;
                    refresh.emit(());
                }
                Some(p) if *source == Source::Hls && p.mp4_url.is_some() => source.set(Source::Mp4),
                _ => failed.set(true),
            }
        })
    };
    // Fresh URLs after a failure: load again.
    {
        let (awaiting_fresh, generation) = (awaiting_fresh.clone(), generation.clone());
        let expires_at = handle.playback.as_ref().map(|p| p.expires_at);
        use_effect_with(expires_at, move |_| {
            if awaiting_fresh.replace(false) {
                generation.set(generation.wrapping_add(1));
            }
        });
    }
    // Load the source into the element (first URLs, fallback, or after a refresh).
    {
        let (video, latest, session, attempt) = (
            video.clone(),
            latest.clone(),
            session.clone(),
            attempt.clone(),
        );
        let (source_state, failed, on_failure) =
            (source.clone(), failed.clone(), on_failure.clone());
        let ready = handle.playback.is_some();
        use_effect_with((*source, *generation, ready), move |&(source, _, ready)| {
            attempt.set(attempt.get().wrapping_add(1));
            session.borrow_mut().take();
            let playback = latest.borrow().clone();
            if let (true, Some(el), Some(p)) = (ready, video.cast::<HtmlMediaElement>(), playback) {
                load_source(
                    &el,
                    source,
                    &p,
                    LoadCtx {
                        session: session.clone(),
                        attempt: attempt.clone(),
                        use_mp4: Callback::from(move |()| source_state.set(Source::Mp4)),
                        failed,
                        on_failure,
                    },
                );
            }
            move || {
                session.borrow_mut().take();
            }
        });
    }
    // Subtitles follow the switch (and new tracks after a URL refresh).
    let tracks: Vec<SubtitleUrl> = handle
        .playback
        .as_ref()
        .map(|p| p.subtitle_urls.clone())
        .unwrap_or_default();
    {
        let video = video.clone();
        use_effect_with((*subtitles_on, tracks.clone()), move |(on, _)| {
            if let Some(el) = video.cast::<HtmlMediaElement>() {
                apply_subtitles(&el, *on);
            }
        });
    }

    let media = |video: &NodeRef| video.cast::<HtmlMediaElement>();
    let sync = {
        let (video, state) = (video.clone(), state.clone());
        Callback::from(move |_: Event| {
            if let Some(el) = media(&video) {
                state.set(State {
                    playing: !el.paused(),
                    position: el.current_time(),
                    duration: el.duration(),
                    volume: el.volume(),
                    muted: el.muted(),
                });
            }
        })
    };
    // Every event updates the controls, then goes to the page's listener.
    let notify = {
        let (sync, on_media) = (sync.clone(), props.on_media.clone());
        Callback::from(move |e: Event| {
            sync.emit(e.clone());
            if let Some(on_media) = &on_media {
                on_media.emit(e);
            }
        })
    };
    let on_metadata = {
        let (video, resume, sync) = (video.clone(), resume.clone(), notify.clone());
        let guard = props.guard.clone();
        Callback::from(move |e: Event| {
            if let (Some(el), Some((at, playing))) = (media(&video), resume.take()) {
                if let Some(g) = &guard {
                    g.on_own_seek.emit(at);
                }
                el.set_current_time(at);
                if playing {
                    let _ = el.play();
                }
            }
            sync.emit(e);
        })
    };
    let on_error = {
        let (video, on_failure) = (video.clone(), on_failure.clone());
        // Only real media errors: hls.js detaching (no `error` set) is not one.
        Callback::from(move |_: Event| {
            if media(&video).and_then(|el| el.error()).is_some() {
                on_failure.emit(());
            }
        })
    };

    let body = match (&handle.playback, &handle.error) {
        (_, _) if *failed => Some(html! {
            <FailedNotice text={i18n.t(&CANNOT_PLAY)} retry={retry(&failed, &generation)} />
        }),
        (None, Some(err)) => Some(html! {
            <FailedNotice text={i18n.error(err)} retry={handle.refresh.clone()} />
        }),
        (Some(p), _) if p.hls_url.is_none() && p.mp4_url.is_none() => {
            let status = i18n.t(&p.status.text());
            let status = if p.status == MediaStatus::Ready {
                "-"
            } else {
                status
            };
            Some(html! { <p class="zp-muted">{ i18n.fmt(&NOT_READY, &[status]) }</p> })
        }
        _ => None,
    };
    if let Some(body) = body {
        return html! { <div class="zp-player zp-player-empty">{ body }</div> };
    }

    // Under the learning rules the browser's own menu (speed, loop, picture-in-picture) is off.
    let guarded = props.guard.is_some();
    let no_menu = guarded.then(|| Callback::from(|e: MouseEvent| e.prevent_default()));
    html! {
        <div class="zp-player" ref={frame.clone()} role="group" aria-label={props.title.clone()}>
            <video id="player-video" class="zp-player-video" ref={video.clone()} playsinline=true preload="metadata"
                crossorigin="anonymous" onclick={toggle_play(&video)} oncontextmenu={no_menu}
                disablepictureinpicture={guarded.then_some("")} controlslist={guarded.then_some("nodownload noplaybackrate noremoteplayback")}
                onloadedmetadata={on_metadata} ondurationchange={notify.clone()} ontimeupdate={notify.clone()}
                onplay={notify.clone()} onplaying={notify.clone()} onpause={notify.clone()} onseeking={notify.clone()}
                onseeked={notify.clone()} onratechange={notify.clone()} onended={notify.clone()} onwaiting={notify.clone()}
                onvolumechange={notify} onerror={on_error}>
                { for tracks.iter().map(|t| html! {
                    <track key={t.lang.clone()} kind="subtitles" src={t.url.clone()} srclang={t.lang.clone()}
                        label={subtitle_label(&t.lang).to_owned()} default={t.lang == "zh-CN"} />
                }) }
            </video>
            <super::controls::Controls video={video} frame={frame} state={*state}
                seekable={props.seekable} has_subtitles={!tracks.is_empty()} subtitles_on={subtitles_on}
                guard={props.guard.clone()} />
        </div>
    }
}

fn retry(failed: &UseStateHandle<bool>, generation: &UseStateHandle<u32>) -> Callback<()> {
    let (failed, generation) = (failed.clone(), generation.clone());
    Callback::from(move |()| {
        failed.set(false);
        generation.set(generation.wrapping_add(1));
    })
}

pub(super) fn toggle_play(video: &NodeRef) -> Callback<MouseEvent> {
    let video = video.clone();
    Callback::from(move |_: MouseEvent| {
        if let Some(el) = video.cast::<HtmlMediaElement>() {
            if el.paused() {
                let _ = el.play();
            } else {
                let _ = el.pause();
            }
        }
    })
}

/// What loading needs besides the element and URLs.
struct LoadCtx {
    session: Rc<RefCell<Option<HlsSession>>>,
    /// Bumped on every load: a slow hls.js start for an older load is dropped.
    attempt: Rc<Cell<u32>>,
    use_mp4: Callback<()>,
    failed: UseStateHandle<bool>,
    on_failure: Callback<()>,
}

fn load_source(el: &HtmlMediaElement, source: Source, p: &Playback, ctx: LoadCtx) {
    match (source, &p.hls_url, &p.mp4_url) {
        (Source::Hls, Some(url), _) if !el.can_play_type(HLS_MIME).is_empty() => el.set_src(url),
        (Source::Hls, Some(url), _) => {
            let (el, url, mine) = (el.clone(), url.clone(), ctx.attempt.get());
            wasm_bindgen_futures::spawn_local(async move {
                let class = hls::load().await;
                if ctx.attempt.get() != mine {
                    return;
                }
                let started = class.and_then(|c| HlsSession::attach(&c, &el, &url, ctx.on_failure));
                match started {
                    Some(s) => *ctx.session.borrow_mut() = Some(s),
                    None => ctx.use_mp4.emit(()),
                }
            });
        }
        (Source::Hls, None, Some(_)) => ctx.use_mp4.emit(()),
        (Source::Mp4, _, Some(url)) => el.set_src(url),
        _ => ctx.failed.set(true),
    }
}

#[derive(Properties, PartialEq)]
struct FailedNoticeProps {
    text: AttrValue,
    retry: Callback<()>,
}

#[component]
fn FailedNotice(props: &FailedNoticeProps) -> Html {
    let i18n = use_i18n();
    html! {
        <div class="zp-player-failed" role="alert">
            <p>{ props.text.clone() }</p>
            <button type="button" class="pf-v6-c-button pf-m-secondary" onclick={props.retry.reform(|_: MouseEvent| ())}>
                <span class="pf-v6-c-button__text">{ i18n.t(&RETRY) }</span>
            </button>
        </div>
    }
}
