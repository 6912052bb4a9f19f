//! Loads one course revision in full (fields, lecturers, chapters, coursewares, subtitles): what
//! the author edits, the experts review and the catalogue shows.

use chrono::{DateTime, Utc};
use shared_types::catalog::{
    Chapter, Courseware, CoursewareKind, Lecturer, Revision, RevisionStatus, SubtitleLang,
    SubtitleTrack, TrainingType,
};
use shared_types::media::MediaStatus;
use sqlx::PgConnection;
use uuid::Uuid;

use super::lecturers::{COLUMNS as LECTURER_COLUMNS, LecturerRow};
use crate::error::AppError;

#[derive(sqlx::FromRow)]
struct RevisionRow {
    revision_id: Uuid,
    revision_no: i32,
    status: String,
    name: String,
    summary: String,
    training_type: String,
    audience: String,
    tags: Vec<String>,
    copyright_holder: String,
    licence_media_id: Option<Uuid>,
    price_cents: Option<i64>,
    seat_price_cents: Option<i64>,
    venue: Option<String>,
    schedule: Option<String>,
    offline_hours: Option<f64>,
    duration_seconds: i32,
    updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct CoursewareRow {
    courseware_id: Uuid,
    chapter_id: Uuid,
    lineage_id: Uuid,
    title: String,
    kind: String,
    position: i32,
    required: bool,
    media_id: Option<Uuid>,
    media_status: Option<String>,
    url: Option<String>,
    min_study_seconds: Option<i32>,
    duration_seconds: i32,
}

/// A stored value the schema's check constraints allow but this build does not know.
fn unknown(what: &str, value: &str) -> AppError {
    AppError::Internal(anyhow::anyhow!("unknown {what} `{value}` in the database"))
}

/// The revision `revision_id` of this tenant, or `None`. Lecturer photo URLs are left empty;
/// callers that show photos presign them.
pub async fn load(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    revision_id: Uuid,
) -> Result<Option<Revision>, AppError> {
    let row: Option<RevisionRow> = sqlx::query_as(
        "select revision_id, revision_no, status, name, summary, training_type, audience, tags,
                copyright_holder, licence_media_id, price_cents, seat_price_cents, venue, schedule,
                offline_hours::float8 as offline_hours, duration_seconds, updated_at
         from course_revisions where tenant_id = $1 and revision_id = $2",
    )
    .bind(tenant_id)
    .bind(revision_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let training_type = TrainingType::parse(&row.training_type)
        .ok_or_else(|| unknown("training type", &row.training_type))?;
    let status = RevisionStatus::parse(&row.status)
        .ok_or_else(|| unknown("revision status", &row.status))?;

    let lecturers: Vec<LecturerRow> = sqlx::query_as(&format!(
        "select {LECTURER_COLUMNS} from course_lecturers cl
         join lecturers l on l.lecturer_id = cl.lecturer_id
         left join institutions i on i.institution_id = l.institution_id
         where cl.tenant_id = $1 and cl.revision_id = $2 order by cl.position"
    ))
    .bind(tenant_id)
    .bind(revision_id)
    .fetch_all(&mut *conn)
    .await?;

    let chapter_rows: Vec<(Uuid, String, i32)> = sqlx::query_as(
        "select chapter_id, title, position from chapters
         where tenant_id = $1 and revision_id = $2 order by position, chapter_id",
    )
    .bind(tenant_id)
    .bind(revision_id)
    .fetch_all(&mut *conn)
    .await?;

    let coursewares: Vec<CoursewareRow> = sqlx::query_as(
        "select c.courseware_id, c.chapter_id, c.lineage_id, c.title, c.kind, c.position, c.required,
                c.media_id, m.status as media_status, c.url, c.min_study_seconds, c.duration_seconds
         from coursewares c left join media_assets m on m.media_id = c.media_id
         where c.tenant_id = $1 and c.revision_id = $2 order by c.position, c.courseware_id",
    )
    .bind(tenant_id)
    .bind(revision_id)
    .fetch_all(&mut *conn)
    .await?;

    let subtitles: Vec<(Uuid, String, Uuid)> = sqlx::query_as(
        "select s.courseware_id, s.lang, s.media_id from subtitles s
         join coursewares c on c.courseware_id = s.courseware_id
         where s.tenant_id = $1 and c.revision_id = $2 order by s.lang",
    )
    .bind(tenant_id)
    .bind(revision_id)
    .fetch_all(&mut *conn)
    .await?;

    let mut chapters: Vec<Chapter> = chapter_rows
        .into_iter()
        .map(|(id, title, position)| Chapter {
            id,
            title,
            position,
            coursewares: Vec::new(),
        })
        .collect();
    for cw in coursewares {
        let kind =
            CoursewareKind::parse(&cw.kind).ok_or_else(|| unknown("courseware kind", &cw.kind))?;
        let media_status = cw
            .media_status
            .as_deref()
            .map(|s| MediaStatus::parse(s).ok_or_else(|| unknown("media status", s)))
            .transpose()?;
        let tracks = subtitles
            .iter()
            .filter(|(owner, _, _)| *owner == cw.courseware_id)
            .map(|(_, lang, media_id)| {
                SubtitleLang::parse(lang)
                    .map(|lang| SubtitleTrack {
                        lang,
                        media_id: *media_id,
                    })
                    .ok_or_else(|| unknown("subtitle language", lang))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(chapter) = chapters.iter_mut().find(|c| c.id == cw.chapter_id) {
            chapter.coursewares.push(Courseware {
                id: cw.courseware_id,
                lineage_id: cw.lineage_id,
                title: cw.title,
                kind,
                position: cw.position,
                required: cw.required,
                media_id: cw.media_id,
                media_status,
                url: cw.url,
                min_study_seconds: cw.min_study_seconds,
                duration_seconds: cw.duration_seconds,
                subtitles: tracks,
            });
        }
    }

    Ok(Some(Revision {
        id: row.revision_id,
        revision_no: row.revision_no,
        status,
        name: row.name,
        summary: row.summary,
        category: training_type.category(),
        training_type,
        audience: row.audience,
        tags: row.tags,
        lecturers: lecturers.into_iter().map(Lecturer::from).collect(),
        copyright_holder: row.copyright_holder,
        licence_media_id: row.licence_media_id,
        price_cents: row.price_cents,
        seat_price_cents: row.seat_price_cents,
        venue: row.venue,
        schedule: row.schedule,
        offline_hours: row.offline_hours,
        duration_seconds: row.duration_seconds,
        chapters,
        updated_at: row.updated_at,
    }))
}
