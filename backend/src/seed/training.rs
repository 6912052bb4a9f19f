//! The demo class: a regulator project, a class of the demo institution under it (applied for and
//! approved), the demo trainee enrolled, and a learning task holding the demo course — so a fresh
//! `cargo xtask dev` can be studied at once.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use shared_types::Role;
use shared_types::catalog::TrainingType;
use shared_types::ids::IdCardNo;
use shared_types::orgs::{Decision, ReviewRequest};
use shared_types::training::{
    ClassInput, ClassMode, Education, ProjectInput, TaskInput, TraineeInput, TrainingPolicy,
};
use uuid::Uuid;

use super::course::DEMO_COURSE;
use super::{DEMO_TRAINEE_PHONE, acting};
use crate::app::AppState;
use crate::db::Scope;
use crate::tenancy::TenantRef;
use crate::training::{classes, projects, tasks, trainees};

pub const DEMO_CLASS: &str = "演示安全生产培训班（第 1 期）";

fn fail(step: &str) -> impl FnOnce(crate::error::AppError) -> anyhow::Error + '_ {
    move |e| anyhow::anyhow!("demo class, {step}: {e}")
}

/// A valid ID-card number for the demo trainee (born 1990-03-07 in Hangzhou).
fn demo_id_card() -> anyhow::Result<String> {
    let first17 = "33010619900307002";
    let check =
        IdCardNo::check_char(first17).ok_or_else(|| anyhow::anyhow!("demo ID-card number"))?;
    Ok(format!("{first17}{check}"))
}

/// Seeds the demo class once the demo course is published; does nothing otherwise.
pub async fn seed(state: &AppState, tenant: &TenantRef) -> anyhow::Result<()> {
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant.id)).await?;
    let course: Option<Uuid> = sqlx::query_scalar(
        "select c.course_id from courses c join course_revisions r on r.revision_id = c.live_revision_id
         where c.tenant_id = $1 and r.name = $2 and c.listing = 'published'",
    )
    .bind(tenant.id)
    .bind(DEMO_COURSE)
    .fetch_optional(&mut *tx)
    .await?;
    let exists: bool = sqlx::query_scalar(
        "select exists (select 1 from classes where tenant_id = $1 and name = $2 and deleted_at is null)",
    )
    .bind(tenant.id)
    .bind(DEMO_CLASS)
    .fetch_one(&mut *tx)
    .await?;
    let Some(course) = course.filter(|_| !exists) else {
        return Ok(());
    };
    let admin = acting(&mut tx, tenant, "demo-admin", Role::RegulatorAdmin).await?;
    let head = acting(&mut tx, tenant, "demo-inst-admin", Role::InstitutionAdmin).await?;
    let today = Utc::now().date_naive();
    let year = today.year();
    let starts_on = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
    let ends_on = NaiveDate::from_ymd_opt(year + 1, 12, 31).unwrap_or(today);
    let policy = TrainingPolicy {
        subsidy_rule: "考核合格的从业人员按每人 300 元标准补贴（演示）".into(),
        subsidy_cents_per_trainee: Some(30_000),
        required_study_hours: 1.0,
        exam_required: false,
        pass_score: None,
    };
    let project = projects::create(
        &mut tx,
        &admin,
        &ProjectInput {
            name: format!("{year} 年生产经营单位从业人员安全培训（演示）"),
            training_type: TrainingType::FrontlineWorkers,
            starts_on,
            ends_on,
            description: "演示项目：线上学习安全生产基础知识。".into(),
            policy,
        },
    )
    .await
    .map_err(fail("project"))?;
    let class = classes::create(
        &mut tx,
        &head,
        &ClassInput {
            project_id: project.id,
            name: DEMO_CLASS.into(),
            mode: ClassMode::Online,
            venue: String::new(),
            starts_on: today,
            ends_on,
            capacity: 100,
            lecturer_ids: Vec::new(),
            policy: None,
        },
    )
    .await
    .map_err(fail("class"))?;
    classes::submit(&mut tx, &head, class)
        .await
        .map_err(fail("submit"))?;
    let approve = ReviewRequest {
        decision: Decision::Approve,
        note: "演示：同意开班。".into(),
    };
    classes::review(&mut tx, &admin, class, &approve)
        .await
        .map_err(fail("review"))?;
    let trainee_type: Uuid = sqlx::query_scalar(
        "select trainee_type_id from trainee_types where tenant_id = $1 and code = 'employee'",
    )
    .bind(tenant.id)
    .fetch_one(&mut *tx)
    .await?;
    let trainee = TraineeInput {
        name: "演示学员".into(),
        id_card_no: demo_id_card()?,
        phone: DEMO_TRAINEE_PHONE.into(),
        trainee_type_id: trainee_type,
        enterprise_id: None,
        education: Education::Senior,
    };
    trainees::add(&mut tx, &state.config.keyring, &head, class, &trainee)
        .await
        .map_err(fail("trainee"))?;
    let task = TaskInput {
        name: "安全生产基础知识学习".into(),
        course_ids: vec![course],
        deadline: Utc::now() + Duration::days(90),
        required_hours: 1.0,
    };
    tasks::publish(&mut tx, &head, class, &task)
        .await
        .map_err(fail("task"))?;
    tx.commit().await?;
    tracing::info!(
        class = DEMO_CLASS,
        "demo class seeded with the demo trainee and a task"
    );
    Ok(())
}
