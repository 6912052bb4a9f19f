//! 防刷课播放器 — the learner's study player (Z-II.2–II.5, Z-II.7, Z-III.5, T-7.2.6c): one play
//! session of a courseware, with the video's own controls under the learning rules (no skipping
//! ahead, speed 1 only, pause when the page hides or loses focus), heartbeats the server decides
//! on, the decision of the last one, today's study time and what the cap still allows, human
//! verification, face checks, and the message when the session moved to another page or device
//! (`#player-resume-here` opens a new one here). Documents are read in the page (reading time
//! counts); a link is opened (which completes it).

mod challenge;
mod engine;
mod face_check;
mod face_flow;
mod figures;
mod notices;
mod view;

use std::cell::RefCell;
use std::rc::Rc;

use shared_types::catalog::CoursewareKind;
use shared_types::learning::{ChallengeResult, PlaySession};
use uuid::Uuid;
use yew::prelude::*;

use challenge::ChallengeDialog;
use engine::{Engine, Shared};
use face_check::FaceCheckDialog;
use figures::Figures;
use view::{Message, StudyAction, StudyView};

use crate::components::Loading;
use crate::components::form::FormError;
use crate::components::player::{DocumentViewer, SeekGuard, VideoPlayer};
use crate::i18n::{Text, use_i18n};
use crate::learning::use_progress;
use crate::session::use_session;

const OPEN_LINK: Text = Text::new("打开链接学习", "Open the link");
const LINK_NOTE: Text = Text::new(
    "外部链接打开即视为学完，不计学时。",
    "Opening the link completes it; links earn no study time.",
);
const NO_FILE: Text = Text::new(
    "此课件暂无可学习的内容",
    "Nothing to study in this courseware yet",
);
/// A refused seek's message stays this long (ms).
const SEEK_MESSAGE_MS: u32 = 6_000;

#[derive(Properties, PartialEq)]
pub struct StudyPlayerProps {
    pub courseware_id: Uuid,
}

/// The study player of a courseware; "continue here" starts it over with a new play session.
#[component]
pub fn StudyPlayer(props: &StudyPlayerProps) -> Html {
    let generation = use_state_eq(|| 0u32);
    let restart = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(generation.wrapping_add(1)))
    };
    html! {
        <StudySession key={format!("{}-{}", props.courseware_id, *generation)}
            courseware_id={props.courseware_id} {restart} />
    }
}

#[derive(Properties, PartialEq)]
struct StudySessionProps {
    courseware_id: Uuid,
    restart: Callback<()>,
}

/// One play session: opened on mount, closed on unmount.
#[hook]
fn use_study(courseware_id: Uuid, restart: Callback<()>) -> (UseReducerHandle<StudyView>, Shared) {
    let view = use_reducer_eq(StudyView::default);
    let user = use_session().me().map_or(Uuid::nil(), |me| me.id);
    let engine = {
        let dispatch = view.dispatcher();
        use_memo((), move |_| {
            Rc::new(RefCell::new(Engine::new(
                dispatch,
                NodeRef::default(),
                user,
                restart,
            )))
        })
    };
    let shared: Shared = (*engine).clone();
    {
        let shared = shared.clone();
        use_effect_with(courseware_id, move |id| {
            engine::open(&shared, *id);
            move || engine::leave(&shared)
        });
    }
    // The progress stream: this session ended elsewhere, or progress made (by this page's own
    // heartbeats, usually). Today's total is taken only once it moved after the page opened.
    let stream = use_progress();
    let today_at_open = use_mut_ref(|| stream.today_credited_seconds);
    {
        let (shared, dispatch) = (shared.clone(), view.dispatcher());
        let session = view.session.as_ref().map(|s| s.session_id);
        use_effect_with((stream, session), move |(stream, session)| {
            if let Some(id) = session {
                if let Some(reason) = stream.ended(*id) {
                    engine::ended_elsewhere(&shared, reason);
                }
                let progress = stream.coursewares.get(&courseware_id);
                let today = stream
                    .today_credited_seconds
                    .filter(|t| Some(*t) != *today_at_open.borrow());
                dispatch.dispatch(StudyAction::Streamed {
                    credited: progress.map(|p| p.credited_seconds),
                    complete: progress.is_some_and(|p| p.complete),
                    today,
                });
            }
        });
    }
    // A refused seek's or a rewind's message goes after a while.
    {
        let dispatch = view.dispatcher();
        let seek_message = matches!(
            view.message,
            Some(Message::SeekRefused { .. } | Message::Rewound { .. })
        );
        use_effect_with((seek_message, view.message), move |(shown, _)| {
            let timer = shown.then(|| {
                gloo_timers::callback::Timeout::new(SEEK_MESSAGE_MS, move || {
                    dispatch.dispatch(StudyAction::SeekSeen)
                })
            });
            move || drop(timer)
        });
    }
    (view, shared)
}

