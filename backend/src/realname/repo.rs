//! SQL of real-name verification.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::crypto::Keyring;
use crate::error::AppError;

/// A submission as stored (name and ID number still sealed).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VerificationRow {
    pub verification_id: Uuid,
    pub user_id: Uuid,
    pub username: Option<String>,
    pub phone_enc: Option<Vec<u8>>,
    pub user_key_id: String,
    pub name_enc: Vec<u8>,
    pub id_card_enc: Vec<u8>,
    pub pii_key_id: String,
    pub method: String,
    pub status: String,
    pub id_front_key: Option<String>,
    pub id_back_key: Option<String>,
    pub portrait_key: Option<String>,
    pub portrait_score: Option<f32>,
    pub submitted_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub reject_reason: Option<String>,
    #[sqlx(default)]
    pub total: i64,
}

const SELECT: &str = "select v.verification_id, v.user_id, u.username, u.phone_enc, u.pii_key_id as user_key_id, v.name_enc,
        v.id_card_enc, v.pii_key_id, v.method, v.status, f.object_key as id_front_key, b.object_key as id_back_key,
        p.object_key as portrait_key, v.portrait_score, v.submitted_at, v.decided_at,
        d.username as decided_by, v.reject_reason, count(*) over () as total
    from real_name_verifications v join users u on u.user_id = v.user_id
    left join users d on d.user_id = v.decided_by
    left join face_captures f on f.capture_id = v.id_front_capture
    left join face_captures b on b.capture_id = v.id_back_capture
    left join face_captures p on p.capture_id = v.portrait_capture";

pub async fn latest(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> Result<Option<VerificationRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} where v.user_id = $1 order by v.submitted_at desc limit 1"
    ))
    .bind(user_id)
    .fetch_optional(conn)
    .await?)
}

pub async fn by_id(conn: &mut PgConnection, id: Uuid) -> Result<Option<VerificationRow>, AppError> {
    Ok(
        sqlx::query_as(&format!("{SELECT} where v.verification_id = $1"))
            .bind(id)
            .fetch_optional(conn)
            .await?,
    )
}

/// The tenant's submissions, oldest pending first (the review queue).
pub async fn queue(
    conn: &mut PgConnection,
    status: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<Vec<VerificationRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} where ($1::text is null or v.status = $1) order by v.submitted_at limit $2 offset $3"
    ))
    .bind(status)
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?)
}

/// A trainee of one of the institution's classes (any status).
pub async fn is_trainee_of(
    conn: &mut PgConnection,
    institution_id: Uuid,
    user_id: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "select exists (select 1 from class_trainees t join classes c on c.class_id = t.class_id
                        where c.institution_id = $1 and t.user_id = $2)",
    )
    .bind(institution_id)
    .bind(user_id)
    .fetch_one(conn)
    .await?)
}

/// One trainee of the institution with their real-name status.
#[derive(Debug, sqlx::FromRow)]
pub struct TraineeStatus {
    pub user_id: Uuid,
    pub username: Option<String>,
    pub phone_enc: Option<Vec<u8>>,
    pub name_enc: Vec<u8>,
    pub id_card_enc: Option<Vec<u8>>,
    pub pii_key_id: String,
    pub real_name_status: String,
    pub verification_id: Option<Uuid>,
    pub method: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub reject_reason: Option<String>,
    pub total: i64,
}

