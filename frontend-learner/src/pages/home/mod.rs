//! `/learner/`: the learner's home page — who they are, and the way to their learning tasks
//! (`#go-tasks`), study hours (`#go-hours`), classes (`#go-classes`) and real-name verification
//! (`#go-real-name`).

use frontend_kit::pages::HomeSummary;
use frontend_kit::prelude::*;
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

const MY_TASKS: Text = Text::new("我的学习任务", "My learning tasks");
const MY_CLASSES: Text = Text::new("我的班级", "My classes");
const MY_HOURS: Text = Text::new("我的学时", "My study hours");

#[component]
pub fn Home() -> Html {
    let i18n = use_i18n();
    html! {
        <HomeSummary>
            <div class="zp-row-actions">
                <Link<Route> id="go-tasks" to={Route::Tasks} class="pf-v6-c-button pf-m-primary">
                    <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-tasks" aria-hidden="true"></i></span>
                    <span class="pf-v6-c-button__text">{ i18n.t(&MY_TASKS) }</span>
                </Link<Route>>
                <Link<Route> id="go-hours" to={Route::Hours} class="pf-v6-c-button pf-m-secondary">
                    <span class="pf-v6-c-button__text">{ i18n.t(&MY_HOURS) }</span>
                </Link<Route>>
                <Link<Route> id="go-classes" to={Route::Classes} class="pf-v6-c-button pf-m-secondary">
                    <span class="pf-v6-c-button__text">{ i18n.t(&MY_CLASSES) }</span>
                </Link<Route>>
                <Link<Route> id="go-real-name" to={Route::RealName} class="pf-v6-c-button pf-m-secondary">
                    <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-id-card" aria-hidden="true"></i></span>
                    <span class="pf-v6-c-button__text">{ i18n.t(&crate::pages::real_name::TITLE) }</span>
                </Link<Route>>
            </div>
        </HomeSummary>
    }
}
