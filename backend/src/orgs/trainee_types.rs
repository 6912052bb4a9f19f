//! 学员类型 — the per-tenant dictionary of trainee types (T-7.2.4), edited by regulator admins and
//! picked by institutions for each trainee of a class. A new site starts with the defaults of
//! `seed_trainee_types` (migration 0003).

use shared_types::orgs::{TraineeType, TraineeTypeInput};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::unique_violation;
use crate::error::{AppError, Text};
use crate::validate;

fn not_found() -> AppError {
    AppError::not_found("学员类型", "Trainee type")
}

type Row = (Uuid, String, String, bool, i32);

fn to_type((id, code, name, enabled, position): Row) -> TraineeType {
    TraineeType {
        id,
        code,
        name,
        enabled,
        position,
    }
}

/// The dictionary of a new site (inside its tenant transaction).
pub async fn seed_defaults(conn: &mut PgConnection, tenant_id: Uuid) -> Result<(), AppError> {
    sqlx::query("select seed_trainee_types($1)")
        .bind(tenant_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn list(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<TraineeType>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(
        "select trainee_type_id, code, name, enabled, position from trainee_types
         where tenant_id = $1 order by position, name",
    )
    .bind(tenant_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(to_type).collect())
}

fn check(input: &TraineeTypeInput) -> Result<(String, String), AppError> {
    let code = input.code.trim().to_ascii_lowercase();
    let valid = (2..=40).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid {
        return Err(AppError::invalid(
            "code",
            "代码须为 2 到 40 位小写字母、数字或下划线，以字母开头",
            "must be 2 to 40 lowercase letters, digits or _, starting with a letter",
        ));
    }
    Ok((code, validate::text("name", &input.name, 1, 50)?))
}

fn taken(e: sqlx::Error) -> AppError {
    match &e {
        sqlx::Error::Database(db) if db.constraint() == Some("trainee_types_name") => {
            AppError::AlreadyExists {
                field: "name".into(),
            }
        }
        _ => unique_violation(e, "trainee_types_tenant_id_code_key", "code"),
    }
}

pub async fn create(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    input: &TraineeTypeInput,
) -> Result<TraineeType, AppError> {
    let (code, name) = check(input)?;
    let row: Row = sqlx::query_as(
        "insert into trainee_types (trainee_type_id, tenant_id, code, name, enabled, position)
         values ($1, $2, $3, $4, $5, $6)
         returning trainee_type_id, code, name, enabled, position",
    )
    .bind(Uuid::new_v4())
    .bind(tenant_id)
    .bind(code)
    .bind(name)
    .bind(input.enabled)
    .bind(input.position)
    .fetch_one(conn)
    .await
    .map_err(taken)?;
    Ok(to_type(row))
}

pub async fn update(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    input: &TraineeTypeInput,
) -> Result<TraineeType, AppError> {
    let (code, name) = check(input)?;
    let row: Option<Row> = sqlx::query_as(
        "update trainee_types set code = $3, name = $4, enabled = $5, position = $6
         where tenant_id = $1 and trainee_type_id = $2
         returning trainee_type_id, code, name, enabled, position",
    )
    .bind(tenant_id)
    .bind(id)
    .bind(code)
    .bind(name)
    .bind(input.enabled)
    .bind(input.position)
    .fetch_optional(conn)
    .await
    .map_err(taken)?;
    row.map(to_type).ok_or_else(not_found)
}

/// Deletes a type no trainee has; a used one can only be disabled.
pub async fn delete(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<(), AppError> {
    let used: bool = sqlx::query_scalar(
        "select exists (select 1 from class_trainees where tenant_id = $1 and trainee_type_id = $2)",
    )
    .bind(tenant_id)
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    if used {
        return Err(AppError::Conflict(Text::new(
            "已有学员使用该类型，不能删除；可改为停用",
            "Trainees have this type, so it cannot be deleted; disable it instead",
        )));
    }
    let done =
        sqlx::query("delete from trainee_types where tenant_id = $1 and trainee_type_id = $2")
            .bind(tenant_id)
            .bind(id)
            .execute(conn)
            .await?;
    if done.rows_affected() == 0 {
        return Err(not_found());
    }
    Ok(())
}
