//! `/regulator/review/{round_id}`: the expert review page — watch the videos with subtitles,
//! read the documents, go through the outline (Z-III.3) and give an opinion with the checklist.
//! Once the expert's opinion is in (or the round is closed) the page shows the opinions instead.

use std::rc::Rc;

use frontend_kit::components::CourseOutline;
use frontend_kit::components::player::CoursewareViewer;
use frontend_kit::components::review::OpinionList;
use frontend_kit::pages::SectionCard;
use frontend_kit::prelude::*;
use shared_types::catalog::{Courseware, CoursewareKind, Revision};
use shared_types::review::{RoundDetail, RoundStatus};
use uuid::Uuid;
use yew::prelude::*;
use yew_nested_router::components::Link;

use super::opinion::OpinionForm;
use crate::app::Route;

const TITLE: Text = Text::new("课程审核", "Course review");
const BACK: Text = Text::new("返回我的审核", "Back to my reviews");
const MATERIAL: Text = Text::new("课件", "Courseware");
const PICK_COURSEWARE: Text = Text::new(
    "在下方目录中点击“查看”打开课件。",
    "Open a courseware with “Open” in the outline below.",
);
const OUTLINE: Text = Text::new("课程概要", "Outline");
const MY_OPINION: Text = Text::new("审核意见", "Your opinion");
const OPINIONS: Text = Text::new("专家意见", "Opinions");
const ROUND_FACTS: Text = Text::new(
    "专家组：{0}（{1}）· 修订 v{2} · 意见 {3}/{4}",
    "Group: {0} ({1}) · revision {2} · opinions {3}/{4}",
);
const RECORDED: Text = Text::new("审核意见已提交", "Opinion recorded");

/// The courseware shown first: the first video, else the first courseware.
fn first_courseware(revision: &Revision) -> Option<Courseware> {
    let all = || revision.chapters.iter().flat_map(|c| c.coursewares.iter());
    all()
        .find(|c| c.kind == CoursewareKind::Video)
        .or_else(|| all().next())
        .cloned()
}

#[derive(Properties, PartialEq)]
pub struct ExpertReviewProps {
    pub round_id: Uuid,
}

#[component]
pub fn ExpertReview(props: &ExpertReviewProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let remote = use_remote(props.round_id, frontend_kit::api::my_round);
    // The answer to the opinion replaces the loaded round.
    let updated = use_state(|| None::<Rc<RoundDetail>>);
    let viewing = use_state(|| None::<Courseware>);
    let Some(detail) = (*updated).clone().or_else(|| remote.data.clone()) else {
        return match &remote.error {
            Some(err) => html! {
                <>
                    <frontend_kit::pages::PageTitle title={TITLE} />
                    <FormError message={AttrValue::from(i18n.error(err))} />
                </>
            },
            None => html! { <Loading /> },
        };
    };
    let round = &detail.round;
    let shown = (*viewing)
        .clone()
        .or_else(|| first_courseware(&detail.revision));
    let on_open = {
        let viewing = viewing.clone();
        Callback::from(move |cw: Courseware| viewing.set(Some(cw)))
    };
    let on_done = {
        let (updated, toaster, i18n) = (updated.clone(), toaster.clone(), i18n.clone());
        Callback::from(move |d: RoundDetail| {
            toaster.success(i18n.t(&RECORDED));
            updated.set(Some(Rc::new(d)));
        })
    };
    let can_give = round.status == RoundStatus::Open && !round.my_opinion_given;
    let facts = i18n.fmt(
        &ROUND_FACTS,
        &[
            &round.group.name,
            i18n.t(&round.decision_rule.text()),
            &round.revision_no.to_string(),
            &round.opinions.to_string(),
            &round.reviewers.to_string(),
        ],
    );
    html! {
        <>
            <frontend_kit::pages::PageTitle title={TITLE}>
                <Link<Route> to={Route::Reviews} class="pf-v6-c-button pf-m-link">
                    <i class="fas fa-arrow-left" aria-hidden="true"></i>{ " " }{ i18n.t(&BACK) }
                </Link<Route>>
            </frontend_kit::pages::PageTitle>
            <div class="zp-course-heading">
                <h2 class="pf-v6-c-title pf-m-xl" id="course-name">{ &round.course_name }</h2>
                <p class="zp-course-facts">
                    <code id="course-no">{ &round.course_no }</code>
                    <Label text={i18n.t(&round.kind.text())} tone={Tone::Purple} />
                    <span id="round-status">{ status_label(&i18n, round.status) }</span>
                    <span class="zp-muted">{ facts }</span>
                </p>
            </div>
            <div class="zp-review-layout">
                <div class="zp-review-main">
                    <SectionCard id="material" title={shown.as_ref().map(|c| format!("{}：{}", i18n.t(&MATERIAL), c.title)).unwrap_or_else(|| i18n.t(&MATERIAL).to_owned())}>
                        if let Some(cw) = &shown {
                            <CoursewareViewer courseware={cw.clone()} />
                        } else {
                            <p class="zp-muted">{ i18n.t(&PICK_COURSEWARE) }</p>
                        }
                    </SectionCard>
                    <SectionCard id="outline" title={i18n.t(&OUTLINE)}>
                        <CourseOutline revision={Rc::new(detail.revision.clone())} course_no={AttrValue::from(round.course_no.clone())}
                            kind={round.kind} {on_open} active={shown.as_ref().map(|c| c.id)} />
                    </SectionCard>
                </div>
                <aside class="zp-review-side">
                    if can_give {
                        <SectionCard id="my-opinion" title={i18n.t(&MY_OPINION)}>
                            <OpinionForm round_id={round.id} {on_done} />
                        </SectionCard>
                    }
                    <SectionCard id="opinions" title={i18n.t(&OPINIONS)}>
                        <OpinionList opinions={detail.opinions.clone()} />
                    </SectionCard>
                </aside>
            </div>
        </>
    }
}