pub async fn institution_trainees(
    conn: &mut PgConnection,
    institution_id: Uuid,
    status: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<Vec<TraineeStatus>, AppError> {
    Ok(sqlx::query_as(
        "select u.user_id, u.username, u.phone_enc, u.name_enc, u.id_card_enc, u.pii_key_id,
                u.real_name_status, v.verification_id, v.method, v.submitted_at, v.decided_at,
                d.username as decided_by, v.reject_reason, count(*) over () as total
         from users u
         left join lateral (select * from real_name_verifications x where x.user_id = u.user_id
                            order by x.submitted_at desc limit 1) v on true
         left join users d on d.user_id = v.decided_by
         where u.deleted_at is null and ($2::text is null or u.real_name_status = $2)
           and exists (select 1 from class_trainees t join classes c on c.class_id = t.class_id
                       where c.institution_id = $1 and t.user_id = u.user_id)
         order by u.created_at desc limit $3 offset $4",
    )
    .bind(institution_id)
    .bind(status)
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?)
}

/// A name and ID number sealed under the current PII key, with the number's blind index.
pub struct SealedIdentity {
    pub name_enc: Vec<u8>,
    pub id_card_enc: Vec<u8>,
    pub id_card_bidx: Vec<u8>,
    pub pii_key_id: String,
}

impl SealedIdentity {
    pub fn seal(keyring: &Keyring, name: &str, id_card: &str) -> Result<SealedIdentity, AppError> {
        Ok(SealedIdentity {
            name_enc: keyring.seal(name)?,
            id_card_enc: keyring.seal(id_card)?,
            id_card_bidx: keyring.blind_index("id_card", id_card),
            pii_key_id: keyring.current_key_id().to_owned(),
        })
    }
}

pub struct NewVerification<'a> {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub user_id: Uuid,
    pub identity: SealedIdentity,
    pub method: &'a str,
    pub status: &'a str,
    pub captures: [Option<Uuid>; 3],
    pub portrait_score: Option<f32>,
    pub note: &'a str,
    pub external_ref: Option<String>,
    pub submitted_by: Uuid,
    pub decided_by: Option<Uuid>,
    pub reject_reason: Option<String>,
}

pub async fn insert(conn: &mut PgConnection, v: &NewVerification<'_>) -> Result<(), AppError> {
    sqlx::query(
        "insert into real_name_verifications (verification_id, tenant_id, user_id, name_enc, id_card_enc, id_card_bidx,
             pii_key_id, method, status, id_front_capture, id_back_capture, portrait_capture, portrait_score, note,
             external_ref, submitted_by, decided_by, decided_at, reject_reason)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                 case when $9 = 'pending' then null else now() end, $18)",
    )
    .bind(v.id)
    .bind(v.tenant_id)
    .bind(v.user_id)
    .bind(&v.identity.name_enc)
    .bind(&v.identity.id_card_enc)
    .bind(&v.identity.id_card_bidx)
    .bind(&v.identity.pii_key_id)
    .bind(v.method)
    .bind(v.status)
    .bind(v.captures[0])
    .bind(v.captures[1])
    .bind(v.captures[2])
    .bind(v.portrait_score)
    .bind(v.note)
    .bind(&v.external_ref)
    .bind(v.submitted_by)
    .bind(v.decided_by)
    .bind(&v.reject_reason)
    .execute(conn)
    .await?;
    Ok(())
}

/// Decides a pending submission; false when it is no longer pending.
pub async fn decide(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    decided_by: Uuid,
    reason: Option<&str>,
) -> Result<bool, AppError> {
    Ok(sqlx::query(
        "update real_name_verifications set status = $2, decided_by = $3, decided_at = now(), reject_reason = $4
         where verification_id = $1 and status = 'pending'",
    )
    .bind(id)
    .bind(status)
    .bind(decided_by)
    .bind(reason)
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

pub async fn set_user_status(
    conn: &mut PgConnection,
    user_id: Uuid,
    status: &str,
) -> Result<(), AppError> {
    sqlx::query("update users set real_name_status = $2 where user_id = $1")
        .bind(user_id)
        .bind(status)
        .execute(conn)
        .await?;
    Ok(())
}

/// The account's own status, sealed ID number (with its key) and whether a face is enrolled.
pub async fn account(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> Result<(String, Option<Vec<u8>>, Option<Vec<u8>>, String, bool), AppError> {
    Ok(sqlx::query_as(
        "select u.real_name_status, u.id_card_enc, u.id_card_bidx, u.pii_key_id,
                exists (select 1 from face_references r where r.user_id = u.user_id and r.retired_at is null)
         from users u where u.user_id = $1",
    )
    .bind(user_id)
    .fetch_one(conn)
    .await?)
}
