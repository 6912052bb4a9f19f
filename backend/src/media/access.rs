//! Who may see a file and who may act on an upload. A refusal is a 404 like a missing id, so a
//! media id tells an outsider nothing.

use shared_types::Role;
use shared_types::media::MediaKind;
use sqlx::PgConnection;
use uuid::Uuid;

use super::not_found;
use super::repo::{self, MediaRow};
use crate::error::AppError;
use crate::identity::Principal;

const REGULATOR_STAFF: [Role; 3] = [
    Role::RegulatorAdmin,
    Role::RegulatorOperator,
    Role::RegulatorViewer,
];

fn is_uploader(p: &Principal, row: &MediaRow) -> bool {
    row.created_by == Some(p.user_id)
}

/// The upload `id`, when `p` started it or is a regulator admin.
pub async fn upload(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    lock: bool,
) -> Result<MediaRow, AppError> {
    let row = repo::get(conn, p.tenant.id, id, lock)
        .await?
        .ok_or_else(not_found)?;
    if is_uploader(p, &row) || p.roles.contains(&Role::RegulatorAdmin) {
        Ok(row)
    } else {
        Err(not_found())
    }
}

/// The media `id`, when `p` uploaded it, is regulator staff, is an expert reviewing a course
/// revision that uses it, or is a trainee whose task holds a course playing it.
pub async fn viewable(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
) -> Result<MediaRow, AppError> {
    let row = repo::get(conn, p.tenant.id, id, false)
        .await?
        .ok_or_else(not_found)?;
    let allowed = is_uploader(p, &row)
        || p.roles.iter().any(|r| REGULATOR_STAFF.contains(r))
        || (p.roles.contains(&Role::Expert)
            && repo::reviews_a_revision_using(conn, p.tenant.id, id, p.user_id).await?)
        || (p.roles.contains(&Role::Trainee)
            && repo::studies_a_course_using(conn, p.tenant.id, id, p.user_id).await?);
    if allowed { Ok(row) } else { Err(not_found()) }
}

/// Checks that `ids` are distinct, ready files of this tenant of one of `kinds` — uploaded by an
/// account of `institution` when given, so an institution attaches only its own files. A refusal
/// names `field`.
pub async fn check_attachments(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ids: &[Uuid],
    kinds: &[MediaKind],
    institution: Option<Uuid>,
    field: &str,
) -> Result<(), AppError> {
    let mut distinct = ids.to_vec();
    distinct.sort();
    distinct.dedup();
    if distinct.len() != ids.len() {
        return Err(AppError::invalid(
            field,
            "同一文件只能附一次",
            "lists the same file twice",
        ));
    }
    let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    let fine: i64 = sqlx::query_scalar(
        "select count(*) from media_assets m
         left join users u on u.user_id = m.created_by
         where m.tenant_id = $1 and m.media_id = any($2) and m.kind = any($3) and m.status = 'ready'
           and ($4::uuid is null or u.institution_id = $4)",
    )
    .bind(tenant_id)
    .bind(ids)
    .bind(&kinds)
    .bind(institution)
    .fetch_one(conn)
    .await?;
    if fine == ids.len() as i64 {
        Ok(())
    } else if institution.is_some() {
        Err(AppError::invalid(
            field,
            "须为本机构已上传完成的相应类型文件",
            "must be files of the right kind that your institution finished uploading",
        ))
    } else {
        Err(AppError::invalid(
            field,
            "须为已上传完成的相应类型文件",
            "must be finished uploads of the right kind",
        ))
    }
}
