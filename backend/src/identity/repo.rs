//! SQL for accounts, roles and sessions. Every function takes the tenant transaction's connection;
//! the explicit `tenant_id` filters are the first wall, row-level security the second.

use chrono::{DateTime, Utc};
use shared_types::Role;
use sqlx::PgConnection;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub user_id: Uuid,
    pub username: Option<String>,
    pub name_enc: Vec<u8>,
    pub phone_enc: Option<Vec<u8>>,
    pub pii_key_id: String,
    pub password_hash: Option<String>,
    pub enabled: bool,
    pub failed_logins: i32,
    pub locked_until: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub institution_id: Option<Uuid>,
}

const USER_COLUMNS: &str = "user_id, username, name_enc, phone_enc, pii_key_id, password_hash, enabled, \
                            failed_logins, locked_until, last_login_at, created_at, institution_id";

pub struct NewUser<'a> {
    pub user_id: Uuid,
    pub tenant_id: Uuid,
    pub username: Option<&'a str>,
    pub name_enc: Vec<u8>,
    pub phone: Option<(Vec<u8>, Vec<u8>)>,
    pub pii_key_id: &'a str,
    pub password_hash: Option<String>,
    pub institution_id: Option<Uuid>,
}

pub async fn insert_user(conn: &mut PgConnection, user: NewUser<'_>) -> sqlx::Result<()> {
    let (phone_enc, phone_bidx) = user.phone.unzip();
    sqlx::query(
        "insert into users (user_id, tenant_id, username, name_enc, phone_enc, phone_bidx, pii_key_id, password_hash,
                            institution_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(user.user_id)
    .bind(user.tenant_id)
    .bind(user.username)
    .bind(user.name_enc)
    .bind(phone_enc)
    .bind(phone_bidx)
    .bind(user.pii_key_id)
    .bind(user.password_hash)
    .bind(user.institution_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A live (not deleted) account by id, locked for update when `lock`.
pub async fn user_by_id(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    lock: bool,
) -> sqlx::Result<Option<UserRow>> {
    let sql = format!(
        "select {USER_COLUMNS} from users where tenant_id = $1 and user_id = $2 and deleted_at is null{}",
        if lock { " for update" } else { "" }
    );
    sqlx::query_as(&sql)
        .bind(tenant_id)
        .bind(user_id)
        .fetch_optional(conn)
        .await
}

/// The live account with this user name (case-insensitive), locked for the sign-in.
pub async fn user_by_username(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    username: &str,
) -> sqlx::Result<Option<UserRow>> {
    let sql = format!(
        "select {USER_COLUMNS} from users
         where tenant_id = $1 and lower(username) = lower($2) and deleted_at is null for update"
    );
    sqlx::query_as(&sql)
        .bind(tenant_id)
        .bind(username)
        .fetch_optional(conn)
        .await
}

/// The live account with this phone (by blind index), locked for the sign-in.
pub async fn user_by_phone(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    phone_bidx: &[u8],
) -> sqlx::Result<Option<UserRow>> {
    let sql = format!(
        "select {USER_COLUMNS} from users where tenant_id = $1 and phone_bidx = $2 and deleted_at is null for update"
    );
    sqlx::query_as(&sql)
        .bind(tenant_id)
        .bind(phone_bidx)
        .fetch_optional(conn)
        .await
}

pub async fn phone_taken(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    phone_bidx: &[u8],
) -> sqlx::Result<bool> {
    sqlx::query_scalar("select exists (select 1 from users where tenant_id = $1 and phone_bidx = $2 and deleted_at is null)")
        .bind(tenant_id)
        .bind(phone_bidx)
        .fetch_one(conn)
        .await
}

pub async fn roles_of(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
) -> sqlx::Result<Vec<Role>> {
    let names: Vec<String> = sqlx::query_scalar(
        "select role from user_roles where tenant_id = $1 and user_id = $2 order by role",
    )
    .bind(tenant_id)
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    Ok(names.iter().filter_map(|n| Role::parse(n)).collect())
}

pub async fn set_roles(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    roles: &[Role],
) -> sqlx::Result<()> {
    sqlx::query("delete from user_roles where tenant_id = $1 and user_id = $2")
        .bind(tenant_id)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    sqlx::query(
        "insert into user_roles (tenant_id, user_id, role) select $1, $2, unnest($3::text[])",
    )
    .bind(tenant_id)
    .bind(user_id)
    .bind(&names)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn record_failed_login(
    conn: &mut PgConnection,
    user_id: Uuid,
    locked_until: Option<DateTime<Utc>>,
) -> sqlx::Result<()> {
    sqlx::query(
        "update users set failed_logins = failed_logins + 1, locked_until = $2 where user_id = $1",
    )
    .bind(user_id)
    .bind(locked_until)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn record_login(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<()> {
    sqlx::query("update users set failed_logins = 0, locked_until = null, last_login_at = now() where user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_password(conn: &mut PgConnection, user_id: Uuid, hash: &str) -> sqlx::Result<()> {
    sqlx::query("update users set password_hash = $2, failed_logins = 0, locked_until = null where user_id = $1")
        .bind(user_id)
        .bind(hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_phone(
    conn: &mut PgConnection,
    user_id: Uuid,
    phone_enc: &[u8],
    phone_bidx: &[u8],
    key_id: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "update users set phone_enc = $2, phone_bidx = $3, pii_key_id = $4 where user_id = $1",
    )
    .bind(user_id)
    .bind(phone_enc)
    .bind(phone_bidx)
    .bind(key_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_profile(
    conn: &mut PgConnection,
    user_id: Uuid,
    name_enc: &[u8],
    phone: Option<(Vec<u8>, Vec<u8>)>,
    key_id: &str,
) -> sqlx::Result<()> {
    let (phone_enc, phone_bidx) = phone.unzip();
    sqlx::query("update users set name_enc = $2, phone_enc = $3, phone_bidx = $4, pii_key_id = $5 where user_id = $1")
        .bind(user_id)
        .bind(name_enc)
        .bind(phone_enc)
        .bind(phone_bidx)
        .bind(key_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_enabled(
    conn: &mut PgConnection,
    user_id: Uuid,
    enabled: bool,
) -> sqlx::Result<()> {
    sqlx::query("update users set enabled = $2 where user_id = $1")
        .bind(user_id)
        .bind(enabled)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn soft_delete(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<()> {
    sqlx::query("update users set deleted_at = now(), enabled = false where user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

// --- sessions ---------------------------------------------------------------------------------

pub struct NewSession<'a> {
    pub session_id: Uuid,
    pub tenant_id: Uuid,
    pub user_id: Uuid,
    pub token_hash: &'a [u8],
    pub device_id: &'a str,
    pub ip: &'a str,
    pub user_agent: Option<&'a str>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert_session(conn: &mut PgConnection, s: NewSession<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "insert into sessions (session_id, tenant_id, user_id, token_hash, device_id, ip, user_agent, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(s.session_id)
    .bind(s.tenant_id)
    .bind(s.user_id)
    .bind(s.token_hash)
    .bind(s.device_id)
    .bind(s.ip)
    .bind(s.user_agent)
    .bind(s.expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The account holding a live session on this device, other than `user_id`. Sessions past
/// their expiry do not hold the device.
pub async fn other_account_on_device(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    device_id: &str,
    user_id: Uuid,
    idle_seconds: i64,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "select user_id from sessions
         where tenant_id = $1 and device_id = $2 and user_id <> $3 and ended_at is null
           and expires_at > now() and last_seen_at > now() - make_interval(secs => $4)
         limit 1",
    )
    .bind(tenant_id)
    .bind(device_id)
    .bind(user_id)
    .bind(idle_seconds as f64)
    .fetch_optional(conn)
    .await
}

/// Ends every live session of the account (optionally but one) with `reason`.
pub async fn end_sessions_of(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    reason: &str,
    except: Option<Uuid>,
) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "update sessions set ended_at = now(), end_reason = $3
         where tenant_id = $1 and user_id = $2 and ended_at is null and ($4::uuid is null or session_id <> $4)",
    )
    .bind(tenant_id)
    .bind(user_id)
    .bind(reason)
    .bind(except)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn end_session(
    conn: &mut PgConnection,
    session_id: Uuid,
    reason: &str,
) -> sqlx::Result<()> {
    sqlx::query("update sessions set ended_at = now(), end_reason = $2 where session_id = $1 and ended_at is null")
        .bind(session_id)
        .bind(reason)
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub session_id: Uuid,
    pub user_id: Uuid,
    pub tenant_id: Uuid,
    pub tenant_code: String,
    pub tenant_name: String,
    pub expires_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub end_reason: Option<String>,
    pub user_live: bool,
    pub institution_id: Option<Uuid>,
}

pub async fn session_by_hash(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    token_hash: &[u8],
) -> sqlx::Result<Option<SessionRow>> {
    sqlx::query_as(
        "select s.session_id, s.user_id, s.tenant_id, t.code as tenant_code, t.name as tenant_name, s.expires_at,
                s.last_seen_at, s.ended_at, s.end_reason, (u.enabled and u.deleted_at is null) as user_live,
                u.institution_id
         from sessions s join users u on u.user_id = s.user_id join tenants t on t.tenant_id = s.tenant_id
         where s.tenant_id = $1 and s.token_hash = $2",
    )
    .bind(tenant_id)
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}

pub async fn touch_session(conn: &mut PgConnection, session_id: Uuid) -> sqlx::Result<()> {
    sqlx::query("update sessions set last_seen_at = now() where session_id = $1")
        .bind(session_id)
        .execute(conn)
        .await?;
    Ok(())
}
