//! 学习任务 — published courses put to an approved class with a deadline and the study hours
//! required (T-7.2.5d). Publishing gives every trainee of the class a seat of each on-demand
//! course (all or nothing). A task nobody started can be deleted (seats back); a started one only
//! by force, with a reason that is kept on the task, in the class history and in the audit log.

use chrono::{DateTime, Utc};
use shared_types::training::{ClassAction, ClassStatus, Task, TaskCourse, TaskInput, TaskStatus};
use sqlx::PgConnection;
use uuid::Uuid;

use super::{class_repo, classes};
use crate::commerce::seats;
use crate::db::stored;
use crate::error::{AppError, Text};
use crate::identity::Principal;
use crate::validate;

const MAX_COURSES: usize = 20;

fn not_found() -> AppError {
    AppError::not_found("学习任务", "Learning task")
}

/// Publishes a task to an approved class of the caller's institution.
pub async fn publish(
    conn: &mut PgConnection,
    p: &Principal,
    class_id: Uuid,
    input: &TaskInput,
) -> Result<Uuid, AppError> {
    let name = validate::text("name", &input.name, 2, 100)?;
    let hours = validate::hours("required_hours", input.required_hours, 1000.0)?;
    if input.deadline <= Utc::now() {
        return Err(AppError::invalid(
            "deadline",
            "截止时间须晚于现在",
            "must be in the future",
        ));
    }
    let mut distinct = input.course_ids.clone();
    distinct.sort();
    distinct.dedup();
    if input.course_ids.is_empty()
        || input.course_ids.len() > MAX_COURSES
        || distinct.len() != input.course_ids.len()
    {
        return Err(AppError::invalid(
            "course_ids",
            format!("须选择 1 到 {MAX_COURSES} 门不重复的课程"),
            format!("must name 1 to {MAX_COURSES} distinct courses"),
        ));
    }
    let (status, institution_id) = classes::lock(conn, p, class_id).await?;
    if status != ClassStatus::Approved {
        return Err(AppError::Conflict(Text::new(
            "只有已开班的班级可以发布学习任务",
            "Tasks are published to approved classes only",
        )));
    }
    let usable: i64 = sqlx::query_scalar(
        "select count(*) from courses where tenant_id = $1 and course_id = any($2) and listing = 'published'
           and (kind = 'vod' or (kind = 'own' and institution_id = $3))",
    )
    .bind(p.tenant.id)
    .bind(&input.course_ids)
    .bind(institution_id)
    .fetch_one(&mut *conn)
    .await?;
    if usable != input.course_ids.len() as i64 {
        return Err(AppError::invalid(
            "course_ids",
            "须为已上架的点播课或本机构已上架的自有课",
            "must be published on-demand courses or your institution's own published courses",
        ));
    }
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into learning_tasks (task_id, tenant_id, institution_id, class_id, name, deadline, required_hours, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(p.tenant.id)
    .bind(institution_id)
    .bind(class_id)
    .bind(&name)
    .bind(input.deadline)
    .bind(hours)
    .bind(p.user_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "insert into learning_task_courses (task_id, tenant_id, institution_id, course_id, position)
         select $1, $2, $3, c, n from unnest($4::uuid[]) with ordinality as x (c, n)",
    )
    .bind(id)
    .bind(p.tenant.id)
    .bind(institution_id)
    .bind(&input.course_ids)
    .execute(&mut *conn)
    .await?;
    let enrolments: Vec<Uuid> = sqlx::query_scalar(
        "select enrolment_id from class_trainees where class_id = $1 and status = 'active'",
    )
    .bind(class_id)
    .fetch_all(&mut *conn)
    .await?;
    for course in &input.course_ids {
        seats::take(conn, p.tenant.id, institution_id, *course, &enrolments).await?;
    }
    classes::record(
        conn,
        p,
        class_id,
        institution_id,
        ClassAction::TaskPublished,
        &name,
    )
    .await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct Row {
    task_id: Uuid,
    class_id: Uuid,
    name: String,
    deadline: DateTime<Utc>,
    required_hours: f64,
    status: String,
    started: bool,
    created_at: DateTime<Utc>,
    deleted_at: Option<DateTime<Utc>>,
    delete_reason: String,
}

const SELECT: &str = "select k.task_id, k.class_id, k.name, k.deadline, k.required_hours::float8 as required_hours,
        k.status,
        exists (select 1 from learning_task_courses kc join class_trainees t on t.class_id = k.class_id
                where kc.task_id = k.task_id and course_started(t.user_id, kc.course_id)) as started,
        k.created_at, k.deleted_at, k.delete_reason
    from learning_tasks k";

/// The courses of `tasks` (as named by their live revision), in each task's order.
pub async fn courses_of(
    conn: &mut PgConnection,
    tasks: &[Uuid],
) -> Result<Vec<(Uuid, TaskCourse)>, AppError> {
    let rows: Vec<(Uuid, Uuid, String, String, String, i32)> = sqlx::query_as(
        "select kc.task_id, c.course_id, c.course_no, coalesce(r.name, c.course_no), c.kind, coalesce(r.duration_seconds, 0)
         from learning_task_courses kc join courses c on c.course_id = kc.course_id
         left join course_revisions r on r.revision_id = c.live_revision_id
         where kc.task_id = any($1) order by kc.task_id, kc.position",
    )
    .bind(tasks)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(
            |(task, course_id, course_no, name, kind, duration_seconds)| {
                Ok((
                    task,
                    TaskCourse {
                        course_id,
                        course_no,
                        name,
                        kind: stored(&kind)?,
                        duration_seconds,
                    },
                ))
            },
        )
        .collect()
}

async fn load(conn: &mut PgConnection, rows: Vec<Row>) -> Result<Vec<Task>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.task_id).collect();
    let courses = courses_of(conn, &ids).await?;
    rows.into_iter()
        .map(|r| {
            Ok(Task {
                courses: courses
                    .iter()
                    .filter(|(task, _)| *task == r.task_id)
                    .map(|(_, c)| c.clone())
                    .collect(),
                id: r.task_id,
                class_id: r.class_id,
                name: r.name,
                deadline: r.deadline,
                required_hours: r.required_hours,
                status: stored(&r.status)?,
                started: r.started,
                created_at: r.created_at,
                deleted_at: r.deleted_at,
                delete_reason: r.delete_reason,
            })
        })
        .collect()
}

