//! The face journeys of issue 6, in the learner and regulator apps with Chromium's fake camera
//! fed from a file (`--use-file-for-fake-video-capture`): the demo trainee verifies their real
//! name (ID photo, portrait from the camera), the regulator approves, and a study session passes
//! its face check; with another person in front of the camera the check fails and nothing is
//! credited. The site allows Chromium's fake camera, which production policy flags.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use e2e::{Backend, Browser, UI_TIMEOUT};
use serde_json::json;

use crate::learning::{TRAINEE, credited, patch_settings};

const TRAINEE_NAME: &str = "演示学员";
/// A face check (capture, upload, engine) plus the page's countdown.
const CHECK_WAIT: Duration = Duration::from_secs(60);

fn photo(models: &Path, name: &str) -> Result<image::RgbImage> {
    let path = models.join("photos").join(name);
    let image = image::open(&path)
        .with_context(|| format!("{} (run `cargo xtask models`)", path.display()))?;
    Ok(image
        .resize(640, 480, image::imageops::FilterType::Triangle)
        .into_rgb8())
}

/// A looping fake-camera video of `photo_name` (Y4M, 640x480, 4:2:0 full range): each frame
/// moves a few pixels, as a person in front of a webcam does.
pub fn fake_camera(models: &Path, photo_name: &str, dir: &Path) -> Result<PathBuf> {
    const FRAMES: i64 = 16;
    let person = photo(models, photo_name)?;
    let mut video = b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n".to_vec();
    for i in 0..FRAMES {
        let mut frame = image::RgbImage::from_pixel(640, 480, image::Rgb([60, 60, 60]));
        let x = i64::from((640 - person.width()) / 2) + (i % 8) - 4;
        image::imageops::overlay(&mut frame, &person, x, (i % 4) - 2);
        video.extend_from_slice(b"FRAME\n");
        push_yuv420(&frame, &mut video);
    }
    let path = dir.join(format!("camera-{photo_name}.y4m"));
    std::fs::write(&path, video).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

fn push_yuv420(frame: &image::RgbImage, out: &mut Vec<u8>) {
    let (w, h) = frame.dimensions();
    let luma = |p: &image::Rgb<u8>| {
        0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2])
    };
    out.extend(
        frame
            .pixels()
            .map(|p| luma(p).round().clamp(0.0, 255.0) as u8),
    );
    let chroma = |weights: [f32; 3]| -> Vec<u8> {
        let mut plane = Vec::with_capacity((w * h / 4) as usize);
        for y in (0..h).step_by(2) {
            for x in (0..w).step_by(2) {
                let sum: f32 = [(x, y), (x + 1, y), (x, y + 1), (x + 1, y + 1)]
                    .iter()
                    .map(|&(px, py)| {
                        let p = frame.get_pixel(px, py);
                        weights[0] * f32::from(p[0])
                            + weights[1] * f32::from(p[1])
                            + weights[2] * f32::from(p[2])
                    })
                    .sum();
                plane.push((sum / 4.0 + 128.0).round().clamp(0.0, 255.0) as u8);
            }
        }
        plane
    };
    out.extend(chroma([-0.1687, -0.3313, 0.5]));
    out.extend(chroma([0.5, -0.4187, -0.0813]));
}

