//! What the suite needs from the environment.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use crate::stack::find_psql;
use crate::support::{env_path, find_in_path, in_ci, repo_root, target_dir};
use crate::{APPS, DEFAULT_DEMO_PASSWORD};

/// What the suite needs, from the environment.
pub struct Config {
    pub pg_url: String,
    pub backend_bin: PathBuf,
    pub spa_dir: PathBuf,
    pub psql: PathBuf,
    pub chromedriver: PathBuf,
    pub chromium: Option<PathBuf>,
    pub demo_password: String,
    /// The demo media (`cargo xtask dev`/`ci` make them): the backend seeds the demo course
    /// from them and the course journey uploads them.
    pub demo_media: PathBuf,
    /// The face engine's models and the photos the face journeys film (`var/models`).
    pub face_models: PathBuf,
}

impl Config {
    /// `Ok(None)`: skip (no database configured, outside CI).
    pub fn from_env() -> Result<Option<Self>> {
        let pg_url = match std::env::var("ZHIPEI_TEST_PG_URL") {
            Ok(v) if !v.trim().is_empty() => v,
            _ if in_ci() => bail!(
                "ZHIPEI_TEST_PG_URL is not set but CI is: the e2e suite must run in CI \
                 (`cargo xtask ci` sets it)"
            ),
            _ => {
                eprintln!(
                    "\n!!!!!!!! e2e SKIPPED: ZHIPEI_TEST_PG_URL is not set. Run `cargo xtask ci`, \
                     or set it to a PostgreSQL superuser URL (and ZHIPEI_BACKEND_BIN). !!!!!!!!\n"
                );
                return Ok(None);
            }
        };
        let backend_bin =
            env_path("ZHIPEI_BACKEND_BIN").unwrap_or_else(|| target_dir().join("debug/backend"));
        if !backend_bin.is_file() {
            bail!(
                "backend binary not found at {}: build it (`cargo build -p backend`) or set \
                 ZHIPEI_BACKEND_BIN; the e2e harness never builds it",
                backend_bin.display()
            );
        }
        let spa_dir = env_path("ZHIPEI_SPA_DIR").unwrap_or_else(|| repo_root().join("var/spa"));
        for app in APPS {
            let index = spa_dir.join(app).join("index.html");
            if !index.is_file() {
                bail!(
                    "{} is missing: build the SPAs first (`cargo xtask ci` does, into var/spa)",
                    index.display()
                );
            }
        }
        let psql = find_psql()
            .context("psql not found (PostgreSQL client); set ZHIPEI_PSQL or install it")?;
        let chromedriver = env_path("CHROMEDRIVER")
            .or_else(|| find_in_path("chromedriver"))
            .context(
                "chromedriver not found: apt-get install -y chromium chromium-driver \
                 (`cargo xtask ci` does), or set CHROMEDRIVER",
            )?;
        let chromium = env_path("CHROME_BIN").or_else(|| {
            let p = PathBuf::from("/usr/bin/chromium");
            p.is_file().then_some(p)
        });
        let demo_password = std::env::var("ZHIPEI_DEMO_PASSWORD")
            .ok()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| DEFAULT_DEMO_PASSWORD.to_string());
        let demo_media =
            env_path("ZHIPEI_DEMO_MEDIA_DIR").unwrap_or_else(|| repo_root().join("var/demo"));
        if !demo_media.join("demo-course.mp4").is_file() {
            bail!(
                "{}/demo-course.mp4 is missing: `cargo xtask ci` makes the demo media, or set \
                 ZHIPEI_DEMO_MEDIA_DIR",
                demo_media.display()
            );
        }
        let face_models =
            env_path("ZHIPEI_FACE_MODELS_DIR").unwrap_or_else(|| repo_root().join("var/models"));
        if !face_models.join("photos/obama.jpg").is_file() {
            bail!(
                "{}/photos is missing: `cargo xtask ci` fetches the face models, or set \
                 ZHIPEI_FACE_MODELS_DIR",
                face_models.display()
            );
        }
        Ok(Some(Self {
            pg_url,
            backend_bin,
            spa_dir,
            psql,
            chromedriver,
            chromium,
            demo_password,
            demo_media,
            face_models,
        }))
    }
}
