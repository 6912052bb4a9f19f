//! The course journeys of issue 3: an institution creates a course with a real video (uploaded
//! straight to the object store, transcoded), subtitles and licence, and submits it; an expert
//! approves it; the regulator publishes it; a trainee finds it in the catalogue; the regulator
//! takes it down and it disappears.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use e2e::{Backend, Browser, Config, UI_TIMEOUT};

/// Transcoding the 90 s demo video on a busy 2-core machine.
const TRANSCODE_TIMEOUT: Duration = Duration::from_secs(240);

/// The course the journeys pass along.
pub struct Course {
    pub name: String,
    pub id: String,
}

pub async fn institution_creates_and_submits(
    cfg: &Config,
    backend: &Backend,
    inst: &Browser,
    name: &str,
) -> Result<Course> {
    inst.log_in(
        backend,
        "institution",
        "demo-inst-admin",
        &cfg.demo_password,
    )
    .await?;
    inst.goto(&backend.url("/institution/courses")).await?;
    inst.click("#new-course").await?;
    inst.fill("#course-name", name).await?;
    inst.click("#dialog-submit").await?;
    inst.wait_text("#course-no", UI_TIMEOUT, Some("#form-error"), |t| {
        t.starts_with("DEMO-")
    })
    .await?;
    let path = inst.path().await?;
    let id = path
        .rsplit('/')
        .next()
        .filter(|id| id.len() == 36)
        .with_context(|| format!("the editor's path `{path}` names no course"))?
        .to_owned();

    // The elements and the copyright evidence (Z-III.2, Z-III.3).
    inst.fill("#field-summary", "建筑消防设施的检查、火灾预防与应急疏散。")
        .await?;
    inst.fill("#field-audience", "企业安全生产管理人员").await?;
    inst.fill("#field-copyright", "演示培训中心").await?;
    inst.click("#field-lecturers input[type=checkbox]").await?;
    inst.attach("#field-licence", &cfg.demo_media.join("demo-licence.png"))
        .await?;
    inst.wait_for("#field-licence-done", UI_TIMEOUT).await?;
    inst.click("#save-course").await?;
    inst.wait_text(
        ".pf-m-toast .pf-m-success",
        UI_TIMEOUT,
        Some("#form-error"),
        |t| t.contains("已保存"),
    )
    .await?;

    // A chapter with the video, uploaded by presigned multipart upload, and its subtitles.
    inst.fill("#chapter-title", "第一章 消防安全基础").await?;
    inst.click("#add-chapter").await?;
    inst.click("#chapter-1-add").await?;
    inst.fill("#courseware-title", "消防设施与器材").await?;
    inst.attach("#courseware-file", &cfg.demo_media.join("demo-course.mp4"))
        .await?;
    inst.wait_for("#courseware-file-done", TRANSCODE_TIMEOUT)
        .await?;
    inst.click("#dialog-submit").await?;
    inst.click("#courseware-1-1-subtitles").await?;
    inst.attach(
        "#subtitle-zh-CN",
        &cfg.demo_media.join("demo-course.zh-CN.vtt"),
    )
    .await?;
    inst.wait_text("#track-zh-CN", UI_TIMEOUT, Some("#form-error"), |t| {
        t.contains("已上传")
    })
    .await?;
    inst.click("#subtitles-close").await?;
    // The editor reloads itself while the video transcodes.
    inst.wait_text("#courseware-1-1", TRANSCODE_TIMEOUT, None, |t| {
        t.contains("可播放")
    })
    .await?;
    inst.click("#submit-course").await?;
    inst.wait_text("#course-status", UI_TIMEOUT, Some("#action-error"), |t| {
        t.contains("待分配")
    })
    .await?;

    // At phone width the editor, the list and the lecturers fit the screen.
    inst.use_phone_width().await?;
    for (path, table, shows) in [
        (
            format!("/institution/course/{id}"),
            "#history-table",
            "提交审核",
        ),
        ("/institution/courses".to_owned(), "#courses-table", name),
        (
            "/institution/lecturers".to_owned(),
            "#lecturers-table",
            "李安全",
        ),
    ] {
        inst.goto(&backend.url(&path)).await?;
        inst.wait_text(table, UI_TIMEOUT, None, |t| t.contains(shows))
            .await?;
        let overflow = inst.horizontal_overflow().await?;
        if overflow > 0 {
            bail!("at phone width {path} is {overflow}px wider than the screen");
        }
    }
    Ok(Course {
        name: name.to_owned(),
        id,
    })
}

