//! A read-only view of a course revision with the elements of Z-III.3: name, number, lecturers
//! with photos, key content, category and type, audience, total duration, copyright (Z-III.2);
//! then chapters and their coursewares (kind, duration, required or optional, subtitles). Used by
//! reviewers, the course pages of the regulator and the learners' catalogue.

use std::rc::Rc;

use shared_types::catalog::{
    Chapter, CourseKind, Courseware, CoursewareKind, Lecturer, Revision, SubtitleLang,
};
use shared_types::media::MediaStatus;
use uuid::Uuid;
use yew::prelude::*;

use crate::components::label::{Label, Tone, status_label};
use crate::format::{duration, price};
use crate::i18n::{I18n, Labelled, Text, texts, use_i18n};

const COURSE_NAME: Text = Text::new("课程名称", "Course name");
const COURSE_NO: Text = Text::new("课程编号", "Course number");
const KIND: Text = Text::new("课程类型", "Kind");
const CATEGORY: Text = Text::new("培训类别", "Training category");
const TRAINING_TYPE: Text = Text::new("培训类型", "Training type");
const AUDIENCE: Text = Text::new("适用对象", "Audience");
const DURATION: Text = Text::new("总时长", "Total duration");
const COPYRIGHT: Text = Text::new("版权方", "Copyright holder");
const LICENCE: Text = Text::new("授权证明", "Licence evidence");
const LICENCE_ON_FILE: Text = Text::new("已上传", "On file");
const TAGS: Text = Text::new("标签", "Tags");
const PRICE: Text = Text::new("价格 / 每席位", "Price / per seat");
const VENUE: Text = Text::new("上课地点", "Venue");
const SCHEDULE: Text = Text::new("上课时间", "Schedule");
const OFFLINE_HOURS: Text = Text::new("学时", "Class hours");
const SUMMARY: Text = Text::new("主要内容", "Key content");
const LECTURERS: Text = Text::new("授课讲师", "Lecturers");
const CHAPTERS: Text = Text::new("章节目录", "Chapters");
const NO_CHAPTERS: Text = Text::new("尚无章节", "No chapters yet");
const REQUIRED: Text = Text::new("必修", "Required");
const OPTIONAL: Text = Text::new("选修", "Optional");
const SUBTITLE_ZH: Text = Text::new("中文字幕", "Chinese subtitles");
const SUBTITLE_EN: Text = Text::new("英文字幕", "English subtitles");
const NO_SUBTITLES: Text = Text::new("缺少中文字幕", "No Chinese subtitles");
const MIN_STUDY: Text = Text::new("至少阅读 {0}", "Read for at least {0}");
const OPEN: Text = Text::new("查看", "Open");
const CHAPTER_NO: Text = Text::new("第 {0} 章", "Chapter {0}");

#[derive(Properties, PartialEq)]
pub struct CourseOutlineProps {
    pub revision: Rc<Revision>,
    /// The course number (on the course, not the revision).
    #[prop_or_default]
    pub course_no: Option<AttrValue>,
    #[prop_or_default]
    pub kind: Option<CourseKind>,
    /// When set, each courseware gets an "open" button calling it.
    #[prop_or_default]
    pub on_open: Option<Callback<Courseware>>,
    /// The courseware being shown beside the outline (highlighted).
    #[prop_or_default]
    pub active: Option<Uuid>,
}

fn fact(i18n: &I18n, term: &Text, value: Html) -> Html {
    html! {
        <div class="pf-v6-c-description-list__group">
            <dt class="pf-v6-c-description-list__term"><span class="pf-v6-c-description-list__text">{ i18n.t(term) }</span></dt>
            <dd class="pf-v6-c-description-list__description"><div class="pf-v6-c-description-list__text">{ value }</div></dd>
        </div>
    }
}

fn text_or_none(i18n: &I18n, s: &str) -> Html {
    if s.trim().is_empty() {
        html! { <span class="zp-muted">{ i18n.t(&texts::NONE) }</span> }
    } else {
        html! { s }
    }
}

