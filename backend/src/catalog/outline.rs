//! The outline of an editable revision: chapters, coursewares (video, PDF document, external
//! link) and the WebVTT subtitles of videos (Z-III.4). Every change recomputes the revision's
//! duration (Z-III.3).

use shared_types::catalog::{
    Chapter, ChapterInput, Courseware, CoursewareInput, CoursewareKind, SubtitleInput, SubtitleLang,
};
use sqlx::PgConnection;
use uuid::Uuid;

use super::{authoring, repo};
use crate::error::AppError;
use crate::identity::Principal;

fn title(value: &str) -> Result<String, AppError> {
    let t = value.trim();
    if t.is_empty() || t.chars().count() > 100 {
        return Err(AppError::invalid(
            "title",
            "须为 1 到 100 个字符",
            "must be 1 to 100 characters",
        ));
    }
    Ok(t.to_owned())
}

/// The course that owns a chapter or courseware of this tenant, or 404.
async fn course_of(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    sql: &str,
    id: Uuid,
) -> Result<Uuid, AppError> {
    sqlx::query_scalar(sql)
        .bind(tenant_id)
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| AppError::not_found("章节或课件", "Chapter or courseware"))
}

const COURSE_OF_CHAPTER: &str = "select r.course_id from chapters ch
    join course_revisions r on r.revision_id = ch.revision_id where ch.tenant_id = $1 and ch.chapter_id = $2";
const COURSE_OF_COURSEWARE: &str = "select r.course_id from coursewares c
    join course_revisions r on r.revision_id = c.revision_id where c.tenant_id = $1 and c.courseware_id = $2";

pub async fn add_chapter(
    conn: &mut PgConnection,
    p: &Principal,
    course_id: Uuid,
    input: &ChapterInput,
) -> Result<Chapter, AppError> {
    let revision = authoring::editable(conn, p, course_id).await?;
    let title = title(&input.title)?;
    let id = Uuid::new_v4();
    let position = i32::try_from(revision.chapters.len()).unwrap_or(i32::MAX);
    sqlx::query(
        "insert into chapters (chapter_id, tenant_id, revision_id, title, position) values ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(p.tenant.id)
    .bind(revision.id)
    .bind(&title)
    .bind(position)
    .execute(&mut *conn)
    .await?;
    Ok(Chapter {
        id,
        title,
        position,
        coursewares: Vec::new(),
    })
}

/// Checks the media a courseware of `kind` points at: this tenant's, of the matching kind, usable.
async fn check_media(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    field: &str,
    media_id: Option<Uuid>,
    wanted: &str,
) -> Result<Option<Uuid>, AppError> {
    let Some(id) = media_id else {
        return Err(AppError::invalid(field, "请上传文件", "upload a file"));
    };
    match repo::media_kind_status(conn, tenant_id, id).await? {
        Some((kind, status))
            if kind == wanted
                && status != "rejected"
                && status != "failed"
                && status != "uploading" =>
        {
            Ok(Some(id))
        }
        _ => Err(AppError::invalid(
            field,
            "文件不存在、类型不符或未通过检查",
            "the file is missing, of the wrong kind or was rejected",
        )),
    }
}

/// Appends a courseware to a chapter; answers the course it belongs to.
pub async fn add_courseware(
    conn: &mut PgConnection,
    p: &Principal,
    chapter_id: Uuid,
    input: &CoursewareInput,
) -> Result<Uuid, AppError> {
    let tenant_id = p.tenant.id;
    let course_id = course_of(conn, tenant_id, COURSE_OF_CHAPTER, chapter_id).await?;
    let revision = authoring::editable(conn, p, course_id).await?;
    let chapter = revision
        .chapters
        .iter()
        .find(|c| c.id == chapter_id)
        .ok_or_else(|| AppError::not_found("章节", "Chapter"))?;
    let title = title(&input.title)?;
    let (media_id, url, min_study) = match input.kind {
        CoursewareKind::Video => (
            check_media(conn, tenant_id, "media_id", input.media_id, "video").await?,
            None,
            None,
        ),
        CoursewareKind::Document => {
            let seconds = input
                .min_study_seconds
                .filter(|s| (60..=86_400).contains(s))
                .ok_or_else(|| {
                    AppError::invalid(
                        "min_study_seconds",
                        "文档须设定 1 分钟到 24 小时的最少学习时长",
                        "documents need a minimum study time of 1 minute to 24 hours",
                    )
                })?;
            (
                check_media(conn, tenant_id, "media_id", input.media_id, "document").await?,
                None,
                Some(seconds),
            )
        }
        CoursewareKind::Link => {
            let url = input
                .url
                .as_deref()
                .map(str::trim)
                .filter(|u| {
                    (u.starts_with("https://") || u.starts_with("http://")) && u.len() <= 2000
                })
                .ok_or_else(|| {
                    AppError::invalid("url", "须为 http(s) 链接", "must be an http(s) URL")
                })?;
            (None, Some(url.to_owned()), None)
        }
    };
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into coursewares (courseware_id, tenant_id, chapter_id, revision_id, lineage_id, title, kind,
             position, required, media_id, url, min_study_seconds, duration_seconds)
         values ($1, $2, $3, $4, $1, $5, $6, $7, $8, $9, $10, $11, coalesce($11, 0))",
    )
    .bind(id)
    .bind(tenant_id)
    .bind(chapter_id)
    .bind(revision.id)
    .bind(&title)
    .bind(input.kind.as_str())
    .bind(i32::try_from(chapter.coursewares.len()).unwrap_or(i32::MAX))
    .bind(input.required)
    .bind(media_id)
    .bind(url)
    .bind(min_study)
    .execute(&mut *conn)
    .await?;
    repo::refresh_durations(conn, tenant_id, revision.id).await?;
    Ok(course_id)
}

