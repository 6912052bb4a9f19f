//! 课程库存 — the seats an institution holds of each on-demand course, and the seats its trainees
//! use (T-7.2.5c). A seat is used once per trainee, class and course; the institution's own
//! courses need none. `used` only grows through one guarded UPDATE, so concurrent assignments
//! against the last seats queue on the row and the late ones are refused: the inventory never
//! goes negative.

use shared_types::commerce::SeatInventory;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::{AppError, Text};

/// Adds `seats` of `course_id` to the institution's inventory (a paid order).
pub async fn credit(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    institution_id: Uuid,
    course_id: Uuid,
    seats: i32,
) -> Result<(), AppError> {
    sqlx::query(
        "insert into seat_inventory (tenant_id, institution_id, course_id, purchased) values ($1, $2, $3, $4)
         on conflict (institution_id, course_id) do update set purchased = seat_inventory.purchased + excluded.purchased",
    )
    .bind(tenant_id)
    .bind(institution_id)
    .bind(course_id)
    .bind(seats)
    .execute(conn)
    .await?;
    Ok(())
}

/// The institution's inventory, by course number.
pub async fn inventory(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    institution_id: Uuid,
) -> Result<Vec<SeatInventory>, AppError> {
    let rows: Vec<(Uuid, String, String, i32, i32)> = sqlx::query_as(
        "select s.course_id, c.course_no, coalesce(r.name, ''), s.purchased, s.used
         from seat_inventory s join courses c on c.course_id = s.course_id
         left join course_revisions r on r.revision_id = c.live_revision_id
         where s.tenant_id = $1 and s.institution_id = $2 order by c.course_no",
    )
    .bind(tenant_id)
    .bind(institution_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(course_id, course_no, course_name, purchased, used)| SeatInventory {
                course_id,
                course_no,
                course_name,
                purchased,
                used,
                remaining: purchased - used,
            },
        )
        .collect())
}

/// Whether trainees of `institution_id` need a seat to study `course_id`: on-demand courses of
/// anyone else do; the institution's own courses do not.
pub async fn needs_seats(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    institution_id: Uuid,
    course_id: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "select kind = 'vod' and institution_id is distinct from $3 from courses
         where tenant_id = $1 and course_id = $2",
    )
    .bind(tenant_id)
    .bind(course_id)
    .bind(institution_id)
    .fetch_optional(conn)
    .await?
    .unwrap_or(false))
}

/// Gives each of `enrolments` a seat of `course_id` unless it holds one; all or nothing.
/// Not enough seats: 409 naming the course, how many are needed and how many are left.
pub async fn take(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    institution_id: Uuid,
    course_id: Uuid,
    enrolments: &[Uuid],
) -> Result<(), AppError> {
    if !needs_seats(conn, tenant_id, institution_id, course_id).await? {
        return Ok(());
    }
    let missing: Vec<Uuid> = sqlx::query_scalar(
        "select e from unnest($2::uuid[]) as e
         where not exists (select 1 from seat_assignments a
                           where a.enrolment_id = e and a.course_id = $1 and a.released_at is null)",
    )
    .bind(course_id)
    .bind(enrolments)
    .fetch_all(&mut *conn)
    .await?;
    if missing.is_empty() {
        return Ok(());
    }
    let needed = i32::try_from(missing.len()).unwrap_or(i32::MAX);
    let taken: Option<i32> = sqlx::query_scalar(
        "update seat_inventory set used = used + $3
         where institution_id = $1 and course_id = $2 and used + $3 <= purchased
         returning used",
    )
    .bind(institution_id)
    .bind(course_id)
    .bind(needed)
    .fetch_optional(&mut *conn)
    .await?;
    if taken.is_none() {
        let (name, remaining): (String, Option<i32>) = sqlx::query_as(
            "select coalesce(r.name, c.course_no), (select purchased - used from seat_inventory s
                                                     where s.institution_id = $2 and s.course_id = c.course_id)
             from courses c left join course_revisions r on r.revision_id = c.live_revision_id
             where c.course_id = $1",
        )
        .bind(course_id)
        .bind(institution_id)
        .fetch_one(&mut *conn)
        .await?;
        let remaining = remaining.unwrap_or(0);
        return Err(AppError::Conflict(Text::new(
            format!("课程《{name}》名额不足：需要 {needed} 个，剩余 {remaining} 个，请先购买"),
            format!(
                "Not enough seats of “{name}”: {needed} needed, {remaining} left; buy more first"
            ),
        )));
    }
    sqlx::query(
        "insert into seat_assignments (assignment_id, tenant_id, institution_id, course_id, enrolment_id)
         select gen_random_uuid(), $1, $2, $3, e from unnest($4::uuid[]) as e",
    )
    .bind(tenant_id)
    .bind(institution_id)
    .bind(course_id)
    .bind(&missing)
    .execute(conn)
    .await?;
    Ok(())
}

/// Gives back the seats `enrolments` hold of `courses` (all their courses when `None`), except
/// those of courses a trainee has started: started study keeps its seat.
pub async fn release(
    conn: &mut PgConnection,
    institution_id: Uuid,
    enrolments: &[Uuid],
    courses: Option<&[Uuid]>,
) -> Result<(), AppError> {
    let freed: Vec<Uuid> = sqlx::query_scalar(
        "update seat_assignments a set released_at = now()
         from class_trainees t
         where a.enrolment_id = t.enrolment_id and a.institution_id = $1 and a.released_at is null
           and a.enrolment_id = any($2) and ($3::uuid[] is null or a.course_id = any($3))
           and not course_started(t.user_id, a.course_id)
         returning a.course_id",
    )
    .bind(institution_id)
    .bind(enrolments)
    .bind(courses)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_course: Vec<(Uuid, i32)> = Vec::new();
    for course in freed {
        match by_course.iter_mut().find(|(c, _)| *c == course) {
            Some((_, n)) => *n += 1,
            None => by_course.push((course, 1)),
        }
    }
    for (course, n) in by_course {
        sqlx::query(
            "update seat_inventory set used = used - $3 where institution_id = $1 and course_id = $2",
        )
        .bind(institution_id)
        .bind(course)
        .bind(n)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
