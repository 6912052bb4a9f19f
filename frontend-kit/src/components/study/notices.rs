//! The lines around the study player: the message (`#player-message`: the session ended
//! elsewhere, today's cap, a refused seek, a rewind to what was counted), why the page paused the video or that another tab
//! plays (`#player-notice`), and the status of the last heartbeat (`#player-status`).

use yew::prelude::*;

use super::view::{Message, PauseReason, StudyView};
use crate::format::{clock, study_seconds};
use crate::i18n::{I18n, Labelled, Text};
use shared_types::learning::Decision;

const REPLACED: Text = Text::new(
    "已在其他页面或设备开始学习，本页已停止播放。同一账号同一时间只能在一处学习。",
    "Studying started on another page or device, so this page stopped. One account studies in one place at a time.",
);
const CLOSED: Text = Text::new(
    "本次学习已结束，本页不再计时。",
    "This study session has ended; this page no longer counts study time.",
);
const RESUME_HERE: Text = Text::new("在此继续学习", "Continue here");
const CAP: Text = Text::new(
    "今日学时已达上限（今日已学 {0}），明天再继续学习吧。",
    "Today's study-hour cap is reached ({0} today); continue tomorrow.",
);
const SEEK_REFUSED: Text = Text::new(
    "不能跳过未学内容：最远可拖动到 {0}。",
    "You cannot skip what you have not studied: drag no further than {0}.",
);
const REWOUND: Text = Text::new(
    "网络中断期间播放的部分未计入学时，已回到 {0} 继续。",
    "What played while the connection was down was not counted: back to {0}.",
);
const HIDDEN: Text = Text::new("页面不可见，已暂停", "Page hidden: paused");
const UNFOCUSED: Text = Text::new("窗口未在前台，已暂停", "Window not focused: paused");
const OTHER_TABS: Text = Text::new(
    "本账号另有 {0} 个标签页正在播放，只有一处计时",
    "{0} other tab(s) of this account are playing; only one place counts",
);
const STATUS: Text = Text::new("计时状态：{0}", "Study time: {0}");
const WAITING: Text = Text::new("等待开始", "not started");
const RETRYING: Text = Text::new(
    "（网络不稳定，正在重试）",
    " (connection unstable, retrying)",
);

/// The message over the player, with "continue here" after the session ended.
pub(super) fn message(i18n: &I18n, view: &StudyView, minutes: u32, resume: &Callback<()>) -> Html {
    let Some(m) = view.message else {
        return html! {};
    };
    let (text, danger) = match m {
        Message::Ended(Decision::SessionReplaced) => (i18n.t(&REPLACED).to_owned(), true),
        Message::Ended(_) => (i18n.t(&CLOSED).to_owned(), true),
        Message::CapReached => (
            i18n.fmt(
                &CAP,
                &[&study_seconds(view.today_credited, minutes, i18n.lang)],
            ),
            false,
        ),
        Message::SeekRefused { limit } => (i18n.fmt(&SEEK_REFUSED, &[&clock(limit)]), false),
        Message::Rewound { to } => (i18n.fmt(&REWOUND, &[&clock(to)]), false),
    };
    let onclick = resume.reform(|_: MouseEvent| ());
    html! {
        <div id="player-message" data-reason={m.reason()} role="alert"
            class={classes!("pf-v6-c-alert", "pf-m-inline", if danger { "pf-m-danger" } else { "pf-m-warning" })}>
            <div class="pf-v6-c-alert__icon"><i class="fas fa-fw fa-exclamation-triangle" aria-hidden="true"></i></div>
            <p class="pf-v6-c-alert__title">{ text }</p>
            if matches!(m, Message::Ended(_)) {
                <div class="pf-v6-c-alert__action-group">
                    <button id="player-resume-here" type="button" class="pf-v6-c-button pf-m-primary" {onclick}>
                        <span class="pf-v6-c-button__text">{ i18n.t(&RESUME_HERE) }</span>
                    </button>
                </div>
            }
        </div>
    }
}

/// Why the page paused itself, and other tabs playing.
pub(super) fn notice(i18n: &I18n, view: &StudyView) -> Html {
    let paused = view.paused_because.map(|why| match why {
        PauseReason::Hidden => i18n.t(&HIDDEN).to_owned(),
        PauseReason::Unfocused => i18n.t(&UNFOCUSED).to_owned(),
    });
    let tabs =
        (view.other_tabs > 0).then(|| i18n.fmt(&OTHER_TABS, &[&view.other_tabs.to_string()]));
    let lines: Vec<String> = paused.into_iter().chain(tabs).collect();
    if lines.is_empty() {
        return html! {};
    }
    html! {
        <div id="player-notice" class="pf-v6-c-alert pf-m-info pf-m-inline pf-m-plain" role="status"
            data-paused={view.paused_because.map(|w| if w == PauseReason::Hidden { "hidden" } else { "unfocused" })}
            data-other-tabs={view.other_tabs.to_string()}>
            <div class="pf-v6-c-alert__icon"><i class="fas fa-fw fa-info-circle" aria-hidden="true"></i></div>
            <p class="pf-v6-c-alert__title">{ lines.join("；") }</p>
        </div>
    }
}

/// The last heartbeat's decision in words.
pub(super) fn status(i18n: &I18n, view: &StudyView) -> Html {
    let label = view
        .decision
        .map_or_else(|| i18n.t(&WAITING), |d| i18n.t(&d.text()));
    let mut text = i18n.fmt(&STATUS, &[label]);
    if view.retrying {
        text.push_str(i18n.t(&RETRYING));
    }
    let credited = view.decision == Some(Decision::Credited);
    html! {
        <p id="player-status" class={classes!("zp-study-status", credited.then_some("zp-ok-text"))} aria-live="polite"
            data-decision={view.decision.map_or("", |d| d.as_str())}>
            <i class={classes!("fas", "fa-fw", if credited { "fa-check-circle" } else { "fa-clock" })} aria-hidden="true"></i>
            { " " }{ text }
            if let Some(err) = &view.beat_error {
                <span class="zp-warn-text">{ " · " }{ i18n.error(err) }</span>
            }
        </p>
    }
}