pub async fn expert_approves_and_regulator_publishes(
    cfg: &Config,
    backend: &Backend,
    admin: &Browser,
    expert: &Browser,
    course: &Course,
) -> Result<()> {
    admin
        .log_in(backend, "regulator", "demo-admin", &cfg.demo_password)
        .await?;
    let page = backend.url(&format!("/regulator/course/{}", course.id));
    admin.goto(&page).await?;
    admin.click("#assign").await?;
    admin
        .select_label("#assign-group", "演示审核专家组")
        .await?;
    admin.click("#dialog-submit").await?;
    admin
        .wait_text("#course-status", UI_TIMEOUT, Some("#form-error"), |t| {
            t.contains("审核中")
        })
        .await?;

    expert
        .log_in(backend, "regulator", "demo-expert", &cfg.demo_password)
        .await?;
    expert.goto(&backend.url("/regulator/reviews")).await?;
    expert
        .click_containing("#reviews-table a", &course.name)
        .await?;
    // The reviewer watches the video with its subtitles before deciding.
    expert.wait_for("video", UI_TIMEOUT).await.ok();
    let points = expert.click_all("#checklist input[type=checkbox]").await?;
    if points != 6 {
        bail!("the checklist has {points} points, not 6");
    }
    expert.click("#verdict-approve").await?;
    expert
        .fill("#opinion", "内容完整，字幕齐全，版权证明有效。")
        .await?;
    expert.click("#submit-opinion").await?;
    expert
        .wait_text("#round-status", UI_TIMEOUT, Some("#form-error"), |t| {
            t.contains("通过")
        })
        .await?;

    admin.goto(&page).await?;
    admin
        .wait_text("#course-status", UI_TIMEOUT, None, |t| {
            t.contains("审核通过")
        })
        .await?;
    admin.click("#publish").await?;
    admin.click("#dialog-submit").await?;
    admin
        .wait_text("#course-listing", UI_TIMEOUT, Some("#form-error"), |t| {
            t.contains("已上架")
        })
        .await?;
    Ok(())
}

async fn search_catalogue(trainee: &Browser, name: &str) -> Result<()> {
    trainee.fill("#catalogue-q", name).await?;
    trainee.click("#search").await
}

pub async fn trainee_finds_it_until_it_is_taken_down(
    cfg: &Config,
    backend: &Backend,
    admin: &Browser,
    trainee: &Browser,
    course: &Course,
) -> Result<()> {
    trainee
        .log_in(backend, "learner", "13800000001", &cfg.demo_password)
        .await?;
    trainee.goto(&backend.url("/learner/catalogue")).await?;
    // A Chinese substring of the name finds it.
    search_catalogue(trainee, "消防安全管理").await?;
    trainee
        .wait_text("#catalogue-results", UI_TIMEOUT, None, |t| {
            t.contains(&course.name)
        })
        .await?;

    admin.click("#take-down").await?;
    admin
        .fill("#take-down-reason", "课程内容需按新版标准更新")
        .await?;
    admin.click("#dialog-submit").await?;
    admin
        .wait_text("#course-listing", UI_TIMEOUT, Some("#form-error"), |t| {
            t.contains("已下架")
        })
        .await?;

    search_catalogue(trainee, &course.name).await?;
    trainee
        .wait_text("#catalogue-results", UI_TIMEOUT, None, |t| {
            !t.contains(&course.name)
        })
        .await?;
    Ok(())
}
