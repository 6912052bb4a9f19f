//! The stack under test: a fresh database and the backend binary serving the API and the SPAs.

use std::fs::File;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use serde_json::Value;

use crate::DEMO_TENANT;
use crate::config::Config;
use crate::support::{TempDir, env_path, find_in_path, free_port, tail, unique};

pub(crate) const OWNER_ROLE: &str = "zhipei_owner";
pub(crate) const APP_ROLE: &str = "zhipei_app";

pub(crate) fn find_psql() -> Option<PathBuf> {
    if let Some(p) = env_path("ZHIPEI_PSQL") {
        return Some(p);
    }
    if let Some(p) = find_in_path("psql") {
        return Some(p);
    }
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin/psql")))
        .filter(|p| p.is_file())
        .collect();
    dirs.sort();
    dirs.pop()
}

/// `url` with its user and database replaced (`postgres://u@h:p/db?x` → `postgres://role@h:p/database?x`).
pub fn pg_url_with(url: &str, role: &str, database: &str) -> Result<String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| anyhow!("not a PostgreSQL URL: {url}"))?;
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let query = tail.find('?').map_or("", |i| &tail[i..]);
    Ok(format!("{scheme}://{role}@{host}/{database}{query}"))
}

/// A fresh database owned by `zhipei_owner`, dropped (with its connections) on drop.
pub struct TestDb {
    psql: PathBuf,
    admin_url: String,
    pub name: String,
    pub app_url: String,
    pub owner_url: String,
}

