//! End-to-end harness: a fresh database, the real backend binary in dev mode, chromedriver
//! and headless Chromium sessions, all started per test run and torn down by `Drop` guards.
//!
//! Environment (set by `cargo xtask ci`):
//! - `ZHIPEI_TEST_PG_URL` — a PostgreSQL superuser URL. Unset: the suite is skipped with a loud
//!   message, unless `CI` is set, where that is a failure.
//! - `ZHIPEI_BACKEND_BIN` — the backend binary (default `<target>/debug/backend`); never built
//!   here.
//! - `ZHIPEI_SPA_DIR` — the built SPAs (default `<repo>/var/spa`).
//! - optional: `CHROMEDRIVER`, `CHROME_BIN`, `ZHIPEI_PSQL`, `ZHIPEI_DEMO_PASSWORD`.

use std::fs::File;
use std::future::Future;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, anyhow, bail};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

pub const DEMO_TENANT: &str = "demo";
pub const DEFAULT_DEMO_PASSWORD: &str = "zhipei-demo-2026";
pub const APPS: [&str; 3] = ["learner", "institution", "regulator"];
const OWNER_ROLE: &str = "zhipei_owner";
const APP_ROLE: &str = "zhipei_app";

/// Chromium flags that work on these machines (closed network, root, no GPU, small /dev/shm).
const CHROMIUM_FLAGS: [&str; 10] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
];

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A name unique to this process and call: `<prefix>_<pid>_<nanos>_<n>`.
fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    format!("{prefix}_{}_{nanos}_{n}", std::process::id())
}

pub fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map_or_else(|| manifest.to_path_buf(), Path::to_path_buf)
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if Path::new(&dir).is_absolute() => PathBuf::from(dir),
        Some(dir) => repo_root().join(dir),
        None => repo_root().join("target"),
    }
}

/// Where failing journeys leave their screenshots and page sources.
pub fn screenshot_dir() -> PathBuf {
    target_dir().join("e2e-screenshots")
}

