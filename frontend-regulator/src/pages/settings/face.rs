//! The face-check policy on the settings page (人脸核验, T-7.2.6c/d, Z-II.3): when and how
//! strictly faces are compared, a head turn for liveness, what happens without a camera, which
//! engine compares (the offline one or the tenant's service), and the identity-check service
//! real-name submissions go to (实名认证, T-7.2.6b). Secrets are server configuration: the
//! settings name them by key id only.

use frontend_kit::components::form::parse_field;
use frontend_kit::pages::SectionCard;
use frontend_kit::prelude::*;
use shared_types::face::{FaceFallback, FaceProviderKind};
use shared_types::tenant::{FaceCheckPolicy, FaceProvider, RealNamePolicy};
use yew::prelude::*;

const FACE: Text = Text::new("人脸核验", "Face checks");
const ENABLED: Text = Text::new("启用人脸核验", "Check faces during study");
const ENABLED_HELP: Text = Text::new(
    "每次开始学习时及学习过程中随机抽查学员人脸，确认是本人在学",
    "Compare the learner's face when study starts and at random moments, to confirm who is studying",
);
const MIN: Text = Text::new(
    "最短抽查间隔（分钟）",
    "Shortest time between checks (minutes)",
);
const MIN_HELP: Text = Text::new(
    "两次抽查之间至少相隔的分钟数",
    "Fewest minutes between two checks",
);
const MAX: Text = Text::new(
    "最长抽查间隔（分钟）",
    "Longest time between checks (minutes)",
);
const MAX_HELP: Text = Text::new(
    "两次抽查之间最多相隔的分钟数，不小于最短间隔",
    "Most minutes between two checks; not less than the shortest",
);
const THRESHOLD: Text = Text::new("人脸比对阈值", "Face match threshold");
const THRESHOLD_HELP: Text = Text::new(
    "相似度（0–1）达到此值即通过，越大越严格；本机引擎同一人约 0.55–0.7，不同人约 0.1–0.2",
    "Similarity (0–1) needed to accept a face; higher is stricter. With the local engine the same person scores about 0.55–0.7, others 0.1–0.2",
);
const LIVENESS: Text = Text::new("要求活体检测（转头）", "Require a head turn (liveness)");
const LIVENESS_HELP: Text = Text::new(
    "每次核验再按提示向左或向右转头拍第二张，防止用照片冒充",
    "Every check takes a second frame after a left or right head turn, so a photo cannot pass",
);
const FALLBACK: Text = Text::new("没有摄像头时", "Without a camera");
const VIRTUAL: Text = Text::new("允许虚拟摄像头", "Accept virtual cameras");
const VIRTUAL_HELP: Text = Text::new(
    "仅用于测试站点（浏览器自动化测试使用模拟摄像头）；正式站点请勿开启",
    "Only for a test site (browser tests use a fake camera); never on a live site",
);
const ID_PHOTO: Text = Text::new(
    "身份证照片也作比对依据",
    "Compare with the ID-card photo too",
);
const ID_PHOTO_HELP: Text = Text::new(
    "除现场人像外，身份证人像面照片也可作为比对依据",
    "Besides the live portrait, the photo on the ID card also counts as a reference",
);
const PROVIDER: Text = Text::new("人脸比对引擎", "Face engine");
const ENDPOINT: Text = Text::new("服务地址", "Service URL");
const ENDPOINT_HELP: Text = Text::new(
    "外部人脸比对服务的 HTTPS 地址",
    "HTTPS address of the external face service",
);
const KEY_ID: Text = Text::new("密钥编号", "Key id");
const KEY_ID_HELP: Text = Text::new(
    "签名密钥在服务器配置中的编号（密钥本身不在此填写）",
    "The signing key's id in the server configuration (the secret itself is not entered here)",
);
const REAL_NAME: Text = Text::new("实名认证服务", "Identity-check service");
const RN_ENDPOINT_HELP: Text = Text::new(
    "外部身份核验服务的 HTTPS 地址；留空则由监管人员人工审核",
    "HTTPS address of the external identity-check service; leave empty for staff review",
);