#[component]
fn StudySession(props: &StudySessionProps) -> Html {
    let i18n = use_i18n();
    let (view, shared) = use_study(props.courseware_id, props.restart.clone());
    let Some(session) = view.session.clone() else {
        return match &view.open_error {
            Some(err) => {
                html! { <div id="player-error"><FormError message={AttrValue::from(i18n.error(err))} /></div> }
            }
            None => html! { <Loading /> },
        };
    };
    let on_result = {
        let shared = shared.clone();
        Callback::from(move |(id, result): (Uuid, ChallengeResult)| {
            engine::challenge_result(
                &shared,
                id,
                (!result.passed).then_some(result.next).flatten(),
            );
        })
    };
    let on_passed = {
        let shared = shared.clone();
        Callback::from(move |()| engine::face_check_passed(&shared))
    };
    let body = player_body(&i18n, &session, &view, &shared);
    html! {
        <div id="player" class="zp-study" data-session={session.session_id.to_string()}
            data-kind={session.kind.as_str()}>
            <h2 class="pf-v6-c-title pf-m-xl zp-study-title" id="player-title">{ &session.title }</h2>
            { notices::message(&i18n, &view, session.study_hour_minutes, &props.restart) }
            { notices::notice(&i18n, &view) }
            { body }
            { notices::status(&i18n, &view) }
            <Figures session={session.clone()} today_credited={view.today_credited} today_remaining={view.today_remaining}
                courseware_credited={view.courseware_credited} complete={view.complete} />
            if let Some(challenge) = &view.challenge {
                <ChallengeDialog session_id={session.session_id} challenge={challenge.clone()} {on_result} />
            }
            if let Some(due) = &view.face_check {
                <FaceCheckDialog session_id={session.session_id} due={due.clone()} {on_passed} />
            }
        </div>
    }
}

/// The video under the guard, the document, or the link.
fn player_body(
    i18n: &crate::i18n::I18n,
    session: &Rc<PlaySession>,
    view: &StudyView,
    shared: &Shared,
) -> Html {
    let title = AttrValue::from(session.title.clone());
    match (session.kind, session.media_id, &session.url) {
        (CoursewareKind::Video, Some(media_id), _) => {
            let video = shared.borrow().video.clone();
            let on_media = {
                let shared = shared.clone();
                Callback::from(move |e: Event| engine::media_event(&shared, &e))
            };
            let dispatch = {
                let shared = shared.clone();
                move |limit: f64| shared.borrow().refused(limit)
            };
            let guard = SeekGuard {
                furthest: view.furthest,
                on_refused: Callback::from(move |(_, limit): (f64, f64)| dispatch(limit)),
                on_own_seek: {
                    let shared = shared.clone();
                    Callback::from(move |to: f64| engine::own_seek(&shared, to))
                },
            };
            html! {
                <VideoPlayer {media_id} courseware_id={session.courseware_id} {title} {video}
                    start_at={session.resume_position} {guard} {on_media} />
            }
        }
        (CoursewareKind::Document, Some(media_id), _) => html! {
            <DocumentViewer {media_id} courseware_id={session.courseware_id} {title} />
        },
        (CoursewareKind::Link, _, Some(url)) => html! {
            <div class="zp-study-link">
                <a id="player-link" class="pf-v6-c-button pf-m-primary" href={url.clone()} target="_blank" rel="noopener noreferrer">
                    <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-external-link-alt" aria-hidden="true"></i></span>
                    <span class="pf-v6-c-button__text">{ i18n.t(&OPEN_LINK) }</span>
                </a>
                <p class="zp-muted zp-break">{ url }</p>
                <p class="zp-muted">{ i18n.t(&LINK_NOTE) }</p>
            </div>
        },
        _ => html! { <p class="zp-muted">{ i18n.t(&NO_FILE) }</p> },
    }
}
