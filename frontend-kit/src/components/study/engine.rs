//! The study player's engine: opens the play session, beats every heartbeat interval (and at
//! every change that decides crediting — play, pause, hide, show, blur, focus — describing the
//! stretch that just ended), retries a lost heartbeat unchanged, pauses the video when the page
//! hides or loses focus, holds the rate at 1, watches for tampering, answers to challenges and
//! to the session ending elsewhere, and closes the session when the learner leaves (a beacon
//! when the page unloads).
//!
//! The state the page renders is the [`StudyView`] reducer; everything else lives here, shared
//! by the timers and listeners through `Rc<RefCell<_>>` (never borrowed across an `await`).

use std::cell::RefCell;
use std::collections::{HashSet, VecDeque};
use std::rc::{Rc, Weak};

use gloo_timers::callback::{Interval, Timeout};
use gloo_timers::future::TimeoutFuture;
use shared_types::ApiError;
use shared_types::catalog::CoursewareKind;
use shared_types::face::FaceCheckDue;
use shared_types::learning::{Decision, HeartbeatAnswer, PlaySession};
use uuid::Uuid;
use web_sys::HtmlMediaElement;
use yew::prelude::*;

use super::view::{StudyAction, StudyView};
use crate::learning::chain::{BeatChain, Report, beat_delay_ms, is_retryable, retry_delay_ms};
use crate::learning::dom::{Listener, mono_ms, page_focused, page_visible};
use crate::learning::signals;
use crate::learning::tabs::TabPresence;
use crate::learning::watch::MediaWatch;

mod inputs;

use inputs::listeners;
pub(super) use inputs::{
    challenge_result, ended_elsewhere, face_check_passed, media_event, own_seek,
};

pub(super) type Shared = Rc<RefCell<Engine>>;

/// How the stretch that just ended differs from now (a heartbeat sent at a change).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Before {
    pub playing: Option<bool>,
    pub visible: Option<bool>,
    pub focused: Option<bool>,
}

pub(super) struct Engine {
    dispatch: UseReducerDispatcher<StudyView>,
    pub(super) video: NodeRef,
    user_id: Uuid,
    /// Opens a fresh play session in a new engine (resume here, back from the page cache).
    restart: Callback<()>,
    session: Option<Rc<PlaySession>>,
    chain: Option<BeatChain>,
    in_flight: bool,
    /// Heartbeats describing changes that happened while one was in flight.
    queued: VecDeque<Report>,
    timer: Option<Timeout>,
    ticker: Option<Interval>,
    listeners: Vec<Listener>,
    tabs: Option<TabPresence>,
    watch: MediaWatch,
    last_position: f64,
    last_tick_ms: f64,
    /// Seconds a document was read on this page (visible and focused).
    reading: f64,
    /// The page paused the video itself (its `pause` event sends no heartbeat).
    self_paused: bool,
    playing_before_challenge: bool,
    challenge_open: Option<Uuid>,
    passed: HashSet<Uuid>,
    /// The face-check dialog is open (the video stays paused).
    face_open: bool,
    playing_before_face: bool,
    /// When the last face check passed: an answer to a heartbeat sent before still says one is
    /// due, and is not asked again.
    face_passed_ms: f64,
    ended: bool,
    leaving: bool,
    other_tabs: u32,
    /// Last known visibility and focus (only changes of them matter).
    visible: bool,
    focused: bool,
}

impl Engine {
    pub(super) fn new(
        dispatch: UseReducerDispatcher<StudyView>,
        video: NodeRef,
        user_id: Uuid,
        restart: Callback<()>,
    ) -> Engine {
        Engine {
            dispatch,
            video,
            user_id,
            restart,
            session: None,
            chain: None,
            in_flight: false,
            queued: VecDeque::new(),
            timer: None,
            ticker: None,
            listeners: Vec::new(),
            tabs: None,
            watch: MediaWatch::default(),
            last_position: 0.0,
            last_tick_ms: 0.0,
            reading: 0.0,
            self_paused: false,
            playing_before_challenge: false,
            challenge_open: None,
            passed: HashSet::new(),
            face_open: false,
            playing_before_face: false,
            face_passed_ms: f64::NEG_INFINITY,
            ended: false,
            leaving: false,
            other_tabs: 0,
            visible: true,
            focused: true,
        }
    }

