//! SQL for media assets and their upload parts. Every function takes the tenant transaction.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MediaRow {
    pub media_id: Uuid,
    pub kind: String,
    pub object_key: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub part_size: i64,
    pub s3_upload_id: Option<String>,
    pub status: String,
    pub reject_reason: Option<String>,
    pub duration_seconds: Option<i32>,
    pub probe: Option<Value>,
    pub renditions: Value,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "media_id, kind, object_key, file_name, content_type, size_bytes, part_size,
    s3_upload_id, status, reject_reason, duration_seconds, probe, renditions, created_by, created_at";

pub struct NewMedia<'a> {
    pub media_id: Uuid,
    pub kind: &'a str,
    pub object_key: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub part_size: i64,
    pub s3_upload_id: Option<&'a str>,
    pub status: &'a str,
    pub created_by: Option<Uuid>,
}

pub async fn insert(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    m: NewMedia<'_>,
) -> Result<(), AppError> {
    sqlx::query(
        "insert into media_assets (media_id, tenant_id, kind, object_key, file_name, content_type,
             size_bytes, part_size, s3_upload_id, status, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(m.media_id)
    .bind(tenant_id)
    .bind(m.kind)
    .bind(m.object_key)
    .bind(m.file_name)
    .bind(m.content_type)
    .bind(m.size_bytes)
    .bind(m.part_size)
    .bind(m.s3_upload_id)
    .bind(m.status)
    .bind(m.created_by)
    .execute(conn)
    .await?;
    Ok(())
}

/// The media `id` of this tenant; `lock` takes the row for update.
pub async fn get(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    lock: bool,
) -> Result<Option<MediaRow>, AppError> {
    let lock = if lock { " for update" } else { "" };
    Ok(sqlx::query_as(&format!(
        "select {COLUMNS} from media_assets where tenant_id = $1 and media_id = $2{lock}"
    ))
    .bind(tenant_id)
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// The parts the browser reported: (number, ETag, size), in order.
pub async fn parts(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<Vec<(i32, String, i64)>, AppError> {
    Ok(sqlx::query_as(
        "select part_number, etag, size_bytes from media_upload_parts
         where tenant_id = $1 and media_id = $2 order by part_number",
    )
    .bind(tenant_id)
    .bind(id)
    .fetch_all(conn)
    .await?)
}

/// Records part `number`; a part sent again replaces the earlier one.
pub async fn put_part(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    number: i32,
    etag: &str,
    size_bytes: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "insert into media_upload_parts (media_id, tenant_id, part_number, etag, size_bytes)
         values ($1, $2, $3, $4, $5)
         on conflict (media_id, part_number)
         do update set etag = excluded.etag, size_bytes = excluded.size_bytes, created_at = now()",
    )
    .bind(id)
    .bind(tenant_id)
    .bind(number)
    .bind(etag)
    .bind(size_bytes)
    .execute(conn)
    .await?;
    Ok(())
}

/// The object is assembled in S3: the upload id and the part list are done with.
pub async fn set_uploaded(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<(), AppError> {
    sqlx::query(
        "update media_assets set status = 'uploaded', s3_upload_id = null
         where tenant_id = $1 and media_id = $2",
    )
    .bind(tenant_id)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("delete from media_upload_parts where tenant_id = $1 and media_id = $2")
        .bind(tenant_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Moves an `uploaded` asset on after its probe; false when another request already did.
pub async fn set_probed(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    status: &str,
    reject_reason: Option<&str>,
    probe: Option<&Value>,
    duration_seconds: Option<i32>,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "update media_assets set status = $3, reject_reason = $4, probe = $5, duration_seconds = $6
         where tenant_id = $1 and media_id = $2 and status = 'uploaded'",
    )
    .bind(tenant_id)
    .bind(id)
    .bind(status)
    .bind(reject_reason)
    .bind(probe)
    .bind(duration_seconds)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets the status (and the reason of a failure) of a video being transcoded.
pub async fn set_transcode_status(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    status: &str,
    reason: Option<&str>,
) -> Result<(), AppError> {
    sqlx::query(
        "update media_assets set status = $3, reject_reason = $4
         where tenant_id = $1 and media_id = $2 and kind = 'video' and status <> 'rejected'",
    )
    .bind(tenant_id)
    .bind(id)
    .bind(status)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_ready(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    renditions: &Value,
) -> Result<(), AppError> {
    sqlx::query(
        "update media_assets set status = 'ready', reject_reason = null, renditions = $3
         where tenant_id = $1 and media_id = $2",
    )
    .bind(tenant_id)
    .bind(id)
    .bind(renditions)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether `user` reviews (or reviewed) a revision that uses the media as a courseware, a
/// subtitle track or its licence evidence.
pub async fn reviews_a_revision_using(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    media_id: Uuid,
    user_id: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "select exists (
           select 1 from review_rounds r
           where r.tenant_id = $1 and $3 = any(r.reviewer_ids) and r.status <> 'cancelled'
             and (exists (select 1 from coursewares c
                          where c.tenant_id = $1 and c.revision_id = r.revision_id and c.media_id = $2)
                  or exists (select 1 from subtitles s
                             join coursewares c on c.courseware_id = s.courseware_id
                             where s.tenant_id = $1 and c.revision_id = r.revision_id and s.media_id = $2)
                  or exists (select 1 from course_revisions cr
                             where cr.tenant_id = $1 and cr.revision_id = r.revision_id
                               and cr.licence_media_id = $2)))",
    )
    .bind(tenant_id)
    .bind(media_id)
    .bind(user_id)
    .fetch_one(conn)
    .await?)
}

/// Whether `user` may study a course whose live revision plays the media, as a courseware or a
/// subtitle track (a trainee's task).
pub async fn studies_a_course_using(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    media_id: Uuid,
    user_id: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "select exists (
           select 1 from courses c join coursewares w on w.revision_id = c.live_revision_id
           left join subtitles s on s.courseware_id = w.courseware_id
           where c.tenant_id = $1 and (w.media_id = $2 or s.media_id = $2)
             and learner_may_study($3, c.course_id))",
    )
    .bind(tenant_id)
    .bind(media_id)
    .bind(user_id)
    .fetch_one(conn)
    .await?)
}

/// The subtitle tracks (language, object key) of courseware `courseware_id`, when that
/// courseware plays media `media_id`; `None` when it does not exist or plays something else.
pub async fn subtitle_tracks(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    courseware_id: Uuid,
    media_id: Uuid,
) -> Result<Option<Vec<(String, String)>>, AppError> {
    let plays: bool = sqlx::query_scalar(
        "select exists (select 1 from coursewares
                        where tenant_id = $1 and courseware_id = $2 and media_id = $3)",
    )
    .bind(tenant_id)
    .bind(courseware_id)
    .bind(media_id)
    .fetch_one(&mut *conn)
    .await?;
    if !plays {
        return Ok(None);
    }
    let tracks = sqlx::query_as(
        "select s.lang, m.object_key from subtitles s
         join media_assets m on m.media_id = s.media_id
         where s.tenant_id = $1 and s.courseware_id = $2 and m.status = 'ready'
         order by s.lang",
    )
    .bind(tenant_id)
    .bind(courseware_id)
    .fetch_all(conn)
    .await?;
    Ok(Some(tracks))
}
