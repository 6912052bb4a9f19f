//! The course catalog (Z-III.1–III.4, Z-III.6, T-7.2.7i/j/k): lecturers, courses and their
//! revisions, chapters and coursewares, course numbers, search and the published catalogue.

mod arrange;
pub(crate) mod authoring;
mod catalogue;
pub mod events;
mod fields;
pub(crate) mod lecturer_routes;
pub(crate) mod lecturers;
mod number;
pub(crate) mod outline;
pub(crate) mod outline_routes;
mod repo;
pub mod revision;
pub mod routes;
mod topics;

pub use routes::router;
