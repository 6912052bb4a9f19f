//! `/regulator/course/{id}`: one course under review — its outline (coursewares open in the
//! player), the regulator's decisions (assign to an expert group, publish, take down with a
//! reason), the review rounds with the experts' opinions, and the course's history. Buttons show
//! only for the review desk (admin, operator); a viewer reads.

use std::rc::Rc;

use frontend_kit::components::player::CoursewareViewer;
use frontend_kit::components::{CourseHeading, CourseOutline, ReviewRounds, RoundsReader};
use frontend_kit::pages::SectionCard;
use frontend_kit::prelude::*;
use shared_types::catalog::{Courseware, Listing, RevisionStatus};
use uuid::Uuid;
use yew::prelude::*;

use super::dialogs::{AssignDialog, PublishDialog, TakeDownDialog};
use super::history::History;
use crate::pages::{REVIEW_DESK, use_has_role};

const ASSIGN: Text = Text::new("分配专家组", "Assign to a group");
const PUBLISH: Text = Text::new("发布", "Publish");
const TAKE_DOWN: Text = Text::new("下架", "Take down");
const OUTLINE: Text = Text::new("课程概要", "Outline");
const PREVIEW: Text = Text::new("课件预览", "Courseware preview");
const ROUNDS: Text = Text::new("审核轮次与专家意见", "Review rounds and opinions");
const HISTORY: Text = Text::new("操作记录", "History");
const DONE: Text = Text::new("操作成功", "Done");

#[derive(Clone, Copy, PartialEq)]
enum Open {
    None,
    Assign,
    Publish,
    TakeDown,
}

#[derive(Properties, PartialEq)]
pub struct CourseReviewProps {
    pub id: Uuid,
}

#[component]
pub fn CourseReview(props: &CourseReviewProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let desk = use_has_role(&REVIEW_DESK);
    let remote = use_remote(props.id, |id| async move {
        frontend_kit::api::review_course(id).await
    });
    let open = use_state_eq(|| Open::None);
    let viewing = use_state(|| None::<Courseware>);
    // Bumped after every decision so the rounds and history sections load again.
    let changes = use_state_eq(|| 0u32);

    let on_done = {
        let (open, reload, changes, toaster, i18n) = (
            open.clone(),
            remote.reload.clone(),
            changes.clone(),
            toaster.clone(),
            i18n.clone(),
        );
        Callback::from(move |changed: bool| {
            open.set(Open::None);
            if changed {
                toaster.success(i18n.t(&DONE));
                reload.emit(());
                changes.set(changes.wrapping_add(1));
            }
        })
    };

    let Some(course) = remote.data.clone() else {
        return match &remote.error {
            Some(err) => html! {
                <>
                    <frontend_kit::pages::PageTitle title={super::TITLE} />
                    <FormError message={AttrValue::from(i18n.error(err))} />
                </>
            },
            None => html! { <Loading /> },
        };
    };
    let status = course.revision.status;
    let opener = |which: Open| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(which))
    };
    let button = |id: &str, label: &Text, class: &str, which: Open| {
        html! {
            <button id={id.to_owned()} type="button" class={classes!("pf-v6-c-button", class.to_owned())} onclick={opener(which)}>
                <span class="pf-v6-c-button__text">{ i18n.t(label) }</span>
            </button>
        }
    };
    let actions = desk.then(|| {
        html! {
            <div class="zp-row-actions">
                if matches!(status, RevisionStatus::Submitted | RevisionStatus::InReview) {
                    { button("assign", &ASSIGN, "pf-m-primary", Open::Assign) }
                }
                if status == RevisionStatus::Approved {
                    { button("publish", &PUBLISH, "pf-m-primary", Open::Publish) }
                }
                if course.listing == Listing::Published {
                    { button("take-down", &TAKE_DOWN, "pf-m-danger", Open::TakeDown) }
                }
            </div>
        }
    });
    let on_open = {
        let viewing = viewing.clone();
        Callback::from(move |cw: Courseware| viewing.set(Some(cw)))
    };
    let revision = Rc::new(course.revision.clone());

    html! {
        <>
            <frontend_kit::pages::PageTitle title={super::TITLE}>{ actions.unwrap_or_default() }</frontend_kit::pages::PageTitle>
            <CourseHeading course={course.clone()} />
            if let Some(cw) = &*viewing {
                <SectionCard id="preview" title={format!("{}：{}", i18n.t(&PREVIEW), cw.title)}>
                    <CoursewareViewer courseware={cw.clone()} />
                </SectionCard>
            }
            <div class="zp-cards">
                <SectionCard id="outline" title={i18n.t(&OUTLINE)}>
                    <CourseOutline {revision} course_no={AttrValue::from(course.course_no.clone())} kind={course.kind}
                        {on_open} active={viewing.as_ref().map(|c| c.id)} />
                </SectionCard>
                <SectionCard id="rounds" title={i18n.t(&ROUNDS)}>
                    <ReviewRounds course_id={course.id} reader={RoundsReader::Regulator} changes={*changes} />
                </SectionCard>
            </div>
            <SectionCard id="history" title={i18n.t(&HISTORY)}>
                <History course_id={course.id} changes={*changes} />
            </SectionCard>
            { match *open {
                Open::None => html! {},
                Open::Assign => html! { <AssignDialog course={course.clone()} on_done={on_done.clone()} /> },
                Open::Publish => html! { <PublishDialog course={course.clone()} on_done={on_done.clone()} /> },
                Open::TakeDown => html! { <TakeDownDialog course={course.clone()} on_done={on_done.clone()} /> },
            } }
        </>
    }
}
