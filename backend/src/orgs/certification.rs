//! 机构认证 — certification data kept in versions, each reviewed by the regulator (T-7.2.5b,
//! T-7.2.7e). A certified institution that edits its data submits a new version; the approved one
//! stays in force until the new one is approved. Every version and its review stay on record.

use chrono::{DateTime, Utc};
use shared_types::media::MediaKind;
use shared_types::orgs::{
    Certification, CertificationInput, Decision, InstitutionStatus, ReviewRequest, ReviewStatus,
};
use sqlx::PgConnection;
use uuid::Uuid;

use super::institutions;
use crate::crypto::Keyring;
use crate::db::stored;
use crate::error::{AppError, Text};
use crate::identity::{Principal, people};
use crate::media::access::check_attachments;
use crate::validate;

/// Further documents beyond the business licence.
const MAX_DOCUMENTS: usize = 10;

#[derive(sqlx::FromRow)]
struct VersionRow {
    version_id: Uuid,
    version_no: i32,
    status: String,
    name: String,
    address: String,
    legal_representative: String,
    business_scope: String,
    licence_media_id: Uuid,
    document_media_ids: Vec<Uuid>,
    submitted_by: Uuid,
    submitted_at: DateTime<Utc>,
    reviewed_by: Option<Uuid>,
    reviewed_at: Option<DateTime<Utc>>,
    review_note: String,
}

/// Every version of the institution's certification data, newest first.
pub async fn versions(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    institution_id: Uuid,
) -> Result<Vec<Certification>, AppError> {
    let rows: Vec<VersionRow> = sqlx::query_as(
        "select version_id, version_no, status, name, address, legal_representative, business_scope,
                licence_media_id, document_media_ids, submitted_by, submitted_at, reviewed_by,
                reviewed_at, review_note
         from institution_certifications where tenant_id = $1 and institution_id = $2
         order by version_no desc",
    )
    .bind(tenant_id)
    .bind(institution_id)
    .fetch_all(&mut *conn)
    .await?;
    let people: Vec<Uuid> = rows
        .iter()
        .flat_map(|r| [Some(r.submitted_by), r.reviewed_by])
        .flatten()
        .collect();
    let names = people::names(conn, keyring, tenant_id, &people).await?;
    rows.into_iter()
        .map(|r| {
            Ok(Certification {
                id: r.version_id,
                version_no: r.version_no,
                status: stored(&r.status)?,
                data: CertificationInput {
                    name: r.name,
                    address: r.address,
                    legal_representative: r.legal_representative,
                    business_scope: r.business_scope,
                    licence_media_id: Some(r.licence_media_id),
                    document_media_ids: r.document_media_ids,
                },
                submitted_by_name: people::name_in(&names, Some(r.submitted_by)),
                submitted_at: r.submitted_at,
                reviewed_by_name: r.reviewed_by.map(|id| people::name_in(&names, Some(id))),
                reviewed_at: r.reviewed_at,
                review_note: r.review_note,
            })
        })
        .collect()
}

