//! 人机验证 (T-7.2.6c): a question the server asks at a random moment. The video is paused and
//! the dialog cannot be dismissed: the learner picks a choice (`.challenge-choice`) before the
//! countdown ends, else study time stops counting until they do. A wrong answer brings the next
//! question.

use shared_types::learning::{Challenge, ChallengeResult};
use uuid::Uuid;
use yew::prelude::*;

use crate::components::Dialog;
use crate::components::form::{FormError, use_submit};
use crate::i18n::{Lang, Text, use_i18n};

const TITLE: Text = Text::new("学习验证", "Are you still there?");
const COUNTDOWN: Text = Text::new("请在 {0} 秒内作答", "Answer within {0} s");
const OVERDUE: Text = Text::new(
    "已超时：作答后才继续计时",
    "Time is up: study time counts again once you answer",
);
const WRONG: Text = Text::new("回答不正确，请再试一题", "Not right: here is another one");

#[derive(Properties, PartialEq)]
pub struct ChallengeDialogProps {
    pub session_id: Uuid,
    pub challenge: Challenge,
    /// The server's verdict on the answer to the challenge with this id.
    pub on_result: Callback<(Uuid, ChallengeResult)>,
}

/// Whole seconds left until `expires_at`.
fn seconds_left(challenge: &Challenge) -> i64 {
    let ms = challenge.expires_at.timestamp_millis() - js_sys::Date::now() as i64;
    (ms.max(0) + 999) / 1000
}

#[component]
pub fn ChallengeDialog(props: &ChallengeDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let left = use_state_eq(|| seconds_left(&props.challenge));
    let wrong = use_state_eq(|| false);
    {
        let (left, challenge) = (left.clone(), props.challenge.clone());
        use_effect_with(props.challenge.id, move |_| {
            left.set(seconds_left(&challenge));
            let timer = gloo_timers::callback::Interval::new(1_000, move || {
                left.set(seconds_left(&challenge));
            });
            move || drop(timer)
        });
    }
    let c = &props.challenge;
    let prompt = match i18n.lang {
        Lang::ZhCn => &c.prompt_zh,
        Lang::EnUs => &c.prompt_en,
    };
    let choose = |choice: &String| {
        let (submit, on_result, wrong) = (submit.clone(), props.on_result.clone(), wrong.clone());
        let (session, id, answer) = (props.session_id, c.id, choice.clone());
        Callback::from(move |_: MouseEvent| {
            let (on_result, wrong) = (on_result.clone(), wrong.clone());
            submit.run(
                false,
                crate::api::answer_challenge(session, id, answer.clone()),
                move |result: ChallengeResult| {
                    wrong.set(!result.passed);
                    on_result.emit((id, result));
                },
            );
        })
    };
    let countdown = if *left > 0 {
        i18n.fmt(&COUNTDOWN, &[&left.to_string()])
    } else {
        i18n.t(&OVERDUE).to_owned()
    };
    html! {
        <Dialog id="challenge-dialog" title={i18n.t(&TITLE)} closable={false} onclose={Callback::noop()}>
            <FormError message={submit.form_error(&i18n)} />
            if *wrong {
                <p class="zp-warn-text" role="status">{ i18n.t(&WRONG) }</p>
            }
            <p class="zp-challenge-prompt" id="challenge-prompt">{ prompt }</p>
            <div class="zp-challenge-choices" role="group" aria-labelledby="challenge-prompt">
                { for c.choices.iter().map(|choice| html! {
                    <button type="button" class="pf-v6-c-button pf-m-secondary challenge-choice"
                        disabled={submit.busy()} onclick={choose(choice)}>
                        <span class="pf-v6-c-button__text">{ choice }</span>
                    </button>
                }) }
            </div>
            <p id="challenge-countdown" class={classes!(if *left > 0 { "zp-muted" } else { "zp-warn-text" })} aria-live="polite">
                { countdown }
            </p>
        </Dialog>
    }
}
