//! The player's own controls: play/pause, back 10 s, progress, volume, subtitles, full screen.
//! Real buttons with labels, usable by keyboard and at phone width. Under a [`SeekGuard`] (the
//! learner's study player) play and pause are two buttons, the seek bar refuses to go past what
//! the learner reached, and every move the player makes itself is told to the guard.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlMediaElement};
use yew::prelude::*;

use super::SeekGuard;
use super::video::{State, toggle_play};
use crate::format::clock;
use crate::i18n::{Text, use_i18n};
use crate::learning::dom::Listener;
use crate::learning::seek::{SeekCheck, check_seek, seek_limit};

const PLAY: Text = Text::new("播放", "Play");
const PAUSE: Text = Text::new("暂停", "Pause");
const BACK_10: Text = Text::new("后退 10 秒", "Back 10 seconds");
const EXIT_FULL_SCREEN: Text = Text::new("退出全屏", "Exit full screen");
const PROGRESS: Text = Text::new("播放进度", "Progress");
const MUTE: Text = Text::new("静音", "Mute");
const UNMUTE: Text = Text::new("取消静音", "Unmute");
const VOLUME: Text = Text::new("音量", "Volume");
const SUBTITLES: Text = Text::new("字幕", "Subtitles");
const FULL_SCREEN: Text = Text::new("全屏", "Full screen");

#[derive(Properties, PartialEq)]
pub(super) struct ControlsProps {
    pub video: NodeRef,
    /// What goes full screen: the video with these controls.
    pub frame: NodeRef,
    pub state: State,
    pub seekable: bool,
    pub has_subtitles: bool,
    pub subtitles_on: UseStateHandle<bool>,
    pub guard: Option<SeekGuard>,
}

fn range_value(e: &InputEvent) -> Option<f64> {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .and_then(|i| i.value().parse().ok())
}

/// A callback doing `act` on the media element.
fn on_media<E: 'static>(
    video: &NodeRef,
    act: impl Fn(&HtmlMediaElement, E) + 'static,
) -> Callback<E> {
    let video = video.clone();
    Callback::from(move |e: E| {
        if let Some(el) = video.cast::<HtmlMediaElement>() {
            act(&el, e);
        }
    })
}

fn icon_button(
    id: &str,
    label: &str,
    icon: &str,
    pressed: Option<bool>,
    onclick: Callback<MouseEvent>,
) -> Html {
    html! {
        <button type="button" class="pf-v6-c-button pf-m-plain zp-player-button" id={id.to_owned()}
            aria-label={label.to_owned()} title={label.to_owned()} aria-pressed={pressed.map(|p| p.to_string())} {onclick}>
            <span class="pf-v6-c-button__icon"><i class={classes!("fas", "fa-fw", icon.to_owned())} aria-hidden="true"></i></span>
        </button>
    }
}

