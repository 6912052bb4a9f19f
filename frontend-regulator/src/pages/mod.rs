//! The regulator app's pages, one folder per feature.

pub mod account;
pub mod audit;
pub mod home;
pub mod login;
pub mod staff;
