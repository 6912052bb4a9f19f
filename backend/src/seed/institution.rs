//! The demo institution 演示培训中心: the institution accounts of the demo tenant belong to it,
//! and it goes through the real workflow — its head submits certification data with a licence
//! (a PDF the seed renders), `demo-admin` approves it, and it is qualified for the safety-training
//! types — so the institution app can buy courses and open classes at once.

use anyhow::Context;
use shared_types::Role;
use shared_types::catalog::TrainingType;
use shared_types::ids::CreditCode;
use shared_types::media::MediaKind;
use shared_types::orgs::{CertificationInput, Decision, QualificationInput, ReviewRequest};
use sqlx::PgConnection;
use uuid::Uuid;

use super::acting;
use crate::app::AppState;
use crate::archive::pdf::{self, Document};
use crate::crypto::Keyring;
use crate::db::Scope;
use crate::identity::fields::Phone;
use crate::media::import_bytes;
use crate::orgs::{certification, institutions, qualifications};
use crate::tenancy::TenantRef;

pub const DEMO_INSTITUTION: &str = "演示培训中心";
/// The first 17 characters of its unified social credit code; the check character is computed.
const CREDIT_CODE_BASE: &str = "91330100MA2D3M0X1";
const ADDRESS: &str = "浙江省杭州市西湖区文三路 100 号";
const QUALIFIED: [TrainingType; 3] = [
    TrainingType::FrontlineWorkers,
    TrainingType::SafetyManager,
    TrainingType::Principal,
];

fn fail(step: &str) -> impl FnOnce(crate::error::AppError) -> anyhow::Error + '_ {
    move |e| anyhow::anyhow!("demo institution, {step}: {e}")
}

fn credit_code() -> anyhow::Result<CreditCode> {
    let check = CreditCode::check_char(CREDIT_CODE_BASE).context("demo credit code")?;
    CreditCode::parse(&format!("{CREDIT_CODE_BASE}{check}"))
        .map_err(|e| anyhow::anyhow!("demo credit code: {}", e.en))
}

/// The demo institution's id, recorded if new (uncertified until [`certify`]).
pub async fn ensure(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant: &TenantRef,
) -> anyhow::Result<Uuid> {
    let code = credit_code()?;
    let known: Option<Uuid> = sqlx::query_scalar(
        "select institution_id from institutions where tenant_id = $1 and credit_code = $2",
    )
    .bind(tenant.id)
    .bind(code.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = known {
        return Ok(id);
    }
    let phone = Phone::parse("phone", "13800000100").map_err(fail("phone"))?;
    institutions::insert(
        conn,
        keyring,
        tenant.id,
        &institutions::NewInstitution {
            credit_code: &code,
            name: DEMO_INSTITUTION,
            address: ADDRESS,
            contact_name: "演示机构负责人",
            contact_phone: &phone,
        },
    )
    .await
    .map_err(fail("insert"))
}

/// Certifies and qualifies the demo institution unless it is already.
pub async fn certify(state: &AppState, tenant: &TenantRef, id: Uuid) -> anyhow::Result<()> {
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant.id)).await?;
    let head = acting(&mut tx, tenant, "demo-inst-admin", Role::InstitutionAdmin).await?;
    let admin = acting(&mut tx, tenant, "demo-admin", Role::RegulatorAdmin).await?;
    let certified = institutions::institution_ref(&mut tx, tenant.id, id)
        .await
        .map_err(fail("read"))?
        .certified;
    tx.commit().await?;
    if certified {
        return Ok(());
    }
    let licence = pdf::render(&Document {
        title: "营业执照（演示） Business licence (demo)".into(),
        lines: vec![
            ("名称 Name".into(), DEMO_INSTITUTION.into()),
            (
                "统一社会信用代码 Credit code".into(),
                credit_code()?.as_str().into(),
            ),
            ("住所 Address".into(), ADDRESS.into()),
            (
                "法定代表人 Legal representative".into(),
                "演示机构负责人".into(),
            ),
        ],
        footer: vec!["职培云演示数据，非真实证照 Demo data, not a real licence".into()],
    });
    let media = import_bytes(
        state,
        tenant,
        MediaKind::Licence,
        "demo-business-licence.pdf",
        "application/pdf",
        licence,
        head.user_id,
    )
    .await
    .map_err(fail("licence"))?;
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant.id)).await?;
    let input = CertificationInput {
        name: DEMO_INSTITUTION.into(),
        address: ADDRESS.into(),
        legal_representative: "演示机构负责人".into(),
        business_scope: "安全生产培训、职业技能培训（演示）".into(),
        licence_media_id: Some(media.id),
        document_media_ids: Vec::new(),
    };
    certification::submit(&mut tx, &head, &input)
        .await
        .map_err(fail("submit"))?;
    let approve = ReviewRequest {
        decision: Decision::Approve,
        note: "演示：资料齐全。".into(),
    };
    certification::review(&mut tx, &admin, id, &approve)
        .await
        .map_err(fail("review"))?;
    for training_type in QUALIFIED {
        let applied = qualifications::apply(
            &mut tx,
            &head,
            &QualificationInput {
                training_type,
                note: "演示机构的培训资质".into(),
                evidence_media_ids: Vec::new(),
            },
        )
        .await
        .map_err(fail("qualification"))?;
        qualifications::review(&mut tx, &admin, applied.id, &approve)
            .await
            .map_err(fail("qualification review"))?;
    }
    tx.commit().await?;
    tracing::info!(
        institution = DEMO_INSTITUTION,
        "demo institution certified and qualified"
    );
    Ok(())
}