impl TestDb {
    pub fn create(cfg: &Config) -> Result<Self> {
        let name = unique("zhipei_e2e");
        let admin_url = cfg.pg_url.clone();
        let db = Self {
            psql: cfg.psql.clone(),
            app_url: pg_url_with(&admin_url, APP_ROLE, &name)?,
            owner_url: pg_url_with(&admin_url, OWNER_ROLE, &name)?,
            admin_url,
            name,
        };
        // Roles are cluster-wide and other tests may create them concurrently.
        for (role, attrs) in [
            (OWNER_ROLE, "LOGIN"),
            (APP_ROLE, "LOGIN NOBYPASSRLS NOSUPERUSER"),
        ] {
            db.psql(&format!(
                "DO $$ BEGIN CREATE ROLE {role} {attrs}; \
                 EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            ))?;
        }
        db.psql(&format!(
            "CREATE DATABASE \"{}\" OWNER {OWNER_ROLE}",
            db.name
        ))?;
        Ok(db)
    }

    fn psql(&self, sql: &str) -> Result<String> {
        self.psql_on(&self.admin_url, sql)
    }

    /// Runs `sql` on this database as the superuser of the admin URL (so row-level security
    /// does not apply); psql's unaligned output, one row per line, columns split by `|`.
    pub fn sql(&self, sql: &str) -> Result<String> {
        let superuser = self
            .admin_url
            .split_once("://")
            .and_then(|(_, rest)| rest.split_once('@'))
            .map_or("postgres", |(user, _)| {
                user.split(':').next().unwrap_or("postgres")
            });
        self.psql_on(&pg_url_with(&self.admin_url, superuser, &self.name)?, sql)
    }

    fn psql_on(&self, url: &str, sql: &str) -> Result<String> {
        let out = Command::new(&self.psql)
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d"])
            .arg(url)
            .arg("-c")
            .arg(sql)
            .env("PGCONNECT_TIMEOUT", "10")
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("running {}", self.psql.display()))?;
        if !out.status.success() {
            bail!(
                "psql failed on `{sql}`: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let sql = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
        if let Err(err) = self.psql(&sql) {
            eprintln!("e2e: warning: {err:#}");
        }
    }
}

/// The backend binary serving the API and the SPAs in dev mode, seeded with the demo tenant.
pub struct Backend {
    child: Child,
    pub base_url: String,
    log: PathBuf,
    http: reqwest::Client,
    _dir: TempDir,
}

impl Backend {
    pub async fn start(cfg: &Config, db: &TestDb) -> Result<Self> {
        let dir = TempDir::new("zhipei-e2e-backend")?;
        let log = dir.path().join("backend.log");
        let out = File::create(&log)?;
        let err = out.try_clone()?;
        let port = free_port()?;
        let base_url = format!("http://127.0.0.1:{port}");
        let child = Self::command(cfg, db, &dir)
            .arg("serve")
            .env("ZHIPEI_BIND", format!("127.0.0.1:{port}"))
            .env("ZHIPEI_SEED_DEMO", "1")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .with_context(|| format!("starting {}", cfg.backend_bin.display()))?;
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()?;
        let mut backend = Self {
            child,
            base_url,
            log,
            http,
            _dir: dir,
        };
        backend.wait_ready(Duration::from_secs(180)).await?;
        Ok(backend)
    }

    /// The backend binary with the environment of this stack (dev mode, `db`, files in `dir`).
    fn command(cfg: &Config, db: &TestDb, dir: &TempDir) -> Command {
        let mut command = Command::new(&cfg.backend_bin);
        command
            .env("ZHIPEI_MODE", "dev")
            .env("DATABASE_URL", &db.app_url)
            .env("DATABASE_OWNER_URL", &db.owner_url)
            .env("ZHIPEI_DEMO_PASSWORD", &cfg.demo_password)
            .env("ZHIPEI_DEMO_MEDIA_DIR", &cfg.demo_media)
            .env("ZHIPEI_FACE_MODELS_DIR", &cfg.face_models)
            .env("ZHIPEI_SPA_DIR", &cfg.spa_dir)
            .env("ZHIPEI_S3_DIR", dir.path().join("s3"))
            .env("ZHIPEI_DEFAULT_TENANT", DEMO_TENANT)
            .env_remove("S3_ENDPOINT");
        command
    }

    /// Runs a one-shot command of the backend (`backend learning verify`, say) on `db`; its
    /// exit status and output.
    pub fn run_cli(cfg: &Config, db: &TestDb, args: &[&str]) -> Result<(bool, String)> {
        let dir = TempDir::new("zhipei-e2e-cli")?;
        let out = Self::command(cfg, db, &dir)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("running {} {args:?}", cfg.backend_bin.display()))?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        Ok((out.status.success(), text))
    }

    /// Kills the server at once (SIGKILL: no shutdown, no flushing), as a crash would.
    pub fn kill(self) {
        drop(self);
    }

    async fn wait_ready(&mut self, timeout: Duration) -> Result<()> {
        let started = Instant::now();
        let url = self.url("/readyz");
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "the backend exited ({status}) before it was ready; its log:\n{}",
                    self.log_tail(60)
                );
            }
            if let Ok(resp) = self.http.get(&url).send().await
                && resp.status().is_success()
            {
                eprintln!(
                    "e2e: backend ready at {} after {:.1}s",
                    self.base_url,
                    started.elapsed().as_secs_f64()
                );
                return Ok(());
            }
            if started.elapsed() > timeout {
                bail!(
                    "the backend was not ready at {url} within {}s; its log:\n{}",
                    timeout.as_secs(),
                    self.log_tail(60)
                );
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub fn log_tail(&self, lines: usize) -> String {
        tail(&self.log, lines)
    }

    /// The newest SMS code sent to `phone` for `purpose`, read from the dev outbox; polls until
    /// it appears.
    pub async fn sms_code(&self, phone: &str, purpose: &str, timeout: Duration) -> Result<String> {
        let started = Instant::now();
        let url = self.url(&format!("/api/v1/dev/sms-outbox?phone={phone}"));
        let mut last;
        loop {
            let resp = self
                .http
                .get(&url)
                .header("X-Tenant", DEMO_TENANT)
                .send()
                .await;
            match resp {
                Ok(resp) if resp.status().is_success() => {
                    let messages: Value = resp.json().await?;
                    let code = messages.as_array().and_then(|list| {
                        list.iter()
                            .find(|m| m["purpose"].as_str().is_none_or(|p| p == purpose))
                            .and_then(|m| m["code"].as_str())
                    });
                    if let Some(code) = code {
                        return Ok(code.to_string());
                    }
                    last = messages.to_string();
                }
                Ok(resp) => last = format!("HTTP {}", resp.status()),
                Err(err) => last = err.to_string(),
            }
            if started.elapsed() > timeout {
                bail!(
                    "no `{purpose}` SMS code for {phone} in the dev outbox within {}s (last: {last})",
                    timeout.as_secs()
                );
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_pg_urls() -> Result<()> {
        assert_eq!(
            pg_url_with(
                "postgres://postgres@127.0.0.1:5432/postgres",
                "zhipei_app",
                "db1"
            )?,
            "postgres://zhipei_app@127.0.0.1:5432/db1"
        );
        assert_eq!(
            pg_url_with("postgresql://u:pw@h:1/x?sslmode=disable", "r", "d")?,
            "postgresql://r@h:1/d?sslmode=disable"
        );
        assert_eq!(
            pg_url_with("postgres://h:1", "r", "d")?,
            "postgres://r@h:1/d"
        );
        assert!(pg_url_with("nonsense", "r", "d").is_err());
        Ok(())
    }
}
