//! `/regulator/study-records/{user_id}`: 学习记录 (Z-IV.6) — a learner's play sessions: start and
//! end (and why it ended), IP, device, courseware, credited time, heartbeats; each drills down to
//! its heartbeats (`/regulator/play-session/{id}`); under them the learner's study snapshots
//! (face checks). Reached from a risk event's learner, a face check and a class's trainees.

mod heartbeats;
mod snapshots;

use frontend_kit::components::{DEFAULT_PER_PAGE, RowClass, format_time};
use frontend_kit::format::{clock, study_time};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::learning::PlaySessionRecord;
use shared_types::page::PageQuery;
use uuid::Uuid;
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

pub use heartbeats::PlaySessionPage;
use snapshots::LearnerSnapshots;

const TITLE: Text = Text::new("学习记录", "Study records");
const LEARNER: Text = Text::new("学员编号：{0}", "Learner id: {0}");
const RISK: Text = Text::new("风险事件", "Risk events");
const OPENED: Text = Text::new("开始", "Started");
const CLOSED: Text = Text::new("结束", "Ended");
const OPEN_NOW: Text = Text::new("学习中", "Studying");
const COURSEWARE: Text = Text::new("课件", "Courseware");
const IP: Text = Text::new("IP 地址", "IP address");
const DEVICE: Text = Text::new("设备", "Device");
const CREDITED: Text = Text::new("计入学时", "Credited");
const BEATS: Text = Text::new("心跳", "Heartbeats");
const SHOW_BEATS: Text = Text::new("查看 {0} 次心跳", "{0} heartbeats");

/// Seconds as study time, with the exact seconds beside it.
pub(crate) fn credited_cell(i18n: &I18n, seconds: f64) -> Html {
    let whole = seconds.max(0.0).floor() as i64;
    html! {
        <span data-seconds={whole.to_string()}>
            { study_time(whole, i18n.lang) }<span class="zp-muted">{ format!(" ({})", clock(seconds)) }</span>
        </span>
    }
}

fn columns(i18n: &I18n) -> Vec<Column<PlaySessionRecord>> {
    let (i1, i2, i3) = (i18n.clone(), i18n.clone(), i18n.clone());
    vec![
        Column::new(
            i18n.t(&OPENED),
            |r: &PlaySessionRecord| html! { format_time(&r.opened_at) },
        ),
        Column::new(i18n.t(&CLOSED), move |r: &PlaySessionRecord| {
            match (&r.closed_at, r.close_reason) {
                (Some(at), reason) => html! {
                    <div>
                        { format_time(at) }
                        if let Some(reason) = reason {
                            <br /><span class="zp-muted">{ i1.t(&reason.text()) }</span>
                        }
                    </div>
                },
                (None, _) => html! { <Label text={i1.t(&OPEN_NOW)} tone={Tone::Blue} /> },
            }
        }),
        Column::new(
            i18n.t(&COURSEWARE),
            |r: &PlaySessionRecord| html! { &r.courseware_title },
        ),
        Column::new(
            i18n.t(&IP),
            |r: &PlaySessionRecord| html! { <code>{ &r.ip }</code> },
        ),
        Column::new(i18n.t(&DEVICE), |r: &PlaySessionRecord| {
            html! {
                <div>
                    <code class="zp-break">{ &r.device_id }</code>
                    <br /><span class="zp-muted zp-break zp-clamp" title={r.user_agent.clone()}>{ &r.user_agent }</span>
                </div>
            }
        }),
        Column::new(i18n.t(&CREDITED), move |r: &PlaySessionRecord| {
            credited_cell(&i2, r.credited_seconds)
        }),
        Column::new(i18n.t(&BEATS), move |r: &PlaySessionRecord| {
            html! {
                <Link<Route> to={Route::PlaySession { id: r.id }} class="play-session-beats">
                    { i3.fmt(&SHOW_BEATS, &[&r.heartbeats.to_string()]) }
                </Link<Route>>
            }
        }),
    ]
}

#[derive(Properties, PartialEq)]
pub struct StudyRecordsProps {
    pub user_id: Uuid,
}

#[component]
pub fn StudyRecords(props: &StudyRecordsProps) -> Html {
    let i18n = use_i18n();
    let paging = use_state(|| PageQuery {
        page: 1,
        per_page: DEFAULT_PER_PAGE,
    });
    let remote = use_remote((props.user_id, *paging), |(user, paging)| {
        frontend_kit::api::learner_play_sessions(user, paging)
    });
    let on_page = {
        let paging = paging.clone();
        Callback::from(move |(page, per_page)| paging.set(PageQuery { page, per_page }))
    };
    let row_class = use_memo((), |_| {
        RowClass::new(|_: &PlaySessionRecord| Some("play-session"))
    });
    html! {
        <>
            <PageTitle title={TITLE}>
                <div class="zp-row-actions">
                    <Link<Route> id="to-risk-events" to={Route::RiskEvents} class="pf-v6-c-button pf-m-secondary">
                        <span class="pf-v6-c-button__text">{ i18n.t(&RISK) }</span>
                    </Link<Route>>
                </div>
            </PageTitle>
            <p class="zp-muted" id="records-learner">{ i18n.fmt(&LEARNER, &[&props.user_id.to_string()]) }</p>
            <PagedTable<PlaySessionRecord> id="play-sessions" caption={i18n.t(&TITLE)} columns={columns(&i18n)}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page}
                row_class={(*row_class).clone()} />
            <LearnerSnapshots user_id={props.user_id} />
        </>
    }
}
