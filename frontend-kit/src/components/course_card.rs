//! A published course as a card (课程中心): name, number, kind, lecturers, duration, tags and the
//! start of its summary; the name links to the course's page in the app showing it.

use shared_types::catalog::CatalogueItem;
use yew::prelude::*;
use yew_nested_router::components::Link;
use yew_nested_router::prelude::Target;

use super::label::{Label, Tone};
use crate::format::duration;
use crate::i18n::{Labelled, Text, use_i18n};

const LECTURERS: Text = Text::new("讲师", "Lecturers");
const DURATION: Text = Text::new("时长", "Duration");

#[derive(Properties, PartialEq)]
pub struct CourseCardProps<R: Target> {
    pub item: CatalogueItem,
    /// The course's page.
    pub to: R,
}

#[component]
pub fn CourseCard<R: Target + 'static>(props: &CourseCardProps<R>) -> Html {
    let i18n = use_i18n();
    let c = &props.item;
    let title_id = format!("course-{}", c.id);
    let lecturers = c
        .lecturers
        .iter()
        .map(|l| l.name.as_str())
        .collect::<Vec<_>>()
        .join("、");
    html! {
        <article class="pf-v6-c-card zp-course-card" aria-labelledby={title_id.clone()}>
            <div class="pf-v6-c-card__title">
                <h2 class="pf-v6-c-card__title-text zp-course-card-title" id={title_id}>
                    <Link<R> to={props.to.clone()}>{ &c.name }</Link<R>>
                </h2>
                <p class="zp-course-facts">
                    <code>{ &c.course_no }</code>
                    <Label text={i18n.t(&c.kind.text())} tone={Tone::Purple} />
                    <Label text={i18n.t(&c.training_type.text())} tone={Tone::Blue} />
                </p>
            </div>
            <div class="pf-v6-c-card__body">
                <dl class="zp-course-card-facts">
                    <dt>{ i18n.t(&LECTURERS) }</dt><dd>{ if lecturers.is_empty() { "-".to_owned() } else { lecturers } }</dd>
                    <dt>{ i18n.t(&DURATION) }</dt><dd>{ duration(c.duration_seconds, i18n.lang) }</dd>
                </dl>
                if !c.summary.is_empty() { <p class="zp-course-card-summary">{ &c.summary }</p> }
                if !c.tags.is_empty() {
                    <p class="zp-tags">{ for c.tags.iter().map(|t| html! { <Label text={t.clone()} /> }) }</p>
                }
            </div>
        </article>
    }
}
