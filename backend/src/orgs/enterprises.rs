//! 入驻企业 — the register of enterprises settled in the region, searchable by the regulator
//! (T-7.2.7d); institutions pick a trainee's enterprise from it.

use chrono::{DateTime, Utc};
use shared_types::orgs::{Enterprise, EnterpriseInput, EnterpriseQuery};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use crate::db::{contains_pattern, unique_violation};
use crate::error::AppError;
use crate::validate;

pub fn not_found() -> AppError {
    AppError::not_found("企业", "Enterprise")
}

#[derive(sqlx::FromRow)]
struct Row {
    enterprise_id: Uuid,
    credit_code: String,
    name: String,
    industry: String,
    district: String,
    address: String,
    trainee_count: i64,
    created_at: DateTime<Utc>,
}

impl From<Row> for Enterprise {
    fn from(r: Row) -> Enterprise {
        Enterprise {
            id: r.enterprise_id,
            credit_code: r.credit_code,
            name: r.name,
            industry: r.industry,
            district: r.district,
            address: r.address,
            trainee_count: r.trainee_count,
            created_at: r.created_at,
        }
    }
}

const SELECT: &str = "select e.enterprise_id, e.credit_code, e.name, e.industry, e.district, e.address,
        (select count(distinct t.user_id) from class_trainees t where t.enterprise_id = e.enterprise_id) as trainee_count,
        e.created_at
    from enterprises e";

struct Checked {
    credit_code: String,
    name: String,
    industry: String,
    district: String,
    address: String,
}

fn check(input: &EnterpriseInput) -> Result<Checked, AppError> {
    Ok(Checked {
        credit_code: validate::credit_code("credit_code", &input.credit_code)?
            .as_str()
            .to_owned(),
        name: validate::text("name", &input.name, 2, 100)?,
        industry: validate::text("industry", &input.industry, 1, 50)?,
        district: validate::text("district", &input.district, 1, 50)?,
        address: validate::text("address", &input.address, 0, 200)?,
    })
}

pub async fn get(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<Enterprise, AppError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "{SELECT} where e.tenant_id = $1 and e.enterprise_id = $2"
    ))
    .bind(tenant_id)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(Enterprise::from).ok_or_else(not_found)
}

pub async fn create(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    input: &EnterpriseInput,
) -> Result<Enterprise, AppError> {
    let c = check(input)?;
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into enterprises (enterprise_id, tenant_id, credit_code, name, industry, district, address, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(tenant_id)
    .bind(c.credit_code)
    .bind(c.name)
    .bind(c.industry)
    .bind(c.district)
    .bind(c.address)
    .bind(user_id)
    .execute(&mut *conn)
    .await
    .map_err(|e| unique_violation(e, "enterprises_tenant_id_credit_code_key", "credit_code"))?;
    get(conn, tenant_id, id).await
}

pub async fn update(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    input: &EnterpriseInput,
) -> Result<Enterprise, AppError> {
    let c = check(input)?;
    let done = sqlx::query(
        "update enterprises set credit_code = $3, name = $4, industry = $5, district = $6, address = $7
         where tenant_id = $1 and enterprise_id = $2",
    )
    .bind(tenant_id)
    .bind(id)
    .bind(c.credit_code)
    .bind(c.name)
    .bind(c.industry)
    .bind(c.district)
    .bind(c.address)
    .execute(&mut *conn)
    .await
    .map_err(|e| unique_violation(e, "enterprises_tenant_id_credit_code_key", "credit_code"))?;
    if done.rows_affected() == 0 {
        return Err(not_found());
    }
    get(conn, tenant_id, id).await
}

fn filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, tenant_id: Uuid, q: &'a EnterpriseQuery) {
    qb.push(" where e.tenant_id = ").push_bind(tenant_id);
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = contains_pattern(text);
        qb.push(" and (e.name like ")
            .push_bind(pattern.clone())
            .push(" or e.credit_code like ")
            .push_bind(pattern.to_ascii_uppercase())
            .push(")");
    }
    if let Some(industry) = q.industry.as_deref().filter(|t| !t.is_empty()) {
        qb.push(" and e.industry = ").push_bind(industry);
    }
    if let Some(district) = q.district.as_deref().filter(|t| !t.is_empty()) {
        qb.push(" and e.district = ").push_bind(district);
    }
}

pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    q: &EnterpriseQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Enterprise>, i64), AppError> {
    let mut count = QueryBuilder::new("select count(*) from enterprises e");
    filters(&mut count, tenant_id, q);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut select = QueryBuilder::new(SELECT);
    filters(&mut select, tenant_id, q);
    select
        .push(" order by e.name, e.enterprise_id limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    let rows: Vec<Row> = select.build_query_as().fetch_all(conn).await?;
    Ok((rows.into_iter().map(Enterprise::from).collect(), total))
}
