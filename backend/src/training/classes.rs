//! 班级 — an institution applies to open a class under a project (T-7.2.5d, T-7.2.4 申请审核); the
//! regulator reviews the application (T-7.2.7h). draft → submitted → approved | returned;
//! returned → (edited) submitted; submitted → (withdrawn) draft; approved → closed. A class
//! without study records can be deleted; one with records can only be closed.

use chrono::Datelike;
use shared_types::orgs::{Decision, ReviewRequest};
use shared_types::training::{ClassAction, ClassInput, ClassMode, ClassStatus, TrainingPolicy};
use sqlx::PgConnection;
use sqlx::types::Json;
use uuid::Uuid;

use super::{class_repo, projects};
use crate::archive::vouchers::{self, Subject};
use crate::commerce::seats;
use crate::db::stored;
use crate::error::{AppError, Text};
use crate::identity::Principal;
use crate::{numbering, orgs, validate};

fn conflict(zh: &str, en: &str) -> AppError {
    AppError::Conflict(Text::new(zh, en))
}

/// Records a step of the class's history.
pub async fn record(
    conn: &mut PgConnection,
    p: &Principal,
    class_id: Uuid,
    institution_id: Uuid,
    action: ClassAction,
    note: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "insert into class_events (tenant_id, institution_id, class_id, action, actor_id, note)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(p.tenant.id)
    .bind(institution_id)
    .bind(class_id)
    .bind(action.as_str())
    .bind(p.user_id)
    .bind(note)
    .execute(conn)
    .await?;
    Ok(())
}

/// The class's status, locked: every transition of one class goes one at a time.
pub async fn lock(
    conn: &mut PgConnection,
    p: &Principal,
    class_id: Uuid,
) -> Result<(ClassStatus, Uuid), AppError> {
    let row: Option<(String, Uuid)> = sqlx::query_as(
        "select status, institution_id from classes
         where tenant_id = $1 and class_id = $2 and deleted_at is null
           and ($3::uuid is null or institution_id = $3) for update",
    )
    .bind(p.tenant.id)
    .bind(class_id)
    .bind(p.institution_id)
    .fetch_optional(conn)
    .await?;
    let (status, institution_id) = row.ok_or_else(class_repo::not_found)?;
    Ok((stored(&status)?, institution_id))
}

/// The class policy: the project's when none is given; never less than the project asks.
fn policy_for(
    project: &TrainingPolicy,
    asked: Option<&TrainingPolicy>,
) -> Result<TrainingPolicy, AppError> {
    let Some(asked) = asked else {
        return Ok(project.clone());
    };
    let policy = projects::check_policy("policy", asked)?;
    if policy.required_study_hours < project.required_study_hours {
        return Err(AppError::invalid(
            "policy.required_study_hours",
            format!("不能低于项目要求的 {} 学时", project.required_study_hours),
            format!(
                "must not be below the project's {} study hours",
                project.required_study_hours
            ),
        ));
    }
    if project.exam_required && (!policy.exam_required || policy.pass_score < project.pass_score) {
        return Err(AppError::invalid(
            "policy.pass_score",
            "项目要求考试，班级须同样考试且合格分不低于项目",
            "the project requires an exam: the class must too, with a pass mark no lower",
        ));
    }
    Ok(policy)
}

struct Checked {
    name: String,
    venue: String,
    capacity: i32,
    policy: TrainingPolicy,
    training_type: shared_types::catalog::TrainingType,
}

