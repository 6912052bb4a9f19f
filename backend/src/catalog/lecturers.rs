//! 讲师 — lecturers shown on courses (Z-III.3), with an optional photo (an `image` upload).

use shared_types::catalog::{Lecturer, LecturerInput};
use sqlx::PgConnection;
use uuid::Uuid;

use super::repo;
use crate::error::AppError;

type Row = (Uuid, String, String, String, Option<Uuid>);

/// Where a lecturer's photo loads from: the API redirects to a short-lived presigned URL, so a
/// page can keep the address while the signature stays short.
pub fn photo_url(id: Uuid, photo_media_id: Option<Uuid>) -> Option<String> {
    photo_media_id.map(|_| format!("/api/v1/lecturers/{id}/photo"))
}

fn to_lecturer((id, name, title, bio, photo_media_id): Row) -> Lecturer {
    Lecturer {
        id,
        name,
        title,
        bio,
        photo_media_id,
        photo_url: photo_url(id, photo_media_id),
    }
}

/// The stored photo of a lecturer of this tenant: (object key, content type, file name).
pub async fn photo(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<(String, String, String), AppError> {
    sqlx::query_as(
        "select m.object_key, m.content_type, m.file_name from lecturers l
         join media_assets m on m.media_id = l.photo_media_id and m.tenant_id = l.tenant_id
         where l.tenant_id = $1 and l.lecturer_id = $2 and m.kind = 'image' and m.status = 'ready'",
    )
    .bind(tenant_id)
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| AppError::not_found("讲师照片", "Lecturer photo"))
}

async fn check(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    input: &LecturerInput,
) -> Result<(String, String, String), AppError> {
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 50 {
        return Err(AppError::invalid(
            "name",
            "须为 1 到 50 个字符",
            "must be 1 to 50 characters",
        ));
    }
    if input.title.chars().count() > 100 {
        return Err(AppError::invalid(
            "title",
            "最多 100 个字符",
            "at most 100 characters",
        ));
    }
    if input.bio.chars().count() > 2000 {
        return Err(AppError::invalid(
            "bio",
            "最多 2000 个字符",
            "at most 2000 characters",
        ));
    }
    if let Some(photo) = input.photo_media_id {
        let ok = matches!(repo::media_kind_status(conn, tenant_id, photo).await?,
            Some((kind, status)) if kind == "image" && status == "ready");
        if !ok {
            return Err(AppError::invalid(
                "photo_media_id",
                "须为已上传的图片",
                "must be an uploaded image",
            ));
        }
    }
    Ok((
        name.to_owned(),
        input.title.trim().to_owned(),
        input.bio.trim().to_owned(),
    ))
}

pub async fn create(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    input: &LecturerInput,
) -> Result<Lecturer, AppError> {
    let (name, title, bio) = check(conn, tenant_id, input).await?;
    let row: Row = sqlx::query_as(
        "insert into lecturers (lecturer_id, tenant_id, name, title, bio, photo_media_id, created_by)
         values ($1, $2, $3, $4, $5, $6, $7) returning lecturer_id, name, title, bio, photo_media_id",
    )
    .bind(Uuid::new_v4())
    .bind(tenant_id)
    .bind(name)
    .bind(title)
    .bind(bio)
    .bind(input.photo_media_id)
    .bind(user_id)
    .fetch_one(conn)
    .await?;
    Ok(to_lecturer(row))
}

fn lecturer_not_found() -> AppError {
    AppError::not_found("讲师", "Lecturer")
}

pub async fn show(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<Lecturer, AppError> {
    let row: Option<Row> = sqlx::query_as(
        "select lecturer_id, name, title, bio, photo_media_id from lecturers
         where tenant_id = $1 and lecturer_id = $2",
    )
    .bind(tenant_id)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(to_lecturer).ok_or_else(lecturer_not_found)
}

/// Changes a lecturer; the courses naming them find the new name in search at once.
pub async fn update(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    input: &LecturerInput,
) -> Result<Lecturer, AppError> {
    let (name, title, bio) = check(conn, tenant_id, input).await?;
    let row: Option<Row> = sqlx::query_as(
        "update lecturers set name = $3, title = $4, bio = $5, photo_media_id = $6
         where tenant_id = $1 and lecturer_id = $2
         returning lecturer_id, name, title, bio, photo_media_id",
    )
    .bind(tenant_id)
    .bind(id)
    .bind(name)
    .bind(title)
    .bind(bio)
    .bind(input.photo_media_id)
    .fetch_optional(&mut *conn)
    .await?;
    let lecturer = row.map(to_lecturer).ok_or_else(lecturer_not_found)?;
    repo::refresh_search_text_of_lecturer(conn, tenant_id, id).await?;
    Ok(lecturer)
}

/// Lecturers whose name contains `q`, by name; one page and the total.
pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    q: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Lecturer>, i64), AppError> {
    let pattern = format!(
        "%{}%",
        q.unwrap_or("")
            .trim()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let total: i64 =
        sqlx::query_scalar("select count(*) from lecturers where tenant_id = $1 and name like $2")
            .bind(tenant_id)
            .bind(&pattern)
            .fetch_one(&mut *conn)
            .await?;
    let rows: Vec<Row> = sqlx::query_as(
        "select lecturer_id, name, title, bio, photo_media_id from lecturers
         where tenant_id = $1 and name like $2 order by name, lecturer_id limit $3 offset $4",
    )
    .bind(tenant_id)
    .bind(&pattern)
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?;
    Ok((rows.into_iter().map(to_lecturer).collect(), total))
}
