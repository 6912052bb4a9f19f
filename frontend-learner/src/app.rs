//! Routes of the learner app, served under `/learner/`.

use frontend_kit::prelude::*;
use shared_types::role::Side;
use uuid::Uuid;
use yew::prelude::*;
use yew_nested_router::prelude::*;

use crate::pages;

#[derive(Debug, Clone, PartialEq, Eq, Target)]
pub enum Route {
    Login,
    Register,
    Account,
    /// 课程中心: published courses.
    Catalogue,
    /// A published course, `/course/{id}`.
    Course {
        id: Uuid,
    },
    /// 我的班级: the trainee's approved and closed classes.
    Classes,
    /// 我的任务: the learning tasks of those classes.
    Tasks,
    /// The study player of one courseware, `/study/{courseware_id}`.
    Study {
        id: Uuid,
    },
    /// 我的学时: credited study hours, today, per day, course, task and class.
    Hours,
    /// 实名认证: the learner's real-name verification, `/real-name`.
    #[target(rename = "real-name")]
    RealName,
    #[target(index)]
    Home,
}

type Page = SignedIn<Route>;
type Anonymous = Guest<Route>;

impl Spa for Route {
    const NAME: Text = texts::LEARNER_APP;
    const SIDE: Side = Side::Learner;
    const LOGIN: Self = Route::Login;
    const HOME: Self = Route::Home;

    fn nav() -> Vec<NavEntry<Self>> {
        vec![
            NavEntry::new(Route::Home, texts::HOME, "fa-home"),
            NavEntry::new(Route::Tasks, pages::tasks::TITLE, "fa-tasks"),
            NavEntry::new(Route::Hours, pages::hours::TITLE, "fa-clock"),
            NavEntry::new(Route::Classes, pages::classes::TITLE, "fa-users"),
            NavEntry::new(Route::Catalogue, pages::catalogue::TITLE, "fa-book-open"),
            NavEntry::new(Route::Account, texts::ACCOUNT, "fa-user-cog"),
        ]
    }

    fn page(self) -> Html {
        match self {
            Route::Login => html! { <Anonymous><pages::login::Login /></Anonymous> },
            Route::Register => html! { <Anonymous><pages::register::Register /></Anonymous> },
            Route::Home => html! { <Page><pages::home::Home /></Page> },
            Route::Account => html! { <Page><pages::account::Account /></Page> },
            Route::Catalogue => html! { <Page><pages::catalogue::Catalogue /></Page> },
            Route::Course { id } => html! {
                <Page><pages::catalogue::CourseDetail key={id.to_string()} {id} /></Page>
            },
            Route::Classes => html! { <Page><pages::classes::MyClasses /></Page> },
            Route::Tasks => html! { <Page><pages::tasks::MyTasks /></Page> },
            Route::Study { id } => html! {
                <Page><pages::study::Study key={id.to_string()} {id} /></Page>
            },
            Route::Hours => html! { <Page><pages::hours::StudyHoursPage /></Page> },
            Route::RealName => html! { <Page><pages::real_name::RealName /></Page> },
        }
    }

    /// The progress stream stays open across pages, so the task pages and the player hear the
    /// learner's other devices at once.
    fn frame(pages: Html) -> Html {
        html! { <frontend_kit::learning::ProgressStream>{ pages }</frontend_kit::learning::ProgressStream> }
    }
}
