//! People shown by name — reviewers, group members, the actors of histories and records. Names
//! are stored only encrypted (Z-V.1) and opened here with the keyring.

use std::collections::HashMap;

use shared_types::review::ExpertRef;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::crypto::Keyring;
use crate::error::AppError;

#[derive(sqlx::FromRow)]
struct PersonRow {
    user_id: Uuid,
    username: Option<String>,
    name_enc: Vec<u8>,
    pii_key_id: String,
}

/// Opens one sealed name.
pub fn open_name(keyring: &Keyring, key_id: &str, sealed: &[u8]) -> Result<String, AppError> {
    Ok(keyring.open(key_id, sealed)?)
}

/// How an account is shown in staff lists: its user name, else its phone masked (trainees
/// sign in by phone).
pub fn account_label(
    keyring: &Keyring,
    username: Option<String>,
    phone_enc: Option<&[u8]>,
    key_id: &str,
) -> Result<String, AppError> {
    match (username, phone_enc) {
        (Some(name), _) => Ok(name),
        (None, Some(sealed)) => Ok(super::fields::mask_phone(&keyring.open(key_id, sealed)?)),
        (None, None) => Ok(String::new()),
    }
}

/// The accounts `ids` of this tenant by id, deleted ones included: history keeps its names.
pub async fn refs(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, ExpertRef>, AppError> {
    let rows: Vec<PersonRow> = sqlx::query_as(
        "select user_id, username, name_enc, pii_key_id from users
         where tenant_id = $1 and user_id = any($2)",
    )
    .bind(tenant_id)
    .bind(ids)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|row| {
            let name = open_name(keyring, &row.pii_key_id, &row.name_enc)?;
            Ok((
                row.user_id,
                ExpertRef {
                    id: row.user_id,
                    name,
                    username: row.username,
                },
            ))
        })
        .collect()
}

/// The names of the accounts `ids` (deleted ones included), by id.
pub async fn names(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, String>, AppError> {
    Ok(refs(conn, keyring, tenant_id, ids)
        .await?
        .into_iter()
        .map(|(id, person)| (id, person.name))
        .collect())
}

/// The name of `id` in `known`, or an empty string for an account no longer there.
pub fn name_in(known: &HashMap<Uuid, String>, id: Option<Uuid>) -> String {
    id.and_then(|id| known.get(&id).cloned())
        .unwrap_or_default()
}

/// `ids` in their order, as far as they are known.
pub fn in_order(known: &HashMap<Uuid, ExpertRef>, ids: &[Uuid]) -> Vec<ExpertRef> {
    ids.iter().filter_map(|id| known.get(id).cloned()).collect()
}