#[component]
pub(super) fn Controls(props: &ControlsProps) -> Html {
    let i18n = use_i18n();
    let s = props.state;
    let duration = if s.duration.is_finite() {
        s.duration
    } else {
        0.0
    };
    let guard = props.guard.clone();
    let own_seek = move |el: &HtmlMediaElement, to: f64| {
        if let Some(g) = &guard {
            g.on_own_seek.emit(to);
        }
        el.set_current_time(to);
    };
    let back = {
        let own_seek = own_seek.clone();
        on_media(&props.video, move |el, _: MouseEvent| {
            own_seek(el, (el.current_time() - 10.0).max(0.0));
        })
    };
    let guard = props.guard.clone();
    let seek = on_media(&props.video, move |el, e: InputEvent| {
        let Some(at) = range_value(&e) else {
            return;
        };
        let Some(g) = &guard else {
            el.set_current_time(at);
            return;
        };
        let limit = seek_limit(g.furthest, el.current_time());
        match check_seek(at, limit, el.duration()) {
            SeekCheck::Allowed(to) => own_seek(el, to),
            SeekCheck::Refused { limit } => {
                // The thumb goes back to where the video is.
                if let Some(input) = e
                    .target()
                    .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                {
                    input.set_value(&el.current_time().floor().to_string());
                }
                g.on_refused.emit((at, limit));
            }
        }
    });
    let play = on_media(&props.video, |el, _: MouseEvent| {
        let _ = el.play();
    });
    let pause = on_media(&props.video, |el, _: MouseEvent| {
        let _ = el.pause();
    });
    let mute = on_media(&props.video, |el, _: MouseEvent| el.set_muted(!el.muted()));
    let volume = on_media(&props.video, |el, e: InputEvent| {
        if let Some(v) = range_value(&e) {
            el.set_volume(v.clamp(0.0, 1.0));
            el.set_muted(v <= 0.0);
        }
    });
    let subtitles = {
        let on = props.subtitles_on.clone();
        Callback::from(move |_: MouseEvent| on.set(!*on))
    };
    let is_full = use_state_eq(|| false);
    {
        let is_full = is_full.clone();
        use_effect_with((), move |_| {
            let listener = Listener::document("fullscreenchange", move |_| {
                is_full.set(gloo_utils::document().fullscreen_element().is_some());
            });
            move || drop(listener)
        });
    }
    let (full_label, full_icon) = if *is_full {
        (i18n.t(&EXIT_FULL_SCREEN), "fa-compress")
    } else {
        (i18n.t(&FULL_SCREEN), "fa-expand")
    };
    let full_screen = {
        let frame = props.frame.clone();
        Callback::from(move |_: MouseEvent| {
            let document = gloo_utils::document();
            if document.fullscreen_element().is_some() {
                document.exit_fullscreen();
            } else if let Some(el) = frame.cast::<web_sys::Element>() {
                let _ = el.request_fullscreen();
            }
        })
    };
    let (play_label, play_icon) = if s.playing {
        (i18n.t(&PAUSE), "fa-pause")
    } else {
        (i18n.t(&PLAY), "fa-play")
    };
    let (mute_label, mute_icon) = if s.muted {
        (i18n.t(&UNMUTE), "fa-volume-mute")
    } else {
        (i18n.t(&MUTE), "fa-volume-up")
    };
    let time = format!("{} / {}", clock(s.position), clock(duration));
    html! {
        <div class="zp-player-controls">
            if props.guard.is_some() {
                { icon_button("player-play", i18n.t(&PLAY), "fa-play", None, play) }
                { icon_button("player-pause", i18n.t(&PAUSE), "fa-pause", None, pause) }
            } else {
                { icon_button("player-play", play_label, play_icon, None, toggle_play(&props.video)) }
            }
            { icon_button("player-rewind", i18n.t(&BACK_10), "fa-undo", None, back) }
            if props.seekable {
                <input type="range" id="player-seek" class="zp-player-progress" min="0" max={duration.to_string()} step="1"
                    value={s.position.to_string()} oninput={seek} aria-label={i18n.t(&PROGRESS)}
                    aria-valuetext={time.clone()} />
            } else {
                <progress class="zp-player-progress" max={duration.max(1.0).to_string()}
                    value={s.position.to_string()} aria-label={i18n.t(&PROGRESS)}></progress>
            }
            <span class="zp-player-time" aria-hidden="true">{ time }</span>
            { icon_button("player-mute", mute_label, mute_icon, None, mute) }
            <input type="range" class="zp-player-volume" min="0" max="1" step="0.05"
                value={if s.muted { "0".to_owned() } else { s.volume.to_string() }} oninput={volume}
                aria-label={i18n.t(&VOLUME)} />
            if props.has_subtitles {
                { icon_button("player-subtitles", i18n.t(&SUBTITLES), "fa-closed-captioning", Some(*props.subtitles_on), subtitles) }
            }
            { icon_button("player-fullscreen", full_label, full_icon, None, full_screen) }
        </div>
    }
}
