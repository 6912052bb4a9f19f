//! The columns of the risk-event list: when, who (with their study records and a filter on
//! them), what, how sure, where it stands, the evidence, and the review desk's actions.

use frontend_kit::components::format_time;
use frontend_kit::prelude::*;
use shared_types::learning::{RiskEvent, RiskStatus};
use uuid::Uuid;
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

const TIME: Text = Text::new("发现时间", "Found");
const LEARNER: Text = Text::new("学员", "Learner");
const KIND: Text = Text::new("类型", "Kind");
const LEVEL: Text = Text::new("风险等级", "Level");
const STATUS: Text = Text::new("状态", "Status");
const EVIDENCE: Text = Text::new("证据", "Evidence");
const RECORDS: Text = Text::new("学习记录", "Study records");
const ONLY_THIS: Text = Text::new("只看此学员", "Only this learner");
const HEARTBEATS: Text = Text::new("查看心跳", "Heartbeats");
const DECIDED: Text = Text::new("{0} 于 {1}", "{0} on {1}");
const VOIDED: Text = Text::new("作废学时 {0} 秒", "{0} s voided");
pub(super) const CLEAR: Text = Text::new("排除", "Clear");
pub(super) const CONFIRM: Text = Text::new("确认作弊", "Confirm");

fn learner_cell(i18n: &I18n, e: &RiskEvent, pick: &Callback<Option<(Uuid, String)>>) -> Html {
    let picked = Some((e.user_id, e.user_name.clone()));
    let onclick = pick.reform(move |_: MouseEvent| picked.clone());
    html! {
        <div>
            <strong>{ &e.user_name }</strong>
            <br />
            <Link<Route> to={Route::StudyRecords { user_id: e.user_id }} class="risk-learner-records">{ i18n.t(&RECORDS) }</Link<Route>>
            { " · " }
            <button type="button" class="pf-v6-c-button pf-m-link pf-m-inline risk-filter-learner" {onclick}>
                <span class="pf-v6-c-button__text">{ i18n.t(&ONLY_THIS) }</span>
            </button>
        </div>
    }
}

fn evidence_cell(i18n: &I18n, e: &RiskEvent) -> Html {
    html! {
        <div>
            <dl class="zp-evidence">
                { for e.evidence.iter().map(|(k, v)| html! { <><dt>{ k }</dt><dd>{ v }</dd></> }) }
            </dl>
            if let Some(session) = e.play_session_id {
                <Link<Route> to={Route::PlaySession { id: session }} class="risk-session">{ i18n.t(&HEARTBEATS) }</Link<Route>>
            }
        </div>
    }
}

fn status_cell(i18n: &I18n, e: &RiskEvent) -> Html {
    html! {
        <div>
            { status_label(i18n, e.status) }
            if let (Some(by), Some(at)) = (&e.decided_by_name, &e.decided_at) {
                <br /><span class="zp-muted">{ i18n.fmt(&DECIDED, &[by, &format_time(at)]) }</span>
            }
            if !e.note.is_empty() {
                <br /><span class="zp-prewrap">{ &e.note }</span>
            }
            if e.voided_seconds > 0.0 {
                <br /><span class="zp-warn-text">{ i18n.fmt(&VOIDED, &[&format!("{:.0}", e.voided_seconds)]) }</span>
            }
        </div>
    }
}

fn actions_cell(i18n: &I18n, e: &RiskEvent, open: &Callback<(RiskEvent, bool)>) -> Html {
    if e.status != RiskStatus::Open {
        return html! {};
    }
    let button = |confirm: bool| {
        let event = e.clone();
        let onclick = open.reform(move |_: MouseEvent| (event.clone(), confirm));
        let (class, id, label) = if confirm {
            ("risk-confirm", format!("risk-confirm-{}", e.id), &CONFIRM)
        } else {
            ("risk-clear", format!("risk-clear-{}", e.id), &CLEAR)
        };
        html! {
            <button type="button" {id} class={classes!("pf-v6-c-button", "pf-m-link", "pf-m-inline", confirm.then_some("pf-m-danger"), class)} {onclick}>
                <span class="pf-v6-c-button__text">{ i18n.t(label) }</span>
            </button>
        }
    };
    html! { <div class="zp-row-actions">{ button(false) }{ button(true) }</div> }
}

pub(super) fn risk_columns(
    i18n: &I18n,
    desk: bool,
    open: &Callback<(RiskEvent, bool)>,
    pick: &Callback<Option<(Uuid, String)>>,
) -> Vec<Column<RiskEvent>> {
    let (i1, i2, i3, i4, i5) = (
        i18n.clone(),
        i18n.clone(),
        i18n.clone(),
        i18n.clone(),
        i18n.clone(),
    );
    let pick = pick.clone();
    let mut columns = vec![
        Column::new(
            i18n.t(&TIME),
            |e: &RiskEvent| html! { format_time(&e.created_at) },
        ),
        Column::new(i18n.t(&LEARNER), move |e: &RiskEvent| {
            learner_cell(&i1, e, &pick)
        }),
        Column::new(
            i18n.t(&KIND),
            move |e: &RiskEvent| html! { i2.t(&e.kind.text()) },
        ),
        Column::new(i18n.t(&LEVEL), move |e: &RiskEvent| {
            status_label(&i3, e.level)
        }),
        Column::new(i18n.t(&STATUS), move |e: &RiskEvent| status_cell(&i4, e)),
        Column::new(i18n.t(&EVIDENCE), move |e: &RiskEvent| {
            evidence_cell(&i5, e)
        }),
    ];
    if desk {
        let (i, open) = (i18n.clone(), open.clone());
        columns.push(Column::new(
            i18n.t(&texts::ACTIONS),
            move |e: &RiskEvent| actions_cell(&i, e, &open),
        ));
    }
    columns
}
