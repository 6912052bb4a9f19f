//! The institution app's pages, one folder per feature.

pub mod account;
pub mod home;
pub mod login;
