//! The outline's dialogs: add or edit a courseware (uploading its video or PDF, or naming its
//! link), rename a chapter, delete a chapter or courseware. Each reports `on_done(true)` after a
//! change, `on_done(false)` when cancelled.

use frontend_kit::components::FileUpload;
use frontend_kit::components::form::{check_required, parse_field};
use frontend_kit::prelude::*;
use shared_types::catalog::{Chapter, ChapterInput, Courseware, CoursewareInput, CoursewareKind};
use shared_types::media::{Media, MediaKind};
use uuid::Uuid;
use yew::prelude::*;

const ADD_TITLE: Text = Text::new("添加课件", "Add courseware");
const EDIT_TITLE: Text = Text::new("编辑课件：{0}", "Edit courseware: {0}");
const TITLE: Text = Text::new("课件名称", "Title");
const KIND: Text = Text::new("课件类型", "Kind");
const REQUIRED: Text = Text::new(
    "必修（计入课程总时长）",
    "Required (counts towards the course duration)",
);
const VIDEO: Text = Text::new("视频文件", "Video file");
const VIDEO_HINT: Text = Text::new(
    "MP4、MOV、WebM 等，最大 20 GB；上传后自动检查并转码。断网后可继续上传。",
    "MP4, MOV, WebM…, up to 20 GB; checked and transcoded after upload. Resumes after a dropped connection.",
);
const DOCUMENT: Text = Text::new("PDF 文件", "PDF file");
const DOCUMENT_HINT: Text = Text::new(
    "最大 200 MB，学员在浏览器中阅读。",
    "Up to 200 MB, read in the browser.",
);
const FILE_ON_RECORD: Text = Text::new(
    "已有文件；重新上传可替换。",
    "A file is on record; upload again to replace it.",
);
const PICK_FILE: Text = Text::new("请上传文件", "Upload a file");
const URL: Text = Text::new("链接地址", "Link");
const BAD_URL: Text = Text::new(
    "请输入以 https:// 开头的链接",
    "Enter a link starting with https://",
);
const MIN_MINUTES: Text = Text::new("最少阅读时间（分钟）", "Minimum reading time (minutes)");
const BAD_MINUTES: Text = Text::new(
    "请输入 1–1440 的整数",
    "Enter a whole number from 1 to 1440",
);
const RENAME_TITLE: Text = Text::new("重命名章节", "Rename chapter");
const CHAPTER_TITLE: Text = Text::new("章节名称", "Chapter title");
const DELETE_TITLE: Text = Text::new("确认删除", "Delete");
const DELETE_CHAPTER: Text = Text::new(
    "删除章节“{0}”及其全部课件？",
    "Delete the chapter “{0}” with all its coursewares?",
);
const DELETE_COURSEWARE: Text = Text::new("删除课件“{0}”？", "Delete the courseware “{0}”?");
const DELETE: Text = Text::new("删除", "Delete");

const KINDS: [CoursewareKind; 3] = [
    CoursewareKind::Video,
    CoursewareKind::Document,
    CoursewareKind::Link,
];

fn check_url(kind: CoursewareKind, url: &str) -> Option<Text> {
    let url = url.trim();
    (kind == CoursewareKind::Link && !(url.starts_with("https://") || url.starts_with("http://")))
        .then_some(BAD_URL)
}

/// A document's minimum reading time in seconds (required, 1 minute to 24 hours).
fn minutes(kind: CoursewareKind, s: &str) -> Result<Option<i32>, Text> {
    if kind != CoursewareKind::Document {
        return Ok(None);
    }
    match parse_field::<i32>(s, BAD_MINUTES)? {
        m @ 1..=1440 => Ok(Some(m * 60)),
        _ => Err(BAD_MINUTES),
    }
}

#[derive(Properties, PartialEq)]
pub struct CoursewareDialogProps {
    /// Where a new courseware goes (unused when editing).
    pub chapter_id: Uuid,
    /// `None`: a new courseware.
    pub courseware: Option<Courseware>,
    pub on_done: Callback<bool>,
}

