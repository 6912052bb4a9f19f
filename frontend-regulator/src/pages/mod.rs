//! The regulator app's pages, one folder per feature.

pub mod account;
pub mod audit;
pub mod classes;
pub mod courses;
pub mod departments;
pub mod enterprises;
pub mod experts;
pub mod face_checks;
pub mod home;
pub mod institutions;
pub mod invoices;
pub mod jobs;
pub mod login;
pub mod projects;
pub mod qualifications;
pub mod real_name_reviews;
pub mod records;
pub mod reviews;
pub mod risk_events;
pub mod settings;
pub mod staff;
pub mod study_records;
pub mod trainee_types;

use frontend_kit::prelude::use_session;
use shared_types::Role;
use yew::prelude::*;

pub use frontend_kit::session::use_has_role;

/// Whether the signed-in user may change what the regulator pages show (a regulator admin);
/// everyone else reads. The server enforces the same rule.
#[hook]
pub fn use_can_edit() -> bool {
    use_session()
        .me()
        .is_some_and(|me| me.roles.contains(&Role::RegulatorAdmin))
}

/// The three levels of T-7.2.1.1: system admin, operations, browse-only. All of them read the
/// review pages; the viewer only reads.
pub const REGULATORS: [Role; 3] = [
    Role::RegulatorAdmin,
    Role::RegulatorOperator,
    Role::RegulatorViewer,
];
/// Who assigns, publishes and takes courses down (Casbin `course_review` write); also who reviews
/// institutions, qualifications and classes and writes enterprises, projects and invoices
/// (`institutions`, `class_review`, `enterprises`, `projects`, `invoices` write).
pub const REVIEW_DESK: [Role; 2] = [Role::RegulatorAdmin, Role::RegulatorOperator];
/// Course-review experts: they see only their own rounds.
pub const EXPERTS: [Role; 1] = [Role::Expert];
