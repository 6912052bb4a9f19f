//! `/regulator/risk-events`: 风险事件 (Z-II.3 防刷课) — what the learning engine found suspicious:
//! automation, tampering, parallel or shared study. Filtered by status (open by default), kind,
//! level, learner and dates; each row (`.risk-event`, `data-kind`) shows its evidence, links the
//! learner's study records and the play session's heartbeats, and — for the review desk, while
//! open — clears (`.risk-clear`: a false alarm, crediting resumes) or confirms it
//! (`.risk-confirm`: cheating, the session's credited time is voided), each with a reason.

mod columns;

use frontend_kit::components::{DEFAULT_PER_PAGE, RowClass, RowData, day_start, dialog_done};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::learning::{RiskEvent, RiskKind, RiskLevel, RiskQuery, RiskStatus};
use uuid::Uuid;
use yew::prelude::*;

use crate::pages::{REVIEW_DESK, use_has_role};

pub const TITLE: Text = Text::new("风险事件", "Risk events");
const STATUS: Text = Text::new("状态", "Status");
const KIND: Text = Text::new("类型", "Kind");
const LEVEL: Text = Text::new("风险等级", "Level");
const FROM: Text = Text::new("开始日期", "From");
const TO: Text = Text::new("结束日期", "To");
const LEARNER_FILTER: Text = Text::new("只看学员：{0}", "Learner: {0}");
const ALL_LEARNERS: Text = Text::new("显示全部学员", "All learners");
const CLEAR_TITLE: Text = Text::new("排除风险：{0}", "Clear: {0}");
const CLEAR_BODY: Text = Text::new(
    "确认这是误报？排除后该学习会话恢复计时（除非还有其他高风险事件）。",
    "Is this a false alarm? Once cleared the play session credits again (unless another high-risk event holds it).",
);
const CONFIRM_TITLE: Text = Text::new("确认作弊：{0}", "Confirm cheating: {0}");
const CONFIRM_BODY: Text = Text::new(
    "确认为刷课作弊？该学习会话已计入的学时将被作废（留有记录，不会删除）。",
    "Confirm this as cheating? The play session's credited time is voided (recorded, never deleted).",
);
const REASON: Text = Text::new("处理意见", "Reason");
const DONE: Text = Text::new("已处理", "Decided");

/// Which decision dialog is open.
#[derive(Clone, PartialEq)]
enum Open {
    None,
    Clear(RiskEvent),
    Confirm(RiskEvent),
}

fn date(s: &str, next_day: bool) -> Option<chrono::DateTime<chrono::Utc>> {
    day_start(s.trim(), next_day)
}

