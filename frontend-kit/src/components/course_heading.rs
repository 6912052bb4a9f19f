//! A course's heading on its pages: name, number, kind, revision, review status and listing,
//! and why it was taken down.

use std::rc::Rc;

use shared_types::catalog::{CourseDetail, Listing};
use yew::prelude::*;

use super::label::{Label, Tone, status_label};
use crate::i18n::{Labelled, Text, use_i18n};

const REVISION: Text = Text::new("修订 v{0}", "Revision {0}");
const TAKEDOWN_REASON: Text = Text::new("下架原因：{0}", "Taken down: {0}");

#[derive(Properties, PartialEq)]
pub struct CourseHeadingProps {
    pub course: Rc<CourseDetail>,
}

/// The course's name, number, revision and where it stands.
#[component]
pub fn CourseHeading(props: &CourseHeadingProps) -> Html {
    let i18n = use_i18n();
    let c = &props.course;
    html! {
        <div class="zp-course-heading">
            <h2 class="pf-v6-c-title pf-m-xl" id="course-name">{ &c.revision.name }</h2>
            <p class="zp-course-facts">
                <code id="course-no">{ &c.course_no }</code>
                <Label text={i18n.t(&c.kind.text())} tone={Tone::Purple} />
                <span>{ i18n.fmt(&REVISION, &[&c.revision.revision_no.to_string()]) }</span>
                <span id="course-status">{ status_label(&i18n, c.revision.status) }</span>
                <span id="course-listing">{ status_label(&i18n, c.listing) }</span>
            </p>
            if let Some(reason) = c.takedown_reason.as_ref().filter(|_| c.listing == Listing::TakenDown) {
                <p class="zp-badge-off">{ i18n.fmt(&TAKEDOWN_REASON, &[reason]) }</p>
            }
        </div>
    }
}
