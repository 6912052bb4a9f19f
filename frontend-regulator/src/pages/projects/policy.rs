//! A project's policy as typed: subsidy rule and amount per trainee (yuan), the study hours
//! required, and whether a final exam is required with its pass mark. [`PolicyForm`] holds the
//! typed text and reads it as a [`TrainingPolicy`] with what is wrong with each field.

use frontend_kit::components::form::parse_field;
use frontend_kit::format::{parse_yuan, yuan_input};
use frontend_kit::prelude::*;
use shared_types::training::TrainingPolicy;
use yew::prelude::*;

const SUBSIDY_RULE: Text = Text::new("补贴标准说明", "Subsidy rule");
const SUBSIDY: Text = Text::new("每人补贴（元）", "Subsidy per trainee (yuan)");
const BAD_AMOUNT: Text = Text::new(
    "请输入金额，最多两位小数",
    "Enter an amount with at most two decimals",
);
const HOURS: Text = Text::new("要求学时", "Required study hours");
const HOURS_HINT: Text = Text::new(
    "1 学时 = 45 分钟，可保留一位小数",
    "1 study hour = 45 minutes; one decimal",
);
const BAD_HOURS: Text = Text::new("请输入大于 0 的数字", "Enter a number above 0");
const EXAM: Text = Text::new("需要结业考试", "Final exam required");
const PASS: Text = Text::new("及格分数（满分 100）", "Pass mark (out of 100)");
const BAD_PASS: Text = Text::new("请输入 0–100 的整数", "Enter a whole number from 0 to 100");

/// The policy fields as typed.
#[derive(Clone, PartialEq)]
pub struct PolicyForm {
    pub subsidy_rule: String,
    pub subsidy: String,
    pub hours: String,
    pub exam: bool,
    pub pass_score: String,
}

/// What is wrong with each typed field.
#[derive(Clone, Copy, PartialEq)]
pub struct PolicyProblems {
    pub subsidy: Option<Text>,
    pub hours: Option<Text>,
    pub pass_score: Option<Text>,
}

impl PolicyProblems {
    pub fn is_empty(&self) -> bool {
        self.subsidy.is_none() && self.hours.is_none() && self.pass_score.is_none()
    }
}

impl PolicyForm {
    pub fn from_policy(p: Option<&TrainingPolicy>) -> Self {
        PolicyForm {
            subsidy_rule: p.map(|p| p.subsidy_rule.clone()).unwrap_or_default(),
            subsidy: p
                .and_then(|p| p.subsidy_cents_per_trainee)
                .map(yuan_input)
                .unwrap_or_default(),
            hours: p
                .map(|p| p.required_study_hours.to_string())
                .unwrap_or_default(),
            exam: p.is_some_and(|p| p.exam_required),
            pass_score: p
                .and_then(|p| p.pass_score)
                .map(|s| s.to_string())
                .unwrap_or_default(),
        }
    }

    /// The policy as far as it reads, and the problems of the fields (a form with problems is
    /// not sent).
    pub fn read(&self) -> (TrainingPolicy, PolicyProblems) {
        let subsidy = parse_yuan(&self.subsidy).map_err(|_| BAD_AMOUNT);
        let hours = parse_field::<f64>(&self.hours, BAD_HOURS).and_then(|h| {
            if h > 0.0 {
                Ok((h * 10.0).round() / 10.0)
            } else {
                Err(BAD_HOURS)
            }
        });
        let pass = match (self.exam, self.pass_score.trim()) {
            (false, _) | (true, "") => Ok(None),
            (true, s) => s
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= 100)
                .map(Some)
                .ok_or(BAD_PASS),
        };
        let policy = TrainingPolicy {
            subsidy_rule: self.subsidy_rule.trim().to_owned(),
            subsidy_cents_per_trainee: subsidy.ok().flatten(),
            required_study_hours: hours.unwrap_or_default(),
            exam_required: self.exam,
            pass_score: pass.ok().flatten(),
        };
        let problems = PolicyProblems {
            subsidy: subsidy.err(),
            hours: hours.err(),
            pass_score: pass.err(),
        };
        (policy, problems)
    }
}

#[derive(Properties, PartialEq)]
pub struct PolicyFieldsProps {
    pub form: PolicyForm,
    pub onchange: Callback<PolicyForm>,
    /// The message under a field: its own problem, or the server's for `policy.<field>`.
    pub error: Callback<(&'static str, Option<Text>), Option<AttrValue>>,
}

#[component]
pub fn PolicyFields(props: &PolicyFieldsProps) -> Html {
    let i18n = use_i18n();
    let f = &props.form;
    let (_, problems) = f.read();
    let set = |apply: fn(&mut PolicyForm, String)| {
        let (form, onchange) = (f.clone(), props.onchange.clone());
        Callback::from(move |v: String| {
            let mut next = form.clone();
            apply(&mut next, v);
            onchange.emit(next);
        })
    };
    let on_exam = {
        let (form, onchange) = (f.clone(), props.onchange.clone());
        Callback::from(move |on: bool| {
            onchange.emit(PolicyForm {
                exam: on,
                ..form.clone()
            })
        })
    };
    let err = |field: &'static str, problem: Option<Text>| props.error.emit((field, problem));
    html! {
        <>
            <TextAreaField id="policy-subsidy-rule" label={i18n.t(&SUBSIDY_RULE)} rows={3} maxlength="2000"
                value={f.subsidy_rule.clone()} oninput={set(|f, v| f.subsidy_rule = v)} error={err("policy.subsidy_rule", None)} />
            <TextField id="policy-subsidy" label={i18n.t(&SUBSIDY)} inputmode="decimal" value={f.subsidy.clone()}
                oninput={set(|f, v| f.subsidy = v)}
                error={err("policy.subsidy_cents_per_trainee", problems.subsidy)} />
            <TextField id="policy-hours" label={i18n.t(&HOURS)} input_type="number" inputmode="decimal" min="0.1" step="0.1"
                required=true helper={AttrValue::from(i18n.t(&HOURS_HINT))} value={f.hours.clone()}
                oninput={set(|f, v| f.hours = v)}
                error={err("policy.required_study_hours", problems.hours)} />
            <CheckField id="policy-exam" label={i18n.t(&EXAM)} checked={f.exam} onchange={on_exam} />
            if f.exam {
                <TextField id="policy-pass-score" label={i18n.t(&PASS)} input_type="number" inputmode="numeric" min="0" max="100"
                    step="1" value={f.pass_score.clone()} oninput={set(|f, v| f.pass_score = v)}
                    error={err("policy.pass_score", problems.pass_score)} />
            }
        </>
    }
}