fn set_flag(state: &UseStateHandle<bool>) -> Callback<bool> {
    let state = state.clone();
    Callback::from(move |on: bool| state.set(on))
}

/// The face-check and identity-check fields as typed.
#[derive(Clone)]
pub(super) struct FaceFields {
    enabled: UseStateHandle<bool>,
    min: UseStateHandle<String>,
    max: UseStateHandle<String>,
    threshold: UseStateHandle<String>,
    liveness: UseStateHandle<bool>,
    fallback: UseStateHandle<String>,
    virtual_camera: UseStateHandle<bool>,
    id_photo: UseStateHandle<bool>,
    provider: UseStateHandle<String>,
    endpoint: UseStateHandle<String>,
    key_id: UseStateHandle<String>,
    rn_endpoint: UseStateHandle<String>,
    rn_key_id: UseStateHandle<String>,
}

#[hook]
pub(super) fn use_face_fields(face: &FaceCheckPolicy, real_name: &RealNamePolicy) -> FaceFields {
    FaceFields {
        enabled: use_state(|| face.enabled),
        min: use_state(|| face.min_interval_minutes.to_string()),
        max: use_state(|| face.max_interval_minutes.to_string()),
        threshold: use_state(|| face.threshold.to_string()),
        liveness: use_state(|| face.require_liveness),
        fallback: use_state(|| face.fallback.code().to_owned()),
        virtual_camera: use_state(|| face.allow_virtual_camera),
        id_photo: use_state(|| face.use_id_photo),
        provider: use_state(|| face.provider.kind.code().to_owned()),
        endpoint: use_state(|| face.provider.endpoint.clone()),
        key_id: use_state(|| face.provider.key_id.clone()),
        rn_endpoint: use_state(|| real_name.endpoint.clone()),
        rn_key_id: use_state(|| real_name.key_id.clone()),
    }
}

fn whole(s: &str) -> Result<u32, Text> {
    parse_field::<u32>(s, texts::BAD_WHOLE_NUMBER)
}

fn threshold(s: &str) -> Result<f32, Text> {
    parse_field::<f32>(s, texts::BAD_NUMBER)
}

impl FaceFields {
    /// The face-check policy, or the first field's problem.
    pub(super) fn parsed(&self) -> Result<FaceCheckPolicy, Text> {
        let kind = FaceProviderKind::from_code(&self.provider).unwrap_or(FaceProviderKind::Local);
        Ok(FaceCheckPolicy {
            enabled: *self.enabled,
            min_interval_minutes: whole(&self.min)?,
            max_interval_minutes: whole(&self.max)?,
            threshold: threshold(&self.threshold)?,
            require_liveness: *self.liveness,
            fallback: FaceFallback::from_code(&self.fallback).unwrap_or(FaceFallback::HumanCheck),
            allow_virtual_camera: *self.virtual_camera,
            use_id_photo: *self.id_photo,
            provider: FaceProvider {
                kind,
                // The local engine has no address: an old one typed in is not kept.
                endpoint: if kind == FaceProviderKind::Http {
                    self.endpoint.trim().to_owned()
                } else {
                    String::new()
                },
                key_id: if kind == FaceProviderKind::Http {
                    self.key_id.trim().to_owned()
                } else {
                    String::new()
                },
            },
        })
    }

    pub(super) fn real_name(&self) -> RealNamePolicy {
        RealNamePolicy {
            endpoint: self.rn_endpoint.trim().to_owned(),
            key_id: self.rn_key_id.trim().to_owned(),
        }
    }

