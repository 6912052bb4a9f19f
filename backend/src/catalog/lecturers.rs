//! 讲师 — lecturers shown on courses (Z-III.3) and teaching classes, managed by their institution
//! (T-7.2.4): profile, an optional photo (an `image` upload), qualification certificates, and
//! what they teach. Institution users see and edit their own institution's lecturers; regulator
//! staff see all and keep the regulator's own (no institution).

use shared_types::catalog::{Lecturer, LecturerInput, LecturerQualification, Taught};
use sqlx::PgConnection;
use sqlx::types::Json;
use uuid::Uuid;

use super::repo;
use crate::error::AppError;
use crate::identity::Principal;
use crate::validate;

const MAX_QUALIFICATIONS: usize = 20;

/// Where a lecturer's photo loads from: the API redirects to a short-lived presigned URL, so a
/// page can keep the address while the signature stays short.
pub fn photo_url(id: Uuid, photo_media_id: Option<Uuid>) -> Option<String> {
    photo_media_id.map(|_| format!("/api/v1/lecturers/{id}/photo"))
}

/// A lecturer as courses show them (what they teach left empty).
#[derive(sqlx::FromRow)]
pub(super) struct LecturerRow {
    lecturer_id: Uuid,
    name: String,
    title: String,
    bio: String,
    photo_media_id: Option<Uuid>,
    qualifications: Json<Vec<LecturerQualification>>,
    institution_name: Option<String>,
}

/// The columns of [`LecturerRow`] over [`FROM`].
pub(super) const COLUMNS: &str = "l.lecturer_id, l.name, l.title, l.bio, l.photo_media_id, \
    l.qualifications, i.name as institution_name";
pub(super) const FROM: &str =
    "lecturers l left join institutions i on i.institution_id = l.institution_id";

impl From<LecturerRow> for Lecturer {
    fn from(r: LecturerRow) -> Lecturer {
        Lecturer {
            id: r.lecturer_id,
            photo_url: photo_url(r.lecturer_id, r.photo_media_id),
            name: r.name,
            title: r.title,
            bio: r.bio,
            photo_media_id: r.photo_media_id,
            institution_name: r.institution_name,
            qualifications: r.qualifications.0,
            courses: Vec::new(),
            classes: Vec::new(),
        }
    }
}

fn lecturer_not_found() -> AppError {
    AppError::not_found("讲师", "Lecturer")
}

