//! Accounts created when missing, for the demo seed and the command line: a staff account by
//! user name, a trainee by phone. Running them twice changes nothing.

use shared_types::Role;
use sqlx::PgConnection;
use uuid::Uuid;

use super::fields::Phone;
use super::repo::{self, NewUser};
use crate::crypto::{self, Keyring};
use crate::error::AppError;

/// A seeded staff account (demo data, CLI).
pub struct StaffSeed<'a> {
    pub username: &'a str,
    pub name: &'a str,
    pub roles: &'a [Role],
    pub password: &'a str,
    pub institution_id: Option<Uuid>,
}

/// Creates the staff account unless its user name exists. Returns whether it was created.
pub async fn ensure_staff(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    seed: &StaffSeed<'_>,
) -> Result<bool, AppError> {
    if repo::user_by_username(conn, tenant_id, seed.username)
        .await?
        .is_some()
    {
        return Ok(false);
    }
    let user_id = Uuid::new_v4();
    repo::insert_user(
        conn,
        NewUser {
            user_id,
            tenant_id,
            username: Some(seed.username),
            name_enc: keyring.seal(seed.name)?,
            phone: None,
            pii_key_id: keyring.current_key_id(),
            password_hash: Some(crypto::hash_password(seed.password)?),
            institution_id: seed.institution_id,
        },
    )
    .await?;
    repo::set_roles(conn, tenant_id, user_id, seed.roles).await?;
    Ok(true)
}

/// Creates the trainee unless the phone is registered. Returns whether it was created.
pub async fn ensure_trainee(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    phone: &str,
    name: &str,
    password: &str,
) -> Result<bool, AppError> {
    let phone = Phone::parse("phone", phone)?;
    let bidx = keyring.blind_index("phone", phone.as_str());
    if repo::phone_taken(conn, tenant_id, &bidx).await? {
        return Ok(false);
    }
    let user_id = Uuid::new_v4();
    repo::insert_user(
        conn,
        NewUser {
            user_id,
            tenant_id,
            username: None,
            name_enc: keyring.seal(name)?,
            phone: Some((keyring.seal(phone.as_str())?, bidx)),
            pii_key_id: keyring.current_key_id(),
            password_hash: Some(crypto::hash_password(password)?),
            institution_id: None,
        },
    )
    .await?;
    repo::set_roles(conn, tenant_id, user_id, &[Role::Trainee]).await?;
    Ok(true)
}
