//! The learner app's pages, one folder per feature.

pub mod account;
pub mod catalogue;
pub mod classes;
pub mod home;
pub mod login;
pub mod register;
pub mod tasks;
