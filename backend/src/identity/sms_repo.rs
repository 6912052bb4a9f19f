//! SQL for SMS codes and the dev outbox.

use chrono::{DateTime, Utc};
use shared_types::account::{DevSmsMessage, SmsPurpose};
use sqlx::PgConnection;
use uuid::Uuid;

use super::sms::SmsMessage;
use crate::crypto::Keyring;

pub struct RecentCodes {
    latest: Vec<(String, DateTime<Utc>)>,
    /// Codes sent to this phone in the last 24 hours, any purpose.
    pub today: i64,
}

impl RecentCodes {
    pub fn last_for(&self, purpose: SmsPurpose) -> Option<DateTime<Utc>> {
        self.latest
            .iter()
            .find(|(p, _)| p == purpose.as_str())
            .map(|(_, at)| *at)
    }
}

pub async fn recent_codes(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    phone_bidx: &[u8],
) -> sqlx::Result<RecentCodes> {
    let latest: Vec<(String, DateTime<Utc>)> = sqlx::query_as(
        "select purpose, max(created_at) from sms_codes where tenant_id = $1 and phone_bidx = $2 group by purpose",
    )
    .bind(tenant_id)
    .bind(phone_bidx)
    .fetch_all(&mut *conn)
    .await?;
    let today: i64 = sqlx::query_scalar(
        "select count(*) from sms_codes where tenant_id = $1 and phone_bidx = $2 and created_at > now() - interval '1 day'",
    )
    .bind(tenant_id)
    .bind(phone_bidx)
    .fetch_one(conn)
    .await?;
    Ok(RecentCodes { latest, today })
}

pub async fn insert_code(
    conn: &mut PgConnection,
    sms_code_id: Uuid,
    tenant_id: Uuid,
    phone_bidx: &[u8],
    purpose: SmsPurpose,
    code_hash: &[u8],
    ttl_seconds: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into sms_codes (sms_code_id, tenant_id, phone_bidx, purpose, code_hash, expires_at)
         values ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))",
    )
    .bind(sms_code_id)
    .bind(tenant_id)
    .bind(phone_bidx)
    .bind(purpose.as_str())
    .bind(code_hash)
    .bind(ttl_seconds as f64)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct LiveCode {
    pub sms_code_id: Uuid,
    pub code_hash: Vec<u8>,
    pub attempts: i32,
}

/// The newest unexpired, unconsumed code, locked.
pub async fn live_code(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    phone_bidx: &[u8],
    purpose: SmsPurpose,
) -> sqlx::Result<Option<LiveCode>> {
    sqlx::query_as(
        "select sms_code_id, code_hash, attempts from sms_codes
         where tenant_id = $1 and phone_bidx = $2 and purpose = $3 and consumed_at is null and expires_at > now()
         order by created_at desc limit 1 for update",
    )
    .bind(tenant_id)
    .bind(phone_bidx)
    .bind(purpose.as_str())
    .fetch_optional(conn)
    .await
}

pub async fn count_wrong_try(conn: &mut PgConnection, sms_code_id: Uuid) -> sqlx::Result<()> {
    sqlx::query("update sms_codes set attempts = attempts + 1 where sms_code_id = $1")
        .bind(sms_code_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn mark_consumed(conn: &mut PgConnection, sms_code_id: Uuid) -> sqlx::Result<()> {
    sqlx::query("update sms_codes set consumed_at = now() where sms_code_id = $1")
        .bind(sms_code_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn insert_outbox(
    conn: &mut PgConnection,
    keyring: &Keyring,
    m: &SmsMessage<'_>,
) -> anyhow::Result<()> {
    sqlx::query(
        "insert into sms_outbox (tenant_id, phone_bidx, phone_enc, pii_key_id, purpose, code, body)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(m.tenant_id)
    .bind(keyring.blind_index("phone", m.phone.as_str()))
    .bind(keyring.seal(m.phone.as_str())?)
    .bind(keyring.current_key_id())
    .bind(m.purpose)
    .bind(m.code)
    .bind(&m.text)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct OutboxRow {
    pub phone_enc: Vec<u8>,
    pub pii_key_id: String,
    pub purpose: String,
    pub code: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

pub async fn outbox(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    phone_bidx: Option<&[u8]>,
) -> sqlx::Result<Vec<OutboxRow>> {
    sqlx::query_as(
        "select phone_enc, pii_key_id, purpose, code, body, created_at from sms_outbox
         where tenant_id = $1 and ($2::bytea is null or phone_bidx = $2)
         order by created_at desc, sms_outbox_id desc limit 50",
    )
    .bind(tenant_id)
    .bind(phone_bidx)
    .fetch_all(conn)
    .await
}

pub fn to_message(row: OutboxRow, keyring: &Keyring) -> anyhow::Result<DevSmsMessage> {
    Ok(DevSmsMessage {
        phone: keyring.open(&row.pii_key_id, &row.phone_enc)?,
        purpose: row.purpose,
        code: row.code,
        text: row.body,
        created_at: row.created_at,
    })
}
