//! Course authoring rules: who sees which course, creating a course with its number, editing the
//! open revision, submitting it for review (with the Z-III.2 / Z-III.4 checks) and withdrawing it.
//!
//! Until institutions exist (issue 4), institution-side authors see only the courses they
//! created; regulator staff see every course of the tenant and publish on-demand courses.

use shared_types::Role;
use shared_types::catalog::{
    CourseAction, CourseDetail, CourseEvent, CourseFields, CourseKind, CoursewareKind,
    CreateCourseRequest, Revision, RevisionStatus,
};
use shared_types::review::ReviewRecordQuery;
use sqlx::PgConnection;
use uuid::Uuid;

use super::events::{self, Event};
use super::fields::{self, Fields};
use super::repo;
use crate::crypto::Keyring;
use crate::error::{AppError, Text};
use crate::identity::Principal;
use crate::review::{queue, records};

/// Regulator staff see every course; anyone else only their own.
pub fn author_filter(p: &Principal) -> Option<Uuid> {
    let regulator = p.roles.iter().any(|r| {
        matches!(
            r,
            Role::RegulatorAdmin | Role::RegulatorOperator | Role::RegulatorViewer
        )
    });
    (!regulator).then_some(p.user_id)
}

/// The course `id` as `p` may see it, or 404; locked when `lock` (course row first, as review does).
async fn visible(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    lock: bool,
) -> Result<(), AppError> {
    let course = queue::course(conn, p.tenant.id, id, lock).await?;
    match author_filter(p) {
        Some(author) if author != course.created_by => Err(queue::course_not_found()),
        _ => Ok(()),
    }
}

/// The course's history, newest first (T-7.2.7k), for whoever may see the course.
pub async fn history(
    conn: &mut PgConnection,
    keyring: &Keyring,
    p: &Principal,
    id: Uuid,
) -> Result<Vec<CourseEvent>, AppError> {
    visible(conn, p, id, false).await?;
    let q = ReviewRecordQuery {
        course_id: Some(id),
        ..Default::default()
    };
    let (events, _) = records::page(conn, keyring, p.tenant.id, &q, 1000, 0).await?;
    Ok(events)
}

pub async fn detail(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
) -> Result<CourseDetail, AppError> {
    visible(conn, p, id, false).await?;
    queue::detail(conn, p.tenant.id, id).await
}

/// The open revision of a course `p` may edit, in an editable status, or 404 / 409.
pub async fn editable(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
) -> Result<Revision, AppError> {
    visible(conn, p, id, true).await?;
    let detail = queue::detail(conn, p.tenant.id, id).await?;
    let revision = detail.revision;
    if !revision.status.is_editable() {
        return Err(not_editable(revision.status));
    }
    Ok(revision)
}

fn not_editable(status: RevisionStatus) -> AppError {
    AppError::Conflict(Text::new(
        format!("课程当前为“{}”状态，不能修改", status.label_zh()),
        format!(
            "The course is {} and cannot be edited now",
            status.label_en()
        ),
    ))
}

pub async fn create(
    conn: &mut PgConnection,
    p: &Principal,
    req: &CreateCourseRequest,
) -> Result<Uuid, AppError> {
    match req.kind {
        CourseKind::Live => {
            return Err(AppError::invalid(
                "kind",
                "直播课将在后续版本提供",
                "live courses arrive in a later release",
            ));
        }
        CourseKind::Own | CourseKind::Offline if author_filter(p).is_none() => {
            return Err(AppError::invalid(
                "kind",
                "监管端只能发布点播课",
                "regulator staff publish on-demand courses only",
            ));
        }
        _ => {}
    }
    let tenant_id = p.tenant.id;
    let fields = fields::check(conn, tenant_id, req.kind, &req.fields).await?;
    let course_no = super::number::allocate(
        conn,
        tenant_id,
        &p.tenant.code,
        fields.training_type.category(),
    )
    .await?;
    let course_id = Uuid::new_v4();
    let revision_id = Uuid::new_v4();
    repo::insert_course(
        conn,
        p,
        course_id,
        req.kind.as_str(),
        &course_no,
        fields.topic_id,
    )
    .await?;
    repo::insert_revision(
        conn,
        tenant_id,
        course_id,
        revision_id,
        1,
        &fields,
        p.user_id,
    )
    .await?;
    events::record(
        conn,
        tenant_id,
        Event {
            course_id,
            revision_id: Some(revision_id),
            actor_id: Some(p.user_id),
            action: CourseAction::Created,
            from: None,
            to: Some(RevisionStatus::Draft),
            note: "",
        },
    )
    .await?;
    Ok(course_id)
}

pub async fn update(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    input: &CourseFields,
) -> Result<(), AppError> {
    let revision = editable(conn, p, id).await?;
    let kind = queue::detail(conn, p.tenant.id, id).await?.kind;
    let fields: Fields = fields::check(conn, p.tenant.id, kind, input).await?;
    repo::write_fields(conn, p.tenant.id, id, revision.id, &fields).await?;
    Ok(())
}

fn missing(field: String, zh: &str, en: &str) -> AppError {
    AppError::Invalid {
        field,
        text: Text::new(zh, en),
    }
}