#[component]
pub fn CoursewareDialog(props: &CoursewareDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let cw = props.courseware.as_ref();
    let title = use_state(|| cw.map(|c| c.title.clone()).unwrap_or_default());
    let kind_code = use_state(|| {
        cw.map_or(CoursewareKind::Video, |c| c.kind)
            .code()
            .to_owned()
    });
    let required = use_state(|| cw.is_none_or(|c| c.required));
    let media_id = use_state(|| cw.and_then(|c| c.media_id));
    let url = use_state(|| cw.and_then(|c| c.url.clone()).unwrap_or_default());
    let min_minutes = use_state(|| {
        cw.and_then(|c| c.min_study_seconds)
            .map(|s| (s / 60).to_string())
            .unwrap_or_default()
    });
    let kind = CoursewareKind::from_code(&kind_code).unwrap_or(CoursewareKind::Video);
    let needs_file = kind != CoursewareKind::Link;
    let title_error = check_required(&title);
    let file_error = (needs_file && media_id.is_none()).then_some(PICK_FILE);
    let url_error = check_url(kind, &url);
    let min_study = minutes(kind, &min_minutes);
    let invalid =
        title_error.is_some() || file_error.is_some() || url_error.is_some() || min_study.is_err();
    let onsubmit = {
        let req = CoursewareInput {
            title: title.trim().to_owned(),
            kind,
            required: *required,
            media_id: (*media_id).filter(|_| needs_file),
            url: Some(url.trim().to_owned()).filter(|_| !needs_file),
            min_study_seconds: min_study.ok().flatten(),
        };
        let (submit, on_done, chapter_id) =
            (submit.clone(), props.on_done.clone(), props.chapter_id);
        let id = cw.map(|c| c.id);
        Callback::from(move |()| {
            let (req, on_done) = (req.clone(), on_done.clone());
            submit.run(
                invalid,
                async move {
                    match id {
                        Some(id) => frontend_kit::api::update_courseware(id, &req)
                            .await
                            .map(drop),
                        None => frontend_kit::api::add_courseware(chapter_id, &req)
                            .await
                            .map(drop),
                    }
                },
                move |()| on_done.emit(true),
            );
        })
    };
    let on_kind = {
        let (kind_code, media_id) = (kind_code.clone(), media_id.clone());
        Callback::from(move |code: String| {
            // A video is no document: a new kind needs its own file.
            media_id.set(None);
            kind_code.set(code);
        })
    };
    let on_uploaded = {
        let media_id = media_id.clone();
        Callback::from(move |media: Media| media_id.set(Some(media.id)))
    };
    let on_required = {
        let required = required.clone();
        Callback::from(move |on: bool| required.set(on))
    };
    let dialog_title = match cw {
        Some(c) => i18n.fmt(&EDIT_TITLE, &[&c.title]),
        None => i18n.t(&ADD_TITLE).to_owned(),
    };
    let on_close = props.on_done.reform(|()| false);
    let (file_label, file_hint, media_kind) = match kind {
        CoursewareKind::Document => (DOCUMENT, DOCUMENT_HINT, MediaKind::Document),
        _ => (VIDEO, VIDEO_HINT, MediaKind::Video),
    };
    html! {
        <Dialog id="courseware-dialog" title={dialog_title} onclose={on_close.clone()}
            footer={html! { <DialogActions form="courseware-form" label={i18n.t(&texts::SAVE)} busy={submit.busy()} oncancel={on_close} /> }}>
            <form id="courseware-form" class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n)} />
                <TextField id="courseware-title" label={i18n.t(&TITLE)} required=true maxlength="100"
                    value={(*title).clone()} oninput={bind(&title)} error={submit.field_error(&i18n, "title", title_error)} />
                <SelectField id="courseware-kind" label={i18n.t(&KIND)} value={(*kind_code).clone()}
                    options={choices(&i18n, KINDS, None)} onchange={on_kind} />
                <CheckField id="courseware-required" label={i18n.t(&REQUIRED)} checked={*required} onchange={on_required} />
                if needs_file {
                    if media_id.is_some() && *media_id == cw.and_then(|c| c.media_id) {
                        <p class="zp-muted" id="courseware-file-on-record">{ i18n.t(&FILE_ON_RECORD) }</p>
                    }
                    <FileUpload key={kind.code()} id="courseware-file" label={i18n.t(&file_label)} kind={media_kind}
                        helper={AttrValue::from(i18n.t(&file_hint))} required=true {on_uploaded} />
                    if let Some(message) = submit.field_error(&i18n, "media_id", file_error) {
                        <p class="zp-badge-off" role="alert">{ message }</p>
                    }
                } else {
                    <TextField id="courseware-url" label={i18n.t(&URL)} required=true input_type="url" maxlength="2000"
                        value={(*url).clone()} oninput={bind(&url)} error={submit.field_error(&i18n, "url", url_error)} />
                }
                if kind == CoursewareKind::Document {
                    <TextField id="courseware-min-minutes" label={i18n.t(&MIN_MINUTES)} inputmode="numeric"
                        value={(*min_minutes).clone()} oninput={bind(&min_minutes)}
                        error={submit.field_error(&i18n, "min_study_seconds", min_study.err())} />
                }
            </form>
        </Dialog>
    }
}

