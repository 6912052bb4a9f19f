//! The demo course (dev mode): the xtask's generated video, its Simplified-Chinese subtitles and a
//! licence scan are imported like uploads, the video is transcoded by the job worker, and the
//! course goes through the real workflow — authored by `demo-inst-admin`, submitted, approved by
//! `demo-expert`'s group, published by `demo-admin` — so every app has something to show. It is
//! an on-demand course with a seat price, so other institutions can buy seats of it.

use std::path::Path;
use std::time::Duration;

use shared_types::Role;
use shared_types::catalog::{
    ChapterInput, CourseFields, CourseKind, CoursewareInput, CoursewareKind, CreateCourseRequest,
    LecturerInput, LecturerQualification, SubtitleInput, TrainingType,
};
use shared_types::media::{MediaKind, MediaStatus};
use shared_types::review::{Checklist, DecisionRule, ExpertGroupInput, OpinionRequest, Verdict};
use uuid::Uuid;

use crate::app::AppState;
use crate::catalog::{authoring, lecturers, outline};
use crate::db::Scope;
use crate::media::import_file;
use crate::review::{experts, opinions, publishing, rounds};
use crate::tenancy::TenantRef;

use super::acting;

pub const DEMO_COURSE: &str = "安全生产基础知识（演示课程）";
const VIDEO: &str = "demo-course.mp4";
const SUBTITLES: &str = "demo-course.zh-CN.vtt";
const LICENCE: &str = "demo-licence.png";
/// The demo video transcodes in seconds; give a busy machine ample time.
const TRANSCODE_WAIT: Duration = Duration::from_secs(180);

fn fail(step: &str) -> impl FnOnce(crate::error::AppError) -> anyhow::Error + '_ {
    move |e| anyhow::anyhow!("demo course, {step}: {e}")
}

