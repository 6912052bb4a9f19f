//! What reaches the engine from outside its own heartbeat timer: the video's media events and
//! the player's own seeks, the once-a-second tick, the page's visibility, focus and unload, the
//! dialogs' results (challenge, face check) and the progress stream's word that the session
//! ended elsewhere.

use gloo_timers::callback::Timeout;
use shared_types::catalog::CoursewareKind;
use shared_types::learning::Decision;
use uuid::Uuid;
use web_sys::HtmlMediaElement;
use yew::prelude::*;

use super::{Before, Engine, Shared, beat, send_or_queue, weak};
use crate::components::study::view::{PauseReason, StudyAction};
use crate::learning::chain::BeatChain;
use crate::learning::dom::{Listener, mono_ms, page_focused, page_visible};
use crate::learning::tabs::TabPresence;
use crate::learning::watch::Sample;

/// A media event of the video.
pub(in crate::components::study) fn media_event(shared: &Shared, event: &Event) {
    let kind = event.type_();
    let mut e = shared.borrow_mut();
    let Some(m) = e.media() else {
        return;
    };
    match kind.as_str() {
        "play" => {
            if e.ended || e.challenge_open.is_some() || e.face_open {
                e.pause_self();
                return;
            }
            e.dispatch.dispatch(StudyAction::PausedBecause(None));
            if let Some(tabs) = &e.tabs {
                tabs.say(true);
            }
            drop(e);
            beat(
                shared,
                Some(Before {
                    playing: Some(false),
                    ..Before::default()
                }),
            );
        }
        "pause" => {
            if let Some(tabs) = &e.tabs {
                tabs.say(false);
            }
            if std::mem::take(&mut e.self_paused) {
                return;
            }
            drop(e);
            beat(
                shared,
                Some(Before {
                    playing: Some(true),
                    ..Before::default()
                }),
            );
        }
        "seeking" => {
            let (from, to) = (e.last_position, m.current_time());
            e.watch.seeking(from, to, mono_ms());
            e.last_position = to;
        }
        "ratechange" => {
            let (rate, default) = (m.playback_rate(), m.default_playback_rate());
            if (rate - 1.0).abs() > 0.01 || (default - 1.0).abs() > 0.01 {
                e.watch.rate_changed(if (rate - 1.0).abs() > 0.01 {
                    rate
                } else {
                    default
                });
                m.set_default_playback_rate(1.0);
                m.set_playback_rate(1.0);
            }
        }
        "timeupdate" if !m.seeking() => e.last_position = m.current_time(),
        _ => {}
    }
}

/// The player moved the video itself (seek bar, back 10 s, resume).
pub(in crate::components::study) fn own_seek(shared: &Shared, target: f64) {
    shared.borrow_mut().watch.own_seek(target, mono_ms());
}

/// A challenge was answered: passed, or the next one.
pub(in crate::components::study) fn challenge_result(
    shared: &Shared,
    id: Uuid,
    next: Option<shared_types::learning::Challenge>,
) {
    let mut e = shared.borrow_mut();
    match next {
        Some(c) => {
            e.challenge_open = Some(c.id);
            e.dispatch.dispatch(StudyAction::Challenge(Some(c)));
        }
        None => {
            e.passed.insert(id);
            e.challenge_open = None;
            e.dispatch.dispatch(StudyAction::Challenge(None));
            if std::mem::take(&mut e.playing_before_challenge)
                && !e.ended
                && !e.face_open
                && let Some(m) = e.media()
            {
                let _ = m.play();
            }
        }
    }
}

/// The face check passed (or the no-camera fallback lets study go on): close the dialog and
/// play on if the video played before it.
pub(in crate::components::study) fn face_check_passed(shared: &Shared) {
    let mut e = shared.borrow_mut();
    e.face_open = false;
    e.face_passed_ms = mono_ms();
    e.dispatch.dispatch(StudyAction::FaceCheck(None));
    if std::mem::take(&mut e.playing_before_face)
        && !e.ended
        && e.challenge_open.is_none()
        && let Some(m) = e.media()
    {
        let _ = m.play();
    }
}

/// What the progress stream said: this session ended elsewhere.
pub(in crate::components::study) fn ended_elsewhere(shared: &Shared, reason: Decision) {
    shared.borrow_mut().stop(reason);
}

