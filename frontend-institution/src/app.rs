//! Routes of the institution app, served under `/institution/`.

use frontend_kit::prelude::*;
use shared_types::role::Side;
use uuid::Uuid;
use yew::prelude::*;
use yew_nested_router::prelude::*;

use crate::pages;

#[derive(Debug, Clone, PartialEq, Eq, Target)]
pub enum Route {
    Login,
    Account,
    /// 课程管理: the courses the institution authors, `/courses`.
    Courses,
    /// One course's editor, `/course/{id}`.
    Course {
        id: Uuid,
    },
    /// 讲师管理: lecturer profiles shown on courses.
    Lecturers,
    #[target(index)]
    Home,
}

type Page = SignedIn<Route>;

impl Spa for Route {
    const NAME: Text = texts::INSTITUTION_APP;
    const SIDE: Side = Side::Institution;
    const LOGIN: Self = Route::Login;
    const HOME: Self = Route::Home;

    fn nav() -> Vec<NavEntry<Self>> {
        vec![
            NavEntry::new(Route::Home, texts::HOME, "fa-home"),
            NavEntry::new(Route::Courses, pages::courses::TITLE, "fa-book-open"),
            NavEntry::new(
                Route::Lecturers,
                pages::lecturers::TITLE,
                "fa-chalkboard-teacher",
            ),
            NavEntry::new(Route::Account, texts::ACCOUNT, "fa-user-cog"),
        ]
    }

    fn page(self) -> Html {
        match self {
            Route::Login => html! { <Guest<Route>><pages::login::Login /></Guest<Route>> },
            Route::Home => html! { <Page><pages::home::Home /></Page> },
            Route::Account => html! { <Page><pages::account::Account /></Page> },
            Route::Courses => html! { <Page><pages::courses::Courses /></Page> },
            Route::Course { id } => {
                html! { <Page><pages::courses::CourseEditor key={id.to_string()} {id} /></Page> }
            }
            Route::Lecturers => html! { <Page><pages::lecturers::Lecturers /></Page> },
        }
    }
}
