//! What a trainee sees of their training (T-7.2.6c "class courses"): their approved and closed
//! classes, and the active tasks of approved ones with each course's outline and the trainee's
//! credited time and resume position per courseware (kept by the learning engine).

use chrono::{DateTime, NaiveDate, Utc};
use shared_types::training::{
    MyChapter, MyClass, MyCourseware, MyTask, MyTaskCourse, TrainingPolicy,
};
use sqlx::PgConnection;
use sqlx::types::Json;
use uuid::Uuid;

use super::tasks;
use crate::db::stored;
use crate::error::AppError;
use crate::identity::Principal;

#[derive(sqlx::FromRow)]
struct ClassRow {
    class_id: Uuid,
    class_no: String,
    name: String,
    institution_name: String,
    project_name: String,
    training_type: String,
    mode: String,
    venue: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    status: String,
    policy: Json<TrainingPolicy>,
    task_count: i64,
}

pub async fn classes(conn: &mut PgConnection, p: &Principal) -> Result<Vec<MyClass>, AppError> {
    let rows: Vec<ClassRow> = sqlx::query_as(
        "select c.class_id, c.class_no, c.name, i.name as institution_name, pr.name as project_name,
                c.training_type, c.mode, c.venue, c.starts_on, c.ends_on, c.status, c.policy,
                (select count(*) from learning_tasks k where k.class_id = c.class_id and k.status = 'active') as task_count
         from class_trainees t join classes c on c.class_id = t.class_id
         join institutions i on i.institution_id = c.institution_id
         join training_projects pr on pr.project_id = c.project_id
         where t.tenant_id = $1 and t.user_id = $2 and t.status = 'active' and c.deleted_at is null
           and c.status in ('approved', 'closed')
         order by c.starts_on desc, c.class_no",
    )
    .bind(p.tenant.id)
    .bind(p.user_id)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(MyClass {
                id: r.class_id,
                class_no: r.class_no,
                name: r.name,
                institution_name: r.institution_name,
                project_name: r.project_name,
                training_type: stored(&r.training_type)?,
                mode: stored(&r.mode)?,
                venue: r.venue,
                starts_on: r.starts_on,
                ends_on: r.ends_on,
                status: stored(&r.status)?,
                policy: r.policy.0,
                task_count: r.task_count,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct CoursewareRow {
    course_id: Uuid,
    chapter_id: Uuid,
    chapter_title: String,
    courseware_id: Uuid,
    title: String,
    kind: String,
    required: bool,
    duration_seconds: i32,
    credited_seconds: i32,
    resume_position: i32,
    completed: bool,
}

/// The live outline of `courses` with `user`'s progress, in course, chapter, courseware order.
async fn outlines(
    conn: &mut PgConnection,
    user_id: Uuid,
    courses: &[Uuid],
) -> Result<Vec<CoursewareRow>, AppError> {
    Ok(sqlx::query_as(
        "select c.course_id, ch.chapter_id, ch.title as chapter_title, w.courseware_id, w.title, w.kind, w.required,
                w.duration_seconds, coalesce(g.credited_ms / 1000, 0)::int as credited_seconds,
                coalesce(g.resume_ms / 1000, 0)::int as resume_position, g.completed_at is not null as completed
         from courses c join chapters ch on ch.revision_id = c.live_revision_id
         join coursewares w on w.chapter_id = ch.chapter_id
         left join courseware_progress g on g.user_id = $1 and g.lineage_id = w.lineage_id
         where c.course_id = any($2)
         order by c.course_id, ch.position, ch.chapter_id, w.position, w.courseware_id",
    )
    .bind(user_id)
    .bind(courses)
    .fetch_all(conn)
    .await?)
}

fn chapters_of(rows: &[&CoursewareRow]) -> Result<Vec<MyChapter>, AppError> {
    let mut chapters: Vec<MyChapter> = Vec::new();
    for r in rows {
        let courseware = MyCourseware {
            id: r.courseware_id,
            title: r.title.clone(),
            kind: stored(&r.kind)?,
            required: r.required,
            duration_seconds: r.duration_seconds,
            credited_seconds: r.credited_seconds,
            resume_position: r.resume_position,
            completed: r.completed,
        };
        match chapters.last_mut() {
            Some(ch) if ch.id == r.chapter_id => ch.coursewares.push(courseware),
            _ => chapters.push(MyChapter {
                id: r.chapter_id,
                title: r.chapter_title.clone(),
                coursewares: vec![courseware],
            }),
        }
    }
    Ok(chapters)
}

#[derive(sqlx::FromRow)]
struct TaskRow {
    task_id: Uuid,
    class_id: Uuid,
    class_name: String,
    name: String,
    deadline: DateTime<Utc>,
    required_hours: f64,
    status: String,
}

/// The trainee's active tasks, nearest deadline first, with courses, chapters and coursewares.
pub async fn tasks(conn: &mut PgConnection, p: &Principal) -> Result<Vec<MyTask>, AppError> {
    let rows: Vec<TaskRow> = sqlx::query_as(
        "select k.task_id, k.class_id, c.name as class_name, k.name, k.deadline,
                k.required_hours::float8 as required_hours, k.status
         from class_trainees t join classes c on c.class_id = t.class_id
         join learning_tasks k on k.class_id = c.class_id and k.status = 'active'
         where t.tenant_id = $1 and t.user_id = $2 and t.status = 'active' and c.status = 'approved'
           and c.deleted_at is null
         order by k.deadline, k.task_id",
    )
    .bind(p.tenant.id)
    .bind(p.user_id)
    .fetch_all(&mut *conn)
    .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.task_id).collect();
    let task_courses = tasks::courses_of(conn, &ids).await?;
    let mut course_ids: Vec<Uuid> = task_courses.iter().map(|(_, c)| c.course_id).collect();
    course_ids.sort();
    course_ids.dedup();
    let outline = outlines(conn, p.user_id, &course_ids).await?;
    rows.into_iter()
        .map(|r| {
            let courses = task_courses
                .iter()
                .filter(|(task, _)| *task == r.task_id)
                .map(|(_, c)| {
                    let mine: Vec<&CoursewareRow> = outline
                        .iter()
                        .filter(|w| w.course_id == c.course_id)
                        .collect();
                    Ok(MyTaskCourse {
                        course_id: c.course_id,
                        course_no: c.course_no.clone(),
                        name: c.name.clone(),
                        duration_seconds: c.duration_seconds,
                        credited_seconds: mine.iter().map(|w| w.credited_seconds).sum(),
                        chapters: chapters_of(&mine)?,
                    })
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            Ok(MyTask {
                credited_seconds: courses.iter().map(|c| c.credited_seconds).sum(),
                id: r.task_id,
                class_id: r.class_id,
                class_name: r.class_name,
                name: r.name,
                deadline: r.deadline,
                required_hours: r.required_hours,
                status: stored(&r.status)?,
                courses,
            })
        })
        .collect()
}
