//! The institution app's pages, one folder per feature.

pub mod account;
pub mod courses;
pub mod home;
pub mod lecturers;
pub mod login;
