//! The learning journeys of issue 5, in the learner app with the demo trainee and the demo
//! video (90 s), on a site whose heartbeat comes every 5 s and whose daily cap is one study hour
//! of one minute: playing credits time; switching to another tab pauses and credits nothing; a
//! drag ahead of what was learnt is refused; a reload resumes where it was; signing in on a
//! second browser replaces the first one's session; and the cap message appears.

use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use e2e::{Backend, Browser, DEMO_TENANT, UI_TIMEOUT};
use serde_json::{Value, json};

pub const TRAINEE: &str = "13800000001";
/// Two heartbeats and then some.
const BEAT_WAIT: Duration = Duration::from_secs(15);

/// Patches the demo site's settings as its regulator admin, over the API.
pub async fn patch_settings(backend: &Backend, password: &str, patch: Value) -> Result<()> {
    let http = reqwest::Client::new();
    let login: Value = http
        .post(backend.url("/api/v1/auth/login"))
        .header("X-Tenant", DEMO_TENANT)
        .json(&json!({"username": "demo-admin", "password": password, "device_id": "e2e-learning-settings"}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let token = login["token"].as_str().context("no token")?;
    http.patch(backend.url("/api/v1/tenant/settings"))
        .bearer_auth(token)
        .json(&patch)
        .send()
        .await?
        .error_for_status()?;
    Ok(())
}

/// The site's study settings for these journeys: a heartbeat every 5 s, a daily cap of one
/// study hour of one minute. WebDriver sets `navigator.webdriver`: this site keeps automation
/// at low risk.
pub async fn study_settings(backend: &Backend, password: &str) -> Result<()> {
    patch_settings(
        backend,
        password,
        json!({"heartbeat_seconds": 5, "study_hour_minutes": 1, "daily_cap_study_hours": 1,
               "anti_cheat": {"automation_is_high_risk": false}}),
    )
    .await
}

/// The credited seconds the player shows for this courseware.
pub async fn credited(browser: &Browser) -> Result<f64> {
    let seconds = browser
        .wait_attr("#courseware-credited", "data-seconds", UI_TIMEOUT, |s| {
            s.parse::<f64>().is_ok()
        })
        .await?;
    Ok(seconds.parse()?)
}

async fn current_time(browser: &Browser) -> Result<f64> {
    browser
        .js("return document.querySelector('#player-video').currentTime;")
        .await?
        .as_f64()
        .context("currentTime")
}

/// Opens the demo video from the learner's tasks and starts playing it.
async fn open_and_play(backend: &Backend, browser: &Browser) -> Result<()> {
    browser.goto(&backend.url("/learner/tasks")).await?;
    browser.click("a[id^='study-']").await?;
    browser
        .wait_attr("#player", "data-session", UI_TIMEOUT, |s| !s.is_empty())
        .await?;
    play(browser).await
}

async fn play(browser: &Browser) -> Result<()> {
    browser.click("#player-play").await?;
    browser
        .wait_attr("#player-status", "data-decision", BEAT_WAIT, |d| {
            d == "credited"
        })
        .await?;
    Ok(())
}

pub async fn trainee_plays_pauses_when_hidden_cannot_skip_and_resumes(
    backend: &Backend,
    pc: &Browser,
    password: &str,
) -> Result<()> {
    pc.log_in(backend, "learner", TRAINEE, password).await?;
    open_and_play(backend, pc).await?;
    let before = credited(pc).await?;
    ensure!(before > 0.0, "nothing credited after playing");

    // Another tab in front: the page is hidden, the player pauses and says why.
    pc.away_for(Duration::from_secs(8)).await?;
    let decision = pc
        .wait_attr("#player-status", "data-decision", BEAT_WAIT, |d| {
            d == "hidden" || d == "unfocused" || d == "paused"
        })
        .await?;
    let paused = pc
        .js("return document.querySelector('#player-video').paused;")
        .await?;
    ensure!(
        paused == json!(true),
        "the video plays on while hidden ({decision})"
    );
    let hidden = credited(pc).await?;
    ensure!(
        hidden <= before + 6.0,
        "{before} s before the tab switch, {hidden} s after 8 s away"
    );

    // Dragging ahead of what was learnt is refused; the position stays.
    play(pc).await?;
    pc.js(
        "const s = document.querySelector('#player-seek'); s.value = 80; \
         s.dispatchEvent(new Event('input', {bubbles: true})); \
         s.dispatchEvent(new Event('change', {bubbles: true}));",
    )
    .await?;
    pc.wait_attr("#player-message", "data-reason", UI_TIMEOUT, |r| {
        r == "seek_refused"
    })
    .await?;
    let at = current_time(pc).await?;
    let learnt = credited(pc).await?;
    ensure!(
        at < learnt + 15.0,
        "the video is at {at} s with {learnt} s learnt"
    );

    // A reload resumes where the learner was (never past what was learnt).
    tokio::time::sleep(Duration::from_secs(6)).await;
    pc.click("#player-pause").await?;
    let left_at = current_time(pc).await?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    pc.reload().await?;
    pc.wait_attr("#player", "data-session", UI_TIMEOUT, |s| !s.is_empty())
        .await?;
    let started = std::time::Instant::now();
    let resumed = loop {
        let t = current_time(pc).await?;
        if t > 0.0 || started.elapsed() > Duration::from_secs(10) {
            break t;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    ensure!(
        (left_at - 6.0..=left_at + 0.5).contains(&resumed),
        "left at {left_at} s, resumed at {resumed} s"
    );
    Ok(())
}

pub async fn a_second_browser_takes_over_and_the_cap_stops_crediting(
    backend: &Backend,
    pc: &Browser,
    phone: &Browser,
    password: &str,
) -> Result<()> {
    play(pc).await?;
    phone.use_phone_width().await?;
    phone.log_in(backend, "learner", TRAINEE, password).await?;
    open_and_play(backend, phone).await?;
    // The PC is signed out (one device at a time, Z-II.3) and says why; its player is gone.
    let notice = pc
        .wait_text("#session-replaced", Duration::from_secs(20), None, |t| {
            !t.is_empty()
        })
        .await?;
    ensure!(
        notice.contains("其他设备") && !pc.exists("#player-video").await?,
        "the PC shows `{notice}` and still has its player"
    );
    let overflow = phone.horizontal_overflow().await?;
    if overflow > 0 {
        bail!("at phone width the player is {overflow}px wider than the screen");
    }

    // One minute a day on this site: playing on reaches it, and the player says so.
    phone
        .wait_attr(
            "#player-message",
            "data-reason",
            Duration::from_secs(100),
            |r| r == "cap_reached",
        )
        .await?;
    let remaining = phone
        .wait_text("#today-remaining", UI_TIMEOUT, None, |t| !t.is_empty())
        .await?;
    let paused = phone
        .js("return document.querySelector('#player-video').paused;")
        .await?;
    ensure!(paused == json!(true), "the video plays on past the cap");
    eprintln!("e2e: cap reached; today remaining shows `{remaining}`");
    Ok(())
}