/// The ID-card photo the trainee uploads (a JPEG file for the file input).
pub fn id_photo(models: &Path, dir: &Path) -> Result<PathBuf> {
    let path = dir.join("id-front.jpg");
    photo(models, "obama3.jpg")?
        .save(&path)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

/// The demo trainee's ID-card number (the seed's: born 1990-03-07 in Hangzhou).
fn demo_id_card() -> Result<String> {
    let first17 = "33010619900307002";
    let check = shared_types::ids::IdCardNo::check_char(first17).context("check character")?;
    Ok(format!("{first17}{check}"))
}

/// Face checks on, Chromium's fake camera allowed, no human questions in between; a daily cap
/// the earlier learning journeys have not used up.
pub async fn face_settings(backend: &Backend, password: &str) -> Result<()> {
    patch_settings(
        backend,
        password,
        json!({"daily_cap_study_hours": 20, "human_check": {"enabled": false},
               "face_check": {"enabled": true, "allow_virtual_camera": true, "fallback": "human_check"}}),
    )
    .await
}

/// Reloads `path` until `#real-name-status` shows `status`.
async fn wait_status(backend: &Backend, browser: &Browser, status: &str) -> Result<()> {
    let started = Instant::now();
    loop {
        browser.goto(&backend.url("/learner/real-name")).await?;
        let seen = browser
            .wait_attr("#real-name-status", "data-status", UI_TIMEOUT, |s| {
                !s.is_empty()
            })
            .await?;
        if seen == status {
            return Ok(());
        }
        if started.elapsed() > UI_TIMEOUT {
            bail!("real-name status stayed `{seen}`, expected `{status}`");
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

async fn fits_the_phone(browser: &Browser) -> Result<()> {
    let overflow = browser.horizontal_overflow().await?;
    ensure!(
        overflow <= 0,
        "[{}] the page is {overflow} px wider than the phone",
        browser.name
    );
    Ok(())
}

/// Opens the demo video from the tasks and takes the face check the session opens with.
async fn study_and_check(backend: &Backend, browser: &Browser) -> Result<(String, String)> {
    browser.goto(&backend.url("/learner/tasks")).await?;
    browser.click("a[id^='study-']").await?;
    browser.wait_for("#face-check-dialog", UI_TIMEOUT).await?;
    browser.click("#face-check-start").await?;
    let passed = browser
        .wait_attr("#face-check-result", "data-passed", CHECK_WAIT, |p| {
            !p.is_empty()
        })
        .await?;
    let outcome = browser
        .wait_attr("#face-check-result", "data-outcome", UI_TIMEOUT, |o| {
            !o.is_empty()
        })
        .await?;
    Ok((passed, outcome))
}

pub async fn a_trainee_verifies_their_real_name_and_passes_the_face_check(
    backend: &Backend,
    learner: &Browser,
    regulator: &Browser,
    password: &str,
    id_photo: &Path,
) -> Result<()> {
    learner
        .log_in(backend, "learner", TRAINEE, password)
        .await?;
    // On a phone, as most trainees verify.
    learner.use_phone_width().await?;
    learner.goto(&backend.url("/learner/real-name")).await?;
    learner.fill("#rn-name", TRAINEE_NAME).await?;
    learner.fill("#rn-id-number", &demo_id_card()?).await?;
    learner.choose_file("#rn-id-front", id_photo).await?;
    learner.wait_for("#rn-id-front-done", UI_TIMEOUT).await?;
    learner.click("#rn-take-portrait").await?;
    learner.click("#camera-shoot").await?;
    learner.click("#camera-use").await?;
    learner.wait_for("#rn-portrait-preview", UI_TIMEOUT).await?;
    learner.click("#rn-submit").await?;
    learner
        .wait_attr("#real-name-status", "data-status", UI_TIMEOUT, |s| {
            s == "pending"
        })
        .await?;
    fits_the_phone(learner).await?;

    regulator
        .log_in(backend, "regulator", "demo-admin", password)
        .await?;
    regulator.use_phone_width().await?;
    regulator
        .goto(&backend.url("/regulator/real-name-reviews"))
        .await?;
    regulator
        .wait_for(".rn-review[data-status='pending'] .rn-approve", UI_TIMEOUT)
        .await?;
    fits_the_phone(regulator).await?;
    regulator
        .click(".rn-review[data-status='pending'] .rn-approve")
        .await?;
    wait_status(backend, learner, "verified").await?;

    let (passed, outcome) = study_and_check(backend, learner).await?;
    ensure!(
        passed == "true",
        "the enrolled person's face check failed: {outcome}"
    );
    fits_the_phone(learner).await?;
    if learner.exists("#face-check-continue").await? {
        learner.click("#face-check-continue").await?;
    }
    learner.click("#player-play").await?;
    learner
        .wait_attr(
            "#player-status",
            "data-decision",
            Duration::from_secs(20),
            |d| d == "credited",
        )
        .await?;
    Ok(())
}

pub async fn another_person_fails_the_check_and_nothing_is_credited(
    backend: &Backend,
    stranger: &Browser,
    password: &str,
) -> Result<()> {
    stranger
        .log_in(backend, "learner", TRAINEE, password)
        .await?;
    let (passed, outcome) = study_and_check(backend, stranger).await?;
    ensure!(
        passed == "false" && outcome == "mismatch",
        "another person's face: {passed} {outcome}"
    );
    let before = credited(stranger).await?;
    tokio::time::sleep(Duration::from_secs(12)).await;
    let after = credited(stranger).await?;
    ensure!(
        after <= before,
        "credited {before} → {after} s with a failed face check"
    );
    Ok(())
}