/// Whether we run under CI (`CI` set to anything but empty/0/false).
pub fn in_ci() -> bool {
    std::env::var("CI")
        .map(|v| !matches!(v.trim(), "" | "0" | "false" | "no"))
        .unwrap_or(false)
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn find_in_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

fn find_psql() -> Option<PathBuf> {
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

fn free_port() -> Result<u16> {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("no free TCP port")?;
    Ok(l.local_addr()?.port())
}

/// The last `n` lines of a log file.
fn tail(path: &Path, n: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
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

/// A directory removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> Result<Self> {
        let path = std::env::temp_dir().join(unique(prefix));
        std::fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(Self(path))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What the suite needs, from the environment.
pub struct Config {
    pub pg_url: String,
    pub backend_bin: PathBuf,
    pub spa_dir: PathBuf,
    pub psql: PathBuf,
    pub chromedriver: PathBuf,
    pub chromium: Option<PathBuf>,
    pub demo_password: String,
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
        Ok(Some(Self {
            pg_url,
            backend_bin,
            spa_dir,
            psql,
            chromedriver,
            chromium,
            demo_password,
        }))
    }
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
        let out = Command::new(&self.psql)
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d"])
            .arg(&self.admin_url)
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
        let child = Command::new(&cfg.backend_bin)
            .arg("serve")
            .env("ZHIPEI_MODE", "dev")
            .env("ZHIPEI_BIND", format!("127.0.0.1:{port}"))
            .env("DATABASE_URL", &db.app_url)
            .env("DATABASE_OWNER_URL", &db.owner_url)
            .env("ZHIPEI_SEED_DEMO", "1")
            .env("ZHIPEI_DEMO_PASSWORD", &cfg.demo_password)
            .env("ZHIPEI_SPA_DIR", &cfg.spa_dir)
            .env("ZHIPEI_S3_DIR", dir.path().join("s3"))
            .env("ZHIPEI_DEFAULT_TENANT", DEMO_TENANT)
            .env_remove("S3_ENDPOINT")
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

/// chromedriver on a free port; every browser session gets its own profile directory.
pub struct Driver {
    child: Child,
    url: String,
    chromium: Option<PathBuf>,
    profiles: TempDir,
    log: PathBuf,
}

impl Driver {
    pub async fn start(cfg: &Config) -> Result<Self> {
        let profiles = TempDir::new("zhipei-e2e-chrome")?;
        let log = profiles.path().join("chromedriver.log");
        let out = File::create(&log)?;
        let err = out.try_clone()?;
        let port = free_port()?;
        let child = Command::new(&cfg.chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .with_context(|| format!("starting {}", cfg.chromedriver.display()))?;
        let mut driver = Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
            chromium: cfg.chromium.clone(),
            profiles,
            log,
        };
        driver.wait_ready(Duration::from_secs(30)).await?;
        Ok(driver)
    }

    async fn wait_ready(&mut self, timeout: Duration) -> Result<()> {
        let started = Instant::now();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()?;
        let status_url = format!("{}/status", self.url);
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "chromedriver exited ({status}); its log:\n{}",
                    tail(&self.log, 30)
                );
            }
            if let Ok(resp) = http.get(&status_url).send().await
                && let Ok(v) = resp.json::<Value>().await
                && v["value"]["ready"].as_bool() == Some(true)
            {
                return Ok(());
            }
            if started.elapsed() > timeout {
                bail!(
                    "chromedriver not ready within {}s; its log:\n{}",
                    timeout.as_secs(),
                    tail(&self.log, 30)
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// A new headless Chromium session with a fresh profile (so its own localStorage and
    /// device id), window 1280x900.
    pub async fn browser(&self, name: &str) -> Result<Browser> {
        let profile = self.profiles.path().join(unique(name));
        std::fs::create_dir_all(&profile)?;
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| (*s).to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let mut options = json!({ "args": args });
        if let Some(bin) = &self.chromium {
            options["binary"] = json!(bin.display().to_string());
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert("goog:chromeOptions".into(), options);
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&self.url)
            .await
            .with_context(|| {
                format!(
                    "opening a Chromium session; chromedriver log:\n{}",
                    tail(&self.log, 30)
                )
            })?;
        client.set_window_size(1280, 900).await?;
        Ok(Browser {
            client,
            name: name.to_string(),
        })
    }

    /// Chromium processes left behind by a killed chromedriver, found by our profile path.
    fn kill_leftover_browsers(&self) {
        let marker = self.profiles.path().to_string_lossy().into_owned();
        let Ok(procs) = std::fs::read_dir("/proc") else {
            return;
        };
        for entry in procs.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<u32>().ok())
            else {
                continue;
            };
            let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
            if String::from_utf8_lossy(&cmdline).contains(&marker) {
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .stderr(Stdio::null())
                    .status();
            }
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.kill_leftover_browsers();
    }
}

/// One browser session with explicit-wait helpers.
pub struct Browser {
    pub client: Client,
    pub name: String,
}

/// How long an element may take to appear after navigation or a click.
pub const UI_TIMEOUT: Duration = Duration::from_secs(30);

impl Browser {
    pub async fn goto(&self, url: &str) -> Result<()> {
        self.client
            .goto(url)
            .await
            .with_context(|| format!("[{}] opening {url}", self.name))
    }

    pub async fn wait_for(&self, css: &str, timeout: Duration) -> Result<Element> {
        self.client
            .wait()
            .at_most(timeout)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| {
                format!(
                    "[{}] `{css}` did not appear within {}s",
                    self.name,
                    timeout.as_secs()
                )
            })
    }

    /// Waits for the field, clears it and types `text`.
    pub async fn fill(&self, css: &str, text: &str) -> Result<()> {
        let field = self.wait_for(css, UI_TIMEOUT).await?;
        field.clear().await?;
        field
            .send_keys(text)
            .await
            .with_context(|| format!("[{}] typing into `{css}`", self.name))
    }

    pub async fn click(&self, css: &str) -> Result<()> {
        let el = self.wait_for(css, UI_TIMEOUT).await?;
        el.click()
            .await
            .with_context(|| format!("[{}] clicking `{css}`", self.name))
    }

    /// Waits until `css` exists and its text satisfies `ok`. When `error_css` shows a
    /// non-empty text first (a form error), fails at once with it.
    pub async fn wait_text(
        &self,
        css: &str,
        timeout: Duration,
        error_css: Option<&str>,
        ok: impl Fn(&str) -> bool,
    ) -> Result<String> {
        self.wait_reading(css, Reading::Text, timeout, error_css, ok)
            .await
    }

    /// [`Self::wait_text`] for the current value of a form field.
    pub async fn wait_value(
        &self,
        css: &str,
        timeout: Duration,
        error_css: Option<&str>,
        ok: impl Fn(&str) -> bool,
    ) -> Result<String> {
        self.wait_reading(css, Reading::Value, timeout, error_css, ok)
            .await
    }

    async fn wait_reading(
        &self,
        css: &str,
        reading: Reading,
        timeout: Duration,
        error_css: Option<&str>,
        ok: impl Fn(&str) -> bool,
    ) -> Result<String> {
        let started = Instant::now();
        let mut last: Option<String> = None;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await
                && let Ok(Some(text)) = reading.of(&el).await
            {
                let text = text.trim().to_string();
                if ok(&text) {
                    return Ok(text);
                }
                last = Some(text);
            }
            if let Some(err_css) = error_css
                && let Ok(el) = self.client.find(Locator::Css(err_css)).await
            {
                let text = el.text().await.unwrap_or_default();
                if !text.trim().is_empty() {
                    bail!("[{}] `{err_css}` shows: {}", self.name, text.trim());
                }
            }
            if started.elapsed() > timeout {
                let url = self
                    .client
                    .current_url()
                    .await
                    .map(|u| u.to_string())
                    .unwrap_or_default();
                bail!(
                    "[{}] `{css}` did not show the expected {} within {}s (last: {last:?}, at {url})",
                    self.name,
                    reading.name(),
                    timeout.as_secs()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Whether `css` matches anything now (no waiting).
    pub async fn exists(&self, css: &str) -> Result<bool> {
        let found = self
            .client
            .find_all(Locator::Css(css))
            .await
            .with_context(|| format!("[{}] looking for `{css}`", self.name))?;
        Ok(!found.is_empty())
    }

    /// Narrows the window to a phone's width (390 CSS pixels, an iPhone 12 to 15).
    pub async fn use_phone_width(&self) -> Result<()> {
        self.client
            .set_window_size(390, 844)
            .await
            .with_context(|| format!("[{}] resizing to phone width", self.name))
    }

    /// How many CSS pixels the page is wider than the window: 0 when nothing scrolls sideways.
    pub async fn horizontal_overflow(&self) -> Result<i64> {
        let overflow = self
            .client
            .execute(
                "return document.documentElement.scrollWidth - window.innerWidth;",
                Vec::new(),
            )
            .await
            .with_context(|| format!("[{}] measuring the page width", self.name))?;
        overflow
            .as_i64()
            .ok_or_else(|| anyhow!("[{}] page width came back as {overflow}", self.name))
    }

    /// Reloads the current page, as the browser's reload button does.
    pub async fn reload(&self) -> Result<()> {
        self.client
            .refresh()
            .await
            .with_context(|| format!("[{}] reloading the page", self.name))
    }

    /// Logs in on `/<app>/login` and returns the name shown in `#user-name`.
    pub async fn log_in(
        &self,
        backend: &Backend,
        app: &str,
        account: &str,
        password: &str,
    ) -> Result<String> {
        self.goto(&backend.url(&format!("/{app}/login"))).await?;
        self.fill("#account", account).await?;
        self.fill("#password", password).await?;
        self.click("#submit").await?;
        self.wait_text("#user-name", UI_TIMEOUT, Some("#form-error"), |t| {
            !t.is_empty()
        })
        .await
        .with_context(|| format!("logging into the {app} app as {account}"))
    }

    /// Saves a screenshot and the page source under `dir`, named after the journey.
    pub async fn save_evidence(&self, dir: &Path, journey: &str) {
        let stem = format!("{}-{}", slug(journey), slug(&self.name));
        if let Err(err) = std::fs::create_dir_all(dir) {
            eprintln!("e2e: cannot create {}: {err}", dir.display());
            return;
        }
        match self.client.screenshot().await {
            Ok(png) => {
                let path = dir.join(format!("{stem}.png"));
                if std::fs::write(&path, png).is_ok() {
                    eprintln!("e2e: screenshot {}", path.display());
                }
            }
            Err(err) => eprintln!("e2e: [{}] no screenshot: {err}", self.name),
        }
        if let Ok(html) = self.client.source().await {
            let url = self
                .client
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            let _ = std::fs::write(
                dir.join(format!("{stem}.html")),
                format!("<!-- {url} -->\n{html}"),
            );
        }
    }

    pub async fn close(self) {
        if let Err(err) = self.client.close().await {
            eprintln!("e2e: [{}] closing the session: {err}", self.name);
        }
    }
}

/// What [`Browser::wait_reading`] reads from an element.
#[derive(Clone, Copy)]
enum Reading {
    Text,
    /// A form field's current `value` property (not the attribute it started with).
    Value,
}

impl Reading {
    async fn of(self, el: &Element) -> Result<Option<String>, fantoccini::error::CmdError> {
        match self {
            Reading::Text => el.text().await.map(Some),
            Reading::Value => el.prop("value").await,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Reading::Text => "text",
            Reading::Value => "value",
        }
    }
}

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Runs named journeys, keeps going after a failure and reports them all at the end.
pub struct Journeys {
    failures: Vec<String>,
    passed: usize,
}

impl Default for Journeys {
    fn default() -> Self {
        Self::new()
    }
}

impl Journeys {
    pub fn new() -> Self {
        Self {
            failures: Vec::new(),
            passed: 0,
        }
    }

    /// Runs one journey (at most `JOURNEY_TIMEOUT`); on failure saves the browsers' screenshots
    /// and prints the backend's recent log. Returns whether it passed.
    pub async fn run(
        &mut self,
        name: &str,
        backend: &Backend,
        browsers: &[&Browser],
        journey: impl Future<Output = Result<()>>,
    ) -> bool {
        const JOURNEY_TIMEOUT: Duration = Duration::from_secs(180);
        eprintln!("e2e: journey `{name}` ...");
        let started = Instant::now();
        let result = match tokio::time::timeout(JOURNEY_TIMEOUT, journey).await {
            Ok(r) => r,
            Err(_) => Err(anyhow!("timed out after {}s", JOURNEY_TIMEOUT.as_secs())),
        };
        let took = started.elapsed().as_secs_f64();
        match result {
            Ok(()) => {
                eprintln!("e2e: journey `{name}`: ok ({took:.1}s)");
                self.passed += 1;
                true
            }
            Err(err) => {
                eprintln!("e2e: journey `{name}`: FAILED ({took:.1}s): {err:#}");
                for b in browsers {
                    b.save_evidence(&screenshot_dir(), name).await;
                }
                eprintln!("e2e: backend log (last lines):\n{}", backend.log_tail(40));
                self.failures.push(format!("{name}: {err:#}"));
                false
            }
        }
    }

    pub fn fail(&mut self, name: &str, why: &str) {
        eprintln!("e2e: journey `{name}`: FAILED: {why}");
        self.failures.push(format!("{name}: {why}"));
    }

    pub fn finish(self) -> Result<()> {
        if self.failures.is_empty() {
            eprintln!("e2e: all {} journeys passed", self.passed);
            return Ok(());
        }
        bail!(
            "{} journey(s) failed ({} passed):\n  {}",
            self.failures.len(),
            self.passed,
            self.failures.join("\n  ")
        )
    }
}

/// A fresh mainland mobile number (139 + 8 digits) unlikely to collide across runs.
pub fn fresh_phone() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mix = nanos ^ (u128::from(std::process::id()) << 20);
    format!("139{:08}", mix % 100_000_000)
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

    #[test]
    fn phones_look_like_mainland_mobiles() {
        let p = fresh_phone();
        assert_eq!(p.len(), 11);
        assert!(p.starts_with("139"));
        assert!(p.chars().all(|c| c.is_ascii_digit()));
    }

    #[test]
    fn slugs_are_file_names() {
        assert_eq!(slug("Log in: regulator"), "log-in--regulator");
    }
}
