use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

#[derive(Debug, sqlx::FromRow)]
pub struct TenantRow {
    pub tenant_id: Uuid,
    pub code: String,
    pub name: String,
    pub time_zone: String,
    pub settings: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "tenant_id, code, name, time_zone, settings, created_at";

/// Site codes and names are public: this works in an unscoped transaction.
pub async fn by_code(conn: &mut PgConnection, code: &str) -> sqlx::Result<Option<TenantRow>> {
    sqlx::query_as(&format!("select {COLUMNS} from tenants where code = $1"))
        .bind(code)
        .fetch_optional(conn)
        .await
}

pub async fn by_id(conn: &mut PgConnection, tenant_id: Uuid) -> sqlx::Result<Option<TenantRow>> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from tenants where tenant_id = $1"
    ))
    .bind(tenant_id)
    .fetch_optional(conn)
    .await
}

pub async fn list(conn: &mut PgConnection) -> sqlx::Result<Vec<TenantRow>> {
    sqlx::query_as(&format!("select {COLUMNS} from tenants order by code"))
        .fetch_all(conn)
        .await
}

/// Runs in a transaction scoped to the new tenant's id (the insert policy checks it).
pub async fn insert(conn: &mut PgConnection, row: &TenantRow) -> sqlx::Result<()> {
    sqlx::query("insert into tenants (tenant_id, code, name, time_zone, settings) values ($1, $2, $3, $4, $5)")
        .bind(row.tenant_id)
        .bind(&row.code)
        .bind(&row.name)
        .bind(&row.time_zone)
        .bind(&row.settings)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_settings(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    settings: &serde_json::Value,
) -> sqlx::Result<bool> {
    let done = sqlx::query("update tenants set settings = $2 where tenant_id = $1")
        .bind(tenant_id)
        .bind(settings)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
