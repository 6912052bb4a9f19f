//! 人脸特征 — a learner's reference faces (Z-IV.6), sealed with the PII keys (Z-V.1). A new
//! verification retires the earlier ones (kept, for the record).

use sqlx::PgConnection;
use uuid::Uuid;

use crate::crypto::Keyring;
use crate::error::AppError;

/// The embeddings of the learner's active references.
pub async fn active(
    conn: &mut PgConnection,
    keyring: &Keyring,
    user_id: Uuid,
) -> Result<Vec<Vec<f32>>, AppError> {
    let rows: Vec<(Vec<u8>, String)> = sqlx::query_as(
        "select embedding_enc, pii_key_id from face_references where user_id = $1 and retired_at is null",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|(sealed, key)| {
            let clear = keyring.open_bytes(key, sealed)?;
            let embedding =
                face_engine::Embedding::from_bytes(&clear).map_err(anyhow::Error::from)?;
            Ok(embedding.0)
        })
        .collect()
}

/// Makes `embeddings` (source, embedding) the learner's references, retiring earlier ones.
pub async fn enrol(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    user_id: Uuid,
    verification_id: Uuid,
    embeddings: &[(&str, Vec<f32>)],
) -> Result<(), AppError> {
    sqlx::query(
        "update face_references set retired_at = now() where user_id = $1 and retired_at is null",
    )
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    for (source, embedding) in embeddings {
        let sealed = keyring.seal_bytes(&face_engine::Embedding(embedding.clone()).to_bytes())?;
        sqlx::query(
            "insert into face_references (reference_id, tenant_id, user_id, verification_id, source, embedding_enc, pii_key_id)
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(Uuid::new_v4())
        .bind(tenant_id)
        .bind(user_id)
        .bind(verification_id)
        .bind(source)
        .bind(sealed)
        .bind(keyring.current_key_id())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