/// Submits a new version for review; refused while one is pending.
pub async fn submit(
    conn: &mut PgConnection,
    p: &Principal,
    input: &CertificationInput,
) -> Result<(), AppError> {
    let tenant_id = p.tenant.id;
    let institution_id = institutions::member_of(p)?;
    let (status, _) = institutions::lock(conn, tenant_id, institution_id).await?;
    if status == InstitutionStatus::Pending {
        return Err(AppError::Conflict(Text::new(
            "已有待审核的认证资料，请等待审核结果后再修改",
            "Certification data is already awaiting review; wait for the result before changing it",
        )));
    }
    let name = validate::text("name", &input.name, 2, 100)?;
    let address = validate::text("address", &input.address, 1, 200)?;
    let legal = validate::text("legal_representative", &input.legal_representative, 1, 50)?;
    let scope = validate::text("business_scope", &input.business_scope, 0, 2000)?;
    let licence = input.licence_media_id.ok_or_else(|| {
        AppError::invalid(
            "licence_media_id",
            "须上传营业执照",
            "the business licence is required",
        )
    })?;
    if input.document_media_ids.len() > MAX_DOCUMENTS {
        return Err(AppError::invalid(
            "document_media_ids",
            format!("最多附 {MAX_DOCUMENTS} 份其他材料"),
            format!("at most {MAX_DOCUMENTS} further documents"),
        ));
    }
    let kinds = [MediaKind::Licence];
    let own = Some(institution_id);
    check_attachments(conn, tenant_id, &[licence], &kinds, own, "licence_media_id").await?;
    check_attachments(
        conn,
        tenant_id,
        &input.document_media_ids,
        &kinds,
        own,
        "document_media_ids",
    )
    .await?;
    sqlx::query(
        "insert into institution_certifications
             (version_id, tenant_id, institution_id, version_no, name, address, legal_representative,
              business_scope, licence_media_id, document_media_ids, submitted_by)
         select $1, $2, $3, coalesce(max(version_no), 0) + 1, $4, $5, $6, $7, $8, $9, $10
         from institution_certifications where institution_id = $3",
    )
    .bind(Uuid::new_v4())
    .bind(tenant_id)
    .bind(institution_id)
    .bind(name)
    .bind(address)
    .bind(legal)
    .bind(scope)
    .bind(licence)
    .bind(&input.document_media_ids)
    .bind(p.user_id)
    .execute(&mut *conn)
    .await?;
    set_status(conn, tenant_id, institution_id, InstitutionStatus::Pending).await
}

async fn set_status(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    institution_id: Uuid,
    status: InstitutionStatus,
) -> Result<(), AppError> {
    sqlx::query("update institutions set status = $3 where tenant_id = $1 and institution_id = $2")
        .bind(tenant_id)
        .bind(institution_id)
        .bind(status.as_str())
        .execute(conn)
        .await?;
    Ok(())
}

/// The regulator's decision on the pending version. Approval puts it in force (the previous one
/// `superseded`) and copies its name and address to the institution; a return keeps whatever
/// was in force.
pub async fn review(
    conn: &mut PgConnection,
    p: &Principal,
    institution_id: Uuid,
    req: &ReviewRequest,
) -> Result<(), AppError> {
    let tenant_id = p.tenant.id;
    let note = validate::review_note(req)?;
    let (_, in_force) = institutions::lock(conn, tenant_id, institution_id).await?;
    let pending: Option<(Uuid, String, String)> = sqlx::query_as(
        "select version_id, name, address from institution_certifications
         where tenant_id = $1 and institution_id = $2 and status = 'pending'",
    )
    .bind(tenant_id)
    .bind(institution_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (version_id, name, address) = pending.ok_or_else(|| {
        AppError::Conflict(Text::new(
            "该机构没有待审核的认证资料",
            "This institution has no certification data awaiting review",
        ))
    })?;
    let outcome = match req.decision {
        Decision::Approve => ReviewStatus::Approved,
        Decision::Return => ReviewStatus::Returned,
    };
    sqlx::query(
        "update institution_certifications
         set status = $3, reviewed_by = $4, reviewed_at = now(), review_note = $5
         where tenant_id = $1 and version_id = $2",
    )
    .bind(tenant_id)
    .bind(version_id)
    .bind(outcome.as_str())
    .bind(p.user_id)
    .bind(&note)
    .execute(&mut *conn)
    .await?;
    match req.decision {
        Decision::Approve => {
            sqlx::query(
                "update institution_certifications set status = 'superseded'
                 where tenant_id = $1 and institution_id = $2 and status = 'approved' and version_id <> $3",
            )
            .bind(tenant_id)
            .bind(institution_id)
            .bind(version_id)
            .execute(&mut *conn)
            .await?;
            sqlx::query(
                "update institutions
                 set status = 'certified', certified_version_id = $3, name = $4, address = $5,
                     certified_at = coalesce(certified_at, now())
                 where tenant_id = $1 and institution_id = $2",
            )
            .bind(tenant_id)
            .bind(institution_id)
            .bind(version_id)
            .bind(name)
            .bind(address)
            .execute(&mut *conn)
            .await?;
            Ok(())
        }
        Decision::Return => {
            let status = if in_force.is_some() {
                InstitutionStatus::Certified
            } else {
                InstitutionStatus::Returned
            };
            set_status(conn, tenant_id, institution_id, status).await
        }
    }
}
