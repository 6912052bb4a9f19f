//! The learning engine's policies on the settings page: human verification at random moments
//! while studying (人机验证, T-7.2.6c) and how suspicious study is treated (防刷课, Z-II.3). Each
//! is the fields' text as typed, parsed into the policy when the form is sent.

use frontend_kit::components::form::parse_field;
use frontend_kit::pages::SectionCard;
use frontend_kit::prelude::*;
use shared_types::tenant::{AntiCheatPolicy, HumanCheckPolicy};
use yew::prelude::*;

const HUMAN: Text = Text::new("人机验证", "Human verification");
const HUMAN_ENABLED: Text = Text::new("启用人机验证", "Ask learners to prove they are there");
const HUMAN_ENABLED_HELP: Text = Text::new(
    "学习过程中随机弹出验证题，未按时作答则暂停计时",
    "A question pops up at random moments; study time stops counting until it is answered",
);
const HUMAN_MIN: Text = Text::new(
    "最短验证间隔（分钟）",
    "Shortest time between questions (minutes)",
);
const HUMAN_MIN_HELP: Text = Text::new(
    "两次验证之间至少相隔的分钟数",
    "Fewest minutes between two questions",
);
const HUMAN_MAX: Text = Text::new(
    "最长验证间隔（分钟）",
    "Longest time between questions (minutes)",
);
const HUMAN_MAX_HELP: Text = Text::new(
    "两次验证之间最多相隔的分钟数，不小于最短间隔",
    "Most minutes between two questions; not less than the shortest",
);
const HUMAN_ANSWER: Text = Text::new("作答时限（秒）", "Time to answer (seconds)");
const HUMAN_ANSWER_HELP: Text = Text::new(
    "超过时限未作答，暂停计时直到作答",
    "After this, study time stops counting until the question is answered",
);
const ANTI_CHEAT: Text = Text::new("防刷课", "Anti-cheating");
const AUTOMATION: Text = Text::new(
    "自动化浏览器视为高风险",
    "Treat automated browsers as high risk",
);
const AUTOMATION_HELP: Text = Text::new(
    "检测到自动化或无界面浏览器时暂停计时，待监管人员处理；仅在运行自动化测试的站点关闭",
    "Automated or headless browsers stop crediting until a regulator decides; turn off only on a site that runs browser tests",
);
const PER_IP: Text = Text::new("同一 IP 账号数上限", "Accounts per IP address");
const PER_IP_HELP: Text = Text::new(
    "一小时内从同一 IP 学习的账号达到此数即记为风险事件",
    "This many accounts studying from one IP address within an hour raise a risk event",
);

/// The human-verification fields as typed.
#[derive(Clone)]
pub(super) struct HumanCheckFields {
    enabled: UseStateHandle<bool>,
    min: UseStateHandle<String>,
    max: UseStateHandle<String>,
    answer: UseStateHandle<String>,
}

#[hook]
pub(super) fn use_human_check(loaded: &HumanCheckPolicy) -> HumanCheckFields {
    HumanCheckFields {
        enabled: use_state(|| loaded.enabled),
        min: use_state(|| loaded.min_interval_minutes.to_string()),
        max: use_state(|| loaded.max_interval_minutes.to_string()),
        answer: use_state(|| loaded.answer_seconds.to_string()),
    }
}

fn whole(s: &str) -> Result<u32, Text> {
    parse_field::<u32>(s, texts::BAD_WHOLE_NUMBER)
}

fn set_flag(state: &UseStateHandle<bool>) -> Callback<bool> {
    let state = state.clone();
    Callback::from(move |on: bool| state.set(on))
}

impl HumanCheckFields {
    /// The policy, or the first field's problem.
    pub(super) fn parsed(&self) -> Result<HumanCheckPolicy, Text> {
        Ok(HumanCheckPolicy {
            enabled: *self.enabled,
            min_interval_minutes: whole(&self.min)?,
            max_interval_minutes: whole(&self.max)?,
            answer_seconds: whole(&self.answer)?,
        })
    }

    pub(super) fn section(&self, i18n: &I18n, submit: &Submit, readonly: bool) -> Html {
        let text = |t: &Text| AttrValue::from(i18n.t(t));
        let error = |field: &str, value: &str| submit.field_error(i18n, field, whole(value).err());
        html! {
            <SectionCard id="human-checks" title={text(&HUMAN)}>
                <div class="pf-v6-c-form">
                    <CheckField id="human-enabled" label={text(&HUMAN_ENABLED)} checked={*self.enabled}
                        onchange={set_flag(&self.enabled)} disabled={readonly} description={text(&HUMAN_ENABLED_HELP)} />
                    <NumberField id="human-min-interval" label={text(&HUMAN_MIN)} min="1" max="240"
                        value={(*self.min).clone()} oninput={bind(&self.min)} {readonly} helper={text(&HUMAN_MIN_HELP)}
                        error={error("human_check.min_interval_minutes", &self.min)} />
                    // The server wants max ≥ min: the lower bound follows the other field.
                    <NumberField id="human-max-interval" label={text(&HUMAN_MAX)} min={AttrValue::from((*self.min).clone())} max="240"
                        value={(*self.max).clone()} oninput={bind(&self.max)} {readonly} helper={text(&HUMAN_MAX_HELP)}
                        error={error("human_check.max_interval_minutes", &self.max)} />
                    <NumberField id="human-answer-seconds" label={text(&HUMAN_ANSWER)} min="15" max="600"
                        value={(*self.answer).clone()} oninput={bind(&self.answer)} {readonly} helper={text(&HUMAN_ANSWER_HELP)}
                        error={error("human_check.answer_seconds", &self.answer)} />
                </div>
            </SectionCard>
        }
    }
}

/// The anti-cheating fields as typed.
#[derive(Clone)]
pub(super) struct AntiCheatFields {
    automation_is_high_risk: UseStateHandle<bool>,
    accounts_per_ip: UseStateHandle<String>,
}

#[hook]
pub(super) fn use_anti_cheat(loaded: &AntiCheatPolicy) -> AntiCheatFields {
    AntiCheatFields {
        automation_is_high_risk: use_state(|| loaded.automation_is_high_risk),
        accounts_per_ip: use_state(|| loaded.accounts_per_ip.to_string()),
    }
}

impl AntiCheatFields {
    pub(super) fn parsed(&self) -> Result<AntiCheatPolicy, Text> {
        Ok(AntiCheatPolicy {
            automation_is_high_risk: *self.automation_is_high_risk,
            accounts_per_ip: whole(&self.accounts_per_ip)?,
        })
    }

    pub(super) fn section(&self, i18n: &I18n, submit: &Submit, readonly: bool) -> Html {
        let text = |t: &Text| AttrValue::from(i18n.t(t));
        html! {
            <SectionCard id="anti-cheat" title={text(&ANTI_CHEAT)}>
                <div class="pf-v6-c-form">
                    <CheckField id="automation-high-risk" label={text(&AUTOMATION)} checked={*self.automation_is_high_risk}
                        onchange={set_flag(&self.automation_is_high_risk)} disabled={readonly} description={text(&AUTOMATION_HELP)} />
                    <NumberField id="accounts-per-ip" label={text(&PER_IP)} min="2" max="10000"
                        value={(*self.accounts_per_ip).clone()} oninput={bind(&self.accounts_per_ip)} {readonly}
                        helper={text(&PER_IP_HELP)}
                        error={submit.field_error(i18n, "anti_cheat.accounts_per_ip", whole(&self.accounts_per_ip).err())} />
                </div>
            </SectionCard>
        }
    }
}