/// The class's tasks, active first, newest first.
pub async fn list(
    conn: &mut PgConnection,
    p: &Principal,
    class_id: Uuid,
) -> Result<Vec<Task>, AppError> {
    class_repo::summary(conn, p, class_id).await?;
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} where k.tenant_id = $1 and k.class_id = $2 order by k.status, k.created_at desc"
    ))
    .bind(p.tenant.id)
    .bind(class_id)
    .fetch_all(&mut *conn)
    .await?;
    load(conn, rows).await
}

pub async fn get(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<Task, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} where k.tenant_id = $1 and k.task_id = $2 and ($3::uuid is null or k.institution_id = $3)"
    ))
    .bind(p.tenant.id)
    .bind(id)
    .bind(p.institution_id)
    .fetch_all(&mut *conn)
    .await?;
    load(conn, rows).await?.pop().ok_or_else(not_found)
}

/// Deletes an active task: refused once a trainee started it unless `forced` with a reason.
/// Seats of its courses that no other active task of the class holds, and nobody started, return.
pub async fn delete(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    forced: Option<&str>,
) -> Result<(), AppError> {
    let task = get(conn, p, id).await?;
    let reason = forced
        .map(|r| validate::text("reason", r, 2, 500))
        .transpose()?;
    let (status, institution_id) = classes::lock(conn, p, task.class_id).await?;
    if task.status == TaskStatus::Deleted {
        return Err(not_found());
    }
    if status == ClassStatus::Closed {
        return Err(AppError::Conflict(Text::new(
            "已结班的班级不能删除学习任务",
            "Tasks of a closed class cannot be deleted",
        )));
    }
    if task.started && reason.is_none() {
        return Err(AppError::Conflict(Text::new(
            "学员已开始学习该任务，只能填写原因后强制删除",
            "Trainees have started this task: it can only be force-deleted with a reason",
        )));
    }
    sqlx::query(
        "update learning_tasks set status = 'deleted', deleted_at = now(), deleted_by = $3, delete_reason = $4,
                forced = $5
         where tenant_id = $1 and task_id = $2",
    )
    .bind(p.tenant.id)
    .bind(id)
    .bind(p.user_id)
    .bind(reason.as_deref().unwrap_or(""))
    .bind(reason.is_some())
    .execute(&mut *conn)
    .await?;
    let still_used = super::trainees::task_courses(conn, task.class_id).await?;
    let freed: Vec<Uuid> = task
        .courses
        .iter()
        .map(|c| c.course_id)
        .filter(|c| !still_used.contains(c))
        .collect();
    let enrolments: Vec<Uuid> =
        sqlx::query_scalar("select enrolment_id from class_trainees where class_id = $1")
            .bind(task.class_id)
            .fetch_all(&mut *conn)
            .await?;
    seats::release(conn, institution_id, &enrolments, Some(&freed)).await?;
    let note = match &reason {
        Some(reason) => format!("{}（强制删除 forced: {reason}）", task.name),
        None => task.name.clone(),
    };
    classes::record(
        conn,
        p,
        task.class_id,
        institution_id,
        ClassAction::TaskDeleted,
        &note,
    )
    .await
}
