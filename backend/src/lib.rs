//! Zhipei (职培云) API server.
//!
//! One module per domain (`routes.rs` = HTTP, `service.rs` = rules, `repo.rs` = SQL), plus the
//! cross-cutting pieces every request goes through: `web` (extractors, tower layers), `error`,
//! `db` (the tenant transaction), `authz` (Casbin) and `audit`.

pub mod app;
pub mod archive;
pub mod audit;
pub mod authz;
pub mod catalog;
pub mod cli;
pub mod commerce;
pub mod config;
pub mod crypto;
pub mod db;
pub mod error;
pub mod face;
pub mod identity;
pub mod jobs;
pub mod learning;
pub mod media;
pub mod numbering;
pub mod openapi;
pub mod ops;
pub mod orgs;
pub mod realname;
pub mod review;
pub mod seed;
pub mod storage;
pub mod telemetry;
pub mod tenancy;
pub mod training;
pub mod validate;
pub mod web;

pub use app::{App, AppState};
pub use config::Config;
pub use error::AppError;
