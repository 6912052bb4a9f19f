//! 培训项目 — the regulator's training projects (T-7.2.4 项目管理): a training type, a period and
//! the policy classes under them follow (subsidy, required study hours, exam). Open projects take
//! class applications; closed ones do not.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use shared_types::catalog::TrainingType;
use shared_types::page::PageQuery;
use shared_types::training::{Project, ProjectInput, ProjectQuery, ProjectStatus, TrainingPolicy};
use sqlx::types::Json;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use crate::db::{contains_pattern, stored};
use crate::error::AppError;
use crate::identity::Principal;
use crate::{numbering, validate};

pub fn not_found() -> AppError {
    AppError::not_found("培训项目", "Training project")
}

/// A policy's rules: hours with one decimal, a pass mark out of 100 when an exam is required.
pub fn check_policy(field: &str, policy: &TrainingPolicy) -> Result<TrainingPolicy, AppError> {
    let subsidy_rule = validate::text(
        &format!("{field}.subsidy_rule"),
        &policy.subsidy_rule,
        0,
        2000,
    )?;
    if policy.subsidy_cents_per_trainee.is_some_and(|c| c < 0) {
        return Err(AppError::invalid(
            &format!("{field}.subsidy_cents_per_trainee"),
            "补贴金额不能为负",
            "must not be negative",
        ));
    }
    let hours = validate::hours(
        &format!("{field}.required_study_hours"),
        policy.required_study_hours,
        1000.0,
    )?;
    let pass_score = match (policy.exam_required, policy.pass_score) {
        (true, Some(score @ 1..=100)) => Some(score),
        (true, _) => {
            return Err(AppError::invalid(
                &format!("{field}.pass_score"),
                "要求考试时须设 1 到 100 的合格分",
                "an exam needs a pass mark from 1 to 100",
            ));
        }
        (false, _) => None,
    };
    Ok(TrainingPolicy {
        subsidy_rule,
        subsidy_cents_per_trainee: policy.subsidy_cents_per_trainee,
        required_study_hours: hours,
        exam_required: policy.exam_required,
        pass_score,
    })
}

struct Checked {
    name: String,
    description: String,
    policy: TrainingPolicy,
}

fn check(input: &ProjectInput) -> Result<Checked, AppError> {
    validate::period("ends_on", input.starts_on, input.ends_on)?;
    Ok(Checked {
        name: validate::text("name", &input.name, 2, 100)?,
        description: validate::text("description", &input.description, 0, 5000)?,
        policy: check_policy("policy", &input.policy)?,
    })
}

#[derive(sqlx::FromRow)]
struct Row {
    project_id: Uuid,
    code: String,
    name: String,
    training_type: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    description: String,
    policy: Json<TrainingPolicy>,
    status: String,
    class_count: i64,
    created_at: DateTime<Utc>,
}

const SELECT: &str = "select p.project_id, p.code, p.name, p.training_type, p.starts_on, p.ends_on,
        p.description, p.policy, p.status,
        (select count(*) from classes c where c.project_id = p.project_id and c.status in ('approved', 'closed')
            and c.deleted_at is null) as class_count,
        p.created_at
    from training_projects p";

fn to_project(r: Row) -> Result<Project, AppError> {
    let training_type: TrainingType = stored(&r.training_type)?;
    Ok(Project {
        id: r.project_id,
        code: r.code,
        name: r.name,
        category: training_type.category(),
        training_type,
        starts_on: r.starts_on,
        ends_on: r.ends_on,
        description: r.description,
        policy: r.policy.0,
        status: stored(&r.status)?,
        class_count: r.class_count,
        created_at: r.created_at,
    })
}

pub async fn get(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Project, AppError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "{SELECT} where p.tenant_id = $1 and p.project_id = $2"
    ))
    .bind(tenant_id)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    to_project(row.ok_or_else(not_found)?)
}

pub async fn create(
    conn: &mut PgConnection,
    p: &Principal,
    input: &ProjectInput,
) -> Result<Project, AppError> {
    let c = check(input)?;
    let id = Uuid::new_v4();
    let year = input.starts_on.year().to_string();
    let code = numbering::next(conn, p.tenant.id, &p.tenant.code, "P", &year, 4).await?;
    sqlx::query(
        "insert into training_projects (project_id, tenant_id, code, name, category, training_type, starts_on,
                                        ends_on, description, policy, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(id)
    .bind(p.tenant.id)
    .bind(code)
    .bind(c.name)
    .bind(input.training_type.category().as_str())
    .bind(input.training_type.as_str())
    .bind(input.starts_on)
    .bind(input.ends_on)
    .bind(c.description)
    .bind(Json(&c.policy))
    .bind(p.user_id)
    .execute(&mut *conn)
    .await?;
    get(conn, p.tenant.id, id).await
}

/// Edits a project; classes already under it keep the policy they were opened with.
pub async fn update(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    input: &ProjectInput,
) -> Result<Project, AppError> {
    let c = check(input)?;
    let done = sqlx::query(
        "update training_projects set name = $3, category = $4, training_type = $5, starts_on = $6, ends_on = $7,
                description = $8, policy = $9
         where tenant_id = $1 and project_id = $2",
    )
    .bind(tenant_id)
    .bind(id)
    .bind(c.name)
    .bind(input.training_type.category().as_str())
    .bind(input.training_type.as_str())
    .bind(input.starts_on)
    .bind(input.ends_on)
    .bind(c.description)
    .bind(Json(&c.policy))
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(not_found());
    }
    get(conn, tenant_id, id).await
}

pub async fn set_status(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    status: ProjectStatus,
) -> Result<Project, AppError> {
    let done = sqlx::query(
        "update training_projects set status = $3 where tenant_id = $1 and project_id = $2",
    )
    .bind(tenant_id)
    .bind(id)
    .bind(status.as_str())
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(not_found());
    }
    get(conn, tenant_id, id).await
}

fn filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, tenant_id: Uuid, q: &'a ProjectQuery) {
    qb.push(" where p.tenant_id = ").push_bind(tenant_id);
    if let Some(status) = q.status {
        qb.push(" and p.status = ").push_bind(status.as_str());
    }
    if let Some(t) = q.training_type {
        qb.push(" and p.training_type = ").push_bind(t.as_str());
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = contains_pattern(text);
        qb.push(" and (p.name like ")
            .push_bind(pattern.clone())
            .push(" or p.code like ")
            .push_bind(pattern.to_ascii_uppercase())
            .push(")");
    }
}

/// Projects, newest period first.
pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    q: &ProjectQuery,
    paging: PageQuery,
) -> Result<(Vec<Project>, i64), AppError> {
    let mut count = QueryBuilder::new("select count(*) from training_projects p");
    filters(&mut count, tenant_id, q);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut select = QueryBuilder::new(SELECT);
    filters(&mut select, tenant_id, q);
    select
        .push(" order by p.starts_on desc, p.code desc limit ")
        .push_bind(paging.limit())
        .push(" offset ")
        .push_bind(paging.offset());
    let rows: Vec<Row> = select.build_query_as().fetch_all(conn).await?;
    Ok((
        rows.into_iter().map(to_project).collect::<Result<_, _>>()?,
        total,
    ))
}