#[derive(Properties, PartialEq)]
pub struct RenameChapterProps {
    pub chapter: Chapter,
    pub on_done: Callback<bool>,
}

#[component]
pub fn RenameChapterDialog(props: &RenameChapterProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let title = use_state(|| props.chapter.title.clone());
    let error = check_required(&title);
    let onsubmit = {
        let req = ChapterInput {
            title: title.trim().to_owned(),
        };
        let (submit, on_done, id, invalid) = (
            submit.clone(),
            props.on_done.clone(),
            props.chapter.id,
            error.is_some(),
        );
        Callback::from(move |()| {
            let (req, on_done) = (req.clone(), on_done.clone());
            submit.run(
                invalid,
                async move { frontend_kit::api::rename_chapter(id, &req).await },
                move |_| on_done.emit(true),
            );
        })
    };
    let on_close = props.on_done.reform(|()| false);
    html! {
        <Dialog id="rename-chapter-dialog" title={i18n.t(&RENAME_TITLE)} onclose={on_close.clone()}
            footer={html! { <DialogActions form="rename-chapter-form" label={i18n.t(&texts::SAVE)} busy={submit.busy()} oncancel={on_close} /> }}>
            <form id="rename-chapter-form" class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n)} />
                <TextField id="rename-chapter-title" label={i18n.t(&CHAPTER_TITLE)} required=true maxlength="100"
                    value={(*title).clone()} oninput={bind(&title)} error={submit.field_error(&i18n, "title", error)} />
            </form>
        </Dialog>
    }
}

/// What a delete dialog removes.
#[derive(Clone, PartialEq)]
pub enum Doomed {
    Chapter(Chapter),
    Courseware(Courseware),
}

#[derive(Properties, PartialEq)]
pub struct DeleteDialogProps {
    pub doomed: Doomed,
    pub on_done: Callback<bool>,
}

#[component]
pub fn DeleteDialog(props: &DeleteDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let onsubmit = {
        let (submit, on_done, doomed) =
            (submit.clone(), props.on_done.clone(), props.doomed.clone());
        Callback::from(move |()| {
            let (on_done, doomed) = (on_done.clone(), doomed.clone());
            submit.run(
                false,
                async move {
                    match doomed {
                        Doomed::Chapter(c) => frontend_kit::api::delete_chapter(c.id).await,
                        Doomed::Courseware(c) => frontend_kit::api::delete_courseware(c.id).await,
                    }
                },
                move |()| on_done.emit(true),
            );
        })
    };
    let body = match &props.doomed {
        Doomed::Chapter(c) => i18n.fmt(&DELETE_CHAPTER, &[&c.title]),
        Doomed::Courseware(c) => i18n.fmt(&DELETE_COURSEWARE, &[&c.title]),
    };
    let on_close = props.on_done.reform(|()| false);
    html! {
        <Dialog id="delete-dialog" title={i18n.t(&DELETE_TITLE)} onclose={on_close.clone()}
            footer={html! { <DialogActions form="delete-form" label={i18n.t(&DELETE)} busy={submit.busy()} danger=true oncancel={on_close} /> }}>
            <form id="delete-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n)} />
                <p>{ body }</p>
            </form>
        </Dialog>
    }
}