#[component]
pub fn CourseOutline(props: &CourseOutlineProps) -> Html {
    let i18n = use_i18n();
    let r = &props.revision;
    let mut facts = vec![fact(
        &i18n,
        &COURSE_NAME,
        html! { <strong>{ &r.name }</strong> },
    )];
    if let Some(no) = &props.course_no {
        facts.push(fact(
            &i18n,
            &COURSE_NO,
            html! { <code>{ no.clone() }</code> },
        ));
    }
    if let Some(kind) = props.kind {
        facts.push(fact(&i18n, &KIND, html! { i18n.t(&kind.text()) }));
    }
    facts.extend([
        fact(&i18n, &CATEGORY, html! { i18n.t(&r.category.text()) }),
        fact(&i18n, &TRAINING_TYPE, html! { i18n.t(&r.training_type.text()) }),
        fact(&i18n, &AUDIENCE, text_or_none(&i18n, &r.audience)),
        fact(&i18n, &DURATION, html! { duration(r.duration_seconds, i18n.lang) }),
        fact(&i18n, &COPYRIGHT, text_or_none(&i18n, &r.copyright_holder)),
        fact(&i18n, &LICENCE, html! {
            if r.licence_media_id.is_some() { { i18n.t(&LICENCE_ON_FILE) } } else { <span class="zp-badge-off">{ i18n.t(&texts::NONE) }</span> }
        }),
    ]);
    if !r.tags.is_empty() {
        facts.push(fact(&i18n, &TAGS, html! {
            <span class="zp-tags">{ for r.tags.iter().map(|t| html! { <Label text={t.clone()} /> }) }</span>
        }));
    }
    if r.price_cents.is_some() || r.seat_price_cents.is_some() {
        let show = |c: Option<i64>| c.map(price).unwrap_or_else(|| "-".to_owned());
        let prices = format!("{} / {}", show(r.price_cents), show(r.seat_price_cents));
        facts.push(fact(&i18n, &PRICE, html! { prices }));
    }
    for (term, value) in [(&VENUE, &r.venue), (&SCHEDULE, &r.schedule)] {
        if let Some(v) = value {
            facts.push(fact(&i18n, term, html! { v }));
        }
    }
    if let Some(hours) = r.offline_hours {
        facts.push(fact(&i18n, &OFFLINE_HOURS, html! { hours.to_string() }));
    }
    html! {
        <div class="zp-outline">
            <dl class="pf-v6-c-description-list pf-m-horizontal pf-m-compact zp-outline-facts">{ for facts }</dl>
            <section class="zp-outline-section" aria-labelledby="outline-summary">
                <h3 class="pf-v6-c-title pf-m-md" id="outline-summary">{ i18n.t(&SUMMARY) }</h3>
                <p class="zp-prewrap">{ text_or_none(&i18n, &r.summary) }</p>
            </section>
            <section class="zp-outline-section" aria-labelledby="outline-lecturers">
                <h3 class="pf-v6-c-title pf-m-md" id="outline-lecturers">{ i18n.t(&LECTURERS) }</h3>
                if r.lecturers.is_empty() {
                    <p class="zp-muted">{ i18n.t(&texts::NONE) }</p>
                } else {
                    <ul class="zp-lecturers">{ for r.lecturers.iter().map(lecturer_card) }</ul>
                }
            </section>
            <section class="zp-outline-section" aria-labelledby="outline-chapters">
                <h3 class="pf-v6-c-title pf-m-md" id="outline-chapters">{ i18n.t(&CHAPTERS) }</h3>
                if r.chapters.is_empty() {
                    <p class="zp-muted">{ i18n.t(&NO_CHAPTERS) }</p>
                } else {
                    <ol class="zp-chapters">
                        { for r.chapters.iter().enumerate().map(|(i, c)| chapter(&i18n, i + 1, c, props)) }
                    </ol>
                }
            </section>
        </div>
    }
}

