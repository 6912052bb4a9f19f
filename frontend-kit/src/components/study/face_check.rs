//! 人脸核验 (T-7.2.6c/d, Z-II.3): the server wants a face check before it credits more study
//! time. The dialog (`#face-check-dialog`) cannot be dismissed; "start" (`#face-check-start`)
//! opens the camera, counts down, takes a frame — and, when a head turn is asked, a second one
//! after the prompt — uploads them and asks the server to compare. The answer
//! (`#face-check-result`, `data-outcome`, `data-passed`) lets study continue
//! (`#face-check-continue`, also after a few seconds) or try again (`#face-check-retry`).
//! Without a usable camera the tenant's fallback decides. The camera stops when it closes.

use shared_types::face::{CapturePurpose, FaceCheckDue, FaceCheckRequest, FaceCheckResult};
use shared_types::{ApiError, ErrorCode};
use uuid::Uuid;
use yew::prelude::*;

use super::face_flow::{Step, Verdict};
use crate::api;
use crate::components::Dialog;
use crate::components::face::upload::{Sent, progress_bar, send_capture};
use crate::components::face::{
    COUNTDOWN_SECONDS, Camera, CameraError, GUIDANCE, count_down, use_camera, viewfinder,
};
use crate::i18n::{Labelled, Lang, Text, use_i18n};

const TITLE: Text = Text::new("人脸核验", "Face check");
const INTRO: Text = Text::new(
    "继续计时前需要确认是您本人在学习。点击开始后将打开摄像头，倒计时结束时自动拍照。",
    "Before study time counts again, confirm it is you studying. Start opens the camera and takes a photo when the countdown ends.",
);
const START: Text = Text::new("开始核验", "Start");
const OPENING: Text = Text::new("正在打开摄像头…", "Opening the camera…");
const CHECKING: Text = Text::new("正在核验…", "Checking…");
const RETRY: Text = Text::new("重新核验", "Try again");
const CONTINUE: Text = Text::new("继续学习", "Continue studying");
const HUMAN_INSTEAD: Text = Text::new(
    "未检测到可用的摄像头：本站改用人工验证题代替人脸核验，学习中请留意弹出的验证题。",
    "No usable camera: on this site human verification questions take the place of face checks; answer them when they appear.",
);
const NEEDS_CAMERA: Text = Text::new(
    "未检测到可用的摄像头：本站要求使用摄像头进行人脸核验，没有摄像头无法学习。请连接摄像头并允许浏览器使用后重试。",
    "No usable camera: this site checks faces with the camera, and study is not possible without one. Connect a camera, allow the browser to use it, and try again.",
);
/// A passed check's answer stays this long before the dialog closes by itself (ms).
const CLOSE_AFTER_MS: u32 = 4_000;

#[derive(Properties, PartialEq)]
pub struct FaceCheckDialogProps {
    pub session_id: Uuid,
    pub due: FaceCheckDue,
    /// The check passed (or the fallback lets study go on): close, and play on.
    pub on_passed: Callback<()>,
}

/// Takes the frames and asks the server; `Err` carries the step to show instead.
async fn run_check(
    camera: &Camera,
    session_id: Uuid,
    due: &FaceCheckDue,
    step: &UseStateHandle<Step>,
    sent: &Callback<Sent>,
) -> Result<Step, ApiError> {
    let set = |s: Step| step.set(s);
    set(Step::Opening);
    let camera_label = match camera.start().await {
        Ok(label) => label,
        Err(why) => {
            set(Step::Checking);
            let result = api::report_no_camera(session_id).await?;
            return Ok(Step::Done {
                result,
                no_camera: Some(why),
            });
        }
    };
    let no_frame = |e: CameraError| ApiError {
        code: ErrorCode::Unknown,
        message: e.text().get(crate::i18n::current_lang()).to_owned(),
        field: None,
    };
    count_down(COUNTDOWN_SECONDS, |n| set(Step::Counting { n, turn: None })).await;
    let first = camera.frame().await.map_err(no_frame)?;
    let second = match due.turn {
        Some(turn) => {
            let turn = Some(turn);
            count_down(COUNTDOWN_SECONDS, |n| set(Step::Counting { n, turn })).await;
            Some(camera.frame().await.map_err(no_frame)?)
        }
        None => None,
    };
    set(Step::Checking);
    let capture_id = send_capture(&first, "image/jpeg", CapturePurpose::Study, sent).await?;
    let turn_capture_id = match &second {
        Some(frame) => Some(send_capture(frame, "image/jpeg", CapturePurpose::Study, sent).await?),
        None => None,
    };
    let req = FaceCheckRequest {
        capture_id,
        turn_capture_id,
        camera_label,
    };
    let result = api::check_face(session_id, &req).await?;
    Ok(Step::Done {
        result,
        no_camera: None,
    })
}