/// Seeds the demo course once; does nothing when it exists or no media folder is configured.
pub async fn seed(state: &AppState, tenant: &TenantRef) -> anyhow::Result<()> {
    let Some(dir) = state.config.demo_media_dir.clone() else {
        return Ok(());
    };
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant.id)).await?;
    let exists: bool = sqlx::query_scalar(
        "select exists (select 1 from course_revisions where tenant_id = $1 and name = $2)",
    )
    .bind(tenant.id)
    .bind(DEMO_COURSE)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    if exists {
        return Ok(());
    }
    let import = |kind, name: &'static str, content_type: &'static str| {
        let path = dir.join(name);
        async move {
            import_file(state, tenant, kind, Path::new(&path), content_type)
                .await
                .map_err(|e| anyhow::anyhow!("demo media {name}: {e}"))
        }
    };
    let video = import(MediaKind::Video, VIDEO, "video/mp4").await?;
    let subtitles = import(MediaKind::Subtitle, SUBTITLES, "text/vtt").await?;
    let licence = import(MediaKind::Licence, LICENCE, "image/png").await?;
    if !wait_until_ready(state, tenant.id, video.id).await? {
        tracing::warn!(
            "the demo video is not transcoded yet; the demo course is seeded on the next start"
        );
        return Ok(());
    }

    let mut tx = state.db.begin_tenant(Scope::tenant(tenant.id)).await?;
    let author = acting(&mut tx, tenant, "demo-inst-admin", Role::InstitutionAdmin).await?;
    let lecturer = lecturers::create(
        &mut tx,
        &author,
        &LecturerInput {
            name: "李安全".into(),
            title: "注册安全工程师".into(),
            bio: "从事安全生产培训十五年。".into(),
            photo_media_id: None,
            qualifications: vec![LecturerQualification {
                name: "注册安全工程师".into(),
                number: "AQ-2019-000123".into(),
                valid_until: None,
            }],
        },
    )
    .await
    .map_err(fail("lecturer"))?;
    let fields = CourseFields {
        name: DEMO_COURSE.into(),
        summary: "安全生产法律法规、安全责任、隐患排查与应急处置的基础知识。".into(),
        training_type: TrainingType::FrontlineWorkers,
        audience: "生产经营单位从业人员".into(),
        tags: vec!["安全生产".into(), "演示".into()],
        lecturer_ids: vec![lecturer.id],
        topic_id: None,
        copyright_holder: "职培云演示机构".into(),
        licence_media_id: Some(licence.id),
        price_cents: None,
        // On sale to other institutions at ¥30 a seat; its own institution needs no seats.
        seat_price_cents: Some(3000),
        venue: None,
        schedule: None,
        offline_hours: None,
    };
    let request = CreateCourseRequest {
        kind: CourseKind::Vod,
        fields,
    };
    let course_id = authoring::create(&mut tx, &author, &request)
        .await
        .map_err(fail("create"))?;
    let chapter = outline::add_chapter(
        &mut tx,
        &author,
        course_id,
        &ChapterInput {
            title: "第一章 安全生产责任".into(),
        },
    )
    .await
    .map_err(fail("chapter"))?;
    let courseware = CoursewareInput {
        title: "安全生产责任制".into(),
        kind: CoursewareKind::Video,
        required: true,
        media_id: Some(video.id),
        url: None,
        min_study_seconds: None,
    };
    outline::add_courseware(&mut tx, &author, chapter.id, &courseware)
        .await
        .map_err(fail("courseware"))?;
    let courseware_id: Uuid = sqlx::query_scalar(
        "select courseware_id from coursewares where tenant_id = $1 and chapter_id = $2",
    )
    .bind(tenant.id)
    .bind(chapter.id)
    .fetch_one(&mut *tx)
    .await?;
    outline::put_subtitle(
        &mut tx,
        &author,
        courseware_id,
        "zh-CN",
        &SubtitleInput {
            media_id: subtitles.id,
        },
    )
    .await
    .map_err(fail("subtitles"))?;
    authoring::submit(&mut tx, &author, course_id)
        .await
        .map_err(fail("submit"))?;

    let admin = acting(&mut tx, tenant, "demo-admin", Role::RegulatorAdmin)
        .await?
        .user_id;
    let expert = acting(&mut tx, tenant, "demo-expert", Role::Expert)
        .await?
        .user_id;
    let keyring = &state.config.keyring;
    let group = experts::create_group(
        &mut tx,
        keyring,
        tenant.id,
        &ExpertGroupInput {
            name: "演示审核专家组".into(),
            decision_rule: DecisionRule::Any,
            member_ids: vec![expert],
        },
    )
    .await
    .map_err(fail("expert group"))?;
    let round = rounds::assign(&mut tx, tenant.id, admin, course_id, group.id)
        .await
        .map_err(fail("assign"))?;
    let all_pass = Checklist {
        political: true,
        compliance: true,
        completeness: true,
        relevance: true,
        subtitles: true,
        copyright: true,
    };
    let opinion = OpinionRequest {
        checklist: all_pass,
        verdict: Verdict::Approve,
        opinion: "演示：内容完整，准予发布。".into(),
    };
    opinions::give(&mut tx, keyring, tenant.id, expert, round.id, &opinion)
        .await
        .map_err(fail("opinion"))?;
    publishing::publish(&mut tx, tenant.id, admin, course_id)
        .await
        .map_err(fail("publish"))?;
    tx.commit().await?;
    tracing::info!(course = DEMO_COURSE, "demo course seeded and published");
    Ok(())
}

/// Polls the video's status until the transcoder is done; false when it is not in time.
async fn wait_until_ready(
    state: &AppState,
    tenant_id: Uuid,
    media_id: Uuid,
) -> anyhow::Result<bool> {
    let started = std::time::Instant::now();
    while started.elapsed() < TRANSCODE_WAIT {
        let mut tx = state.db.begin_tenant(Scope::tenant(tenant_id)).await?;
        let status: String = sqlx::query_scalar(
            "select status from media_assets where tenant_id = $1 and media_id = $2",
        )
        .bind(tenant_id)
        .bind(media_id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        match MediaStatus::parse(&status) {
            Some(MediaStatus::Ready) => return Ok(true),
            Some(MediaStatus::Failed | MediaStatus::Rejected) => {
                anyhow::bail!("the demo video could not be transcoded")
            }
            _ => tokio::time::sleep(Duration::from_millis(500)).await,
        }
    }
    Ok(false)
}
