//! Integration tests: a real PostgreSQL (from `ZHIPEI_TEST_PG_URL`, started by `cargo xtask ci`),
//! the embedded S3 store, and the server on a loopback port, driven over HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod auth;
mod authorization;
mod catalog;
mod catalog_outline;
mod catalog_seed;
mod commerce;
mod errors;
mod helpers;
mod jobs;
mod learning_fixture;
mod learning_risk;
mod learning_rules;
mod learning_sessions;
mod learning_sync;
mod media;
mod media_access;
mod media_playback;
mod orgs_institutions;
mod orgs_registers;
mod platform;
mod review;
mod review_access;
mod review_fixture;
mod review_groups;
mod review_publishing;
mod review_records;
mod rls;
mod storage;
mod training_classes;
mod training_fixture;
mod training_tasks;
mod training_trainees;
