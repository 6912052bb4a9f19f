//! `/learner/study/{courseware_id}`: 学习 — the kit's study player for one courseware of the
//! learner's tasks (`#player`), under a way back to the tasks.

use frontend_kit::components::study::StudyPlayer;
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use uuid::Uuid;
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

const TITLE: Text = Text::new("学习", "Study");
const BACK: Text = Text::new("返回我的任务", "Back to my tasks");

#[derive(Properties, PartialEq)]
pub struct StudyProps {
    pub id: Uuid,
}

#[component]
pub fn Study(props: &StudyProps) -> Html {
    let i18n = use_i18n();
    html! {
        <>
            <PageTitle title={TITLE}>
                <Link<Route> id="back-to-tasks" to={Route::Tasks} class="pf-v6-c-button pf-m-link pf-m-inline">
                    <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-arrow-left" aria-hidden="true"></i></span>
                    <span class="pf-v6-c-button__text">{ i18n.t(&BACK) }</span>
                </Link<Route>>
            </PageTitle>
            <StudyPlayer courseware_id={props.id} />
        </>
    }
}