    fn media(&self) -> Option<HtmlMediaElement> {
        self.video.cast::<HtmlMediaElement>()
    }

    fn kind(&self) -> Option<CoursewareKind> {
        self.session.as_ref().map(|s| s.kind)
    }

    pub(super) fn session_id(&self) -> Option<Uuid> {
        self.session.as_ref().map(|s| s.session_id)
    }

    fn interval_ms(&self) -> u32 {
        self.session
            .as_ref()
            .map_or(10, |s| s.heartbeat_interval_seconds.max(1))
            * 1000
    }

    fn playing(&self) -> bool {
        self.media().is_some_and(|m| !m.paused() && !m.ended())
    }

    /// The page's state now, with `before` for the stretch that just ended.
    fn report(&mut self, before: Before) -> Report {
        let mut signals = signals::environment();
        signals.other_tabs = self.other_tabs;
        let (position, playing, rate) = match (self.kind(), self.media()) {
            (Some(CoursewareKind::Video), Some(m)) => {
                signals.rate_tampered |= signals::media_redefined(&m);
                let playing = before.playing.unwrap_or(!m.paused() && !m.ended());
                (m.current_time(), playing, m.playback_rate())
            }
            (Some(CoursewareKind::Video), None) => (self.last_position, false, 1.0),
            // A document "plays" while it is open; its position is the reading time.
            _ => {
                let base = self.session.as_ref().map_or(0.0, |s| s.credited_seconds);
                (base + self.reading, true, 1.0)
            }
        };
        self.watch.take().apply(&mut signals);
        Report {
            position,
            playing,
            visible: before.visible.unwrap_or_else(page_visible),
            focused: before.focused.unwrap_or_else(page_focused),
            rate,
            client_time: js_sys::Date::now() as i64,
            signals,
        }
    }

    /// Pauses the video without the `pause` event counting as the learner's.
    fn pause_self(&mut self) {
        if let Some(m) = self.media().filter(|m| !m.paused()) {
            self.self_paused = true;
            let _ = m.pause();
        }
    }

    fn stop(&mut self, reason: Decision) {
        if self.ended {
            return;
        }
        self.ended = true;
        self.pause_self();
        self.timer = None;
        self.queued.clear();
        // No face check is due on a session that ended: the dialog (and the camera) closes.
        if std::mem::take(&mut self.face_open) {
            self.dispatch.dispatch(StudyAction::FaceCheck(None));
        }
        if let Some(tabs) = &self.tabs {
            tabs.say(false);
        }
        self.dispatch.dispatch(StudyAction::Ended(reason));
    }

    /// The video ran ahead of what the server counted (heartbeats were lost while it played):
    /// back to the end of what was counted, so the learner sees the stretch that was not.
    fn back_to(&mut self, furthest: f64) {
        if self.kind() != Some(CoursewareKind::Video) {
            return;
        }
        if let Some(m) = self.media().filter(|m| m.current_time() > furthest + 1.0) {
            self.watch.own_seek(furthest, mono_ms());
            m.set_current_time(furthest);
            self.dispatch.dispatch(StudyAction::Rewound(furthest));
        }
    }

    /// A seek the guard refused: say why.
    pub(super) fn refused(&self, limit: f64) {
        self.dispatch.dispatch(StudyAction::SeekRefused(limit));
    }

    /// The server wants a face check: pause and open the dialog (once).
    fn face_due(&mut self, due: FaceCheckDue) {
        if self.face_open || self.ended {
            return;
        }
        self.face_open = true;
        self.playing_before_face = self.playing();
        self.pause_self();
        self.dispatch.dispatch(StudyAction::FaceCheck(Some(due)));
    }

