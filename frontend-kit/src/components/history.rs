//! A course's history (T-7.2.7k): the columns of a list of its transitions — when, what, by
//! whom, the status change and the opinion or note — shared by the regulator's records and a
//! course's own page in the regulator and institution apps.

use shared_types::catalog::{CourseEvent, RevisionStatus};
use yew::prelude::*;

use super::{Column, format_time};
use crate::i18n::{I18n, Labelled, Text};

pub const TIME: Text = Text::new("时间", "Time");
const ACTION: Text = Text::new("操作", "Action");
const ACTOR: Text = Text::new("操作人", "By");
const TRANSITION: Text = Text::new("状态变化", "Status change");
const NOTE: Text = Text::new("意见 / 说明", "Opinion / note");
const SYSTEM: Text = Text::new("系统", "System");

fn status_name(i18n: &I18n, code: &Option<String>) -> String {
    match code.as_deref() {
        Some(code) => RevisionStatus::from_code(code)
            .map(|s| i18n.t(&s.text()).to_owned())
            .unwrap_or_else(|| code.to_owned()),
        None => "-".to_owned(),
    }
}

/// Time, action (with the revision), actor, status change and note.
pub fn history_columns(i18n: &I18n) -> Vec<Column<CourseEvent>> {
    let (i1, i2, i3) = (i18n.clone(), i18n.clone(), i18n.clone());
    vec![
        Column::new(i18n.t(&TIME), |e: &CourseEvent| {
            html! { <span class="zp-nowrap">{ format_time(&e.created_at) }</span> }
        }),
        Column::new(i18n.t(&ACTION), move |e: &CourseEvent| {
            let rev = e.revision_no.map(|n| format!(" v{n}")).unwrap_or_default();
            html! { <>{ i1.t(&e.action.text()) }<span class="zp-muted">{ rev }</span></> }
        }),
        Column::new(i18n.t(&ACTOR), move |e: &CourseEvent| {
            html! { e.actor_name.clone().unwrap_or_else(|| i2.t(&SYSTEM).to_owned()) }
        }),
        Column::new(i18n.t(&TRANSITION), move |e: &CourseEvent| {
            if e.from_status.is_none() && e.to_status.is_none() {
                return html! { "-" };
            }
            html! { format!("{} → {}", status_name(&i3, &e.from_status), status_name(&i3, &e.to_status)) }
        }),
        Column::new(i18n.t(&NOTE), |e: &CourseEvent| {
            html! { <span class="zp-prewrap">{ &e.note }</span> }
        }),
    ]
}
