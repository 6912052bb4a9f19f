//! A video's subtitle tracks (Z-III.4): a WebVTT file per language, Simplified Chinese required
//! before the course can be submitted. Uploading replaces a language's track; a track can be
//! removed. Closing reports whether anything changed.

use frontend_kit::components::FileUpload;
use frontend_kit::prelude::*;
use shared_types::catalog::{CourseDetail, Courseware, SubtitleLang};
use shared_types::media::Media;
use yew::prelude::*;

const TITLE: Text = Text::new("字幕：{0}", "Subtitles: {0}");
const HINT: Text = Text::new(
    "上传 WebVTT（.vtt）字幕文件，最大 2 MB。提交审核前必须有简体中文字幕。",
    "Upload WebVTT (.vtt) files up to 2 MB. Simplified Chinese subtitles are required before submission.",
);
const ZH: Text = Text::new("简体中文（必需）", "Simplified Chinese (required)");
const EN: Text = Text::new("英文（可选）", "English (optional)");
const ON_FILE: Text = Text::new("已上传", "Uploaded");
const MISSING: Text = Text::new("未上传", "Not uploaded");
const REMOVE: Text = Text::new("删除字幕", "Remove track");
const UPLOAD: Text = Text::new("上传字幕文件", "Upload a subtitle file");
const SAVED: Text = Text::new("字幕已更新", "Subtitles updated");

const LANGS: [(SubtitleLang, Text); 2] = [(SubtitleLang::ZhCn, ZH), (SubtitleLang::EnUs, EN)];

#[derive(Properties, PartialEq)]
pub struct SubtitlesDialogProps {
    pub courseware: Courseware,
    pub on_done: Callback<bool>,
}

#[component]
pub fn SubtitlesDialog(props: &SubtitlesDialogProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let submit = use_submit();
    let current = use_state(|| props.courseware.clone());
    let changed = use_state_eq(|| false);
    let id = props.courseware.id;

    let attach = |lang: SubtitleLang| {
        let (submit, current, changed, toaster, i18n) = (
            submit.clone(),
            current.clone(),
            changed.clone(),
            toaster.clone(),
            i18n.clone(),
        );
        Callback::from(move |media: Media| {
            let (current, changed, toaster, i18n) = (
                current.clone(),
                changed.clone(),
                toaster.clone(),
                i18n.clone(),
            );
            submit.run(
                false,
                async move { frontend_kit::api::put_subtitle(id, lang, media.id).await },
                move |course: CourseDetail| {
                    let updated = course
                        .revision
                        .chapters
                        .into_iter()
                        .flat_map(|c| c.coursewares)
                        .find(|c| c.id == id);
                    if let Some(cw) = updated {
                        current.set(cw);
                    }
                    changed.set(true);
                    toaster.success(i18n.t(&SAVED));
                },
            );
        })
    };
    let remove = |lang: SubtitleLang| {
        let (submit, current, changed) = (submit.clone(), current.clone(), changed.clone());
        Callback::from(move |_: MouseEvent| {
            let (current, changed) = (current.clone(), changed.clone());
            submit.run(
                false,
                async move { frontend_kit::api::delete_subtitle(id, lang).await },
                move |()| {
                    let mut cw = (*current).clone();
                    cw.subtitles.retain(|s| s.lang != lang);
                    current.set(cw);
                    changed.set(true);
                },
            );
        })
    };
    let on_close = {
        let (on_done, changed) = (props.on_done.clone(), changed.clone());
        Callback::from(move |()| on_done.emit(*changed))
    };
    html! {
        <Dialog id="subtitles-dialog" title={i18n.fmt(&TITLE, &[&props.courseware.title])} onclose={on_close.clone()}
            footer={html! {
                <button id="subtitles-close" type="button" class="pf-v6-c-button pf-m-primary" onclick={on_close.reform(|_: MouseEvent| ())}>
                    <span class="pf-v6-c-button__text">{ i18n.t(&texts::CLOSE) }</span>
                </button>
            }}>
            <div class="pf-v6-c-form">
                <p class="zp-muted">{ i18n.t(&HINT) }</p>
                <FormError message={submit.form_error(&i18n)} />
                { for LANGS.iter().map(|(lang, label)| {
                    let code = lang.as_str();
                    let on_file = current.subtitles.iter().any(|s| s.lang == *lang);
                    html! {
                        <section class="zp-subtitle-track" id={format!("track-{code}")}>
                            <p>
                                <strong>{ i18n.t(label) }</strong>{ " " }
                                if on_file {
                                    <Label text={i18n.t(&ON_FILE)} tone={Tone::Green} icon="fa-check" />
                                    <button id={format!("remove-{code}")} type="button" class="pf-v6-c-button pf-m-link pf-m-inline pf-m-danger"
                                        onclick={remove(*lang)} disabled={submit.busy()}>
                                        <span class="pf-v6-c-button__text">{ i18n.t(&REMOVE) }</span>
                                    </button>
                                } else {
                                    <Label text={i18n.t(&MISSING)} tone={Tone::Orange} />
                                }
                            </p>
                            <FileUpload id={format!("subtitle-{code}")} label={i18n.t(&UPLOAD)}
                                kind={shared_types::media::MediaKind::Subtitle} on_uploaded={attach(*lang)} />
                        </section>
                    }
                }) }
            </div>
        </Dialog>
    }
}