    /// `sent_ms`: when the heartbeat answered was sent.
    fn on_answer(&mut self, answer: HeartbeatAnswer, sent_ms: f64) {
        self.watch.reached(answer.furthest_position);
        let (decision, furthest) = (answer.decision, answer.furthest_position);
        let challenge = answer.challenge.clone();
        let face = answer
            .face_check
            .clone()
            .filter(|_| sent_ms > self.face_passed_ms);
        self.dispatch.dispatch(StudyAction::Answered(answer));
        match decision {
            Decision::SessionReplaced | Decision::SessionClosed | Decision::Stale => {
                self.stop(if decision == Decision::SessionReplaced {
                    decision
                } else {
                    Decision::SessionClosed
                });
                return;
            }
            Decision::CapReached => self.pause_self(),
            Decision::SeekAhead | Decision::Gap => self.back_to(furthest),
            _ => {}
        }
        if let Some(c) = challenge
            && !self.passed.contains(&c.id)
            && self.challenge_open != Some(c.id)
        {
            if self.challenge_open.is_none() {
                self.playing_before_challenge = self.playing();
            }
            self.challenge_open = Some(c.id);
            self.pause_self();
            self.dispatch.dispatch(StudyAction::Challenge(Some(c)));
        }
        if let Some(due) = face {
            self.face_due(due);
        }
    }
}

fn weak(shared: &Shared) -> Weak<RefCell<Engine>> {
    Rc::downgrade(shared)
}

/// Opens the play session of `courseware_id`.
pub(super) fn open(shared: &Shared, courseware_id: Uuid) {
    let shared = shared.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match crate::api::open_play_session(courseware_id).await {
            Ok(session) => start(&shared, session),
            Err(err) => shared
                .borrow()
                .dispatch
                .dispatch(StudyAction::OpenFailed(err)),
        }
    });
}

fn start(shared: &Shared, session: PlaySession) {
    let mut e = shared.borrow_mut();
    if e.leaving {
        // Left before the session opened: close it at once.
        let (id, token) = (session.session_id, session.heartbeat_token.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let _ = crate::api::close_play_session(id, token).await;
        });
        return;
    }
    e.chain = Some(BeatChain::new(&session));
    e.watch = MediaWatch::new(session.furthest_position);
    e.last_position = session.resume_position;
    e.last_tick_ms = mono_ms();
    e.visible = page_visible();
    e.focused = page_focused();
    e.session = Some(Rc::new(session.clone()));
    e.dispatch.dispatch(StudyAction::Opened(session.clone()));
    if let Some(due) = session.face_check.clone() {
        e.face_due(due);
    }
    if session.kind == CoursewareKind::Link {
        return;
    }
    let w = weak(shared);
    let on_heard = Callback::from(move |()| {
        if let Some(s) = w.upgrade() {
            let mut e = s.borrow_mut();
            let n = e.tabs.as_ref().map_or(0, TabPresence::others_playing);
            if n != e.other_tabs {
                e.other_tabs = n;
                e.dispatch.dispatch(StudyAction::OtherTabs(n));
            }
        }
    });
    e.tabs = TabPresence::join(e.user_id, on_heard);
    e.listeners = listeners(shared);
    let w = weak(shared);
    e.ticker = Some(Interval::new(1_000, move || {
        if let Some(s) = w.upgrade() {
            s.borrow_mut().tick();
        }
    }));
    drop(e);
    schedule(shared);
}

/// The next regular heartbeat, one interval from now.
fn schedule(shared: &Shared) {
    let w = weak(shared);
    let mut e = shared.borrow_mut();
    let ms = beat_delay_ms(e.interval_ms() / 1000, js_sys::Math::random());
    e.timer = Some(Timeout::new(ms, move || {
        if let Some(s) = w.upgrade() {
            beat(&s, None);
        }
    }));
}