    pub(super) fn section(&self, i18n: &I18n, submit: &Submit, readonly: bool) -> Html {
        let text = |t: &Text| AttrValue::from(i18n.t(t));
        let error = |field: &str, problem: Option<Text>| submit.field_error(i18n, field, problem);
        let http = *self.provider == FaceProviderKind::Http.code();
        html! {
            <SectionCard id="face-checks" title={text(&FACE)}>
                <div class="pf-v6-c-form">
                    <CheckField id="face-enabled" label={text(&ENABLED)} checked={*self.enabled}
                        onchange={set_flag(&self.enabled)} disabled={readonly} description={text(&ENABLED_HELP)} />
                    <NumberField id="face-min-interval" label={text(&MIN)} min="1" max="240"
                        value={(*self.min).clone()} oninput={bind(&self.min)} {readonly} helper={text(&MIN_HELP)}
                        error={error("face_check.min_interval_minutes", whole(&self.min).err())} />
                    // The server wants max ≥ min: the lower bound follows the other field.
                    <NumberField id="face-max-interval" label={text(&MAX)} min={AttrValue::from((*self.min).clone())} max="240"
                        value={(*self.max).clone()} oninput={bind(&self.max)} {readonly} helper={text(&MAX_HELP)}
                        error={error("face_check.max_interval_minutes", whole(&self.max).err())} />
                    <NumberField id="face-threshold" label={text(&THRESHOLD)} min="0" max="1" step="0.01"
                        value={(*self.threshold).clone()} oninput={bind(&self.threshold)} {readonly} helper={text(&THRESHOLD_HELP)}
                        error={error("face_check.threshold", threshold(&self.threshold).err())} />
                    <CheckField id="face-liveness" label={text(&LIVENESS)} checked={*self.liveness}
                        onchange={set_flag(&self.liveness)} disabled={readonly} description={text(&LIVENESS_HELP)} />
                    <SelectField id="face-fallback" label={text(&FALLBACK)} value={(*self.fallback).clone()}
                        options={choices(i18n, FaceFallback::ALL.iter().copied(), None)} onchange={bind(&self.fallback)}
                        error={error("face_check.fallback", None)} />
                    <CheckField id="face-use-id-photo" label={text(&ID_PHOTO)} checked={*self.id_photo}
                        onchange={set_flag(&self.id_photo)} disabled={readonly} description={text(&ID_PHOTO_HELP)} />
                    <CheckField id="face-virtual-camera" label={text(&VIRTUAL)} checked={*self.virtual_camera}
                        onchange={set_flag(&self.virtual_camera)} disabled={readonly} description={text(&VIRTUAL_HELP)} />
                    <SelectField id="face-provider" label={text(&PROVIDER)} value={(*self.provider).clone()}
                        options={choices(i18n, FaceProviderKind::ALL.iter().copied(), None)} onchange={bind(&self.provider)}
                        error={error("face_check.provider.kind", None)} />
                    if http {
                        <TextField id="face-provider-endpoint" label={text(&ENDPOINT)} input_type="url" required=true
                            value={(*self.endpoint).clone()} oninput={bind(&self.endpoint)} {readonly} helper={text(&ENDPOINT_HELP)}
                            error={error("face_check.provider.endpoint", None)} />
                        <TextField id="face-provider-key-id" label={text(&KEY_ID)} required=true
                            value={(*self.key_id).clone()} oninput={bind(&self.key_id)} {readonly} helper={text(&KEY_ID_HELP)}
                            error={error("face_check.provider.key_id", None)} />
                    }
                </div>
            </SectionCard>
        }
    }

    pub(super) fn real_name_section(&self, i18n: &I18n, submit: &Submit, readonly: bool) -> Html {
        let text = |t: &Text| AttrValue::from(i18n.t(t));
        html! {
            <SectionCard id="real-name-service" title={text(&REAL_NAME)}>
                <div class="pf-v6-c-form">
                    <TextField id="real-name-endpoint" label={text(&ENDPOINT)} input_type="url"
                        value={(*self.rn_endpoint).clone()} oninput={bind(&self.rn_endpoint)} {readonly}
                        helper={text(&RN_ENDPOINT_HELP)} error={submit.field_error(i18n, "real_name.endpoint", None)} />
                    <TextField id="real-name-key-id" label={text(&KEY_ID)}
                        value={(*self.rn_key_id).clone()} oninput={bind(&self.rn_key_id)} {readonly}
                        helper={text(&KEY_ID_HELP)} error={submit.field_error(i18n, "real_name.key_id", None)} />
                </div>
            </SectionCard>
        }
    }
}
