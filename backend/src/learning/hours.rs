//! 学时 — a learner's credited time as study hours (Z-III.5: 45 credited minutes by default)
//! with the remainder in minutes: in total, today, per day, per course, per task and per class.

use std::sync::LazyLock;

use chrono::NaiveDate;
use shared_types::learning::{DayStudy, NamedStudy, StudyHours, StudyTime};
use sqlx::PgConnection;
use uuid::Uuid;

use super::sessions;
use crate::error::AppError;
use crate::identity::Principal;

/// Per course, task or class: the credited time of the learner on the coursewares of its live
/// revision(s).
const PER_COURSE: &str =
    "select c.course_id, coalesce(r.name, c.course_no), coalesce(sum(g.credited_ms), 0)::bigint
    from courses c join course_revisions r on r.revision_id = c.live_revision_id
    join coursewares w on w.revision_id = c.live_revision_id
    join courseware_progress g on g.lineage_id = w.lineage_id and g.user_id = $2
    where c.tenant_id = $1 group by c.course_id, r.name, c.course_no order by 3 desc";

const PER_TASK: &str = "select k.task_id, k.name, coalesce(sum(g.credited_ms), 0)::bigint
    from class_trainees t join learning_tasks k on k.class_id = t.class_id and k.status = 'active'
    join learning_task_courses kc on kc.task_id = k.task_id
    join courses c on c.course_id = kc.course_id
    join coursewares w on w.revision_id = c.live_revision_id
    left join courseware_progress g on g.lineage_id = w.lineage_id and g.user_id = t.user_id
    where t.tenant_id = $1 and t.user_id = $2 and t.status = 'active'
    group by k.task_id, k.name, k.deadline order by k.deadline";

/// A trainee's credited time in the coursewares of their class's active tasks, in ms: a scalar
/// subquery over the enrolment `t` (`class_trainees`). The learner's per-class figure and the
/// class's trainee list (`training::trainees`) both use it, so they cannot disagree.
pub const CLASS_CREDIT: &str =
    "(select coalesce(sum(g.credited_ms), 0)::bigint from courseware_progress g
    where g.user_id = t.user_id
      and g.lineage_id in (select w.lineage_id from learning_tasks k
                           join learning_task_courses kc on kc.task_id = k.task_id
                           join courses c on c.course_id = kc.course_id
                           join coursewares w on w.revision_id = c.live_revision_id
                           where k.class_id = t.class_id and k.status = 'active'))";

static PER_CLASS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "select cl.class_id, cl.name, {CLASS_CREDIT}
         from class_trainees t join classes cl on cl.class_id = t.class_id and cl.deleted_at is null
         where t.tenant_id = $1 and t.user_id = $2 and t.status = 'active' order by cl.starts_on desc"
    )
});

pub async fn of(conn: &mut PgConnection, p: &Principal) -> Result<StudyHours, AppError> {
    let (settings, today, _) = sessions::clock(conn, p.tenant.id).await?;
    let minutes = settings.study_hour_minutes;
    let time = |ms: i64| StudyTime::of(ms / 1000, minutes);
    let days: Vec<(NaiveDate, i64)> = sqlx::query_as(
        "select day, credited_ms from daily_study where tenant_id = $1 and user_id = $2 and credited_ms > 0
         order by day desc limit 30",
    )
    .bind(p.tenant.id)
    .bind(p.user_id)
    .fetch_all(&mut *conn)
    .await?;
    let total: i64 = sqlx::query_scalar(
        "select coalesce(sum(credited_ms), 0)::bigint from daily_study where tenant_id = $1 and user_id = $2",
    )
    .bind(p.tenant.id)
    .bind(p.user_id)
    .fetch_one(&mut *conn)
    .await?;
    let mut named = Vec::new();
    for sql in [PER_COURSE, PER_TASK, PER_CLASS.as_str()] {
        let rows: Vec<(Uuid, String, i64)> = sqlx::query_as(sql)
            .bind(p.tenant.id)
            .bind(p.user_id)
            .fetch_all(&mut *conn)
            .await?;
        named.push(
            rows.into_iter()
                .map(|(id, name, ms)| NamedStudy {
                    id,
                    name,
                    time: time(ms),
                })
                .collect::<Vec<_>>(),
        );
    }
    let classes = named.pop().unwrap_or_default();
    let tasks = named.pop().unwrap_or_default();
    let courses = named.pop().unwrap_or_default();
    Ok(StudyHours {
        study_hour_minutes: minutes,
        daily_cap_seconds: settings.daily_cap_seconds(),
        total: time(total),
        today: time(
            days.iter()
                .find(|(d, _)| *d == today)
                .map_or(0, |(_, ms)| *ms),
        ),
        days: days
            .into_iter()
            .map(|(day, ms)| DayStudy {
                day,
                time: time(ms),
            })
            .collect(),
        courses,
        tasks,
        classes,
    })
}
