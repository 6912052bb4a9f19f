//! `/regulator/play-session/{id}`: every heartbeat of one play session (Z-IV.1) — when it came,
//! the position and state the page reported, the decision with its reason and what it credited.

use frontend_kit::components::RowData;
use frontend_kit::format::clock;
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::learning::{Decision, HeartbeatRecord};
use uuid::Uuid;
use yew::prelude::*;

use super::credited_cell;

const TITLE: Text = Text::new("心跳记录", "Heartbeats");
const SESSION: Text = Text::new("学习会话：{0}", "Play session: {0}");
const SEQ: Text = Text::new("序号", "No.");
const RECEIVED: Text = Text::new("收到时间", "Received");
const POSITION: Text = Text::new("播放位置", "Position");
const STATE: Text = Text::new("页面状态", "Page");
const PLAYING: Text = Text::new("播放", "playing");
const PAUSED: Text = Text::new("暂停", "paused");
const VISIBLE: Text = Text::new("可见", "visible");
const HIDDEN: Text = Text::new("不可见", "hidden");
const FOCUSED: Text = Text::new("前台", "focused");
const UNFOCUSED: Text = Text::new("后台", "not focused");
const RATE: Text = Text::new("倍速 {0}", "rate {0}");
const DECISION: Text = Text::new("判定", "Decision");
const CREDITED: Text = Text::new("计入", "Credited");

fn page_state(i18n: &I18n, h: &HeartbeatRecord) -> String {
    let pick = |on: bool, yes: &Text, no: &Text| i18n.t(if on { yes } else { no });
    [
        pick(h.playing, &PLAYING, &PAUSED).to_owned(),
        pick(h.visible, &VISIBLE, &HIDDEN).to_owned(),
        pick(h.focused, &FOCUSED, &UNFOCUSED).to_owned(),
        i18n.fmt(&RATE, &[&format!("{}", h.rate)]),
    ]
    .join(" · ")
}

fn columns(i18n: &I18n) -> Vec<Column<HeartbeatRecord>> {
    let (i1, i2, i3) = (i18n.clone(), i18n.clone(), i18n.clone());
    vec![
        Column::new(i18n.t(&SEQ), |h: &HeartbeatRecord| html! { h.seq }),
        Column::new(i18n.t(&RECEIVED), |h: &HeartbeatRecord| {
            html! {
                h.received_at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M:%S").to_string()
            }
        }),
        Column::new(
            i18n.t(&POSITION),
            |h: &HeartbeatRecord| html! { clock(h.position) },
        ),
        Column::new(
            i18n.t(&STATE),
            move |h: &HeartbeatRecord| html! { page_state(&i1, h) },
        ),
        Column::new(i18n.t(&DECISION), move |h: &HeartbeatRecord| {
            let tone = if h.decision == Decision::Credited {
                Tone::Green
            } else {
                Tone::Grey
            };
            html! {
                <div>
                    <Label text={i2.t(&h.decision.text())} {tone} />{ " " }
                    <code class="zp-muted">{ h.decision.code() }</code>
                </div>
            }
        }),
        Column::new(i18n.t(&CREDITED), move |h: &HeartbeatRecord| {
            credited_cell(&i3, h.credited_seconds)
        }),
    ]
}

#[derive(Properties, PartialEq)]
pub struct PlaySessionPageProps {
    pub id: Uuid,
}

#[component]
pub fn PlaySessionPage(props: &PlaySessionPageProps) -> Html {
    let i18n = use_i18n();
    let remote = use_remote(props.id, frontend_kit::api::play_session_heartbeats);
    let row_data = use_memo((), |_| {
        RowData::new(|h: &HeartbeatRecord| vec![("data-decision", h.decision.code().to_owned())])
    });
    html! {
        <>
            <PageTitle title={TITLE} />
            <p class="zp-muted" id="heartbeats-session">{ i18n.fmt(&SESSION, &[&props.id.to_string()]) }</p>
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            <DataTable<HeartbeatRecord> id="heartbeats" caption={i18n.t(&TITLE)} columns={columns(&i18n)}
                rows={remote.data.clone().map(|r| std::rc::Rc::new((*r).clone())).unwrap_or_default()}
                loading={remote.loading} row_data={(*row_data).clone()} />
        </>
    }
}