impl Engine {
    /// Once a second: the tamper watch, reading time, the rate, the other tabs.
    pub(super) fn tick(&mut self) {
        let now = mono_ms();
        let elapsed = (now - self.last_tick_ms).clamp(0.0, 5_000.0) / 1000.0;
        self.last_tick_ms = now;
        match (self.kind(), self.media()) {
            (Some(CoursewareKind::Video), Some(m)) => {
                if (m.playback_rate() - 1.0).abs() > 0.01 {
                    self.watch.rate_changed(m.playback_rate());
                    m.set_playback_rate(1.0);
                }
                let position = m.current_time();
                self.watch.sample(Sample {
                    mono_ms: now,
                    wall_ms: js_sys::Date::now(),
                    position,
                    paused: m.paused(),
                    seeking: m.seeking(),
                    ready: m.ready_state() >= 3,
                    in_buffer: in_buffer(&m, position),
                });
                if let Some(tabs) = &self.tabs {
                    tabs.say(!m.paused() && !self.ended);
                }
            }
            (Some(CoursewareKind::Document), _)
                if !self.ended && page_visible() && page_focused() =>
            {
                self.reading += elapsed;
            }
            _ => {}
        }
        let n = self.tabs.as_ref().map_or(0, TabPresence::others_playing);
        if n != self.other_tabs {
            self.other_tabs = n;
            self.dispatch.dispatch(StudyAction::OtherTabs(n));
        }
    }
}

fn in_buffer(m: &HtmlMediaElement, position: f64) -> bool {
    let ranges = m.buffered();
    (0..ranges.length()).any(|i| {
        let (start, end) = (ranges.start(i).unwrap_or(0.0), ranges.end(i).unwrap_or(0.0));
        position >= start - 1.0 && position <= end + 1.0
    })
}

/// The page's visibility, focus and unload, for as long as the session is open.
pub(super) fn listeners(shared: &Shared) -> Vec<Listener> {
    let on = |f: fn(&Shared)| {
        let w = weak(shared);
        move |_: Event| {
            if let Some(s) = w.upgrade() {
                f(&s);
            }
        }
    };
    vec![
        Listener::document("visibilitychange", on(visibility_changed)),
        Listener::window("blur", {
            let w = weak(shared);
            // Focus moving into the document's own frame (a PDF) is not leaving the page.
            move |_: Event| {
                let w = w.clone();
                Timeout::new(0, move || {
                    if let Some(s) = w.upgrade() {
                        focus_changed(&s);
                    }
                })
                .forget();
            }
        }),
        Listener::window("focus", on(focus_changed)),
        Listener::window("pagehide", on(unloading)),
        Listener::window("pageshow", {
            let w = weak(shared);
            move |e: Event| {
                let restored = js_sys::Reflect::get(&e, &"persisted".into())
                    .ok()
                    .and_then(|p| p.as_bool())
                    .unwrap_or(false);
                if let (true, Some(s)) = (restored, w.upgrade()) {
                    let restart = s.borrow().restart.clone();
                    restart.emit(());
                }
            }
        }),
    ]
}

/// Hidden: the stretch up to now counts (it was visible), then the video pauses. Shown again:
/// the hidden stretch is reported as such, so it never counts.
fn visibility_changed(shared: &Shared) {
    let visible = page_visible();
    let mut e = shared.borrow_mut();
    if visible == e.visible {
        return;
    }
    e.visible = visible;
    attention_changed(shared, e, PauseReason::Hidden, visible);
}

/// Focus left the page (a PDF frame inside it keeps it): as for hiding.
fn focus_changed(shared: &Shared) {
    let focused = page_focused();
    let mut e = shared.borrow_mut();
    if focused == e.focused {
        return;
    }
    e.focused = focused;
    attention_changed(shared, e, PauseReason::Unfocused, focused);
}

/// The page's visibility or focus became `now`: a heartbeat of the stretch before; leaving
/// pauses the video and says why.
fn attention_changed(
    shared: &Shared,
    mut e: std::cell::RefMut<'_, Engine>,
    why: PauseReason,
    now: bool,
) {
    let was = Some(!now);
    let mut before = match why {
        PauseReason::Hidden => Before {
            visible: was,
            ..Before::default()
        },
        PauseReason::Unfocused => Before {
            focused: was,
            ..Before::default()
        },
    };
    if !now {
        before.playing = Some(e.playing());
        if e.playing() {
            e.dispatch.dispatch(StudyAction::PausedBecause(Some(why)));
        }
    }
    let report = e.report(before);
    if !now {
        e.pause_self();
    }
    send_or_queue(shared, e, report);
}

/// The page unloads (tab closed, reload, another site): a beacon closes the session.
fn unloading(shared: &Shared) {
    let mut e = shared.borrow_mut();
    if e.ended || e.leaving {
        return;
    }
    if let (Some(id), Some(token)) = (e.session_id(), e.chain.as_ref().map(BeatChain::close_token))
    {
        crate::api::close_play_session_beacon(id, token);
    }
    e.ended = true;
    e.timer = None;
}
