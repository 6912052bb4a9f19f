//! The outline of an editable revision (Z-III.3, Z-III.4): chapters in order, each with its
//! coursewares (video with subtitles, PDF document, external link); add, rename, reorder and
//! remove them; upload videos and documents; manage subtitle tracks.

use std::rc::Rc;

use frontend_kit::components::form::check_required;
use frontend_kit::format::duration;
use frontend_kit::prelude::*;
use shared_types::catalog::{
    Chapter, ChapterInput, CourseDetail, Courseware, CoursewareKind, SubtitleLang,
};
use uuid::Uuid;
use yew::prelude::*;

use super::outline_dialogs::{CoursewareDialog, DeleteDialog, Doomed, RenameChapterDialog};
use super::subtitles::SubtitlesDialog;

const CHAPTER_NO: Text = Text::new("第 {0} 章", "Chapter {0}");
const NO_CHAPTERS: Text = Text::new(
    "还没有章节：先添加一章，再在章节中添加课件。",
    "No chapters yet: add one, then add coursewares to it.",
);
const NO_COURSEWARES: Text = Text::new("本章暂无课件", "No coursewares in this chapter");
const NEW_CHAPTER: Text = Text::new("新章节名称", "New chapter title");
const ADD_CHAPTER: Text = Text::new("添加章节", "Add chapter");
const ADD_COURSEWARE: Text = Text::new("添加课件", "Add courseware");
const RENAME: Text = Text::new("重命名", "Rename");
const EDIT: Text = Text::new("编辑", "Edit");
const DELETE: Text = Text::new("删除", "Delete");
const SUBTITLES: Text = Text::new("字幕", "Subtitles");
const MOVE_UP: Text = Text::new("上移", "Move up");
const MOVE_DOWN: Text = Text::new("下移", "Move down");
const OPTIONAL: Text = Text::new("选修", "Optional");
const REQUIRED: Text = Text::new("必修", "Required");
const NO_ZH_SUBTITLES: Text = Text::new("缺少中文字幕", "No Chinese subtitles");
const MIN_READING: Text = Text::new("至少阅读 {0}", "Read at least {0}");

/// Which dialog is open.
#[derive(Clone, PartialEq)]
enum Open {
    None,
    AddCourseware(Uuid),
    EditCourseware(Courseware),
    Rename(Chapter),
    Subtitles(Courseware),
    Delete(Doomed),
}

/// `ids` with the item at `index` swapped with its neighbour `up` or down.
fn moved(ids: &[Uuid], index: usize, up: bool) -> Option<Vec<Uuid>> {
    let other = if up { index.checked_sub(1)? } else { index + 1 };
    if other >= ids.len() {
        return None;
    }
    let mut ids = ids.to_vec();
    ids.swap(index, other);
    Some(ids)
}

#[derive(Properties, PartialEq)]
pub struct OutlineEditorProps {
    pub course: Rc<CourseDetail>,
    pub on_change: Callback<()>,
}

