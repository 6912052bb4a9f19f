//! `/regulator/class/{id}`: one class as the regulator sees it (T-7.2.7h) — the kit's class view
//! (facts, policy, history, trainees and tasks, read only) and, while the opening application is
//! submitted, its review (`#review-class` → `#approve`, `#return`, `#review-note`,
//! `#review-submit`) for the review desk.

use frontend_kit::components::training::ClassTabs;
use frontend_kit::components::{Column, dialog_done};
use frontend_kit::dates::date_range;
use frontend_kit::pages::{NotLoaded, PageTitle};
use frontend_kit::prelude::*;
use shared_types::orgs::ReviewRequest;
use shared_types::training::{ClassStatus, ClassTrainee};
use uuid::Uuid;
use yew::prelude::*;

use yew_nested_router::components::Link;

use crate::app::Route;
use crate::pages::{REVIEW_DESK, use_has_role};

const TITLE: Text = Text::new("班级详情", "Class");
const REVIEW: Text = Text::new("审核开班申请", "Review application");
const REVIEW_TITLE: Text = Text::new("审核开班申请：{0}", "Review the application: {0}");
const REVIEWED: Text = Text::new("审核结论已提交", "Decision recorded");
const RECORDS: Text = Text::new("学习记录", "Study records");

#[derive(Properties, PartialEq)]
pub struct ClassPageProps {
    pub id: Uuid,
}

#[component]
pub fn ClassPage(props: &ClassPageProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let desk = use_has_role(&REVIEW_DESK);
    let changes = use_state_eq(|| 0u32);
    let reviewing = use_state_eq(|| false);
    let remote = use_remote((props.id, *changes), |(id, _)| frontend_kit::api::class(id));
    let changed = {
        let changes = changes.clone();
        Callback::from(move |()| changes.set(changes.wrapping_add(1)))
    };
    let on_done = dialog_done(&reviewing, false, &toaster, i18n.t(&REVIEWED), &changed);
    let Some(class) = remote.data.clone() else {
        return html! { <NotLoaded title={TITLE} error={remote.error.clone()} /> };
    };
    let open_review = {
        let reviewing = reviewing.clone();
        Callback::from(move |_: MouseEvent| reviewing.set(true))
    };
    let id = class.summary.id;
    html! {
        <>
            <PageTitle title={TITLE}>
                if desk && class.summary.status == ClassStatus::Submitted {
                    <button id="review-class" type="button" class="pf-v6-c-button pf-m-primary" onclick={open_review}>
                        <span class="pf-v6-c-button__text">{ i18n.t(&REVIEW) }</span>
                    </button>
                }
            </PageTitle>
            <h2 class="pf-v6-c-title pf-m-xl" id="class-name">
                { &class.summary.name }{ " " }<code class="zp-muted zp-nowrap">{ &class.summary.class_no }</code>
            </h2>
            <ClassTabs class={class.clone()} changes={*changes} trainee_actions={records_column(&i18n)} />
            if *reviewing {
                <ReviewDialog title={i18n.fmt(&REVIEW_TITLE, &[&class.summary.name])} {on_done}
                    job={Job::new(move |req: ReviewRequest| async move { frontend_kit::api::review_class(id, &req).await })}>
                    <p>{ format!("{} · {} · {}", class.summary.institution_name, class.summary.project_name,
                        date_range(class.summary.starts_on, class.summary.ends_on)) }</p>
                </ReviewDialog>
            }
        </>
    }
}

/// Each trainee's study records (play sessions, heartbeats).
fn records_column(i18n: &I18n) -> Column<ClassTrainee> {
    let i = i18n.clone();
    Column::new(i18n.t(&RECORDS), move |t: &ClassTrainee| {
        html! {
            <Link<Route> id={format!("trainee-records-{}", t.user_id)} to={Route::StudyRecords { user_id: t.user_id }}>
                { i.t(&RECORDS) }
            </Link<Route>>
        }
    })
}
