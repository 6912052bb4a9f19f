//! The browser journeys of issues 2 to 6, against one stack started for this run: a fresh database,
//! the backend in dev mode (demo tenant seeded) serving the three SPAs, chromedriver and
//! headless Chromium. One stack for all journeys keeps the run light on a 2-core machine;
//! every journey still runs, and all failures are reported together.

use std::time::Duration;

use anyhow::{Result, bail};
use e2e::{Backend, Browser, Config, Driver, Journeys, TestDb, UI_TIMEOUT, fresh_phone};

mod courses;
mod face;
mod learning;
mod training;

/// A trainee registered through the learner app in this run.
struct Trainee {
    phone: String,
    name: String,
    password: String,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_journeys() -> Result<()> {
    let Some(cfg) = Config::from_env()? else {
        return Ok(());
    };
    let db = TestDb::create(&cfg)?;
    let backend = Backend::start(&cfg, &db).await?;
    let driver = Driver::start(&cfg).await?;
    let mut journeys = Journeys::new();

    let trainee = Trainee {
        phone: fresh_phone(),
        name: "测试学员".to_string(),
        password: "E2e-Passw0rd-2026".to_string(),
    };

    // (1) Self-registration with the SMS code from the dev outbox lands on the home page.
    let first = driver.browser("trainee-first-device").await?;
    let registered = journeys
        .run(
            "register a trainee in the learner app",
            &backend,
            &[&first],
            register_trainee(&backend, &first, &trainee),
        )
        .await;

    // (2) Seeded accounts log into each app (separate browsers: one device, one account).
    for (app, account) in [
        ("institution", "demo-inst-admin"),
        ("regulator", "demo-admin"),
        ("learner", "13800000001"),
    ] {
        let browser = driver.browser(&format!("{app}-{account}")).await?;
        journeys
            .run(
                &format!("log into the {app} app as {account}"),
                &backend,
                &[&browser],
                log_in_seeded(&backend, &browser, app, account, &cfg.demo_password),
            )
            .await;
        browser.close().await;
    }

    // (3) The same trainee signs in on a second device: the first shows `#session-replaced`.
    let replaced = "a second device replaces the trainee's first session";
    if registered {
        let second = driver.browser("trainee-second-device").await?;
        journeys
            .run(
                replaced,
                &backend,
                &[&first, &second],
                second_device_replaces_first(&backend, &first, &second, &trainee),
            )
            .await;
        second.close().await;
    } else {
        journeys.fail(replaced, "not run: the trainee could not register");
    }
    first.close().await;

    // (4) A regulator admin changes a site setting; a viewer sees it and cannot change it.
    let admin = driver.browser("regulator-settings-admin").await?;
    let viewer = driver.browser("regulator-settings-viewer").await?;
    journeys
        .run(
            "a regulator admin changes the daily cap; a viewer only reads it",
            &backend,
            &[&admin, &viewer],
            change_site_settings(&backend, &admin, &viewer, &cfg.demo_password),
        )
        .await;
    admin.close().await;
    viewer.close().await;

    // (5) Issue 3: a course from the institution's editor through review into the catalogue
    // and out again. Each step needs the one before.
    let inst = driver.browser("institution-author").await?;
    let name = format!("建筑消防安全管理（E2E {}）", &fresh_phone()[7..]);
    let course = journeys
        .run_for(
            "an institution creates a course with a video and submits it",
            &backend,
            &[&inst],
            courses::institution_creates_and_submits(&cfg, &backend, &inst, &name),
        )
        .await;
    inst.close().await;
    let regulator = driver.browser("regulator-publisher").await?;
    let expert = driver.browser("course-expert").await?;
    let approved = "an expert approves the course and the regulator publishes it";
    let published = match &course {
        Some(course) => journeys
            .run(
                approved,
                &backend,
                &[&regulator, &expert],
                courses::expert_approves_and_regulator_publishes(
                    &cfg, &backend, &regulator, &expert, course,
                ),
            )
            .await
            .then_some(course),
        None => {
            journeys.fail(approved, "not run: no course was submitted");
            None
        }
    };
    expert.close().await;
    let seen = "a trainee finds the course in the catalogue until the regulator takes it down";
    match published {
        Some(course) => {
            let trainee = driver.browser("catalogue-trainee").await?;
            journeys
                .run(
                    seen,
                    &backend,
                    &[&regulator, &trainee],
                    courses::trainee_finds_it_until_it_is_taken_down(
                        &cfg, &backend, &regulator, &trainee, course,
                    ),
                )
                .await;
            trainee.close().await;
        }
        None => journeys.fail(seen, "not run: the course was not published"),
    }
    regulator.close().await;

    // (6) Issue 4: an institution from registration to a class whose trainee sees the task.
    let inst = driver.browser("training-institution").await?;
    let regulator = driver.browser("training-regulator").await?;
    let certified = journeys
        .run_for(
            "an institution registers and is certified and qualified",
            &backend,
            &[&inst, &regulator],
            training::institution_registers_and_is_certified_and_qualified(
                &cfg, &backend, &inst, &regulator,
            ),
        )
        .await;
    let opens = "the institution buys seats, opens a class, imports trainees and publishes a task";
    let opened = match certified {
        Some(name) => {
            journeys
                .run_for(
                    opens,
                    &backend,
                    &[&inst, &regulator],
                    training::institution_buys_opens_a_class_imports_and_publishes(
                        &backend, &inst, &regulator, name,
                    ),
                )
                .await
        }
        None => {
            journeys.fail(opens, "not run: the institution was not certified");
            None
        }
    };
    inst.close().await;
    regulator.close().await;
    let sees = "an imported trainee signs in and sees the task";
    match opened {
        Some(opened) => {
            let trainee = driver.browser("training-trainee").await?;
            journeys
                .run(
                    sees,
                    &backend,
                    &[&trainee],
                    training::trainee_sees_the_task(&cfg, &backend, &trainee, &opened),
                )
                .await;
            trainee.close().await;
        }
        None => journeys.fail(sees, "not run: no task was published"),
    }

    // (7) Issue 5: the demo trainee studies the demo video (last: it changes the site's study
    // settings).
    learning::study_settings(&backend, &cfg.demo_password).await?;
    let pc = driver.browser("learning-pc").await?;
    let first = "a trainee plays, pauses when the tab is hidden, cannot skip ahead and resumes";
    let played = journeys
        .run(
            first,
            &backend,
            &[&pc],
            learning::trainee_plays_pauses_when_hidden_cannot_skip_and_resumes(
                &backend,
                &pc,
                &cfg.demo_password,
            ),
        )
        .await;
    let second = "a second browser takes the study over and the daily cap stops crediting";
    if played {
        let phone = driver.browser("learning-phone").await?;
        journeys
            .run(
                second,
                &backend,
                &[&pc, &phone],
                learning::a_second_browser_takes_over_and_the_cap_stops_crediting(
                    &backend,
                    &pc,
                    &phone,
                    &cfg.demo_password,
                ),
            )
            .await;
        phone.close().await;
    } else {
        journeys.fail(second, "not run: the trainee could not play");
    }
    pc.close().await;

    // (8) Issue 6: real-name verification and face checks with Chromium's fake camera (after
    // the learning journeys: it turns face checks on for the site).
    face_journeys(&cfg, &backend, &driver, &mut journeys).await?;

    journeys.finish()
}

async fn face_journeys(
    cfg: &Config,
    backend: &Backend,
    driver: &Driver,
    journeys: &mut Journeys,
) -> Result<()> {
    face::face_settings(backend, &cfg.demo_password).await?;
    let files = e2e::TempDir::new("zhipei-e2e-face")?;
    let own_camera = face::fake_camera(&cfg.face_models, "obama.jpg", files.path())?;
    let other_camera = face::fake_camera(&cfg.face_models, "biden.jpg", files.path())?;
    let id_photo = face::id_photo(&cfg.face_models, files.path())?;
    let learner = driver
        .browser_with_camera("face-learner", &own_camera)
        .await?;
    let regulator = driver.browser("face-regulator").await?;
    let passed = journeys
        .run(
            "a trainee verifies their real name and passes the face check",
            backend,
            &[&learner, &regulator],
            face::a_trainee_verifies_their_real_name_and_passes_the_face_check(
                backend,
                &learner,
                &regulator,
                &cfg.demo_password,
                &id_photo,
            ),
        )
        .await;
    regulator.close().await;
    let other =
        "another person in front of the camera fails the face check and nothing is credited";
    if passed {
        let stranger = driver
            .browser_with_camera("face-stranger", &other_camera)
            .await?;
        journeys
            .run(
                other,
                backend,
                &[&stranger],
                face::another_person_fails_the_check_and_nothing_is_credited(
                    backend,
                    &stranger,
                    &cfg.demo_password,
                ),
            )
            .await;
        stranger.close().await;
    } else {
        journeys.fail(other, "not run: the trainee could not enrol");
    }
    learner.close().await;
    Ok(())
}

async fn register_trainee(backend: &Backend, browser: &Browser, t: &Trainee) -> Result<()> {
    browser.goto(&backend.url("/learner/register")).await?;
    browser.fill("#phone", &t.phone).await?;
    browser.click("#send-code").await?;
    let code = backend
        .sms_code(&t.phone, "register", Duration::from_secs(20))
        .await?;
    browser.fill("#sms-code", &code).await?;
    browser.fill("#name", &t.name).await?;
    browser.fill("#password", &t.password).await?;
    browser.click("#submit").await?;
    browser
        .wait_text("#user-name", UI_TIMEOUT, Some("#form-error"), |text| {
            text.contains(&t.name)
        })
        .await?;
    Ok(())
}

async fn log_in_seeded(
    backend: &Backend,
    browser: &Browser,
    app: &str,
    account: &str,
    password: &str,
) -> Result<()> {
    let name = browser.log_in(backend, app, account, password).await?;
    eprintln!("e2e: {app} app shows user `{name}`");
    Ok(())
}

async fn second_device_replaces_first(
    backend: &Backend,
    first: &Browser,
    second: &Browser,
    t: &Trainee,
) -> Result<()> {
    // The first device is still signed in from the registration journey.
    first
        .wait_text("#user-name", UI_TIMEOUT, None, |text| {
            text.contains(&t.name)
        })
        .await?;
    let shown = second
        .log_in(backend, "learner", &t.phone, &t.password)
        .await?;
    if !shown.contains(&t.name) {
        bail!("the second device shows `{shown}`, not `{}`", t.name);
    }
    // The SPA re-checks /api/v1/me every 5 s: allow a few rounds.
    let message = first
        .wait_text("#session-replaced", Duration::from_secs(20), None, |text| {
            !text.is_empty()
        })
        .await?;
    if !(message.contains("其他设备") || message.contains("another device")) {
        bail!("`#session-replaced` says `{message}`, not the signed-in-elsewhere message");
    }
    // The new session is unaffected.
    second
        .wait_text("#user-name", UI_TIMEOUT, None, |text| {
            text.contains(&t.name)
        })
        .await?;
    Ok(())
}

async fn change_site_settings(
    backend: &Backend,
    admin: &Browser,
    viewer: &Browser,
    password: &str,
) -> Result<()> {
    admin
        .log_in(backend, "regulator", "demo-admin", password)
        .await?;
    admin.click("#zp-nav a[href$='/settings']").await?;
    // Not 6 yet, or the reload below would prove nothing.
    admin
        .wait_value("#daily-cap", UI_TIMEOUT, Some("#load-error"), |v| {
            !v.is_empty() && v != "6"
        })
        .await?;
    admin.fill("#daily-cap", "6").await?;
    admin.click("#save-settings").await?;
    admin
        .wait_text(
            ".pf-m-toast .pf-m-success",
            UI_TIMEOUT,
            Some("#form-error"),
            |text| text.contains("已保存") || text.contains("Saved"),
        )
        .await?;
    admin.reload().await?;
    admin
        .wait_value("#daily-cap", UI_TIMEOUT, Some("#load-error"), |v| v == "6")
        .await?;

    viewer
        .log_in(backend, "regulator", "demo-viewer", password)
        .await?;
    viewer.use_phone_width().await?;
    viewer.goto(&backend.url("/regulator/settings")).await?;
    viewer
        .wait_value("#daily-cap", UI_TIMEOUT, Some("#load-error"), |v| v == "6")
        .await?;
    if viewer.exists("#save-settings").await? {
        bail!("a regulator viewer is offered `#save-settings`");
    }
    let field = viewer.wait_for("#daily-cap", UI_TIMEOUT).await?;
    if field.attr("readonly").await?.is_none() {
        bail!("a regulator viewer can edit `#daily-cap`");
    }
    let overflow = viewer.horizontal_overflow().await?;
    if overflow > 0 {
        bail!("at phone width the settings page is {overflow}px wider than the screen");
    }
    Ok(())
}
