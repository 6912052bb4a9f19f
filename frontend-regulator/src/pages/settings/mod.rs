//! `/regulator/settings`: the site's study-hour, face-check (and identity-check service),
//! human-verification and anti-cheating rules (站点设置, Z-III.5, T-7.2.6c, Z-II.3). Every regulator role reads them; only a regulator
//! admin changes them. The bounds shown are hints mirroring `backend/src/tenancy/service.rs`: the
//! server validates the whole result.

mod checks;
mod face;

use std::rc::Rc;

use frontend_kit::components::form::parse_field;
use frontend_kit::pages::{PageTitle, SectionCard};
use frontend_kit::prelude::*;
use shared_types::tenant::TenantSettings;
use yew::prelude::*;

pub(crate) const TITLE: Text = Text::new("站点设置", "Site settings");
const READ_ONLY: Text = Text::new(
    "仅监管管理员可以修改站点设置。",
    "Only a regulator admin can change the site settings.",
);
const STUDY: Text = Text::new("学时规则", "Study hours");
const STUDY_HOUR_MINUTES: Text = Text::new("每学时分钟数", "Minutes per study hour");
const STUDY_HOUR_MINUTES_HELP: Text = Text::new(
    "学习多少分钟计 1 学时；浙江规定 1 学时为 45 分钟",
    "Minutes of study credited as one study hour; 45 under the Zhejiang rules",
);
const DAILY_CAP: Text = Text::new("每日学时上限", "Daily cap (study hours)");
const DAILY_CAP_HELP: Text = Text::new(
    "每名学员每天最多计入的学时；浙江规定每日不超过 8 学时",
    "Most study hours credited to a learner per day; at most 8 under the Zhejiang rules",
);
const HEARTBEAT: Text = Text::new("心跳间隔（秒）", "Heartbeat interval (seconds)");
const HEARTBEAT_HELP: Text = Text::new(
    "学习时播放器每隔多少秒向服务器报告一次进度",
    "How often the player reports progress to the server while a learner studies",
);
#[component]
pub fn Settings() -> Html {
    let i18n = use_i18n();
    let remote = use_remote((), |()| frontend_kit::api::tenant_settings());
    html! {
        <>
            <PageTitle title={TITLE} />
            <FormError id="load-error" message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            { match &remote.data {
                Some(settings) => html! { <SettingsForm settings={settings.clone()} /> },
                None if remote.loading => html! { <Loading /> },
                None => html! {},
            } }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct SettingsFormProps {
    settings: Rc<TenantSettings>,
}

/// The settings as loaded, editable for an admin and read-only for everyone else.
#[component]
fn SettingsForm(props: &SettingsFormProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let can_edit = crate::pages::use_can_edit();
    let submit = use_submit();
    let loaded = &props.settings;
    let study_hour_minutes = use_state(|| loaded.study_hour_minutes.to_string());
    let daily_cap = use_state(|| loaded.daily_cap_study_hours.to_string());
    let heartbeat = use_state(|| loaded.heartbeat_seconds.to_string());
    let face = face::use_face_fields(&loaded.face_check, &loaded.real_name);
    let human = checks::use_human_check(&loaded.human_check);
    let anti_cheat = checks::use_anti_cheat(&loaded.anti_cheat);

    let whole = |s: &str| parse_field::<u32>(s, texts::BAD_WHOLE_NUMBER);
    let minutes = whole(&study_hour_minutes);
    let cap = whole(&daily_cap);
    let beat = whole(&heartbeat);
    let face_check = face.parsed();
    let human_check = human.parsed();
    let anti = anti_cheat.parsed();
    let request = match ((minutes, cap, beat), (&face_check, &human_check, &anti)) {
        (
            (Ok(study_hour_minutes), Ok(daily_cap_study_hours), Ok(heartbeat_seconds)),
            (Ok(face_check), Ok(human_check), Ok(anti_cheat)),
        ) => Some(TenantSettings {
            study_hour_minutes,
            daily_cap_study_hours,
            heartbeat_seconds,
            face_check: face_check.clone(),
            real_name: face.real_name(),
            human_check: human_check.clone(),
            anti_cheat: anti_cheat.clone(),
        }),
        _ => None,
    };

    let onsubmit = {
        let (submit, toaster, i18n) = (submit.clone(), toaster.clone(), i18n.clone());
        Callback::from(move |()| {
            // Never sent when a number does not parse: `run` stops at `invalid`.
            let req = request.clone().unwrap_or_default();
            let (toaster, i18n) = (toaster.clone(), i18n.clone());
            submit.run(
                request.is_none(),
                async move { frontend_kit::api::update_tenant_settings(&req).await },
                move |_| toaster.success(i18n.t(&texts::SAVED)),
            );
        })
    };
    let text = |t: &Text| AttrValue::from(i18n.t(t));

    html! {
        <form class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
            if !can_edit {
                <p id="settings-read-only" class="zp-muted">{ i18n.t(&READ_ONLY) }</p>
            }
            <FormError message={submit.form_error(&i18n)} />
            <div class="zp-cards">
                <SectionCard id="study-rules" title={text(&STUDY)}>
                    <div class="pf-v6-c-form">
                        <NumberField id="study-hour-minutes" label={text(&STUDY_HOUR_MINUTES)} min="1" max="120"
                            value={(*study_hour_minutes).clone()} oninput={bind(&study_hour_minutes)} readonly={!can_edit}
                            helper={text(&STUDY_HOUR_MINUTES_HELP)} error={submit.field_error(&i18n, "study_hour_minutes", minutes.err())} />
                        <NumberField id="daily-cap" label={text(&DAILY_CAP)} min="1" max="24"
                            value={(*daily_cap).clone()} oninput={bind(&daily_cap)} readonly={!can_edit}
                            helper={text(&DAILY_CAP_HELP)} error={submit.field_error(&i18n, "daily_cap_study_hours", cap.err())} />
                        <NumberField id="heartbeat-seconds" label={text(&HEARTBEAT)} min="5" max="120"
                            value={(*heartbeat).clone()} oninput={bind(&heartbeat)} readonly={!can_edit}
                            helper={text(&HEARTBEAT_HELP)} error={submit.field_error(&i18n, "heartbeat_seconds", beat.err())} />
                    </div>
                </SectionCard>
                { face.section(&i18n, &submit, !can_edit) }
                { face.real_name_section(&i18n, &submit, !can_edit) }
                { human.section(&i18n, &submit, !can_edit) }
                { anti_cheat.section(&i18n, &submit, !can_edit) }
            </div>
            if can_edit {
                <div class="pf-v6-c-form__group pf-m-action">
                    <div class="pf-v6-c-form__actions">
                        <SubmitButton id="save-settings" label={text(&texts::SAVE)} busy={submit.busy()} />
                    </div>
                </div>
            }
        </form>
    }
}