/// Checks an application against its project (open, qualified, within its period) and the rules.
async fn check(
    conn: &mut PgConnection,
    p: &Principal,
    institution_id: Uuid,
    input: &ClassInput,
) -> Result<Checked, AppError> {
    let name = validate::text("name", &input.name, 2, 100)?;
    let venue = validate::text("venue", &input.venue, 0, 200)?;
    if input.mode != ClassMode::Online && venue.is_empty() {
        return Err(AppError::invalid(
            "venue",
            "线下或混合班级须填写培训地点",
            "offline and blended classes need a venue",
        ));
    }
    validate::period("ends_on", input.starts_on, input.ends_on)?;
    if !(1..=100_000).contains(&input.capacity) {
        return Err(AppError::invalid(
            "capacity",
            "计划人数须为 1 到 100000",
            "must be 1 to 100000 trainees",
        ));
    }
    let project = projects::get(conn, p.tenant.id, input.project_id)
        .await
        .map_err(|_| {
            AppError::invalid(
                "project_id",
                "培训项目不存在",
                "is not a training project of this site",
            )
        })?;
    if project.status != shared_types::training::ProjectStatus::Open {
        return Err(conflict(
            "该培训项目已结束，不再接受开班申请",
            "This project is closed to new classes",
        ));
    }
    if input.starts_on < project.starts_on || input.ends_on > project.ends_on {
        return Err(AppError::invalid(
            "starts_on",
            format!(
                "培训日期须在项目周期 {} 至 {} 内",
                project.starts_on, project.ends_on
            ),
            format!(
                "must lie within the project's period {} to {}",
                project.starts_on, project.ends_on
            ),
        ));
    }
    if !orgs::holds_qualification(conn, p.tenant.id, institution_id, project.training_type).await? {
        return Err(conflict(
            &format!(
                "机构尚未取得“{}”培训资质，不能开班",
                project.training_type.label_zh()
            ),
            &format!(
                "The institution holds no qualification for “{}”",
                project.training_type.label_en()
            ),
        ));
    }
    let own_lecturers: i64 = sqlx::query_scalar(
        "select count(*) from lecturers where tenant_id = $1 and institution_id = $2 and lecturer_id = any($3)",
    )
    .bind(p.tenant.id)
    .bind(institution_id)
    .bind(&input.lecturer_ids)
    .fetch_one(&mut *conn)
    .await?;
    let mut distinct = input.lecturer_ids.clone();
    distinct.sort();
    distinct.dedup();
    if own_lecturers != input.lecturer_ids.len() as i64
        || distinct.len() != input.lecturer_ids.len()
    {
        return Err(AppError::invalid(
            "lecturer_ids",
            "须为本机构的讲师，且不重复",
            "must be your institution's lecturers, each once",
        ));
    }
    Ok(Checked {
        name,
        venue,
        capacity: i32::try_from(input.capacity).unwrap_or(i32::MAX),
        policy: policy_for(&project.policy, input.policy.as_ref())?,
        training_type: project.training_type,
    })
}

async fn set_lecturers(
    conn: &mut PgConnection,
    p: &Principal,
    class_id: Uuid,
    institution_id: Uuid,
    lecturer_ids: &[Uuid],
) -> Result<(), AppError> {
    sqlx::query("delete from class_lecturers where tenant_id = $1 and class_id = $2")
        .bind(p.tenant.id)
        .bind(class_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "insert into class_lecturers (class_id, tenant_id, institution_id, lecturer_id)
         select $1, $2, $3, unnest($4::uuid[])",
    )
    .bind(class_id)
    .bind(p.tenant.id)
    .bind(institution_id)
    .bind(lecturer_ids)
    .execute(conn)
    .await?;
    Ok(())
}