/// Sends a heartbeat now: of the page as it is, or (`before`) of the stretch that just ended.
pub(super) fn beat(shared: &Shared, before: Option<Before>) {
    let mut e = shared.borrow_mut();
    if e.ended || e.leaving || e.kind().is_none_or(|k| k == CoursewareKind::Link) {
        return;
    }
    if e.in_flight && before.is_none() {
        return;
    }
    let report = e.report(before.unwrap_or_default());
    send_or_queue(shared, e, report);
}

/// Sends `report` now, or after the heartbeat in flight.
fn send_or_queue(shared: &Shared, mut e: std::cell::RefMut<'_, Engine>, report: Report) {
    if e.ended || e.leaving {
        return;
    }
    if e.in_flight {
        if e.queued.len() < 4 {
            e.queued.push_back(report);
        }
    } else {
        send(shared, e, report);
    }
}

fn send(shared: &Shared, mut e: std::cell::RefMut<'_, Engine>, report: Report) {
    let (Some(id), Some(chain)) = (e.session_id(), e.chain.as_mut()) else {
        return;
    };
    let heartbeat = chain.next(report);
    let interval = e.interval_ms() / 1000;
    e.timer = None;
    e.in_flight = true;
    drop(e);
    let shared = shared.clone();
    let sent_ms = mono_ms();
    wasm_bindgen_futures::spawn_local(async move {
        let mut attempt = 0;
        let outcome = loop {
            match crate::api::send_heartbeat(id, &heartbeat).await {
                Ok(answer) => break Ok(answer),
                Err(err) if is_retryable(&err) => {
                    let gone = {
                        let e = shared.borrow();
                        e.ended || e.leaving || e.session_id() != Some(id)
                    };
                    if gone {
                        break Err(err);
                    }
                    attempt += 1;
                    shared.borrow().dispatch.dispatch(StudyAction::Retrying);
                    TimeoutFuture::new(retry_delay_ms(attempt, interval)).await;
                }
                Err(err) => break Err(err),
            }
        };
        finished(&shared, id, outcome, sent_ms);
    });
}

fn finished(shared: &Shared, id: Uuid, outcome: Result<HeartbeatAnswer, ApiError>, sent_ms: f64) {
    let mut e = shared.borrow_mut();
    e.in_flight = false;
    if e.session_id() != Some(id) {
        return;
    }
    match outcome {
        Ok(answer) => {
            if let Some(chain) = e.chain.as_mut() {
                chain.answered(&answer);
            }
            crate::learning::note_studying();
            if !e.leaving {
                e.on_answer(answer, sent_ms);
            }
        }
        Err(err) => {
            // Refused for good: the next heartbeat starts again from the same link of the chain.
            if let Some(chain) = e.chain.as_mut() {
                chain.discard_pending();
            }
            e.dispatch.dispatch(StudyAction::BeatFailed(err));
        }
    }
    if e.leaving {
        drop(e);
        close(shared);
        return;
    }
    if e.ended {
        return;
    }
    if let Some(report) = e.queued.pop_front() {
        send(shared, e, report);
        return;
    }
    drop(e);
    schedule(shared);
}

/// Closes the session (the learner left the page within the app).
fn close(shared: &Shared) {
    let e = shared.borrow();
    if e.ended {
        return;
    }
    let (Some(id), Some(token)) = (e.session_id(), e.chain.as_ref().map(BeatChain::close_token))
    else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let _ = crate::api::close_play_session(id, token).await;
    });
}

/// The learner leaves: stop everything; the last stretch is sent, then the session closes.
pub(super) fn leave(shared: &Shared) {
    let mut e = shared.borrow_mut();
    e.leaving = true;
    e.timer = None;
    e.ticker = None;
    e.listeners.clear();
    e.tabs = None;
    if e.ended || e.in_flight || e.session.is_none() {
        // In flight: `finished` closes; not open yet: `start` closes.
        return;
    }
    if e.kind() == Some(CoursewareKind::Video) && e.playing() {
        let report = e.report(Before::default());
        send(shared, e, report);
        return;
    }
    drop(e);
    close(shared);
}
