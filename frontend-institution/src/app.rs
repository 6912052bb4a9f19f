//! Routes of the institution app, served under `/institution/`.

use frontend_kit::prelude::*;
use shared_types::role::Side;
use uuid::Uuid;
use yew::prelude::*;
use yew_nested_router::prelude::*;

use crate::pages::{self, OFFICE, TEACHING};

#[derive(Debug, Clone, PartialEq, Eq, Target)]
pub enum Route {
    Login,
    /// 机构注册: a training unit signs up with its head account.
    Register,
    Account,
    /// 机构认证: certification data, its review and history, the contact.
    Certification,
    /// 培训资质: qualifications per training type.
    Qualifications,
    /// 课程超市: on-demand courses to buy seats of.
    Shop,
    /// 订单: the institution's orders, `/orders`.
    Orders,
    /// One order, `/order/{id}`.
    Order {
        id: Uuid,
    },
    /// 席位库存: seats held per course.
    Inventory,
    /// 发票: invoice requests.
    Invoices,
    /// 培训项目: the regulator's open projects.
    Projects,
    /// 班级管理: the institution's classes, `/classes`.
    Classes,
    /// One class, `/class/{id}`.
    Class {
        id: Uuid,
    },
    /// 培训计划
    Plans,
    /// 电子凭证
    Vouchers,
    /// 组织架构
    Departments,
    /// 课程管理: the courses the institution authors, `/courses`.
    Courses,
    /// One course's editor, `/course/{id}`.
    Course {
        id: Uuid,
    },
    /// 讲师管理: lecturer profiles shown on courses.
    Lecturers,
    /// 学员实名: the trainees' real-name verification, `/real-name`.
    #[target(rename = "real-name")]
    RealNames,
    #[target(index)]
    Home,
}

type Page = SignedIn<Route>;

impl Spa for Route {
    const NAME: Text = texts::INSTITUTION_APP;
    const SIDE: Side = Side::Institution;
    const LOGIN: Self = Route::Login;
    const HOME: Self = Route::Home;

    /// Entries shown to the roles the server lets through to their pages.
    fn nav() -> Vec<NavEntry<Self>> {
        vec![
            NavEntry::new(Route::Home, texts::HOME, "fa-home"),
            NavEntry::new(
                Route::Certification,
                pages::certification::TITLE,
                "fa-certificate",
            ),
            NavEntry::new(
                Route::Qualifications,
                pages::qualifications::TITLE,
                "fa-award",
            ),
            NavEntry::new(
                Route::Projects,
                pages::projects::TITLE,
                "fa-project-diagram",
            )
            .only_for(&OFFICE),
            NavEntry::new(Route::Classes, pages::classes::TITLE, "fa-users").only_for(&TEACHING),
            NavEntry::new(Route::RealNames, pages::real_name::TITLE, "fa-id-card")
                .only_for(&OFFICE),
            NavEntry::new(Route::Plans, pages::plans::TITLE, "fa-calendar-check").only_for(&OFFICE),
            NavEntry::new(Route::Courses, pages::courses::TITLE, "fa-book-open"),
            NavEntry::new(Route::Shop, pages::shop::TITLE, "fa-shopping-cart").only_for(&OFFICE),
            NavEntry::new(
                Route::Orders,
                pages::orders::TITLE,
                "fa-file-invoice-dollar",
            )
            .only_for(&OFFICE),
            NavEntry::new(Route::Inventory, pages::inventory::TITLE, "fa-boxes").only_for(&OFFICE),
            NavEntry::new(Route::Invoices, pages::invoices::TITLE, "fa-receipt").only_for(&OFFICE),
            NavEntry::new(Route::Vouchers, pages::vouchers::TITLE, "fa-stamp").only_for(&OFFICE),
            NavEntry::new(
                Route::Lecturers,
                pages::lecturers::TITLE,
                "fa-chalkboard-teacher",
            ),
            NavEntry::new(Route::Departments, pages::departments::TITLE, "fa-sitemap")
                .only_for(&OFFICE),
            NavEntry::new(Route::Account, texts::ACCOUNT, "fa-user-cog"),
        ]
    }

    fn page(self) -> Html {
        match self {
            Route::Login => html! { <Guest<Route>><pages::login::Login /></Guest<Route>> },
            Route::Register => html! { <Guest<Route>><pages::register::Register /></Guest<Route>> },
            Route::Home => html! { <Page><pages::home::Home /></Page> },
            Route::Account => html! { <Page><pages::account::Account /></Page> },
            Route::Certification => {
                html! { <Page><pages::certification::Certification /></Page> }
            }
            Route::Qualifications => {
                html! { <Page><pages::qualifications::Qualifications /></Page> }
            }
            Route::Shop => html! { <Page><pages::shop::Shop /></Page> },
            Route::Orders => html! { <Page><pages::orders::Orders /></Page> },
            Route::Order { id } => {
                html! { <Page><pages::orders::OrderPage key={id.to_string()} {id} /></Page> }
            }
            Route::Inventory => html! { <Page><pages::inventory::Inventory /></Page> },
            Route::Invoices => html! { <Page><pages::invoices::Invoices /></Page> },
            Route::Projects => html! { <Page><pages::projects::Projects /></Page> },
            Route::Classes => html! { <Page><pages::classes::Classes /></Page> },
            Route::Class { id } => {
                html! { <Page><pages::classes::ClassPage key={id.to_string()} {id} /></Page> }
            }
            Route::Plans => html! { <Page><pages::plans::Plans /></Page> },
            Route::Vouchers => html! { <Page><pages::vouchers::Vouchers /></Page> },
            Route::Departments => html! { <Page><pages::departments::Departments /></Page> },
            Route::Courses => html! { <Page><pages::courses::Courses /></Page> },
            Route::Course { id } => {
                html! { <Page><pages::courses::CourseEditor key={id.to_string()} {id} /></Page> }
            }
            Route::Lecturers => html! { <Page><pages::lecturers::Lecturers /></Page> },
            Route::RealNames => html! { <Page><pages::real_name::RealNames /></Page> },
        }
    }
}