/// Sets the subtitle track `lang` of a video courseware.
pub async fn put_subtitle(
    conn: &mut PgConnection,
    p: &Principal,
    courseware_id: Uuid,
    lang: &str,
    input: &SubtitleInput,
) -> Result<Uuid, AppError> {
    let tenant_id = p.tenant.id;
    let lang = SubtitleLang::parse(lang).ok_or_else(|| {
        AppError::invalid(
            "lang",
            "字幕语言须为 zh-CN 或 en-US",
            "must be zh-CN or en-US",
        )
    })?;
    let course_id = course_of(conn, tenant_id, COURSE_OF_COURSEWARE, courseware_id).await?;
    let revision = authoring::editable(conn, p, course_id).await?;
    let courseware: Option<&Courseware> = revision
        .chapters
        .iter()
        .flat_map(|c| c.coursewares.iter())
        .find(|c| c.id == courseware_id);
    if !courseware.is_some_and(|c| c.kind == CoursewareKind::Video) {
        return Err(AppError::invalid(
            "courseware",
            "只有视频课件可以添加字幕",
            "only videos have subtitles",
        ));
    }
    check_media(
        conn,
        tenant_id,
        "media_id",
        Some(input.media_id),
        "subtitle",
    )
    .await?;
    sqlx::query(
        "insert into subtitles (courseware_id, tenant_id, lang, media_id) values ($1, $2, $3, $4)
         on conflict (courseware_id, lang) do update set media_id = excluded.media_id",
    )
    .bind(courseware_id)
    .bind(tenant_id)
    .bind(lang.as_str())
    .bind(input.media_id)
    .execute(conn)
    .await?;
    Ok(course_id)
}

/// Removes a chapter with its coursewares and their subtitles from an editable revision.
pub async fn delete_chapter(
    conn: &mut PgConnection,
    p: &Principal,
    chapter_id: Uuid,
) -> Result<(), AppError> {
    let tenant_id = p.tenant.id;
    let course_id = course_of(conn, tenant_id, COURSE_OF_CHAPTER, chapter_id).await?;
    let revision = authoring::editable(conn, p, course_id).await?;
    for sql in [
        "delete from subtitles s using coursewares c
         where s.courseware_id = c.courseware_id and c.tenant_id = $1 and c.chapter_id = $2",
        "delete from coursewares where tenant_id = $1 and chapter_id = $2",
        "delete from chapters where tenant_id = $1 and chapter_id = $2",
    ] {
        sqlx::query(sql)
            .bind(tenant_id)
            .bind(chapter_id)
            .execute(&mut *conn)
            .await?;
    }
    repo::refresh_durations(conn, tenant_id, revision.id).await?;
    Ok(())
}

/// Removes a courseware (and its subtitles) from an editable revision.
pub async fn delete_courseware(
    conn: &mut PgConnection,
    p: &Principal,
    courseware_id: Uuid,
) -> Result<(), AppError> {
    let tenant_id = p.tenant.id;
    let course_id = course_of(conn, tenant_id, COURSE_OF_COURSEWARE, courseware_id).await?;
    let revision = authoring::editable(conn, p, course_id).await?;
    for sql in [
        "delete from subtitles where tenant_id = $1 and courseware_id = $2",
        "delete from coursewares where tenant_id = $1 and courseware_id = $2",
    ] {
        sqlx::query(sql)
            .bind(tenant_id)
            .bind(courseware_id)
            .execute(&mut *conn)
            .await?;
    }
    repo::refresh_durations(conn, tenant_id, revision.id).await?;
    Ok(())
}
