//! Course topics: courses with the same content by different lecturers are grouped under one
//! topic, so whoever assigns a course can choose the lecturer (Z-III.6).

use shared_types::catalog::{Topic, TopicInput};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::unique_violation;
use crate::error::AppError;

pub async fn list(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<Topic>, AppError> {
    let rows: Vec<(Uuid, String, i64)> = sqlx::query_as(
        "select t.topic_id, t.name, (select count(*) from courses c where c.topic_id = t.topic_id)
         from course_topics t where t.tenant_id = $1 order by t.name",
    )
    .bind(tenant_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, course_count)| Topic {
            id,
            name,
            course_count,
        })
        .collect())
}

pub async fn create(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    input: &TopicInput,
) -> Result<Topic, AppError> {
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid(
            "name",
            "须为 1 到 100 个字符",
            "must be 1 to 100 characters",
        ));
    }
    let id = Uuid::new_v4();
    sqlx::query("insert into course_topics (topic_id, tenant_id, name) values ($1, $2, $3)")
        .bind(id)
        .bind(tenant_id)
        .bind(name)
        .execute(conn)
        .await
        .map_err(|e| unique_violation(e, "course_topics_name", "name"))?;
    Ok(Topic {
        id,
        name: name.to_owned(),
        course_count: 0,
    })
}
