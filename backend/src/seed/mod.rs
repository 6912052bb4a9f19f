//! The demo tenant `demo` with one account per role, the demo institution (certified and
//! qualified), the demo course, and a demo class the demo trainee studies in (dev mode only;
//! idempotent).

mod course;
mod institution;
mod training;

use anyhow::Context;
use shared_types::Role;
use shared_types::role::Side;
use shared_types::tenant::CreateTenantRequest;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::Scope;
use crate::error::AppError;
use crate::identity::Principal;
use crate::identity::{StaffSeed, ensure_staff, ensure_trainee};
use crate::tenancy::{self, TenantRef};

pub const DEMO_TENANT: &str = "demo";
pub const DEMO_TRAINEE_PHONE: &str = "13800000001";

const STAFF: [(&str, &str, Role); 9] = [
    ("demo-admin", "演示管理员", Role::RegulatorAdmin),
    ("demo-operator", "演示运营", Role::RegulatorOperator),
    ("demo-viewer", "演示浏览", Role::RegulatorViewer),
    ("demo-expert", "演示专家", Role::Expert),
    ("demo-inst-admin", "演示机构负责人", Role::InstitutionAdmin),
    ("demo-inst-staff", "演示机构职员", Role::InstitutionStaff),
    ("demo-lecturer", "演示讲师", Role::Lecturer),
    ("demo-mentor", "演示导师", Role::Mentor),
    ("demo-platform", "演示平台管理员", Role::PlatformAdmin),
];

pub async fn demo(state: &AppState) -> anyhow::Result<()> {
    let tenant = match tenancy::service::by_code(&state.db, DEMO_TENANT).await {
        Ok(tenant) => tenant,
        Err(AppError::TenantNotFound(_)) => {
            let created = tenancy::service::create(
                &state.db,
                CreateTenantRequest {
                    code: DEMO_TENANT.into(),
                    name: "演示站点".into(),
                    time_zone: None,
                    settings: None,
                },
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            TenantRef {
                id: created.id,
                code: created.code,
                name: created.name,
            }
        }
        Err(other) => return Err(anyhow::anyhow!("{other}")),
    };
    let password = &state.config.demo_password;
    let keyring = &state.config.keyring;
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant.id)).await?;
    let institution_id = institution::ensure(&mut tx, keyring, &tenant).await?;
    let mut created = 0;
    for (username, name, role) in STAFF {
        let seed = StaffSeed {
            username,
            name,
            roles: &[role],
            password,
            institution_id: (role.side() == Side::Institution).then_some(institution_id),
        };
        created += usize::from(
            ensure_staff(&mut tx, keyring, tenant.id, &seed)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?,
        );
    }
    // Demo databases seeded before institutions existed: their institution accounts join it.
    let institution_side: Vec<&str> = STAFF
        .iter()
        .filter(|(_, _, role)| role.side() == Side::Institution)
        .map(|(username, _, _)| *username)
        .collect();
    sqlx::query(
        "update users set institution_id = $3
         where tenant_id = $1 and username = any($2) and institution_id is null",
    )
    .bind(tenant.id)
    .bind(&institution_side)
    .bind(institution_id)
    .execute(&mut *tx)
    .await?;
    created += usize::from(
        ensure_trainee(
            &mut tx,
            keyring,
            tenant.id,
            DEMO_TRAINEE_PHONE,
            "演示学员",
            password,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?,
    );
    tx.commit().await?;
    tracing::info!(tenant = DEMO_TENANT, created, "demo tenant seeded");
    institution::certify(state, &tenant, institution_id).await?;
    if state.config.jobs.workers > 0 {
        course::seed(state, &tenant).await?;
        training::seed(state, &tenant).await?;
    }
    Ok(())
}

/// A demo account acting in one of its roles, as its session would (institution included).
pub(crate) async fn acting(
    conn: &mut PgConnection,
    tenant: &TenantRef,
    username: &str,
    role: Role,
) -> anyhow::Result<Principal> {
    let (user_id, institution_id): (Uuid, Option<Uuid>) = sqlx::query_as(
        "select user_id, institution_id from users where tenant_id = $1 and username = $2",
    )
    .bind(tenant.id)
    .bind(username)
    .fetch_one(conn)
    .await
    .with_context(|| format!("demo account {username}"))?;
    Ok(Principal {
        tenant: tenant.clone(),
        user_id,
        session_id: Uuid::nil(),
        roles: vec![role],
        institution_id,
    })
}
