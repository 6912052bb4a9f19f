//! Human-readable numbers of orders, classes and projects: `{SITE}-{KIND}-{PERIOD}-{SEQ}`, the
//! sequence counted per tenant, kind and period (`number_sequences`).

use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;

/// The next number of `kind` (`O`, `C`, `P`) in `period` (a year or a day), e.g.
/// `DEMO-C-2026-000001`; `width` digits of sequence.
pub async fn next(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    site: &str,
    kind: &str,
    period: &str,
    width: usize,
) -> Result<String, AppError> {
    let seq: i32 = sqlx::query_scalar(
        "insert into number_sequences (tenant_id, kind, period, last) values ($1, $2, $3, 1)
         on conflict (tenant_id, kind, period) do update set last = number_sequences.last + 1
         returning last",
    )
    .bind(tenant_id)
    .bind(kind)
    .bind(period)
    .fetch_one(conn)
    .await?;
    Ok(format!(
        "{}-{kind}-{period}-{seq:0width$}",
        site.to_ascii_uppercase()
    ))
}
