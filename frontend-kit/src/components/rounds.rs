//! A course's review rounds (Z-III.1, T-7.2.7i): each round's group, rule, progress and
//! outcome, with its opinions on demand — for regulator staff, and for the course's author (who
//! sees the decided rounds' opinions, experts anonymous).

use shared_types::review::RoundSummary;
use uuid::Uuid;
use yew::prelude::*;

use super::form::FormError;
use super::remote::use_remote;
use super::review::OpinionList;
use super::{format_time, status_label};
use crate::api;
use crate::i18n::{Labelled, Text, texts, use_i18n};

const NO_ROUNDS: Text = Text::new("尚未分配专家组", "Not assigned to a group yet");
const ROUND_NO: Text = Text::new("第 {0} 轮", "Round {0}");
const ROUND_FACTS: Text = Text::new(
    "{0}（{1}）· 修订 v{2} · 意见 {3}/{4} · 分配于 {5}",
    "{0} ({1}) · revision {2} · opinions {3}/{4} · assigned {5}",
);
const DECIDED: Text = Text::new("，决定于 {0}", ", decided {0}");
const SHOW_OPINIONS: Text = Text::new("查看意见", "Show opinions");
const HIDE_OPINIONS: Text = Text::new("收起意见", "Hide opinions");
/// Who is reading, and so which endpoints answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundsReader {
    /// Regulator staff: `/api/v1/review/...`.
    Regulator,
    /// The course's author: `/api/v1/courses/{id}/rounds...` (experts anonymous).
    Author,
}

#[derive(Properties, PartialEq)]
pub struct ReviewRoundsProps {
    pub course_id: Uuid,
    pub reader: RoundsReader,
    /// Changes made on the page so far (reload when it moves).
    #[prop_or_default]
    pub changes: u32,
}

/// A course's review rounds, newest first, each with its opinions on demand.
#[component]
pub fn ReviewRounds(props: &ReviewRoundsProps) -> Html {
    let i18n = use_i18n();
    let remote = use_remote(
        (props.course_id, props.reader, props.changes),
        |(id, reader, _)| async move {
            match reader {
                RoundsReader::Regulator => api::review_course_rounds(id).await,
                RoundsReader::Author => api::course_rounds(id).await,
            }
        },
    );
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
                html! { <RoundItem {key} number={i + 1} {round} reader={props.reader} /> }
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
struct RoundItemProps {
    number: usize,
    round: RoundSummary,
    reader: RoundsReader,
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
                <div id={panel_id}><RoundOpinions course_id={r.course_id} round_id={r.id} reader={props.reader} /></div>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct RoundOpinionsProps {
    course_id: Uuid,
    round_id: Uuid,
    reader: RoundsReader,
}

#[component]
fn RoundOpinions(props: &RoundOpinionsProps) -> Html {
    let i18n = use_i18n();
    let remote = use_remote(
        (props.course_id, props.round_id, props.reader),
        |(course_id, round_id, reader)| async move {
            match reader {
                RoundsReader::Regulator => api::review_round(round_id).await,
                RoundsReader::Author => api::course_round(course_id, round_id).await,
            }
        },
    );
    match (&remote.data, &remote.error) {
        (Some(detail), _) => html! { <OpinionList opinions={detail.opinions.clone()} /> },
        (None, Some(err)) => html! { <FormError message={AttrValue::from(i18n.error(err))} /> },
        (None, None) => html! { <p class="zp-muted">{ i18n.t(&texts::LOADING) }</p> },
    }
}