#[component]
pub fn FaceCheckDialog(props: &FaceCheckDialogProps) -> Html {
    let i18n = use_i18n();
    let camera = use_camera();
    let flow = use_state(|| Step::Ready);
    let sent = use_state_eq(|| None::<Sent>);
    let start = {
        let (camera, flow, sent) = (camera.clone(), flow.clone(), sent.clone());
        let (session_id, due) = (props.session_id, props.due.clone());
        Callback::from(move |_: MouseEvent| {
            if flow.busy() {
                return;
            }
            let (camera, flow, sent, due) =
                (camera.clone(), flow.clone(), sent.clone(), due.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let progress = {
                    let sent = sent.clone();
                    Callback::from(move |s: Sent| sent.set(Some(s)))
                };
                let outcome = run_check(&camera, session_id, &due, &flow, &progress).await;
                sent.set(None);
                let step = outcome.unwrap_or_else(Step::Failed);
                if matches!(&step, Step::Done { result, .. } if result.passed) {
                    camera.stop();
                }
                flow.set(step);
            });
        })
    };
    let verdict = flow.verdict();
    // A pass closes the dialog by itself after a moment.
    {
        let on_passed = props.on_passed.clone();
        let passed = verdict.is_some_and(Verdict::may_continue);
        use_effect_with(passed, move |passed| {
            let timer = passed.then(|| {
                gloo_timers::callback::Timeout::new(CLOSE_AFTER_MS, move || on_passed.emit(()))
            });
            move || drop(timer)
        });
    }
    let (count, prompt) = match &*flow {
        Step::Counting { n, turn } => (Some(*n), turn.map(|t| i18n.t(&t.text()))),
        _ => (None, None),
    };
    let status = match &*flow {
        Step::Ready => html! { <p>{ i18n.t(&INTRO) }</p> },
        Step::Opening => html! { <p class="zp-muted" role="status">{ i18n.t(&OPENING) }</p> },
        Step::Counting { .. } => html! { <p class="zp-muted">{ i18n.t(&GUIDANCE) }</p> },
        Step::Checking => html! {
            <>
                <p class="zp-muted" role="status">{ i18n.t(&CHECKING) }</p>
                { progress_bar(&i18n, "face-check-progress", *sent) }
            </>
        },
        Step::Done { result, no_camera } => result_view(&i18n, result, *no_camera),
        Step::Failed(err) => html! {
            <p id="face-check-error" class="zp-warn-text" role="alert">{ i18n.error(err) }</p>
        },
    };
    let button = |id: &'static str, label: &Text, primary: bool, onclick: Callback<MouseEvent>| {
        html! {
            <button {id} type="button" disabled={flow.busy()} {onclick}
                class={classes!("pf-v6-c-button", if primary { "pf-m-primary" } else { "pf-m-secondary" })}>
                <span class="pf-v6-c-button__text">{ i18n.t(label) }</span>
            </button>
        }
    };
    let footer = match (&*flow, verdict) {
        (Step::Ready | Step::Opening | Step::Counting { .. } | Step::Checking, _) => {
            button("face-check-start", &START, true, start)
        }
        (_, Some(v)) if v.may_continue() => button(
            "face-check-continue",
            &CONTINUE,
            true,
            props.on_passed.reform(|_: MouseEvent| ()),
        ),
        _ => button("face-check-retry", &RETRY, true, start),
    };
    // The preview only while the camera is used; the stream stays attached to it.
    let hidden = matches!(*flow, Step::Ready | Step::Done { .. } | Step::Failed(_));
    html! {
        <Dialog id="face-check-dialog" title={i18n.t(&TITLE)} closable={false} onclose={Callback::noop()} {footer}>
            <div class="zp-face-check" data-fallback={props.due.fallback.code()}>
                { viewfinder(&camera, "face-check-preview", count, prompt, hidden) }
                { status }
            </div>
        </Dialog>
    }
}

fn result_view(
    i18n: &crate::i18n::I18n,
    result: &FaceCheckResult,
    no_camera: Option<CameraError>,
) -> Html {
    let message = match i18n.lang {
        Lang::ZhCn => &result.message_zh,
        Lang::EnUs => &result.message_en,
    };
    let message = if message.trim().is_empty() {
        i18n.t(&result.outcome.text()).to_owned()
    } else {
        message.clone()
    };
    let verdict = super::face_flow::verdict(result, no_camera.is_some());
    let fallback = match verdict {
        Verdict::HumanCheckInstead => Some(&HUMAN_INSTEAD),
        Verdict::NeedsCamera => Some(&NEEDS_CAMERA),
        Verdict::Continue | Verdict::TryAgain => None,
    };
    let class = if result.passed {
        "pf-m-success"
    } else {
        "pf-m-danger"
    };
    let icon = if result.passed {
        "fa-check-circle"
    } else {
        "fa-exclamation-circle"
    };
    html! {
        <div id="face-check-result" data-outcome={result.outcome.code()} data-passed={result.passed.to_string()}
            class={classes!("pf-v6-c-alert", "pf-m-inline", class)} role="alert">
            <div class="pf-v6-c-alert__icon"><i class={classes!("fas", "fa-fw", icon)} aria-hidden="true"></i></div>
            <p class="pf-v6-c-alert__title">{ message }</p>
            <div class="pf-v6-c-alert__description">
                if let Some(why) = no_camera {
                    <p class="zp-muted">{ i18n.t(&why.text()) }</p>
                }
                if let Some(text) = fallback {
                    <p id="face-check-fallback" data-verdict={if verdict == Verdict::NeedsCamera { "needs_camera" } else { "human_check" }}>
                        { i18n.t(text) }
                    </p>
                }
            </div>
        </div>
    }
}