#[component]
pub fn OutlineEditor(props: &OutlineEditorProps) -> Html {
    let i18n = use_i18n();
    let ops = use_submit();
    let open = use_state(|| Open::None);
    let new_chapter = use_state(String::new);
    let course_id = props.course.id;
    let chapters = &props.course.revision.chapters;

    let opener = |which: Open| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(which.clone()))
    };
    let on_done = {
        let (open, on_change) = (open.clone(), props.on_change.clone());
        Callback::from(move |changed: bool| {
            open.set(Open::None);
            if changed {
                on_change.emit(());
            }
        })
    };
    let add_chapter = {
        let (ops, new_chapter, on_change) =
            (ops.clone(), new_chapter.clone(), props.on_change.clone());
        Callback::from(move |()| {
            let req = ChapterInput {
                title: new_chapter.trim().to_owned(),
            };
            let (new_chapter, on_change, done) =
                (new_chapter.clone(), on_change.clone(), ops.clone());
            ops.run(
                check_required(&req.title).is_some(),
                async move { frontend_kit::api::add_chapter(course_id, &req).await },
                move |_| {
                    new_chapter.set(String::new());
                    done.reset();
                    on_change.emit(());
                },
            );
        })
    };
    // Reordering: the whole list in its new order, then a reload.
    let reorder = |chapter: Option<Uuid>, ids: Option<Vec<Uuid>>| {
        let (ops, on_change) = (ops.clone(), props.on_change.clone());
        let disabled = ids.is_none();
        let onclick = Callback::from(move |_: MouseEvent| {
            let Some(ids) = ids.clone() else { return };
            let on_change = on_change.clone();
            ops.run(
                false,
                async move {
                    match chapter {
                        Some(chapter_id) => {
                            frontend_kit::api::order_coursewares(chapter_id, ids).await
                        }
                        None => frontend_kit::api::order_chapters(course_id, ids).await,
                    }
                },
                move |()| on_change.emit(()),
            );
        });
        (onclick, disabled)
    };
    let icon_button = |id: String,
                       label: &Text,
                       icon: &str,
                       (onclick, disabled): (Callback<MouseEvent>, bool)| {
        html! {
            <button {id} type="button" class="pf-v6-c-button pf-m-plain pf-m-small" aria-label={i18n.t(label)}
                title={i18n.t(label).to_owned()} {onclick} {disabled}>
                <i class={classes!("fas", icon.to_owned())} aria-hidden="true"></i>
            </button>
        }
    };
    let text_button = |id: String, label: &Text, onclick: Callback<MouseEvent>| {
        html! {
            <button {id} type="button" class="pf-v6-c-button pf-m-link pf-m-inline" {onclick}>
                <span class="pf-v6-c-button__text">{ i18n.t(label) }</span>
            </button>
        }
    };
    let chapter_ids: Vec<Uuid> = chapters.iter().map(|c| c.id).collect();

    // `number`: the chapter's place as shown (1-based), which names the row's ids.
    let courseware_row = |chapter: &Chapter, number: usize, index: usize, cw: &Courseware| {
        let ids: Vec<Uuid> = chapter.coursewares.iter().map(|c| c.id).collect();
        let n = format!("{number}-{}", index + 1);
        let zh_missing = cw.kind == CoursewareKind::Video
            && !cw.subtitles.iter().any(|s| s.lang == SubtitleLang::ZhCn);
        let mut facts = vec![i18n.t(&cw.kind.text()).to_owned()];
        if cw.duration_seconds > 0 {
            facts.push(duration(cw.duration_seconds, i18n.lang));
        }
        if let Some(min) = cw.min_study_seconds {
            facts.push(i18n.fmt(&MIN_READING, &[&duration(min, i18n.lang)]));
        }
        html! {
            <li class="zp-courseware-row" id={format!("courseware-{n}")}>
                <div class="zp-courseware-main">
                    <strong>{ &cw.title }</strong>
                    <span class="zp-muted">{ facts.join(" · ") }</span>
                    <span class="zp-labels">
                        <Label text={i18n.t(if cw.required { &REQUIRED } else { &OPTIONAL })}
                            tone={if cw.required { Tone::Blue } else { Tone::Grey }} />
                        if let Some(status) = cw.media_status { { status_label(&i18n, status) } }
                        { for cw.subtitles.iter().map(|s| html! { <Label text={s.lang.as_str()} tone={Tone::Green} icon="fa-closed-captioning" /> }) }
                        if zh_missing { <Label text={i18n.t(&NO_ZH_SUBTITLES)} tone={Tone::Orange} icon="fa-exclamation-triangle" /> }
                    </span>
                </div>
                <div class="zp-row-actions">
                    { icon_button(format!("courseware-{n}-up"), &MOVE_UP, "fa-arrow-up", reorder(Some(chapter.id), moved(&ids, index, true))) }
                    { icon_button(format!("courseware-{n}-down"), &MOVE_DOWN, "fa-arrow-down", reorder(Some(chapter.id), moved(&ids, index, false))) }
                    { text_button(format!("courseware-{n}-edit"), &EDIT, opener(Open::EditCourseware(cw.clone()))) }
                    if cw.kind == CoursewareKind::Video {
                        { text_button(format!("courseware-{n}-subtitles"), &SUBTITLES, opener(Open::Subtitles(cw.clone()))) }
                    }
                    { text_button(format!("courseware-{n}-delete"), &DELETE, opener(Open::Delete(Doomed::Courseware(cw.clone())))) }
                </div>
            </li>
        }
    };

    html! {
        <div class="zp-outline-editor">
            <FormError id="outline-error" message={ops.form_error(&i18n)} />
            if chapters.is_empty() {
                <p class="zp-muted">{ i18n.t(&NO_CHAPTERS) }</p>
            }
            { for chapters.iter().enumerate().map(|(ci, chapter)| {
                let n = ci + 1;
                html! {
                    <section class="zp-chapter-edit" id={format!("chapter-{n}")} key={chapter.id.to_string()}>
                        <div class="zp-chapter-head">
                            <h3 class="pf-v6-c-title pf-m-md">
                                <span class="zp-muted">{ i18n.fmt(&CHAPTER_NO, &[&n.to_string()]) }</span>{ " " }{ &chapter.title }
                            </h3>
                            <div class="zp-row-actions">
                                { icon_button(format!("chapter-{n}-up"), &MOVE_UP, "fa-arrow-up", reorder(None, moved(&chapter_ids, ci, true))) }
                                { icon_button(format!("chapter-{n}-down"), &MOVE_DOWN, "fa-arrow-down", reorder(None, moved(&chapter_ids, ci, false))) }
                                { text_button(format!("chapter-{n}-rename"), &RENAME, opener(Open::Rename(chapter.clone()))) }
                                { text_button(format!("chapter-{n}-delete"), &DELETE, opener(Open::Delete(Doomed::Chapter(chapter.clone())))) }
                                { text_button(format!("chapter-{n}-add"), &ADD_COURSEWARE, opener(Open::AddCourseware(chapter.id))) }
                            </div>
                        </div>
                        if chapter.coursewares.is_empty() {
                            <p class="zp-muted">{ i18n.t(&NO_COURSEWARES) }</p>
                        }
                        <ol class="zp-courseware-list">
                            { for chapter.coursewares.iter().enumerate().map(|(i, cw)| courseware_row(chapter, n, i, cw)) }
                        </ol>
                    </section>
                }
            }) }
            <form class="pf-v6-c-form zp-inline-add" novalidate=true onsubmit={on_submit(add_chapter)}>
                <TextField id="chapter-title" label={i18n.t(&NEW_CHAPTER)} maxlength="100" value={(*new_chapter).clone()}
                    oninput={bind(&new_chapter)} error={ops.field_error(&i18n, "title", check_required(&new_chapter))} />
                <SubmitButton id="add-chapter" label={i18n.t(&ADD_CHAPTER)} busy={ops.busy()} />
            </form>
            { match &*open {
                Open::None => html! {},
                Open::AddCourseware(chapter_id) => html! {
                    <CoursewareDialog chapter_id={*chapter_id} courseware={None::<Courseware>} on_done={on_done.clone()} />
                },
                Open::EditCourseware(cw) => html! {
                    <CoursewareDialog chapter_id={Uuid::nil()} courseware={Some(cw.clone())} on_done={on_done.clone()} />
                },
                Open::Rename(chapter) => html! { <RenameChapterDialog chapter={chapter.clone()} on_done={on_done.clone()} /> },
                Open::Subtitles(cw) => html! { <SubtitlesDialog courseware={cw.clone()} on_done={on_done.clone()} /> },
                Open::Delete(doomed) => html! { <DeleteDialog doomed={doomed.clone()} on_done={on_done.clone()} /> },
            } }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_swaps_with_the_neighbour_and_stops_at_the_ends() {
        let ids: Vec<Uuid> = (1..=3).map(Uuid::from_u128).collect();
        assert_eq!(moved(&ids, 1, true), Some(vec![ids[1], ids[0], ids[2]]));
        assert_eq!(moved(&ids, 1, false), Some(vec![ids[0], ids[2], ids[1]]));
        assert_eq!(moved(&ids, 0, true), None);
        assert_eq!(moved(&ids, 2, false), None);
    }
}
