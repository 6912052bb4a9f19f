//! The learner app's pages, one folder per feature.

pub mod account;
pub mod catalogue;
pub mod classes;
pub mod home;
pub mod hours;
pub mod login;
pub mod real_name;
pub mod register;
pub mod study;
pub mod tasks;
