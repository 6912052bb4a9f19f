//! 培训计划 (Z-II.9) — an institution's plan for a period: target trainees overall and per class
//! or course, with progress read from the enrolments, the seats given and the study records.

use chrono::{DateTime, NaiveDate, Utc};
use shared_types::training::{Plan, PlanInput, PlanItem, PlanItemKind};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::stored;
use crate::error::AppError;
use crate::identity::Principal;
use crate::{orgs, validate};

const MAX_ITEMS: usize = 50;

fn not_found() -> AppError {
    AppError::not_found("培训计划", "Training plan")
}

async fn check(
    conn: &mut PgConnection,
    p: &Principal,
    institution_id: Uuid,
    input: &PlanInput,
) -> Result<(String, String), AppError> {
    let name = validate::text("name", &input.name, 2, 100)?;
    let notes = validate::text("notes", &input.notes, 0, 2000)?;
    validate::period("ends_on", input.starts_on, input.ends_on)?;
    if input.items.len() > MAX_ITEMS {
        return Err(AppError::invalid(
            "items",
            format!("最多 {MAX_ITEMS} 项"),
            format!("at most {MAX_ITEMS} items"),
        ));
    }
    for (i, item) in input.items.iter().enumerate() {
        let sql = match item.kind {
            PlanItemKind::Class => {
                "select exists (select 1 from classes where tenant_id = $1 and class_id = $2 and institution_id = $3
                                  and deleted_at is null)"
            }
            PlanItemKind::Course => {
                "select exists (select 1 from courses where tenant_id = $1 and course_id = $2 and listing = 'published'
                                  and (kind = 'vod' or institution_id = $3))"
            }
        };
        let known: bool = sqlx::query_scalar(sql)
            .bind(p.tenant.id)
            .bind(item.ref_id)
            .bind(institution_id)
            .fetch_one(&mut *conn)
            .await?;
        if !known {
            return Err(AppError::invalid(
                &format!("items[{i}].ref_id"),
                "须为本机构的班级或可用的已上架课程",
                "must be one of your classes or a published course you can use",
            ));
        }
    }
    Ok((name, notes))
}

