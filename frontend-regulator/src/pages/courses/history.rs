//! The course page's review rounds (each with its opinions on demand) and its history of
//! transitions (T-7.2.7k). Both load again when the page reports a change.

use std::rc::Rc;

use frontend_kit::components::format_time;
use frontend_kit::components::review::OpinionList;
use frontend_kit::prelude::*;
use shared_types::catalog::CourseEvent;
use shared_types::review::{ReviewRecordQuery, RoundSummary};
use uuid::Uuid;
use yew::prelude::*;

use crate::pages::records::event_columns;

const NO_ROUNDS: Text = Text::new("尚未分配专家组", "Not assigned to a group yet");
const ROUND_NO: Text = Text::new("第 {0} 轮", "Round {0}");
const ROUND_FACTS: Text = Text::new(
    "{0}（{1}）· 修订 v{2} · 意见 {3}/{4} · 分配于 {5}",
    "{0} ({1}) · revision {2} · opinions {3}/{4} · assigned {5}",
);
const DECIDED: Text = Text::new("，决定于 {0}", ", decided {0}");
const SHOW_OPINIONS: Text = Text::new("查看意见", "Show opinions");
const HIDE_OPINIONS: Text = Text::new("收起意见", "Hide opinions");
/// The history shows this many transitions; the review records page has them all.
const HISTORY_ROWS: u32 = 100;

#[derive(Properties, PartialEq)]
pub struct CourseSectionProps {
    pub course_id: Uuid,
    /// Changes made on the page so far (reload when it moves).
    pub changes: u32,
}

#[component]
pub fn Rounds(props: &CourseSectionProps) -> Html {
    let i18n = use_i18n();
    let remote = use_remote((props.course_id, props.changes), |(id, _)| {
        frontend_kit::api::review_course_rounds(id)
    });
    let Some(rounds) = remote.data.clone() else {
        return html! { <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} /> };
    };
    if rounds.is_empty() {
        return html! { <p class="zp-muted">{ i18n.t(&NO_ROUNDS) }</p> };
    }
    // Oldest first on the wire or not, number them by assignment time.
    let mut ordered: Vec<RoundSummary> = rounds.as_ref().clone();
    ordered.sort_by_key(|r| r.assigned_at);
    html! {
        <ul class="zp-rounds">
            { for ordered.into_iter().enumerate().rev().map(|(i, round)| {
                let key = round.id.to_string();
                html! { <RoundItem {key} number={i + 1} {round} /> }
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
struct RoundItemProps {
    number: usize,
    round: RoundSummary,
}

#[component]
fn RoundItem(props: &RoundItemProps) -> Html {
    let i18n = use_i18n();
    let expanded = use_state_eq(|| false);
    let r = &props.round;
    let mut facts = i18n.fmt(
        &ROUND_FACTS,
        &[
            &r.group.name,
            i18n.t(&r.decision_rule.text()),
            &r.revision_no.to_string(),
            &r.opinions.to_string(),
            &r.reviewers.to_string(),
            &format_time(&r.assigned_at),
        ],
    );
    if let Some(at) = &r.decided_at {
        facts.push_str(&i18n.fmt(&DECIDED, &[&format_time(at)]));
    }
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let panel_id = format!("round-{}", r.id);
    html! {
        <li class="zp-round">
            <div class="zp-opinion-head">
                <strong>{ i18n.fmt(&ROUND_NO, &[&props.number.to_string()]) }</strong>
                { status_label(&i18n, r.status) }
                <button type="button" class="pf-v6-c-button pf-m-link pf-m-inline" aria-expanded={expanded.to_string()}
                    aria-controls={panel_id.clone()} onclick={toggle}>
                    <span class="pf-v6-c-button__text">{ i18n.t(if *expanded { &HIDE_OPINIONS } else { &SHOW_OPINIONS }) }</span>
                </button>
            </div>
            <p class="zp-muted">{ facts }</p>
            if *expanded {
                <div id={panel_id}><RoundOpinions round_id={r.id} /></div>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct RoundOpinionsProps {
    round_id: Uuid,
}

#[component]
fn RoundOpinions(props: &RoundOpinionsProps) -> Html {
    let i18n = use_i18n();
    let remote = use_remote(props.round_id, frontend_kit::api::review_round);
    match (&remote.data, &remote.error) {
        (Some(detail), _) => html! { <OpinionList opinions={detail.opinions.clone()} /> },
        (None, Some(err)) => html! { <FormError message={AttrValue::from(i18n.error(err))} /> },
        (None, None) => html! { <p class="zp-muted">{ i18n.t(&texts::LOADING) }</p> },
    }
}

#[component]
pub fn History(props: &CourseSectionProps) -> Html {
    let i18n = use_i18n();
    let remote = use_remote((props.course_id, props.changes), |(id, _)| async move {
        let query = ReviewRecordQuery {
            course_id: Some(id),
            per_page: Some(HISTORY_ROWS),
            ..Default::default()
        };
        frontend_kit::api::review_records(&query).await
    });
    let rows = remote
        .data
        .as_ref()
        .map(|p| Rc::new(p.items.clone()))
        .unwrap_or_default();
    html! {
        <>
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            <DataTable<CourseEvent> id="history-table" caption={i18n.t(&super::TITLE)}
                columns={event_columns(&i18n, false)} {rows} loading={remote.loading} />
        </>
    }
}
