//! Who may see a file and who may act on an upload. A refusal is a 404 like a missing id, so a
//! media id tells an outsider nothing.

use shared_types::Role;
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

/// The media `id`, when `p` uploaded it, is regulator staff, or is an expert reviewing a course
/// revision that uses it.
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
            && repo::reviews_a_revision_using(conn, p.tenant.id, id, p.user_id).await?);
    if allowed { Ok(row) } else { Err(not_found()) }
}
