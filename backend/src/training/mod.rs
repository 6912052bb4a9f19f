//! Organising training (T-7.2.5d, T-7.2.7h, T-7.2.4, Z-II.1, Z-II.9): the regulator's projects
//! and their policy, classes institutions apply to open and the regulator reviews, the trainees
//! of a class (one by one or imported from a file), learning tasks that give trainees seats of
//! the courses, training plans with progress, and what a trainee sees of it all.

mod class_repo;
pub(crate) mod class_routes;
pub(crate) mod classes;
mod import;
mod import_file;
mod learner;
mod plans;
pub(crate) mod projects;
pub(crate) mod routes;
pub(crate) mod tasks;
pub(crate) mod trainee_routes;
pub(crate) mod trainees;
pub mod welcome;

pub use routes::router;
