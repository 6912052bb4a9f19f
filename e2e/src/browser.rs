//! chromedriver and headless Chromium sessions with explicit-wait helpers.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

use crate::config::Config;
use crate::journeys::slug;
use crate::stack::Backend;
use crate::support::{TempDir, free_port, tail, unique};

/// Chromium flags that work on these machines (closed network, root, no GPU, small /dev/shm).
pub(crate) const CHROMIUM_FLAGS: [&str; 10] = [
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
        self.browser_with(name, &[]).await
    }

    /// [`Driver::browser`] whose camera is Chromium's fake device playing `video` (Y4M), with
    /// camera permission granted.
    pub async fn browser_with_camera(&self, name: &str, video: &Path) -> Result<Browser> {
        let flags = [
            "--use-fake-device-for-media-stream".to_string(),
            "--use-fake-ui-for-media-stream".to_string(),
            format!("--use-file-for-fake-video-capture={}", video.display()),
        ];
        self.browser_with(name, &flags).await
    }

    async fn browser_with(&self, name: &str, extra: &[String]) -> Result<Browser> {
        let profile = self.profiles.path().join(unique(name));
        std::fs::create_dir_all(&profile)?;
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| (*s).to_string()).collect();
        args.extend_from_slice(extra);
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

    /// Chooses `file` in the file input `css`.
    pub async fn choose_file(&self, css: &str, file: &Path) -> Result<()> {
        let input = self.wait_for(css, UI_TIMEOUT).await?;
        input
            .send_keys(&file.display().to_string())
            .await
            .with_context(|| format!("[{}] choosing {} in `{css}`", self.name, file.display()))
    }

    /// Clicks `css` once it exists; while something covers it (a toast fading out, a dialog
    /// closing) tries again for a few seconds, as a person would wait.
    pub async fn click(&self, css: &str) -> Result<()> {
        let el = self.wait_for(css, UI_TIMEOUT).await?;
        let mut attempts = 0;
        loop {
            match el.click().await {
                Ok(()) => return Ok(()),
                Err(err) if attempts < 40 && err.to_string().contains("intercepted") => {
                    attempts += 1;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(err) => {
                    return Err(err).with_context(|| format!("[{}] clicking `{css}`", self.name));
                }
            }
        }
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

    /// [`Self::wait_text`] for an attribute (`data-decision`, say).
    pub async fn wait_attr(
        &self,
        css: &str,
        attr: &'static str,
        timeout: Duration,
        ok: impl Fn(&str) -> bool,
    ) -> Result<String> {
        self.wait_reading(css, Reading::Attr(attr), timeout, None, ok)
            .await
    }

    /// Runs `script` in the page (a function body: `return …`); its result.
    pub async fn js(&self, script: &str) -> Result<Value> {
        self.client
            .execute(script, Vec::new())
            .await
            .with_context(|| format!("[{}] running `{script}`", self.name))
    }

    /// Switches to a new tab for `away`, as a learner looking at something else would, then
    /// closes it and comes back.
    pub async fn away_for(&self, away: Duration) -> Result<()> {
        let here = self.client.window().await?;
        let tab = self.client.new_window(true).await?;
        self.client.switch_to_window(tab.handle).await?;
        self.client.goto("about:blank").await?;
        tokio::time::sleep(away).await;
        self.client.close_window().await?;
        self.client
            .switch_to_window(here)
            .await
            .with_context(|| format!("[{}] coming back to the first tab", self.name))
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
    Attr(&'static str),
}

impl Reading {
    async fn of(self, el: &Element) -> Result<Option<String>, fantoccini::error::CmdError> {
        match self {
            Reading::Text => el.text().await.map(Some),
            Reading::Value => el.prop("value").await,
            Reading::Attr(name) => el.attr(name).await,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Reading::Text => "text",
            Reading::Value => "value",
            Reading::Attr(name) => name,
        }
    }
}