fn lecturer_card(l: &Lecturer) -> Html {
    let initial = l.name.chars().next().map(String::from).unwrap_or_default();
    html! {
        <li class="zp-lecturer">
            if let Some(url) = &l.photo_url {
                <img class="zp-lecturer-photo" src={url.clone()} alt={l.name.clone()} loading="lazy" />
            } else {
                <span class="zp-lecturer-photo zp-lecturer-initial" aria-hidden="true">{ initial }</span>
            }
            <span class="zp-lecturer-text">
                <strong>{ &l.name }</strong>
                if !l.title.is_empty() { <span class="zp-muted">{ &l.title }</span> }
                if !l.bio.is_empty() { <span class="zp-lecturer-bio">{ &l.bio }</span> }
            </span>
        </li>
    }
}

fn chapter(i18n: &I18n, number: usize, c: &Chapter, props: &CourseOutlineProps) -> Html {
    html! {
        <li class="zp-chapter">
            <h4 class="zp-chapter-title">
                <span class="zp-muted">{ i18n.fmt(&CHAPTER_NO, &[&number.to_string()]) }</span>{ " " }{ &c.title }
            </h4>
            <ul class="zp-coursewares">
                { for c.coursewares.iter().map(|cw| courseware(i18n, cw, props)) }
            </ul>
        </li>
    }
}

fn kind_icon(kind: CoursewareKind) -> &'static str {
    match kind {
        CoursewareKind::Video => "fa-film",
        CoursewareKind::Document => "fa-file-pdf",
        CoursewareKind::Link => "fa-link",
    }
}

fn courseware(i18n: &I18n, cw: &Courseware, props: &CourseOutlineProps) -> Html {
    let active = props.active == Some(cw.id);
    let has = |lang: SubtitleLang| cw.subtitles.iter().any(|s| s.lang == lang);
    let mut badges = vec![if cw.required {
        html! { <Label text={i18n.t(&REQUIRED)} tone={Tone::Blue} /> }
    } else {
        html! { <Label text={i18n.t(&OPTIONAL)} /> }
    }];
    if cw.kind == CoursewareKind::Video {
        if has(SubtitleLang::ZhCn) {
            badges.push(html! { <Label text={i18n.t(&SUBTITLE_ZH)} tone={Tone::Green} icon="fa-closed-captioning" /> });
        } else {
            badges.push(html! { <Label text={i18n.t(&NO_SUBTITLES)} tone={Tone::Red} icon="fa-closed-captioning" /> });
        }
        if has(SubtitleLang::EnUs) {
            badges.push(html! { <Label text={i18n.t(&SUBTITLE_EN)} tone={Tone::Green} icon="fa-closed-captioning" /> });
        }
    }
    if let Some(status) = cw.media_status.filter(|s| *s != MediaStatus::Ready) {
        badges.push(status_label(i18n, status));
    }
    let length = match (cw.kind, cw.min_study_seconds) {
        (CoursewareKind::Document, Some(min)) => i18n.fmt(&MIN_STUDY, &[&duration(min, i18n.lang)]),
        (CoursewareKind::Link, _) => String::new(),
        _ => duration(cw.duration_seconds, i18n.lang),
    };
    let open = props.on_open.as_ref().map(|cb| {
        let (cb, cw2) = (cb.clone(), cw.clone());
        let onclick = Callback::from(move |_: MouseEvent| cb.emit(cw2.clone()));
        html! {
            <button type="button" class="pf-v6-c-button pf-m-link pf-m-inline" id={format!("open-{}", cw.id)}
                aria-current={active.then_some("true")} aria-label={format!("{} {}", i18n.t(&OPEN), cw.title)} {onclick}>
                <span class="pf-v6-c-button__text">{ i18n.t(&OPEN) }</span>
            </button>
        }
    });
    html! {
        <li class={classes!("zp-courseware", active.then_some("zp-active"))}>
            <i class={classes!("fas", "fa-fw", kind_icon(cw.kind))} title={i18n.t(&cw.kind.text())} aria-hidden="true"></i>
            <span class="zp-sr-only">{ i18n.t(&cw.kind.text()) }{ ": " }</span>
            <span class="zp-courseware-title">{ &cw.title }</span>
            <span class="zp-courseware-meta">
                if !length.is_empty() { <span class="zp-muted">{ length }</span> }
                { for badges }
                { open }
            </span>
        </li>
    }
}
