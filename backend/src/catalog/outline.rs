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

pub(super) fn title(value: &str) -> Result<String, AppError> {
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
pub(super) async fn course_of(
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

pub(super) const COURSE_OF_CHAPTER: &str = "select r.course_id from chapters ch
    join course_revisions r on r.revision_id = ch.revision_id where ch.tenant_id = $1 and ch.chapter_id = $2";
pub(super) const COURSE_OF_COURSEWARE: &str = "select r.course_id from coursewares c
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
    let position = revision
        .chapters
        .iter()
        .map(|c| c.position + 1)
        .max()
        .unwrap_or(0);
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

/// A courseware input once checked: what is stored for its kind.
struct Checked {
    title: String,
    media_id: Option<Uuid>,
    url: Option<String>,
    min_study: Option<i32>,
}

/// Checks a courseware by kind: videos and documents need a usable upload of that kind of this
/// tenant (documents also a minimum study time), links an http(s) URL.
async fn check_courseware(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    input: &CoursewareInput,
) -> Result<Checked, AppError> {
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
    Ok(Checked {
        title,
        media_id,
        url,
        min_study,
    })
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
    let checked = check_courseware(conn, tenant_id, input).await?;
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
    .bind(&checked.title)
    .bind(input.kind.as_str())
    .bind(next_position(&chapter.coursewares))
    .bind(input.required)
    .bind(checked.media_id)
    .bind(checked.url)
    .bind(checked.min_study)
    .execute(&mut *conn)
    .await?;
    repo::refresh_durations(conn, tenant_id, revision.id).await?;
    Ok(course_id)
}

/// After the last courseware (positions may have gaps after deletions).
fn next_position(coursewares: &[Courseware]) -> i32 {
    coursewares
        .iter()
        .map(|c| c.position + 1)
        .max()
        .unwrap_or(0)
}

/// Changes a courseware of an editable revision; its lineage (learning progress) stays. The
/// subtitles belong to one video: they go when the video is replaced or the kind changes.
pub async fn update_courseware(
    conn: &mut PgConnection,
    p: &Principal,
    courseware_id: Uuid,
    input: &CoursewareInput,
) -> Result<Uuid, AppError> {
    let tenant_id = p.tenant.id;
    let course_id = course_of(conn, tenant_id, COURSE_OF_COURSEWARE, courseware_id).await?;
    let revision = authoring::editable(conn, p, course_id).await?;
    let current = find_courseware(&revision.chapters, courseware_id)?;
    let checked = check_courseware(conn, tenant_id, input).await?;
    if current.media_id != checked.media_id || input.kind != CoursewareKind::Video {
        sqlx::query("delete from subtitles where tenant_id = $1 and courseware_id = $2")
            .bind(tenant_id)
            .bind(courseware_id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query(
        "update coursewares set title = $3, kind = $4, required = $5, media_id = $6, url = $7,
             min_study_seconds = $8, duration_seconds = coalesce($8, 0)
         where tenant_id = $1 and courseware_id = $2",
    )
    .bind(tenant_id)
    .bind(courseware_id)
    .bind(&checked.title)
    .bind(input.kind.as_str())
    .bind(input.required)
    .bind(checked.media_id)
    .bind(checked.url)
    .bind(checked.min_study)
    .execute(&mut *conn)
    .await?;
    repo::refresh_durations(conn, tenant_id, revision.id).await?;
    Ok(course_id)
}

fn find_courseware(chapters: &[Chapter], id: Uuid) -> Result<&Courseware, AppError> {
    chapters
        .iter()
        .flat_map(|c| c.coursewares.iter())
        .find(|c| c.id == id)
        .ok_or_else(|| AppError::not_found("课件", "Courseware"))
}

fn subtitle_lang(lang: &str) -> Result<SubtitleLang, AppError> {
    SubtitleLang::parse(lang).ok_or_else(|| {
        AppError::invalid(
            "lang",
            "字幕语言须为 zh-CN 或 en-US",
            "must be zh-CN or en-US",
        )
    })
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
    let lang = subtitle_lang(lang)?;
    let course_id = course_of(conn, tenant_id, COURSE_OF_COURSEWARE, courseware_id).await?;
    let revision = authoring::editable(conn, p, course_id).await?;
    if find_courseware(&revision.chapters, courseware_id)?.kind != CoursewareKind::Video {
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

/// Removes the subtitle track `lang` of a courseware; 404 when it has none.
pub async fn delete_subtitle(
    conn: &mut PgConnection,
    p: &Principal,
    courseware_id: Uuid,
    lang: &str,
) -> Result<(), AppError> {
    let tenant_id = p.tenant.id;
    let lang = subtitle_lang(lang)?;
    let course_id = course_of(conn, tenant_id, COURSE_OF_COURSEWARE, courseware_id).await?;
    authoring::editable(conn, p, course_id).await?;
    let deleted = sqlx::query(
        "delete from subtitles where tenant_id = $1 and courseware_id = $2 and lang = $3",
    )
    .bind(tenant_id)
    .bind(courseware_id)
    .bind(lang.as_str())
    .execute(conn)
    .await?;
    if deleted.rows_affected() == 0 {
        return Err(AppError::not_found("字幕", "Subtitle track"));
    }
    Ok(())
}

/// Removes a chapter with its coursewares and their subtitles from an editable revision.
pub async fn delete_chapter(
    conn: &mut PgConnection,
    p: &Principal,
    chapter_id: Uuid,
) -> Result<(), AppError> {
    let deletes = [
        "delete from subtitles s using coursewares c
         where s.courseware_id = c.courseware_id and c.tenant_id = $1 and c.chapter_id = $2",
        "delete from coursewares where tenant_id = $1 and chapter_id = $2",
        "delete from chapters where tenant_id = $1 and chapter_id = $2",
    ];
    remove(conn, p, COURSE_OF_CHAPTER, &deletes, chapter_id).await
}

/// Removes a courseware (and its subtitles) from an editable revision.
pub async fn delete_courseware(
    conn: &mut PgConnection,
    p: &Principal,
    courseware_id: Uuid,
) -> Result<(), AppError> {
    let deletes = [
        "delete from subtitles where tenant_id = $1 and courseware_id = $2",
        "delete from coursewares where tenant_id = $1 and courseware_id = $2",
    ];
    remove(conn, p, COURSE_OF_COURSEWARE, &deletes, courseware_id).await
}

/// Runs `deletes` (each bound to the tenant and `id`) on the editable revision that holds the
/// chapter or courseware `id`, then recomputes its duration.
async fn remove(
    conn: &mut PgConnection,
    p: &Principal,
    course_sql: &str,
    deletes: &[&str],
    id: Uuid,
) -> Result<(), AppError> {
    let tenant_id = p.tenant.id;
    let course_id = course_of(conn, tenant_id, course_sql, id).await?;
    let revision = authoring::editable(conn, p, course_id).await?;
    for sql in deletes {
        sqlx::query(sql)
            .bind(tenant_id)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    repo::refresh_durations(conn, tenant_id, revision.id).await?;
    Ok(())
}
