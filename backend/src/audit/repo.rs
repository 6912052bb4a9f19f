use shared_types::audit::{AuditEntry, AuditQuery};
use sqlx::{PgConnection, QueryBuilder};
use uuid::Uuid;

use super::AuditRow;

pub async fn insert(conn: &mut PgConnection, tenant_id: Uuid, row: &AuditRow) -> sqlx::Result<()> {
    sqlx::query(
        "insert into audit_log (tenant_id, actor_id, action, object, result, ip, user_agent, request_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(tenant_id)
    .bind(row.actor_id)
    .bind(&row.action)
    .bind(&row.object)
    .bind(&row.result)
    .bind(&row.ip)
    .bind(&row.user_agent)
    .bind(&row.request_id)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    audit_id: i64,
    actor_id: Option<Uuid>,
    action: String,
    object: String,
    result: String,
    ip: Option<String>,
    user_agent: Option<String>,
    request_id: Option<String>,
    created_at: chrono::DateTime<chrono::Utc>,
    actor_username: Option<String>,
}

fn filters<'a>(qb: &mut QueryBuilder<'a, sqlx::Postgres>, tenant_id: Uuid, q: &'a AuditQuery) {
    qb.push(" where a.tenant_id = ").push_bind(tenant_id);
    if let Some(action) = &q.action {
        qb.push(" and a.action ilike ").push_bind(format!(
            "%{}%",
            action.replace('%', "\\%").replace('_', "\\_")
        ));
    }
    if let Some(actor) = q.actor_id {
        qb.push(" and a.actor_id = ").push_bind(actor);
    }
    if let Some(result) = &q.result {
        qb.push(" and a.result = ").push_bind(result);
    }
    if let Some(from) = q.from {
        qb.push(" and a.created_at >= ").push_bind(from);
    }
    if let Some(to) = q.to {
        qb.push(" and a.created_at < ").push_bind(to);
    }
}

pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    q: &AuditQuery,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<AuditEntry>, i64)> {
    let mut count = QueryBuilder::new("select count(*) from audit_log a");
    filters(&mut count, tenant_id, q);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut select = QueryBuilder::new(
        "select a.audit_id, a.actor_id, a.action, a.object, a.result, a.ip, a.user_agent, a.request_id, a.created_at,
                u.username as actor_username
         from audit_log a left join users u on u.user_id = a.actor_id",
    );
    filters(&mut select, tenant_id, q);
    select
        .push(" order by a.created_at desc, a.audit_id desc limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    let rows: Vec<Row> = select.build_query_as().fetch_all(conn).await?;
    let entries = rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.audit_id,
            actor_id: r.actor_id,
            actor_name: r.actor_username,
            action: r.action,
            object: r.object,
            result: r.result,
            ip: r.ip,
            user_agent: r.user_agent,
            request_id: r.request_id,
            created_at: r.created_at,
        })
        .collect();
    Ok((entries, total))
}
