//! 组织架构 — departments as a tree: the regulator's own (no institution) and each
//! institution's (T-7.2.4). Each side sees and edits only its own tree.

use shared_types::orgs::{Department, DepartmentInput};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::unique_violation;
use crate::error::{AppError, Text};
use crate::identity::Principal;
use crate::validate;

fn not_found() -> AppError {
    AppError::not_found("部门", "Department")
}

#[derive(sqlx::FromRow)]
struct Row {
    department_id: Uuid,
    parent_id: Option<Uuid>,
    name: String,
    leader: String,
    phone: String,
    position: i32,
    depth: i32,
}

/// The caller's tree, parents before children, siblings by position then name.
pub async fn tree(conn: &mut PgConnection, p: &Principal) -> Result<Vec<Department>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(
        "with recursive t as (
             select d.*, 0 as depth, array[d.position::text || '/' || d.name || '/' || d.department_id::text] as path
             from departments d
             where d.tenant_id = $1 and d.institution_id is not distinct from $2 and d.parent_id is null
           union all
             select d.*, t.depth + 1, t.path || (d.position::text || '/' || d.name || '/' || d.department_id::text)
             from departments d join t on d.parent_id = t.department_id
         )
         select department_id, parent_id, name, leader, phone, position, depth from t order by path",
    )
    .bind(p.tenant.id)
    .bind(p.institution_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Department {
            id: r.department_id,
            parent_id: r.parent_id,
            name: r.name,
            leader: r.leader,
            phone: r.phone,
            position: r.position,
            depth: r.depth,
        })
        .collect())
}

/// Whether `id` is a department of the caller's side.
async fn is_own(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "select exists (select 1 from departments
                         where tenant_id = $1 and department_id = $2 and institution_id is not distinct from $3)",
    )
    .bind(p.tenant.id)
    .bind(id)
    .bind(p.institution_id)
    .fetch_one(conn)
    .await?)
}

struct Checked {
    name: String,
    leader: String,
    phone: String,
}

async fn check(
    conn: &mut PgConnection,
    p: &Principal,
    input: &DepartmentInput,
) -> Result<Checked, AppError> {
    let checked = Checked {
        name: validate::text("name", &input.name, 1, 50)?,
        leader: validate::text("leader", &input.leader, 0, 50)?,
        phone: validate::text("phone", &input.phone, 0, 30)?,
    };
    if let Some(parent) = input.parent_id
        && !is_own(conn, p, parent).await?
    {
        return Err(AppError::invalid(
            "parent_id",
            "上级部门不存在",
            "is not one of your departments",
        ));
    }
    Ok(checked)
}

async fn get(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<Department, AppError> {
    tree(conn, p)
        .await?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or_else(not_found)
}

pub async fn create(
    conn: &mut PgConnection,
    p: &Principal,
    input: &DepartmentInput,
) -> Result<Department, AppError> {
    let c = check(conn, p, input).await?;
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into departments (department_id, tenant_id, institution_id, parent_id, name, leader, phone, position)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(p.tenant.id)
    .bind(p.institution_id)
    .bind(input.parent_id)
    .bind(c.name)
    .bind(c.leader)
    .bind(c.phone)
    .bind(input.position)
    .execute(&mut *conn)
    .await
    .map_err(|e| unique_violation(e, "departments_sibling_name", "name"))?;
    get(conn, p, id).await
}

/// Renames, reorders or moves a department (never under itself or one of its descendants).
pub async fn update(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    input: &DepartmentInput,
) -> Result<Department, AppError> {
    if !is_own(conn, p, id).await? {
        return Err(not_found());
    }
    let c = check(conn, p, input).await?;
    if let Some(parent) = input.parent_id {
        let cycle: bool = sqlx::query_scalar(
            "with recursive below as (
                 select department_id from departments where department_id = $1
               union all
                 select d.department_id from departments d join below b on d.parent_id = b.department_id
             )
             select exists (select 1 from below where department_id = $2)",
        )
        .bind(id)
        .bind(parent)
        .fetch_one(&mut *conn)
        .await?;
        if cycle {
            return Err(AppError::invalid(
                "parent_id",
                "不能移到自身或其下级部门之下",
                "cannot move under itself or one of its sub-departments",
            ));
        }
    }
    sqlx::query(
        "update departments set parent_id = $3, name = $4, leader = $5, phone = $6, position = $7
         where tenant_id = $1 and department_id = $2",
    )
    .bind(p.tenant.id)
    .bind(id)
    .bind(input.parent_id)
    .bind(c.name)
    .bind(c.leader)
    .bind(c.phone)
    .bind(input.position)
    .execute(&mut *conn)
    .await
    .map_err(|e| unique_violation(e, "departments_sibling_name", "name"))?;
    get(conn, p, id).await
}

/// Removes a department without sub-departments.
pub async fn delete(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<(), AppError> {
    if !is_own(conn, p, id).await? {
        return Err(not_found());
    }
    let has_children: bool = sqlx::query_scalar(
        "select exists (select 1 from departments where tenant_id = $1 and parent_id = $2)",
    )
    .bind(p.tenant.id)
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    if has_children {
        return Err(AppError::Conflict(Text::new(
            "请先删除或移走下级部门",
            "Delete or move its sub-departments first",
        )));
    }
    sqlx::query("delete from departments where tenant_id = $1 and department_id = $2")
        .bind(p.tenant.id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}
