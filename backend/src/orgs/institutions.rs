//! 培训机构 — a training unit signs up with its head account (T-7.2.5a), keeps its contact data,
//! and is listed for the regulator (T-7.2.7e). Its certification versions are in
//! `certification.rs`; what needs certification asks [`certified_member`].

use chrono::{DateTime, Utc};
use shared_types::Role;
use shared_types::account::LoginResponse;
use shared_types::admin::CreateStaffRequest;
use shared_types::ids::CreditCode;
use shared_types::orgs::{
    ContactInput, Institution, InstitutionQuery, InstitutionRef, InstitutionStatus,
    InstitutionSummary, RegisterInstitutionRequest, ReviewStatus,
};
use sqlx::{PgConnection, QueryBuilder};
use uuid::Uuid;

use super::certification;
use crate::config::Config;
use crate::crypto::Keyring;
use crate::db::stored;
use crate::error::{AppError, Text};
use crate::identity::fields::{self, Phone};
use crate::identity::{self, Principal, sms};
use crate::tenancy::TenantRef;
use crate::validate;
use crate::web::ClientInfo;

#[derive(sqlx::FromRow)]
struct InstitutionRow {
    institution_id: Uuid,
    credit_code: String,
    name: String,
    address: String,
    contact_name_enc: Vec<u8>,
    contact_phone_enc: Vec<u8>,
    pii_key_id: String,
    status: String,
    certified_version_id: Option<Uuid>,
    certified_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

const COLUMNS: &str = "institution_id, credit_code, name, address, contact_name_enc, \
    contact_phone_enc, pii_key_id, status, certified_version_id, certified_at, created_at";

pub fn not_found() -> AppError {
    AppError::not_found("机构", "Institution")
}

/// The institution `id` of this tenant, briefly (404 when it is not, or not visible to the caller).
pub async fn institution_ref(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<InstitutionRef, AppError> {
    let row: Option<(String, String, bool)> = sqlx::query_as(
        "select name, status, certified_version_id is not null from institutions
         where tenant_id = $1 and institution_id = $2",
    )
    .bind(tenant_id)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    let (name, status, certified) = row.ok_or_else(not_found)?;
    Ok(InstitutionRef {
        id,
        name,
        status: stored(&status)?,
        certified,
    })
}

/// The caller's institution; institution-side routes refuse accounts without one.
pub fn member_of(p: &Principal) -> Result<Uuid, AppError> {
    p.institution_id.ok_or(AppError::Forbidden)
}

/// The caller's institution when it is certified; else 409 saying what to do.
pub async fn certified_member(conn: &mut PgConnection, p: &Principal) -> Result<Uuid, AppError> {
    let id = member_of(p)?;
    if institution_ref(conn, p.tenant.id, id).await?.certified {
        Ok(id)
    } else {
        Err(AppError::Conflict(Text::new(
            "机构尚未通过认证：请先提交认证资料，待监管部门审核通过后再办理",
            "The institution is not certified yet: submit the certification data and wait for the regulator's approval",
        )))
    }
}

/// A training unit as it signs up; the contact is its head.
pub struct NewInstitution<'a> {
    pub credit_code: &'a CreditCode,
    pub name: &'a str,
    pub address: &'a str,
    pub contact_name: &'a str,
    pub contact_phone: &'a Phone,
}

/// Records a new, uncertified institution.
pub async fn insert(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    new: &NewInstitution<'_>,
) -> Result<Uuid, AppError> {
    let institution_id = Uuid::new_v4();
    sqlx::query(
        "insert into institutions (institution_id, tenant_id, credit_code, name, address,
                                   contact_name_enc, contact_phone_enc, pii_key_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(institution_id)
    .bind(tenant_id)
    .bind(new.credit_code.as_str())
    .bind(new.name)
    .bind(new.address)
    .bind(keyring.seal(new.contact_name)?)
    .bind(keyring.seal(new.contact_phone.as_str())?)
    .bind(keyring.current_key_id())
    .execute(conn)
    .await
    .map_err(|e| {
        crate::db::unique_violation(e, "institutions_tenant_id_credit_code_key", "credit_code")
    })?;
    Ok(institution_id)
}

/// Signs up a training unit and its head (an `institution_admin`), signed in on `device_id`.
/// The head's phone is confirmed by an SMS code sent with purpose `register`.
pub async fn register(
    conn: &mut PgConnection,
    config: &Config,
    tenant: &TenantRef,
    req: &RegisterInstitutionRequest,
    client: &ClientInfo,
) -> Result<LoginResponse, AppError> {
    let keyring = &config.keyring;
    let credit_code = validate::credit_code("credit_code", &req.credit_code)?;
    let name = validate::text("name", &req.name, 2, 100)?;
    let address = validate::text("address", &req.address, 0, 200)?;
    let head_name = fields::person_name("head_name", &req.head_name)?;
    let phone = Phone::parse("phone", &req.phone)?;
    let code = fields::sms_code("code", &req.code)?;
    let username = fields::username("username", &req.username)?;
    fields::check_password("password", &req.password, &[&username, phone.as_str()])?;
    let device_id = fields::device_id("device_id", &req.device_id)?;
    let taken: bool = sqlx::query_scalar(
        "select exists (select 1 from institutions where tenant_id = $1 and credit_code = $2)",
    )
    .bind(tenant.id)
    .bind(credit_code.as_str())
    .fetch_one(&mut *conn)
    .await?;
    if taken {
        return Err(AppError::AlreadyExists {
            field: "credit_code".into(),
        });
    }
    sms::consume(
        conn,
        keyring,
        tenant.id,
        &phone,
        shared_types::account::SmsPurpose::Register,
        &code,
    )
    .await?;
    let institution_id = insert(
        conn,
        keyring,
        tenant.id,
        &NewInstitution {
            credit_code: &credit_code,
            name: &name,
            address: &address,
            contact_name: &head_name,
            contact_phone: &phone,
        },
    )
    .await?;
    let head = identity::create_staff(
        conn,
        keyring,
        tenant,
        &CreateStaffRequest {
            username,
            name: head_name,
            phone: Some(phone.as_str().to_owned()),
            password: req.password.clone(),
            roles: vec![Role::InstitutionAdmin],
            institution_id: Some(institution_id),
        },
    )
    .await?;
    identity::sign_in(conn, config, tenant, head.id, &device_id, client).await
}

async fn row(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    lock: bool,
) -> Result<InstitutionRow, AppError> {
    let sql = format!(
        "select {COLUMNS} from institutions where tenant_id = $1 and institution_id = $2{}",
        if lock { " for update" } else { "" }
    );
    sqlx::query_as(&sql)
        .bind(tenant_id)
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(not_found)
}

/// The institution in full: contact, status, the version in force and the open one.
pub async fn profile(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<Institution, AppError> {
    let row = row(conn, tenant_id, id, false).await?;
    let versions = certification::versions(conn, keyring, tenant_id, id).await?;
    let current = versions
        .iter()
        .find(|v| Some(v.id) == row.certified_version_id)
        .cloned();
    let open = versions
        .iter()
        .find(|v| Some(v.id) != row.certified_version_id)
        .filter(|v| v.status != ReviewStatus::Superseded)
        .filter(|v| v.version_no > current.as_ref().map_or(0, |c| c.version_no))
        .cloned();
    Ok(Institution {
        id: row.institution_id,
        credit_code: row.credit_code,
        name: row.name,
        address: row.address,
        contact_name: keyring.open(&row.pii_key_id, &row.contact_name_enc)?,
        contact_phone: keyring.open(&row.pii_key_id, &row.contact_phone_enc)?,
        status: stored(&row.status)?,
        certified: row.certified_version_id.is_some(),
        certified_at: row.certified_at,
        current,
        open,
        created_at: row.created_at,
    })
}

/// Contact person and phone change without review.
pub async fn set_contact(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    id: Uuid,
    input: &ContactInput,
) -> Result<(), AppError> {
    let name = fields::person_name("contact_name", &input.contact_name)?;
    let phone = Phone::parse("contact_phone", &input.contact_phone)?;
    sqlx::query(
        "update institutions set contact_name_enc = $3, contact_phone_enc = $4, pii_key_id = $5
         where tenant_id = $1 and institution_id = $2",
    )
    .bind(tenant_id)
    .bind(id)
    .bind(keyring.seal(&name)?)
    .bind(keyring.seal(phone.as_str())?)
    .bind(keyring.current_key_id())
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    institution_id: Uuid,
    credit_code: String,
    name: String,
    status: String,
    certified: bool,
    contact_name_enc: Vec<u8>,
    pii_key_id: String,
    qualified_types: Vec<String>,
    submitted_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

/// The regulator's list and review queue: oldest submission first when filtering `pending`,
/// newest institution first otherwise.
pub async fn list(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    q: &InstitutionQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<InstitutionSummary>, i64), AppError> {
    let filter = |qb: &mut QueryBuilder<'_, sqlx::Postgres>| {
        qb.push(" from institutions i where i.tenant_id = ")
            .push_bind(tenant_id);
        if let Some(status) = q.status {
            qb.push(" and i.status = ").push_bind(status.as_str());
        }
        if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            let pattern = crate::db::contains_pattern(text);
            qb.push(" and (i.name like ")
                .push_bind(pattern.clone())
                .push(" or i.credit_code like ")
                .push_bind(pattern.to_ascii_uppercase())
                .push(")");
        }
    };
    let mut count = QueryBuilder::new("select count(*)");
    filter(&mut count);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut select = QueryBuilder::new(
        "select i.institution_id, i.credit_code, i.name, i.status,
                i.certified_version_id is not null as certified, i.contact_name_enc, i.pii_key_id,
                array(select training_type from qualifications x
                      where x.institution_id = i.institution_id and x.status = 'approved'
                      order by training_type) as qualified_types,
                (select max(submitted_at) from institution_certifications c
                  where c.institution_id = i.institution_id) as submitted_at,
                i.created_at",
    );
    filter(&mut select);
    select.push(if q.status == Some(InstitutionStatus::Pending) {
        " order by submitted_at, i.institution_id"
    } else {
        " order by i.created_at desc, i.institution_id"
    });
    select
        .push(" limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    let rows: Vec<SummaryRow> = select.build_query_as().fetch_all(&mut *conn).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            Ok(InstitutionSummary {
                id: r.institution_id,
                credit_code: r.credit_code,
                name: r.name,
                status: stored(&r.status)?,
                certified: r.certified,
                contact_name: keyring.open(&r.pii_key_id, &r.contact_name_enc)?,
                qualified_types: r
                    .qualified_types
                    .iter()
                    .map(|t| stored(t))
                    .collect::<Result<_, _>>()?,
                submitted_at: r.submitted_at,
                created_at: r.created_at,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok((items, total))
}

/// Locks the institution row: certification submissions and reviews of one institution go one
/// at a time.
pub(super) async fn lock(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<(InstitutionStatus, Option<Uuid>), AppError> {
    let row = row(conn, tenant_id, id, true).await?;
    Ok((stored(&row.status)?, row.certified_version_id))
}