#[component]
pub fn RiskEvents() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let desk = use_has_role(&REVIEW_DESK);
    let status = use_state(|| RiskStatus::Open.code().to_owned());
    let kind = use_state(String::new);
    let level = use_state(String::new);
    let from = use_state(String::new);
    let to = use_state(String::new);
    // The learner filter is set from a row (the list knows names; the API takes the id).
    let learner = use_state(|| None::<(Uuid, String)>);
    let PagedList { query, remote } = use_paged(
        RiskQuery {
            status: Some(RiskStatus::Open),
            per_page: Some(DEFAULT_PER_PAGE),
            ..Default::default()
        },
        |q| async move { frontend_kit::api::list_risk_events(&q).await },
    );
    let open = use_state(|| Open::None);
    let on_done = dialog_done(&open, Open::None, &toaster, i18n.t(&DONE), &remote.reload);
    let filter = {
        let (status, kind, level, from, to, query) = (
            status.clone(),
            kind.clone(),
            level.clone(),
            from.clone(),
            to.clone(),
            query.clone(),
        );
        move |user_id: Option<Uuid>| {
            query.set(RiskQuery {
                status: RiskStatus::from_code(&status),
                kind: RiskKind::from_code(&kind),
                level: RiskLevel::from_code(&level),
                user_id,
                from: date(&from, false),
                to: date(&to, true),
                page: Some(1),
                per_page: query.per_page,
            });
        }
    };
    let search = {
        let (filter, learner) = (filter.clone(), learner.clone());
        Callback::from(move |()| filter(learner.as_ref().map(|(id, _)| *id)))
    };
    let pick_learner = {
        let (filter, learner) = (filter.clone(), learner.clone());
        Callback::from(move |picked: Option<(Uuid, String)>| {
            filter(picked.as_ref().map(|(id, _)| *id));
            learner.set(picked);
        })
    };
    let columns = columns::risk_columns(&i18n, desk, &open_with(&open), &pick_learner);
    let row_class = use_memo((), |_| RowClass::new(|_: &RiskEvent| Some("risk-event")));
    let row_data = use_memo((), |_| {
        RowData::new(|e: &RiskEvent| {
            vec![
                ("data-kind", e.kind.code().to_owned()),
                ("data-status", e.status.code().to_owned()),
                ("data-level", e.level.code().to_owned()),
                ("data-id", e.id.to_string()),
            ]
        })
    });
    let dialog = match &*open {
        Open::None => html! {},
        Open::Clear(e) => decide_dialog(&i18n, e, false, &on_done),
        Open::Confirm(e) => decide_dialog(&i18n, e, true, &on_done),
    };
    html! {
        <>
            <PageTitle title={TITLE} />
            <FilterBar onsearch={search}>
                <SelectField id="filter-status" label={i18n.t(&STATUS)} value={(*status).clone()}
                    options={choices(&i18n, RiskStatus::ALL.iter().copied(), Some(&texts::ALL))} onchange={bind(&status)} />
                <SelectField id="filter-kind" label={i18n.t(&KIND)} value={(*kind).clone()}
                    options={choices(&i18n, RiskKind::ALL.iter().copied(), Some(&texts::ALL))} onchange={bind(&kind)} />
                <SelectField id="filter-level" label={i18n.t(&LEVEL)} value={(*level).clone()}
                    options={choices(&i18n, RiskLevel::ALL.iter().copied(), Some(&texts::ALL))} onchange={bind(&level)} />
                <TextField id="filter-from" label={i18n.t(&FROM)} input_type="date" value={(*from).clone()} oninput={bind(&from)} />
                <TextField id="filter-to" label={i18n.t(&TO)} input_type="date" value={(*to).clone()} oninput={bind(&to)} />
            </FilterBar>
            if let Some((_, name)) = &*learner {
                <p class="zp-filter-chip" id="filter-learner">
                    <Label text={i18n.fmt(&LEARNER_FILTER, &[name])} tone={Tone::Blue} icon="fa-user" />
                    <button type="button" id="filter-learner-clear" class="pf-v6-c-button pf-m-link pf-m-inline"
                        onclick={pick_learner.reform(|_: MouseEvent| None)}>
                        <span class="pf-v6-c-button__text">{ i18n.t(&ALL_LEARNERS) }</span>
                    </button>
                </p>
            }
            <PagedTable<RiskEvent> id="risk-events" caption={i18n.t(&TITLE)} {columns}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()}
                onpage={turn_page(&query)} row_class={(*row_class).clone()} row_data={(*row_data).clone()} />
            { dialog }
        </>
    }
}

/// Opens the clear (`false`) or confirm (`true`) dialog of an event.
fn open_with(open: &UseStateHandle<Open>) -> Callback<(RiskEvent, bool)> {
    let open = open.clone();
    Callback::from(move |(event, confirm): (RiskEvent, bool)| {
        open.set(if confirm {
            Open::Confirm(event)
        } else {
            Open::Clear(event)
        })
    })
}

fn decide_dialog(i18n: &I18n, e: &RiskEvent, confirm: bool, on_done: &Callback<bool>) -> Html {
    let id = e.id;
    let what = format!("{} · {}", e.user_name, i18n.t(&e.kind.text()));
    let (dialog_id, title, body, label) = if confirm {
        (
            "risk-confirm-dialog",
            &CONFIRM_TITLE,
            &CONFIRM_BODY,
            &columns::CONFIRM,
        )
    } else {
        (
            "risk-clear-dialog",
            &CLEAR_TITLE,
            &CLEAR_BODY,
            &columns::CLEAR,
        )
    };
    let job = if confirm {
        Job::new(move |reason: String| frontend_kit::api::confirm_risk_event(id, reason))
    } else {
        Job::new(move |reason: String| frontend_kit::api::clear_risk_event(id, reason))
    };
    html! {
        <ConfirmDialog id={dialog_id} title={i18n.fmt(title, &[&what])} body={i18n.t(body)}
            confirm={i18n.t(label)} danger={confirm} reason={AttrValue::from(i18n.t(&REASON))}
            {job} on_done={on_done.clone()} />
    }
}
