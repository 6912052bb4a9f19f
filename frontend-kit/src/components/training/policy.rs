//! 培训政策 — what a project and its classes ask of trainees and pay for: in one line for tables,
//! in full as facts (T-7.2.5d, T-7.2.7h).

use shared_types::training::TrainingPolicy;
use yew::prelude::*;

use crate::components::{Facts, fact};
use crate::format::{price, study_hours};
use crate::i18n::{I18n, Text, texts, use_i18n};

const HOURS: Text = Text::new("要求学时", "Required study hours");
const SUBSIDY: Text = Text::new("补贴标准", "Subsidy");
const SUBSIDY_RULE: Text = Text::new("补贴说明", "Subsidy rule");
const PER_TRAINEE: Text = Text::new("{0}/人", "{0} per trainee");
const EXAM: Text = Text::new("结业考试", "Final exam");
const EXAM_REQUIRED: Text = Text::new("需考试，{0} 分及格", "Required, pass mark {0}");
const EXAM_NO_MARK: Text = Text::new("需考试", "Required");
const NO_EXAM: Text = Text::new("无需考试", "No exam");

fn exam(i18n: &I18n, p: &TrainingPolicy) -> String {
    match (p.exam_required, p.pass_score) {
        (true, Some(mark)) => i18n.fmt(&EXAM_REQUIRED, &[&mark.to_string()]),
        (true, None) => i18n.t(&EXAM_NO_MARK).to_owned(),
        (false, _) => i18n.t(&NO_EXAM).to_owned(),
    }
}

fn subsidy(i18n: &I18n, p: &TrainingPolicy) -> String {
    p.subsidy_cents_per_trainee
        .map(|c| i18n.fmt(&PER_TRAINEE, &[&price(c)]))
        .unwrap_or_else(|| i18n.t(&texts::NONE).to_owned())
}

/// `40学时 · ¥300.00/人 · 需考试，60 分及格`
pub fn policy_summary(i18n: &I18n, p: &TrainingPolicy) -> String {
    let mut parts = vec![study_hours(p.required_study_hours, i18n.lang)];
    if p.subsidy_cents_per_trainee.is_some() {
        parts.push(subsidy(i18n, p));
    }
    parts.push(exam(i18n, p));
    parts.join(" · ")
}

#[derive(Properties, PartialEq)]
pub struct PolicyViewProps {
    pub policy: TrainingPolicy,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

#[component]
pub fn PolicyView(props: &PolicyViewProps) -> Html {
    let i18n = use_i18n();
    let p = &props.policy;
    html! {
        <Facts id={props.id.clone()}>
            { fact(i18n.t(&HOURS), study_hours(p.required_study_hours, i18n.lang)) }
            { fact(i18n.t(&SUBSIDY), subsidy(&i18n, p)) }
            if !p.subsidy_rule.is_empty() {
                { fact(i18n.t(&SUBSIDY_RULE), html! { <span class="zp-prewrap">{ &p.subsidy_rule }</span> }) }
            }
            { fact(i18n.t(&EXAM), exam(&i18n, p)) }
        </Facts>
    }
}