async fn write_items(
    conn: &mut PgConnection,
    p: &Principal,
    plan_id: Uuid,
    institution_id: Uuid,
    input: &PlanInput,
) -> Result<(), AppError> {
    sqlx::query("delete from training_plan_items where tenant_id = $1 and plan_id = $2")
        .bind(p.tenant.id)
        .bind(plan_id)
        .execute(&mut *conn)
        .await?;
    for (position, item) in input.items.iter().enumerate() {
        let (class_id, course_id) = match item.kind {
            PlanItemKind::Class => (Some(item.ref_id), None),
            PlanItemKind::Course => (None, Some(item.ref_id)),
        };
        sqlx::query(
            "insert into training_plan_items (plan_id, tenant_id, institution_id, position, kind, class_id, course_id,
                                              target_trainees)
             values ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(plan_id)
        .bind(p.tenant.id)
        .bind(institution_id)
        .bind(i32::try_from(position).unwrap_or(i32::MAX))
        .bind(item.kind.as_str())
        .bind(class_id)
        .bind(course_id)
        .bind(i32::try_from(item.target_trainees).unwrap_or(i32::MAX))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn create(
    conn: &mut PgConnection,
    p: &Principal,
    input: &PlanInput,
) -> Result<Plan, AppError> {
    let institution_id = orgs::certified_member(conn, p).await?;
    let (name, notes) = check(conn, p, institution_id, input).await?;
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into training_plans (plan_id, tenant_id, institution_id, name, starts_on, ends_on, target_trainees,
                                     notes, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(p.tenant.id)
    .bind(institution_id)
    .bind(name)
    .bind(input.starts_on)
    .bind(input.ends_on)
    .bind(i32::try_from(input.target_trainees).unwrap_or(i32::MAX))
    .bind(notes)
    .bind(p.user_id)
    .execute(&mut *conn)
    .await?;
    write_items(conn, p, id, institution_id, input).await?;
    get(conn, p, id).await
}

pub async fn update(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    input: &PlanInput,
) -> Result<Plan, AppError> {
    let institution_id = orgs::member_of(p)?;
    get(conn, p, id).await?;
    let (name, notes) = check(conn, p, institution_id, input).await?;
    let done = sqlx::query(
        "update training_plans set name = $4, starts_on = $5, ends_on = $6, target_trainees = $7, notes = $8
         where tenant_id = $1 and plan_id = $2 and institution_id = $3 and deleted_at is null",
    )
    .bind(p.tenant.id)
    .bind(id)
    .bind(institution_id)
    .bind(name)
    .bind(input.starts_on)
    .bind(input.ends_on)
    .bind(i32::try_from(input.target_trainees).unwrap_or(i32::MAX))
    .bind(notes)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(not_found());
    }
    write_items(conn, p, id, institution_id, input).await?;
    get(conn, p, id).await
}

pub async fn delete(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<(), AppError> {
    let institution_id = orgs::member_of(p)?;
    let done = sqlx::query(
        "update training_plans set deleted_at = now()
         where tenant_id = $1 and plan_id = $2 and institution_id = $3 and deleted_at is null",
    )
    .bind(p.tenant.id)
    .bind(id)
    .bind(institution_id)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(not_found());
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct PlanRow {
    plan_id: Uuid,
    name: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    target_trainees: i32,
    notes: String,
    created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    plan_id: Uuid,
    kind: String,
    ref_id: Uuid,
    label: String,
    target_trainees: i32,
    enrolled: Vec<Uuid>,
    completed: Vec<Uuid>,
}

/// Each item's trainees (a class's active ones, or those given a seat of the course within the
/// plan's period) and which of them completed every required courseware of it.
const ITEMS: &str = "with items as (
        select i.plan_id, i.position, i.kind, coalesce(i.class_id, i.course_id) as ref_id, i.target_trainees,
               coalesce(c.name, r.name, '') as label,
               case when i.kind = 'class' then
                   array(select t.user_id from class_trainees t where t.class_id = i.class_id and t.status = 'active')
               else
                   array(select distinct t.user_id from seat_assignments a join class_trainees t on t.enrolment_id = a.enrolment_id
                         where a.course_id = i.course_id and a.released_at is null
                           and a.assigned_at::date between p.starts_on and p.ends_on)
               end as enrolled,
               case when i.kind = 'class' then
                   array(select kc.course_id from learning_tasks k join learning_task_courses kc on kc.task_id = k.task_id
                         where k.class_id = i.class_id and k.status = 'active')
               else array[i.course_id] end as courses
        from training_plan_items i join training_plans p on p.plan_id = i.plan_id
        left join classes c on c.class_id = i.class_id
        left join courses cr on cr.course_id = i.course_id
        left join course_revisions r on r.revision_id = cr.live_revision_id
        where i.tenant_id = $1 and i.plan_id = any($2))
    select plan_id, kind, ref_id, label, target_trainees, enrolled,
           array(select u from unnest(enrolled) as u
                 where cardinality(courses) > 0 and not exists (
                     select 1 from unnest(courses) as k
                     join courses c on c.course_id = k
                     join coursewares w on w.revision_id = c.live_revision_id and w.required
                     left join courseware_progress g on g.user_id = u and g.lineage_id = w.lineage_id
                     where g.completed_at is null)) as completed
    from items order by plan_id, position";

async fn load(
    conn: &mut PgConnection,
    p: &Principal,
    rows: Vec<PlanRow>,
) -> Result<Vec<Plan>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.plan_id).collect();
    let items: Vec<ItemRow> = sqlx::query_as(ITEMS)
        .bind(p.tenant.id)
        .bind(&ids)
        .fetch_all(conn)
        .await?;
    rows.into_iter()
        .map(|r| {
            let mine: Vec<&ItemRow> = items.iter().filter(|i| i.plan_id == r.plan_id).collect();
            let mut enrolled: Vec<Uuid> = mine.iter().flat_map(|i| i.enrolled.clone()).collect();
            let mut completed: Vec<Uuid> = mine.iter().flat_map(|i| i.completed.clone()).collect();
            for list in [&mut enrolled, &mut completed] {
                list.sort();
                list.dedup();
            }
            Ok(Plan {
                id: r.plan_id,
                name: r.name,
                starts_on: r.starts_on,
                ends_on: r.ends_on,
                target_trainees: r.target_trainees,
                notes: r.notes,
                items: mine
                    .iter()
                    .map(|i| {
                        Ok(PlanItem {
                            kind: stored(&i.kind)?,
                            ref_id: i.ref_id,
                            label: i.label.clone(),
                            target_trainees: i.target_trainees,
                            enrolled: i.enrolled.len() as i64,
                            completed: i.completed.len() as i64,
                        })
                    })
                    .collect::<Result<_, AppError>>()?,
                enrolled: enrolled.len() as i64,
                completed: completed.len() as i64,
                created_at: r.created_at,
            })
        })
        .collect()
}

const SELECT: &str = "select plan_id, name, starts_on, ends_on, target_trainees, notes, created_at
    from training_plans where tenant_id = $1 and institution_id = $2 and deleted_at is null";

pub async fn get(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<Plan, AppError> {
    let rows: Vec<PlanRow> = sqlx::query_as(&format!("{SELECT} and plan_id = $3"))
        .bind(p.tenant.id)
        .bind(orgs::member_of(p)?)
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    load(conn, p, rows).await?.pop().ok_or_else(not_found)
}

/// The institution's plans, latest period first.
pub async fn list(conn: &mut PgConnection, p: &Principal) -> Result<Vec<Plan>, AppError> {
    let rows: Vec<PlanRow> = sqlx::query_as(&format!(
        "{SELECT} order by starts_on desc, created_at desc"
    ))
    .bind(p.tenant.id)
    .bind(orgs::member_of(p)?)
    .fetch_all(&mut *conn)
    .await?;
    load(conn, p, rows).await
}
