//! `/learner/course/{id}`: a published course — the elements of Z-III.3 and its chapters through
//! the shared outline, and the same course by other lecturers (Z-III.6). Learning itself (the
//! player with study-time rules) comes with the learning engine.

use std::rc::Rc;

use frontend_kit::components::{CourseCard, CourseOutline};
use frontend_kit::pages::SectionCard;
use frontend_kit::prelude::*;
use uuid::Uuid;
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

const BACK: Text = Text::new("返回课程中心", "Back to the catalogue");
const ABOUT: Text = Text::new("课程信息", "About the course");
const VARIANTS: Text = Text::new("其他讲师版本", "Other lecturers' versions");

#[derive(Properties, PartialEq)]
pub struct CourseDetailProps {
    pub id: Uuid,
}

#[component]
pub fn CourseDetail(props: &CourseDetailProps) -> Html {
    let i18n = use_i18n();
    let remote = use_remote(props.id, frontend_kit::api::catalogue_course);
    let back = html! {
        <Link<Route> to={Route::Catalogue} class="pf-v6-c-button pf-m-link">
            <i class="fas fa-arrow-left" aria-hidden="true"></i>{ " " }{ i18n.t(&BACK) }
        </Link<Route>>
    };
    let Some(course) = remote.data.clone() else {
        return match &remote.error {
            Some(err) => html! {
                <>
                    <frontend_kit::pages::PageTitle title={super::TITLE}>{ back }</frontend_kit::pages::PageTitle>
                    <FormError message={AttrValue::from(i18n.error(err))} />
                </>
            },
            None => html! { <Loading /> },
        };
    };
    html! {
        <>
            <frontend_kit::pages::PageTitle title={super::TITLE}>{ back }</frontend_kit::pages::PageTitle>
            <h2 class="pf-v6-c-title pf-m-xl zp-course-heading" id="course-name">{ &course.revision.name }</h2>
            <SectionCard id="course" title={i18n.t(&ABOUT)}>
                <CourseOutline revision={Rc::new(course.revision.clone())}
                    course_no={AttrValue::from(course.course_no.clone())} kind={course.kind} />
            </SectionCard>
            if !course.variants.is_empty() {
                <section id="variants" aria-labelledby="variants-title">
                    <h2 class="pf-v6-c-title pf-m-lg" id="variants-title">{ i18n.t(&VARIANTS) }</h2>
                    <div class="zp-course-grid">
                        { for course.variants.iter().map(|v| html! {
                            <CourseCard<Route> key={v.id.to_string()} item={v.clone()} to={Route::Course { id: v.id }} />
                        }) }
                    </div>
                </section>
            }
        </>
    }
}