/// What a revision lacks before review, as a field-named error (Z-III.2, Z-III.3, Z-III.4).
pub fn check_complete(kind: CourseKind, r: &Revision) -> Result<(), AppError> {
    if r.lecturers.is_empty() {
        return Err(missing(
            "lecturer_ids".into(),
            "请至少添加一位讲师",
            "add at least one lecturer",
        ));
    }
    if r.summary.trim().is_empty() {
        return Err(missing(
            "summary".into(),
            "请填写主要内容",
            "describe the key content",
        ));
    }
    if kind == CourseKind::Offline {
        for (field, given) in [
            ("venue", r.venue.is_some()),
            ("schedule", r.schedule.is_some()),
            ("offline_hours", r.offline_hours.is_some()),
        ] {
            if !given {
                return Err(missing(
                    field.into(),
                    "线下课须填写此项",
                    "required for an offline course",
                ));
            }
        }
        return Ok(());
    }
    if r.copyright_holder.trim().is_empty() {
        return Err(missing(
            "copyright_holder".into(),
            "请填写版权方",
            "name the copyright holder",
        ));
    }
    if r.licence_media_id.is_none() {
        return Err(missing(
            "licence_media_id".into(),
            "请上传版权授权证明",
            "upload the copyright licence evidence",
        ));
    }
    if r.chapters.is_empty() {
        return Err(missing(
            "chapters".into(),
            "请至少添加一个章节",
            "add at least one chapter",
        ));
    }
    for (ci, chapter) in r.chapters.iter().enumerate() {
        if chapter.coursewares.is_empty() {
            return Err(missing(
                format!("chapters[{ci}].coursewares"),
                &format!("章节“{}”没有课件", chapter.title),
                &format!("chapter “{}” has no courseware", chapter.title),
            ));
        }
        for (wi, cw) in chapter.coursewares.iter().enumerate() {
            let at = format!("chapters[{ci}].coursewares[{wi}]");
            let ready = cw.media_status.is_some_and(|s| s.as_str() == "ready");
            let uploaded = cw.media_status.is_some_and(|s| s.as_str() == "uploaded") || ready;
            match cw.kind {
                CoursewareKind::Video if !ready => {
                    return Err(missing(
                        format!("{at}.media_id"),
                        &format!("视频“{}”尚未转码完成", cw.title),
                        &format!("video “{}” is not ready (transcoding)", cw.title),
                    ));
                }
                CoursewareKind::Video
                    if !cw.subtitles.iter().any(|s| s.lang.as_str() == "zh-CN") =>
                {
                    return Err(missing(
                        format!("{at}.subtitles"),
                        &format!("视频“{}”缺少简体中文字幕", cw.title),
                        &format!("video “{}” needs Simplified-Chinese subtitles", cw.title),
                    ));
                }
                CoursewareKind::Document if !uploaded => {
                    return Err(missing(
                        format!("{at}.media_id"),
                        &format!("文档“{}”尚未上传完成", cw.title),
                        &format!("document “{}” is not uploaded", cw.title),
                    ));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// Submits the open draft / returned revision for review.
pub async fn submit(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<(), AppError> {
    let revision = editable(conn, p, id).await?;
    repo::refresh_durations(conn, p.tenant.id, revision.id).await?;
    let detail = queue::detail(conn, p.tenant.id, id).await?;
    check_complete(detail.kind, &detail.revision)?;
    transition(
        conn,
        p,
        id,
        revision.id,
        revision.status,
        RevisionStatus::Submitted,
        CourseAction::Submitted,
    )
    .await
}

/// Takes a submitted or in-review revision back to draft (an open review round is cancelled).
pub async fn withdraw(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<(), AppError> {
    visible(conn, p, id, true).await?;
    let revision = queue::detail(conn, p.tenant.id, id).await?.revision;
    if !matches!(
        revision.status,
        RevisionStatus::Submitted | RevisionStatus::InReview
    ) {
        return Err(AppError::Conflict(Text::new(
            "只有待分配或审核中的课程可以撤回",
            "Only submitted or in-review courses can be withdrawn",
        )));
    }
    repo::cancel_open_round(conn, p.tenant.id, revision.id).await?;
    transition(
        conn,
        p,
        id,
        revision.id,
        revision.status,
        RevisionStatus::Draft,
        CourseAction::Withdrawn,
    )
    .await
}

async fn transition(
    conn: &mut PgConnection,
    p: &Principal,
    course_id: Uuid,
    revision_id: Uuid,
    from: RevisionStatus,
    to: RevisionStatus,
    action: CourseAction,
) -> Result<(), AppError> {
    repo::set_status(conn, p.tenant.id, revision_id, to).await?;
    events::record(
        conn,
        p.tenant.id,
        Event {
            course_id,
            revision_id: Some(revision_id),
            actor_id: Some(p.user_id),
            action,
            from: Some(from),
            to: Some(to),
            note: "",
        },
    )
    .await
}

/// Starts a new draft revision of a published or taken-down course, copied from the live one;
/// the live revision keeps serving learners until the new one is reviewed and published.
pub async fn new_revision(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
) -> Result<(), AppError> {
    visible(conn, p, id, true).await?;
    let detail = queue::detail(conn, p.tenant.id, id).await?;
    let live = detail
        .live_revision_id
        .filter(|live| *live == detail.revision.id)
        .ok_or_else(|| {
            AppError::Conflict(Text::new(
                "只有已发布且没有进行中修订的课程可以新建修订",
                "Only a published course without a revision in progress gets a new revision",
            ))
        })?;
    let next = repo::last_revision_no(conn, p.tenant.id, id).await? + 1;
    let revision_id = Uuid::new_v4();
    repo::copy_revision(conn, p.tenant.id, live, revision_id, next, p.user_id).await?;
    events::record(
        conn,
        p.tenant.id,
        Event {
            course_id: id,
            revision_id: Some(revision_id),
            actor_id: Some(p.user_id),
            action: CourseAction::RevisionCreated,
            from: None,
            to: Some(RevisionStatus::Draft),
            note: "",
        },
    )
    .await
}
