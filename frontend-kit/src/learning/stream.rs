//! 多端同步 — the learner's progress as it happens on any of their devices
//! (`GET /api/v1/me/progress/stream`, Server-Sent Events). One [`ProgressStream`] per app holds
//! the connection while someone is signed in; the player and the task pages read what it heard
//! with [`use_progress`]: each courseware's credited time and completion, today's total, and the
//! play sessions that ended (replaced by another device or closed).

use std::collections::HashMap;
use std::rc::Rc;

use shared_types::learning::{Decision, StreamEvent};
use shared_types::training::MyTaskCourse;
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{EventSource, MessageEvent};
use yew::prelude::*;

use crate::session::use_session;

/// How many ended sessions are remembered.
const ENDED_KEPT: usize = 16;
/// Wait this long (ms) before connecting again after the server refused the stream.
const RECONNECT_MS: u32 = 5_000;

/// One courseware's progress as last streamed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub credited_seconds: f64,
    pub resume_position: f64,
    pub complete: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StreamState {
    /// By courseware id.
    pub coursewares: HashMap<Uuid, Progress>,
    pub today_credited_seconds: Option<f64>,
    /// Ended play sessions and why, oldest first.
    pub ended: Vec<(Uuid, Decision)>,
    pub connected: bool,
}

impl StreamState {
    /// A courseware's credited seconds: streamed, else `loaded` (what the page loaded).
    pub fn credited(&self, courseware_id: Uuid, loaded: f64) -> f64 {
        self.coursewares
            .get(&courseware_id)
            .map_or(loaded, |p| p.credited_seconds.max(loaded))
    }

    pub fn complete(&self, courseware_id: Uuid, loaded: bool) -> bool {
        loaded
            || self
                .coursewares
                .get(&courseware_id)
                .is_some_and(|p| p.complete)
    }

    /// A task course's credited seconds with what was streamed since it loaded.
    pub fn course_credited(&self, course: &MyTaskCourse) -> f64 {
        course
            .chapters
            .iter()
            .flat_map(|ch| ch.coursewares.iter())
            .map(|w| self.credited(w.id, f64::from(w.credited_seconds)))
            .sum()
    }

    /// Why the play session `id` ended, if the stream said it did.
    pub fn ended(&self, id: Uuid) -> Option<Decision> {
        self.ended.iter().find(|(s, _)| *s == id).map(|(_, r)| *r)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum StreamAction {
    Heard(StreamEvent),
    Connected(bool),
}

impl Reducible for StreamState {
    type Action = StreamAction;

    fn reduce(self: Rc<Self>, action: StreamAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            StreamAction::Connected(on) => next.connected = on,
            StreamAction::Heard(StreamEvent::Progress {
                courseware_id,
                credited_seconds,
                resume_position,
                complete,
                today_credited_seconds,
                ..
            }) => {
                next.coursewares.insert(
                    courseware_id,
                    Progress {
                        credited_seconds,
                        resume_position,
                        complete,
                    },
                );
                next.today_credited_seconds = Some(today_credited_seconds);
            }
            StreamAction::Heard(StreamEvent::Session { session_id, reason }) => {
                next.ended.retain(|(s, _)| *s != session_id);
                next.ended.push((session_id, reason));
                let excess = next.ended.len().saturating_sub(ENDED_KEPT);
                next.ended.drain(..excess);
            }
        }
        if next == *self { self } else { Rc::new(next) }
    }
}

type OnMessage = Closure<dyn FnMut(MessageEvent)>;

/// The open `EventSource` and its listeners; closed when dropped.
struct Connection {
    source: EventSource,
    _listeners: Vec<OnMessage>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.source.close();
    }
}

fn connect(
    dispatch: UseReducerDispatcher<StreamState>,
    on_closed: Callback<()>,
) -> Option<Connection> {
    let source = EventSource::new(crate::api::PROGRESS_STREAM).ok()?;
    let heard = {
        let dispatch = dispatch.clone();
        move |e: MessageEvent| {
            if let Some(event) = e
                .data()
                .as_string()
                .and_then(|d| serde_json::from_str::<StreamEvent>(&d).ok())
            {
                dispatch.dispatch(StreamAction::Heard(event));
            }
        }
    };
    let on_open = {
        let dispatch = dispatch.clone();
        move |_: MessageEvent| dispatch.dispatch(StreamAction::Connected(true))
    };
    let on_error = {
        let source = source.clone();
        move |_: MessageEvent| {
            dispatch.dispatch(StreamAction::Connected(false));
            // The browser reconnects by itself after a lost connection, not after a refusal.
            if source.ready_state() == EventSource::CLOSED {
                on_closed.emit(());
            }
        }
    };
    let listeners: Vec<(&str, OnMessage)> = vec![
        ("progress", Closure::new(heard.clone())),
        ("session", Closure::new(heard)),
        ("open", Closure::new(on_open)),
        ("error", Closure::new(on_error)),
    ];
    for (event, listener) in &listeners {
        let _ = source.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    }
    Some(Connection {
        source,
        _listeners: listeners.into_iter().map(|(_, l)| l).collect(),
    })
}