/// Institution users reach only their institution's lecturers; regulator staff reach all.
fn owner_filter(p: &Principal) -> Option<Uuid> {
    if p.is_regulator() {
        None
    } else {
        Some(p.institution_id.unwrap_or_else(Uuid::nil))
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

struct Checked {
    name: String,
    title: String,
    bio: String,
    qualifications: Vec<LecturerQualification>,
}

async fn check(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    input: &LecturerInput,
) -> Result<Checked, AppError> {
    let name = validate::text("name", &input.name, 1, 50)?;
    let title = validate::text("title", &input.title, 0, 100)?;
    let bio = validate::text("bio", &input.bio, 0, 2000)?;
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
    if input.qualifications.len() > MAX_QUALIFICATIONS {
        return Err(AppError::invalid(
            "qualifications",
            format!("最多 {MAX_QUALIFICATIONS} 项资格证书"),
            format!("at most {MAX_QUALIFICATIONS} certificates"),
        ));
    }
    let qualifications = input
        .qualifications
        .iter()
        .enumerate()
        .map(|(i, q)| {
            Ok(LecturerQualification {
                name: validate::text(&format!("qualifications[{i}].name"), &q.name, 1, 50)?,
                number: validate::text(&format!("qualifications[{i}].number"), &q.number, 0, 50)?,
                valid_until: q.valid_until,
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(Checked {
        name,
        title,
        bio,
        qualifications,
    })
}

/// A new lecturer of the caller's institution (regulator staff: of the regulator).
pub async fn create(
    conn: &mut PgConnection,
    p: &Principal,
    input: &LecturerInput,
) -> Result<Lecturer, AppError> {
    let c = check(conn, p.tenant.id, input).await?;
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into lecturers (lecturer_id, tenant_id, institution_id, name, title, bio, photo_media_id,
                                qualifications, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(p.tenant.id)
    .bind(p.institution_id)
    .bind(c.name)
    .bind(c.title)
    .bind(c.bio)
    .bind(input.photo_media_id)
    .bind(Json(&c.qualifications))
    .bind(p.user_id)
    .execute(&mut *conn)
    .await?;
    show(conn, p, id).await
}

/// One lecturer with the courses naming them and the classes they teach.
pub async fn show(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<Lecturer, AppError> {
    let row: Option<LecturerRow> = sqlx::query_as(&format!(
        "select {COLUMNS} from {FROM}
         where l.tenant_id = $1 and l.lecturer_id = $2 and ($3::uuid is null or l.institution_id = $3)"
    ))
    .bind(p.tenant.id)
    .bind(id)
    .bind(owner_filter(p))
    .fetch_optional(&mut *conn)
    .await?;
    let mut lecturer = Lecturer::from(row.ok_or_else(lecturer_not_found)?);
    let taught = |(id, number, name): (Uuid, String, String)| Taught { id, number, name };
    let courses: Vec<(Uuid, String, String)> = sqlx::query_as(
        "select distinct on (c.course_id) c.course_id, c.course_no, r.name
         from course_lecturers cl join course_revisions r on r.revision_id = cl.revision_id
         join courses c on c.course_id = r.course_id
         where cl.tenant_id = $1 and cl.lecturer_id = $2 and r.status <> 'superseded'
         order by c.course_id, r.revision_no desc",
    )
    .bind(p.tenant.id)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let classes: Vec<(Uuid, String, String)> = sqlx::query_as(
        "select c.class_id, c.class_no, c.name from class_lecturers cl join classes c on c.class_id = cl.class_id
         where cl.tenant_id = $1 and cl.lecturer_id = $2 and c.deleted_at is null
         order by c.starts_on desc, c.class_no",
    )
    .bind(p.tenant.id)
    .bind(id)
    .fetch_all(conn)
    .await?;
    lecturer.courses = courses.into_iter().map(taught).collect();
    lecturer.classes = classes.into_iter().map(taught).collect();
    Ok(lecturer)
}

/// Changes a lecturer; the courses naming them find the new name in search at once.
pub async fn update(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    input: &LecturerInput,
) -> Result<Lecturer, AppError> {
    let c = check(conn, p.tenant.id, input).await?;
    let done = sqlx::query(
        "update lecturers set name = $4, title = $5, bio = $6, photo_media_id = $7, qualifications = $8
         where tenant_id = $1 and lecturer_id = $2 and ($3::uuid is null or institution_id = $3)",
    )
    .bind(p.tenant.id)
    .bind(id)
    .bind(owner_filter(p))
    .bind(c.name)
    .bind(c.title)
    .bind(c.bio)
    .bind(input.photo_media_id)
    .bind(Json(&c.qualifications))
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(lecturer_not_found());
    }
    repo::refresh_search_text_of_lecturer(conn, p.tenant.id, id).await?;
    show(conn, p, id).await
}

/// Lecturers whose name contains `q`, by name; one page and the total.
pub async fn list(
    conn: &mut PgConnection,
    p: &Principal,
    q: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Lecturer>, i64), AppError> {
    let pattern = crate::db::contains_pattern(q.unwrap_or("").trim());
    let owner = owner_filter(p);
    let total: i64 = sqlx::query_scalar(
        "select count(*) from lecturers l
         where l.tenant_id = $1 and l.name like $2 and ($3::uuid is null or l.institution_id = $3)",
    )
    .bind(p.tenant.id)
    .bind(&pattern)
    .bind(owner)
    .fetch_one(&mut *conn)
    .await?;
    let rows: Vec<LecturerRow> = sqlx::query_as(&format!(
        "select {COLUMNS} from {FROM}
         where l.tenant_id = $1 and l.name like $2 and ($3::uuid is null or l.institution_id = $3)
         order by l.name, l.lecturer_id limit $4 offset $5"
    ))
    .bind(p.tenant.id)
    .bind(&pattern)
    .bind(owner)
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?;
    Ok((rows.into_iter().map(Lecturer::from).collect(), total))
}
