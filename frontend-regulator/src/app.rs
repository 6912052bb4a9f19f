//! Routes of the regulator app, served under `/regulator/`.

use frontend_kit::prelude::*;
use shared_types::Role;
use shared_types::role::Side;
use uuid::Uuid;
use yew::prelude::*;
use yew_nested_router::prelude::*;

use crate::pages::{self, EXPERTS, REGULATORS};

#[derive(Debug, Clone, PartialEq, Eq, Target)]
pub enum Route {
    Login,
    Account,
    Staff,
    Audit,
    Settings,
    /// 课程审核: the queues, `/courses`.
    Courses,
    /// One course under review, `/course/{id}`.
    Course {
        id: Uuid,
    },
    /// 审核专家: experts and expert groups.
    Experts,
    /// 审核记录: every course transition, exportable.
    Records,
    /// 任务队列: background jobs (transcoding).
    Jobs,
    /// 我的审核: the expert's rounds.
    Reviews,
    /// 机构审核: institutions and their certification queue, `/institutions`.
    Institutions,
    /// One institution, `/institution/{id}`.
    Institution {
        id: Uuid,
    },
    /// 资质审核: qualification applications and their history.
    Qualifications,
    /// 入驻企业
    Enterprises,
    /// 培训项目
    Projects,
    /// 开班审核: class applications and every class, `/classes`.
    Classes,
    /// One class, `/class/{id}`.
    Class {
        id: Uuid,
    },
    /// 学员类型: the trainee-type dictionary.
    #[target(rename = "trainee-types")]
    TraineeTypes,
    /// 组织架构
    Departments,
    /// 发票与订单
    Invoices,
    /// 风险事件: what the learning engine found suspicious, `/risk-events`.
    #[target(rename = "risk-events")]
    RiskEvents,
    /// 实名审核: the learners' real-name submissions, `/real-name-reviews`.
    #[target(rename = "real-name-reviews")]
    RealNameReviews,
    /// 人脸核验记录: failed (and all) face checks with their snapshots, `/face-checks`.
    #[target(rename = "face-checks")]
    FaceChecks,
    /// A learner's play sessions, `/study-records/{user_id}`.
    #[target(rename = "study-records")]
    StudyRecords {
        user_id: Uuid,
    },
    /// The heartbeats of one play session, `/play-session/{id}`.
    #[target(rename = "play-session")]
    PlaySession {
        id: Uuid,
    },
    /// The expert review page of one round, `/review/{round_id}`.
    Review {
        round_id: Uuid,
    },
    #[target(index)]
    Home,
}

const STAFF: Text = Text::new("人员管理", "Staff accounts");
const AUDIT: Text = Text::new("审计日志", "Audit log");

type Page = SignedIn<Route>;

impl Spa for Route {
    const NAME: Text = texts::REGULATOR_APP;
    const SIDE: Side = Side::Regulator;
    const LOGIN: Self = Route::Login;
    const HOME: Self = Route::Home;

