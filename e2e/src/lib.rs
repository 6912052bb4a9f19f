//! End-to-end harness: a fresh database, the real backend binary in dev mode, chromedriver
//! and headless Chromium sessions, all started per test run and torn down by `Drop` guards.
//!
//! Environment (set by `cargo xtask ci`):
//! - `ZHIPEI_TEST_PG_URL` — a PostgreSQL superuser URL. Unset: the suite is skipped with a loud
//!   message, unless `CI` is set, where that is a failure.
//! - `ZHIPEI_BACKEND_BIN` — the backend binary (default `<target>/debug/backend`); never built
//!   here.
//! - `ZHIPEI_SPA_DIR` — the built SPAs (default `<repo>/var/spa`).
//! - `ZHIPEI_DEMO_MEDIA_DIR` — the demo video, subtitles and licence scan (default
//!   `<repo>/var/demo`, made by `cargo xtask dev` and `ci`).
//! - optional: `CHROMEDRIVER`, `CHROME_BIN`, `ZHIPEI_PSQL`, `ZHIPEI_DEMO_PASSWORD`.

mod browser;
mod config;
mod forms;
mod journeys;
mod stack;
mod support;

pub use browser::{Browser, Driver, UI_TIMEOUT};
pub use config::Config;
pub use journeys::{Journeys, fresh_phone};
pub use stack::{Backend, TestDb, pg_url_with};
pub use support::{TempDir, in_ci, repo_root, screenshot_dir};

pub const DEMO_TENANT: &str = "demo";
pub const DEFAULT_DEMO_PASSWORD: &str = "zhipei-demo-2026";
pub const APPS: [&str; 3] = ["learner", "institution", "regulator"];