/// A new draft class of the caller's certified, qualified institution.
pub async fn create(
    conn: &mut PgConnection,
    p: &Principal,
    input: &ClassInput,
) -> Result<Uuid, AppError> {
    let institution_id = orgs::certified_member(conn, p).await?;
    let c = check(conn, p, institution_id, input).await?;
    let id = Uuid::new_v4();
    let year = input.starts_on.year().to_string();
    let class_no = numbering::next(conn, p.tenant.id, &p.tenant.code, "C", &year, 6).await?;
    sqlx::query(
        "insert into classes (class_id, tenant_id, institution_id, project_id, class_no, name, training_type, mode,
                              venue, starts_on, ends_on, capacity, policy, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(id)
    .bind(p.tenant.id)
    .bind(institution_id)
    .bind(input.project_id)
    .bind(class_no)
    .bind(&c.name)
    .bind(c.training_type.as_str())
    .bind(input.mode.as_str())
    .bind(&c.venue)
    .bind(input.starts_on)
    .bind(input.ends_on)
    .bind(c.capacity)
    .bind(Json(&c.policy))
    .bind(p.user_id)
    .execute(&mut *conn)
    .await?;
    set_lecturers(conn, p, id, institution_id, &input.lecturer_ids).await?;
    record(conn, p, id, institution_id, ClassAction::Created, "").await?;
    Ok(id)
}

/// Edits a draft or returned class in full; an approved one only in venue, dates, capacity and
/// lecturers (the regulator approved the rest).
pub async fn update(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    input: &ClassInput,
) -> Result<(), AppError> {
    let (status, institution_id) = lock(conn, p, id).await?;
    let current = class_repo::detail(conn, p, id).await?;
    match status {
        ClassStatus::Draft | ClassStatus::Returned => {}
        ClassStatus::Approved => {
            let same = input.project_id == current.summary.project_id
                && input.name.trim() == current.summary.name
                && input.mode == current.summary.mode
                && input
                    .policy
                    .as_ref()
                    .is_none_or(|policy| *policy == current.policy);
            if !same {
                return Err(conflict(
                    "已开班的班级只能修改培训地点、日期、计划人数和讲师",
                    "An approved class can only change its venue, dates, capacity and lecturers",
                ));
            }
        }
        ClassStatus::Submitted | ClassStatus::Closed => {
            return Err(conflict(
                "待审核或已结班的班级不能修改",
                "A class awaiting review or closed cannot be edited",
            ));
        }
    }
    let c = check(conn, p, institution_id, input).await?;
    if i64::from(c.capacity) < current.summary.trainee_count {
        return Err(AppError::invalid(
            "capacity",
            format!("不能少于已有学员人数 {}", current.summary.trainee_count),
            format!(
                "must not be below the {} trainees enrolled",
                current.summary.trainee_count
            ),
        ));
    }
    let policy = if status == ClassStatus::Approved {
        current.policy
    } else {
        c.policy
    };
    sqlx::query(
        "update classes set project_id = $3, name = $4, training_type = $5, mode = $6, venue = $7, starts_on = $8,
                ends_on = $9, capacity = $10, policy = $11
         where tenant_id = $1 and class_id = $2",
    )
    .bind(p.tenant.id)
    .bind(id)
    .bind(input.project_id)
    .bind(&c.name)
    .bind(c.training_type.as_str())
    .bind(input.mode.as_str())
    .bind(&c.venue)
    .bind(input.starts_on)
    .bind(input.ends_on)
    .bind(c.capacity)
    .bind(Json(&policy))
    .execute(&mut *conn)
    .await?;
    set_lecturers(conn, p, id, institution_id, &input.lecturer_ids).await?;
    record(conn, p, id, institution_id, ClassAction::Edited, "").await
}

async fn set_status(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    to: ClassStatus,
    stamp: &str,
    note: Option<&str>,
) -> Result<(), AppError> {
    sqlx::query(&format!(
        "update classes set status = $3, {stamp} = now(), review_note = coalesce($4, review_note)
         where tenant_id = $1 and class_id = $2"
    ))
    .bind(p.tenant.id)
    .bind(id)
    .bind(to.as_str())
    .bind(note)
    .execute(conn)
    .await?;
    Ok(())
}

/// Submits the opening application (申请审核) — again after a return.
pub async fn submit(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<(), AppError> {
    let (status, institution_id) = lock(conn, p, id).await?;
    if !matches!(status, ClassStatus::Draft | ClassStatus::Returned) {
        return Err(conflict(
            "只有草稿或已退回的班级可以提交申请",
            "Only a draft or returned class can be submitted",
        ));
    }
    orgs::certified_member(conn, p).await?;
    let detail = class_repo::detail(conn, p, id).await?;
    if !orgs::holds_qualification(
        conn,
        p.tenant.id,
        institution_id,
        detail.summary.training_type,
    )
    .await?
    {
        return Err(conflict(
            "机构已不具备该培训类型的资质",
            "The institution no longer holds this qualification",
        ));
    }
    set_status(conn, p, id, ClassStatus::Submitted, "submitted_at", None).await?;
    record(conn, p, id, institution_id, ClassAction::Submitted, "").await
}

/// Takes a submitted application back to draft.
pub async fn withdraw(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<(), AppError> {
    let (status, institution_id) = lock(conn, p, id).await?;
    if status != ClassStatus::Submitted {
        return Err(conflict(
            "只有待审核的申请可以撤回",
            "Only an application awaiting review can be withdrawn",
        ));
    }
    sqlx::query("update classes set status = 'draft' where tenant_id = $1 and class_id = $2")
        .bind(p.tenant.id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    record(conn, p, id, institution_id, ClassAction::Withdrawn, "").await
}

/// The regulator's decision on an application; approval issues the class voucher.
pub async fn review(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    req: &ReviewRequest,
) -> Result<(), AppError> {
    let note = validate::review_note(req)?;
    let (status, institution_id) = lock(conn, p, id).await?;
    if status != ClassStatus::Submitted {
        return Err(conflict(
            "该班级没有待审核的开班申请",
            "This class has no application awaiting review",
        ));
    }
    match req.decision {
        Decision::Approve => {
            set_status(
                conn,
                p,
                id,
                ClassStatus::Approved,
                "approved_at",
                Some(&note),
            )
            .await?;
            vouchers::enqueue(conn, p.tenant.id, Subject::Class(id)).await?;
            record(conn, p, id, institution_id, ClassAction::Approved, &note).await
        }
        Decision::Return => {
            sqlx::query("update classes set status = 'returned', review_note = $3 where tenant_id = $1 and class_id = $2")
                .bind(p.tenant.id)
                .bind(id)
                .bind(&note)
                .execute(&mut *conn)
                .await?;
            record(conn, p, id, institution_id, ClassAction::Returned, &note).await
        }
    }
}

/// Ends an approved class (结班): no more trainees or tasks; every record stays.
pub async fn close(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<(), AppError> {
    let (status, institution_id) = lock(conn, p, id).await?;
    if status != ClassStatus::Approved {
        return Err(conflict(
            "只有已开班的班级可以结班",
            "Only an approved class can be closed",
        ));
    }
    set_status(conn, p, id, ClassStatus::Closed, "closed_at", None).await?;
    record(conn, p, id, institution_id, ClassAction::Closed, "").await
}

/// Deletes a class nobody has studied in: its trainees leave (seats back), its tasks go.
pub async fn delete(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<(), AppError> {
    let (status, institution_id) = lock(conn, p, id).await?;
    if status == ClassStatus::Closed || class_repo::started(conn, id).await? {
        return Err(conflict(
            "学员已有学习记录，班级不能删除，只能结班",
            "Trainees have study records in this class: it cannot be deleted, only closed",
        ));
    }
    let enrolments: Vec<Uuid> = sqlx::query_scalar(
        "select enrolment_id from class_trainees where class_id = $1 and status = 'active'",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    seats::release(conn, institution_id, &enrolments, None).await?;
    sqlx::query("update class_trainees set status = 'removed', removed_at = now() where class_id = $1 and status = 'active'")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "update learning_tasks set status = 'deleted', deleted_at = now(), deleted_by = $2
         where class_id = $1 and status = 'active'",
    )
    .bind(id)
    .bind(p.user_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("update classes set deleted_at = now() where tenant_id = $1 and class_id = $2")
        .bind(p.tenant.id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    record(conn, p, id, institution_id, ClassAction::Deleted, "").await
}