#[derive(Properties, PartialEq)]
pub struct ProgressStreamProps {
    pub children: Html,
}

/// Listens to the learner's progress while someone is signed in; provides [`use_progress`].
#[component]
pub fn ProgressStream(props: &ProgressStreamProps) -> Html {
    let state = use_reducer_eq(StreamState::default);
    let signed_in = use_session().me().map(|me| me.id);
    let attempt = use_state_eq(|| 0u32);
    {
        let dispatch = state.dispatcher();
        let attempt_handle = attempt.clone();
        use_effect_with((signed_in, *attempt), move |(user, _)| {
            let retry = Callback::from(move |()| {
                let attempt = attempt_handle.clone();
                gloo_timers::callback::Timeout::new(RECONNECT_MS, move || {
                    attempt.set(attempt.wrapping_add(1))
                })
                .forget();
            });
            let connection = user.and_then(|_| connect(dispatch, retry));
            move || drop(connection)
        });
    }
    let context: Rc<StreamState> = Rc::new((*state).clone());
    html! {
        <ContextProvider<Rc<StreamState>> {context}>{ props.children.clone() }</ContextProvider<Rc<StreamState>>>
    }
}

/// What the progress stream heard (empty outside a [`ProgressStream`]).
#[hook]
pub fn use_progress() -> Rc<StreamState> {
    use_context::<Rc<StreamState>>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared_types::catalog::CoursewareKind;
    use shared_types::training::{MyChapter, MyCourseware};

    fn progress(id: Uuid, credited: f64, complete: bool) -> StreamAction {
        StreamAction::Heard(StreamEvent::Progress {
            courseware_id: id,
            lineage_id: Uuid::nil(),
            credited_seconds: credited,
            resume_position: credited,
            complete,
            today_credited_seconds: 300.0,
        })
    }

    #[test]
    fn streamed_progress_overrides_what_the_page_loaded() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let state = Rc::new(StreamState::default()).reduce(progress(a, 42.5, true));
        assert_eq!(state.credited(a, 10.0), 42.5);
        assert_eq!(state.credited(b, 10.0), 10.0);
        assert!(state.complete(a, false));
        assert!(!state.complete(b, false));
        assert_eq!(state.today_credited_seconds, Some(300.0));
        let course = MyTaskCourse {
            course_id: Uuid::nil(),
            course_no: "C1".into(),
            name: "c".into(),
            duration_seconds: 600,
            credited_seconds: 30,
            chapters: vec![MyChapter {
                id: Uuid::nil(),
                title: "ch".into(),
                coursewares: [(a, 10), (b, 20)]
                    .into_iter()
                    .map(|(id, credited_seconds)| MyCourseware {
                        id,
                        title: "w".into(),
                        kind: CoursewareKind::Video,
                        required: true,
                        duration_seconds: 300,
                        credited_seconds,
                        resume_position: 0,
                        completed: false,
                    })
                    .collect(),
            }],
        };
        assert_eq!(state.course_credited(&course), 62.5);
    }

    #[test]
    fn ended_sessions_are_remembered_with_their_reason() {
        let id = Uuid::from_u128(7);
        let state =
            Rc::new(StreamState::default()).reduce(StreamAction::Heard(StreamEvent::Session {
                session_id: id,
                reason: Decision::SessionReplaced,
            }));
        assert_eq!(state.ended(id), Some(Decision::SessionReplaced));
        assert_eq!(state.ended(Uuid::nil()), None);
        let mut many = state;
        for i in 0..40 {
            many = many.reduce(StreamAction::Heard(StreamEvent::Session {
                session_id: Uuid::from_u128(100 + i),
                reason: Decision::SessionClosed,
            }));
        }
        assert_eq!(many.ended.len(), ENDED_KEPT);
    }
}
