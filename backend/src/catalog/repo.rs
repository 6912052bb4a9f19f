//! SQL of course authoring: revisions, their lecturers, outline and search text. Tenant
//! transaction connections only, with an explicit `tenant_id` on every statement.

use shared_types::catalog::RevisionStatus;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::identity::Principal;

use super::fields::Fields;

/// A course owned by `p` (and `p`'s institution, if any).
pub async fn insert_course(
    conn: &mut PgConnection,
    p: &Principal,
    course_id: Uuid,
    kind: &str,
    course_no: &str,
    topic_id: Option<Uuid>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into courses (course_id, tenant_id, kind, course_no, topic_id, created_by, institution_id)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(course_id)
    .bind(p.tenant.id)
    .bind(kind)
    .bind(course_no)
    .bind(topic_id)
    .bind(p.user_id)
    .bind(p.institution_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_revision(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    course_id: Uuid,
    revision_id: Uuid,
    revision_no: i32,
    fields: &Fields,
    created_by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into course_revisions (revision_id, tenant_id, course_id, revision_no, name, category,
             training_type, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(revision_id)
    .bind(tenant_id)
    .bind(course_id)
    .bind(revision_no)
    .bind(&fields.name)
    .bind(fields.training_type.category().as_str())
    .bind(fields.training_type.as_str())
    .bind(created_by)
    .execute(&mut *conn)
    .await?;
    write_fields(conn, tenant_id, course_id, revision_id, fields).await
}

/// Writes the edited fields of a revision, its lecturers and the course's topic.
pub async fn write_fields(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    course_id: Uuid,
    revision_id: Uuid,
    f: &Fields,
) -> sqlx::Result<()> {
    sqlx::query(
        "update course_revisions set name = $3, summary = $4, category = $5, training_type = $6,
             audience = $7, tags = $8, copyright_holder = $9, licence_media_id = $10, price_cents = $11,
             seat_price_cents = $12, venue = $13, schedule = $14, offline_hours = $15
         where tenant_id = $1 and revision_id = $2",
    )
    .bind(tenant_id)
    .bind(revision_id)
    .bind(&f.name)
    .bind(&f.summary)
    .bind(f.training_type.category().as_str())
    .bind(f.training_type.as_str())
    .bind(&f.audience)
    .bind(&f.tags)
    .bind(&f.copyright_holder)
    .bind(f.licence_media_id)
    .bind(f.price_cents)
    .bind(f.seat_price_cents)
    .bind(&f.venue)
    .bind(&f.schedule)
    .bind(f.offline_hours)
    .execute(&mut *conn)
    .await?;
    sqlx::query("delete from course_lecturers where tenant_id = $1 and revision_id = $2")
        .bind(tenant_id)
        .bind(revision_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "insert into course_lecturers (revision_id, tenant_id, lecturer_id, position)
         select $2, $1, id, pos::int from unnest($3::uuid[]) with ordinality as t(id, pos)",
    )
    .bind(tenant_id)
    .bind(revision_id)
    .bind(&f.lecturer_ids)
    .execute(&mut *conn)
    .await?;
    sqlx::query("update courses set topic_id = $3 where tenant_id = $1 and course_id = $2")
        .bind(tenant_id)
        .bind(course_id)
        .bind(f.topic_id)
        .execute(&mut *conn)
        .await?;
    refresh_search_text(conn, tenant_id, revision_id).await
}

/// Recomputes what catalogue search matches: name, number, lecturers, tags and summary — of the
/// revisions `which` selects with `$2`.
async fn refresh_search_text_where(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    which: &str,
    id: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(&format!(
        "update course_revisions r set search_text = lower(concat_ws(' ', r.name, c.course_no,
             (select string_agg(l.name, ' ') from course_lecturers cl
              join lecturers l on l.lecturer_id = cl.lecturer_id where cl.revision_id = r.revision_id),
             array_to_string(r.tags, ' '), r.summary))
         from courses c where c.course_id = r.course_id and r.tenant_id = $1 and {which}"
    ))
    .bind(tenant_id)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// After a revision changed.
pub async fn refresh_search_text(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    revision_id: Uuid,
) -> sqlx::Result<()> {
    refresh_search_text_where(conn, tenant_id, "r.revision_id = $2", revision_id).await
}

/// After a lecturer was renamed: every revision naming them.
pub async fn refresh_search_text_of_lecturer(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    lecturer_id: Uuid,
) -> sqlx::Result<()> {
    refresh_search_text_where(
        conn,
        tenant_id,
        "r.revision_id in (select cl.revision_id from course_lecturers cl where cl.lecturer_id = $2)",
        lecturer_id,
    )
    .await
}

/// Refreshes video durations from their media and the revision's total (required coursewares).
pub async fn refresh_durations(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    revision_id: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "update coursewares c set duration_seconds = coalesce(m.duration_seconds, 0)
         from media_assets m
         where m.media_id = c.media_id and c.kind = 'video' and c.tenant_id = $1 and c.revision_id = $2",
    )
    .bind(tenant_id)
    .bind(revision_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "update course_revisions set duration_seconds = coalesce((select sum(duration_seconds)
             from coursewares where revision_id = $2 and required), 0)
         where tenant_id = $1 and revision_id = $2",
    )
    .bind(tenant_id)
    .bind(revision_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_status(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    revision_id: Uuid,
    status: RevisionStatus,
) -> sqlx::Result<()> {
    sqlx::query(
        "update course_revisions set status = $3 where tenant_id = $1 and revision_id = $2",
    )
    .bind(tenant_id)
    .bind(revision_id)
    .bind(status.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// Ends the open review round of a withdrawn revision.
pub async fn cancel_open_round(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    revision_id: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "update review_rounds set status = 'cancelled', decided_at = now()
         where tenant_id = $1 and revision_id = $2 and status = 'open'",
    )
    .bind(tenant_id)
    .bind(revision_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// (kind, status) of a media of this tenant.
pub async fn media_kind_status(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    media_id: Uuid,
) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as("select kind, status from media_assets where tenant_id = $1 and media_id = $2")
        .bind(tenant_id)
        .bind(media_id)
        .fetch_optional(conn)
        .await
}

/// How many of `ids` are lecturers of this tenant.
pub async fn count_lecturers(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ids: &[Uuid],
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from lecturers where tenant_id = $1 and lecturer_id = any($2)",
    )
    .bind(tenant_id)
    .bind(ids)
    .fetch_one(conn)
    .await
}

pub async fn topic_exists(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    topic_id: Uuid,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "select exists (select 1 from course_topics where tenant_id = $1 and topic_id = $2)",
    )
    .bind(tenant_id)
    .bind(topic_id)
    .fetch_one(conn)
    .await
}

/// Copies revision `from` into a new draft `to` numbered `revision_no`: fields, lecturers,
/// chapters, coursewares (new ids, the same lineage) and subtitles.
pub async fn copy_revision(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    from: Uuid,
    to: Uuid,
    revision_no: i32,
    created_by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into course_revisions (revision_id, tenant_id, course_id, revision_no, status, name, summary,
             category, training_type, audience, tags, copyright_holder, licence_media_id, price_cents,
             seat_price_cents, venue, schedule, offline_hours, duration_seconds, search_text, created_by)
         select $3, tenant_id, course_id, $4, 'draft', name, summary, category, training_type, audience, tags,
             copyright_holder, licence_media_id, price_cents, seat_price_cents, venue, schedule, offline_hours,
             duration_seconds, search_text, $5
         from course_revisions where tenant_id = $1 and revision_id = $2",
    )
    .bind(tenant_id)
    .bind(from)
    .bind(to)
    .bind(revision_no)
    .bind(created_by)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "insert into course_lecturers (revision_id, tenant_id, lecturer_id, position)
         select $3, tenant_id, lecturer_id, position from course_lecturers where tenant_id = $1 and revision_id = $2",
    )
    .bind(tenant_id)
    .bind(from)
    .bind(to)
    .execute(&mut *conn)
    .await?;
    // Old → new ids, so coursewares follow their chapters and subtitles their coursewares.
    sqlx::query(
        "create temporary table chapter_map on commit drop as
         select chapter_id as old_id, gen_random_uuid() as new_id from chapters where tenant_id = $1 and revision_id = $2",
    )
    .bind(tenant_id)
    .bind(from)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "create temporary table courseware_map on commit drop as
         select courseware_id as old_id, gen_random_uuid() as new_id from coursewares where tenant_id = $1 and revision_id = $2",
    )
    .bind(tenant_id)
    .bind(from)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "insert into chapters (chapter_id, tenant_id, revision_id, title, position)
         select m.new_id, c.tenant_id, $2, c.title, c.position from chapters c join chapter_map m on m.old_id = c.chapter_id
         where c.tenant_id = $1",
    )
    .bind(tenant_id)
    .bind(to)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "insert into coursewares (courseware_id, tenant_id, chapter_id, revision_id, lineage_id, title, kind, position,
             required, media_id, url, min_study_seconds, duration_seconds)
         select w.new_id, c.tenant_id, ch.new_id, $2, c.lineage_id, c.title, c.kind, c.position, c.required,
             c.media_id, c.url, c.min_study_seconds, c.duration_seconds
         from coursewares c join courseware_map w on w.old_id = c.courseware_id
         join chapter_map ch on ch.old_id = c.chapter_id where c.tenant_id = $1",
    )
    .bind(tenant_id)
    .bind(to)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "insert into subtitles (courseware_id, tenant_id, lang, media_id)
         select w.new_id, s.tenant_id, s.lang, s.media_id from subtitles s join courseware_map w on w.old_id = s.courseware_id
         where s.tenant_id = $1",
    )
    .bind(tenant_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("drop table chapter_map, courseware_map")
        .execute(conn)
        .await?;
    Ok(())
}

/// The highest revision number of a course.
pub async fn last_revision_no(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    course_id: Uuid,
) -> sqlx::Result<i32> {
    sqlx::query_scalar("select coalesce(max(revision_no), 0) from course_revisions where tenant_id = $1 and course_id = $2")
        .bind(tenant_id)
        .bind(course_id)
        .fetch_one(conn)
        .await
}