    /// Entries shown to the roles the server lets through to their pages.
    fn nav() -> Vec<NavEntry<Self>> {
        vec![
            NavEntry::new(Route::Home, texts::HOME, "fa-home"),
            NavEntry::new(
                Route::Institutions,
                pages::institutions::TITLE,
                "fa-university",
            )
            .only_for(&REGULATORS),
            NavEntry::new(
                Route::Qualifications,
                pages::qualifications::TITLE,
                "fa-award",
            )
            .only_for(&REGULATORS),
            NavEntry::new(
                Route::Projects,
                pages::projects::TITLE,
                "fa-project-diagram",
            )
            .only_for(&REGULATORS),
            NavEntry::new(Route::Classes, pages::classes::TITLE, "fa-users").only_for(&REGULATORS),
            NavEntry::new(Route::Enterprises, pages::enterprises::TITLE, "fa-industry")
                .only_for(&REGULATORS),
            NavEntry::new(Route::Invoices, pages::invoices::TITLE, "fa-receipt")
                .only_for(&REGULATORS),
            NavEntry::new(
                Route::RiskEvents,
                pages::risk_events::TITLE,
                "fa-exclamation-triangle",
            )
            .only_for(&REGULATORS),
            NavEntry::new(
                Route::RealNameReviews,
                pages::real_name_reviews::TITLE,
                "fa-id-card",
            )
            .only_for(&REGULATORS),
            NavEntry::new(
                Route::FaceChecks,
                pages::face_checks::TITLE,
                "fa-user-check",
            )
            .only_for(&REGULATORS),
            NavEntry::new(Route::Courses, pages::courses::TITLE, "fa-clipboard-check")
                .only_for(&REGULATORS),
            NavEntry::new(Route::Reviews, pages::reviews::TITLE, "fa-gavel").only_for(&EXPERTS),
            NavEntry::new(Route::Experts, pages::experts::TITLE, "fa-user-graduate")
                .only_for(&REGULATORS),
            NavEntry::new(Route::Records, pages::records::TITLE, "fa-history")
                .only_for(&REGULATORS),
            NavEntry::new(Route::Jobs, pages::jobs::TITLE, "fa-tasks").only_for(&REGULATORS),
            NavEntry::new(Route::TraineeTypes, pages::trainee_types::TITLE, "fa-tags")
                .only_for(&REGULATORS),
            NavEntry::new(Route::Departments, pages::departments::TITLE, "fa-sitemap")
                .only_for(&REGULATORS),
            NavEntry::new(Route::Staff, STAFF, "fa-users-cog").only_for(&REGULATORS),
            NavEntry::new(Route::Audit, AUDIT, "fa-clipboard-list")
                .only_for(&[Role::RegulatorAdmin]),
            NavEntry::new(Route::Settings, pages::settings::TITLE, "fa-sliders-h")
                .only_for(&REGULATORS),
            NavEntry::new(Route::Account, texts::ACCOUNT, "fa-user-cog"),
        ]
    }

    fn page(self) -> Html {
        match self {
            Route::Login => html! { <Guest<Route>><pages::login::Login /></Guest<Route>> },
            Route::Home => html! { <Page><pages::home::Home /></Page> },
            Route::Account => html! { <Page><pages::account::Account /></Page> },
            Route::Staff => html! { <Page><pages::staff::Staff /></Page> },
            Route::Audit => html! { <Page><pages::audit::Audit /></Page> },
            Route::Settings => html! { <Page><pages::settings::Settings /></Page> },
            Route::Courses => html! { <Page><pages::courses::Queue /></Page> },
            Route::Course { id } => {
                html! { <Page><pages::courses::CourseReview key={id.to_string()} {id} /></Page> }
            }
            Route::Experts => html! { <Page><pages::experts::Experts /></Page> },
            Route::Records => html! { <Page><pages::records::Records /></Page> },
            Route::Jobs => html! { <Page><pages::jobs::Jobs /></Page> },
            Route::Reviews => html! { <Page><pages::reviews::MyReviews /></Page> },
            Route::Review { round_id } => html! {
                <Page><pages::reviews::ExpertReview key={round_id.to_string()} {round_id} /></Page>
            },
            Route::Institutions => html! { <Page><pages::institutions::Institutions /></Page> },
            Route::Institution { id } => html! {
                <Page><pages::institutions::InstitutionPage key={id.to_string()} {id} /></Page>
            },
            Route::Qualifications => {
                html! { <Page><pages::qualifications::Qualifications /></Page> }
            }
            Route::Enterprises => html! { <Page><pages::enterprises::Enterprises /></Page> },
            Route::Projects => html! { <Page><pages::projects::Projects /></Page> },
            Route::Classes => html! { <Page><pages::classes::Classes /></Page> },
            Route::Class { id } => {
                html! { <Page><pages::classes::ClassPage key={id.to_string()} {id} /></Page> }
            }
            Route::TraineeTypes => html! { <Page><pages::trainee_types::TraineeTypes /></Page> },
            Route::Departments => html! { <Page><pages::departments::Departments /></Page> },
            Route::Invoices => html! { <Page><pages::invoices::Invoices /></Page> },
            Route::RiskEvents => html! { <Page><pages::risk_events::RiskEvents /></Page> },
            Route::RealNameReviews => {
                html! { <Page><pages::real_name_reviews::RealNameReviews /></Page> }
            }
            Route::FaceChecks => html! { <Page><pages::face_checks::FaceChecks /></Page> },
            Route::StudyRecords { user_id } => html! {
                <Page><pages::study_records::StudyRecords key={user_id.to_string()} {user_id} /></Page>
            },
            Route::PlaySession { id } => html! {
                <Page><pages::study_records::PlaySessionPage key={id.to_string()} {id} /></Page>
            },
        }
    }
}
