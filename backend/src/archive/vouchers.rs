//! 电子凭证 (T-7.2.5e): a PDF per paid order and per approved class. Issued by the `voucher` job
//! (queued in the transaction that paid the order or approved the class, so it exists only if
//! that committed): the PDF is rendered, stored under the tenant's prefix, and recorded with its
//! SHA-256 and a 16-character code anyone can verify. Running the job again issues nothing new.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use shared_types::archive::{Voucher, VoucherKind, VoucherVerification};
use sqlx::PgConnection;
use uuid::Uuid;

use super::pdf::{self, Document};
use crate::app::AppState;
use crate::db::{Scope, stored};
use crate::error::AppError;
use crate::identity::Principal;
use crate::jobs::{self, JobKind};
use crate::storage::tenant_key;

/// What a voucher is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Subject {
    Order(Uuid),
    Class(Uuid),
}

const CODE_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

fn new_code() -> String {
    let mut rng = rand::thread_rng();
    (0..16)
        .map(|_| CODE_CHARS[rng.gen_range(0..CODE_CHARS.len())] as char)
        .collect()
}

/// Queues the voucher of `subject` in the caller's transaction.
pub async fn enqueue(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    subject: Subject,
) -> Result<(), AppError> {
    jobs::enqueue(conn, tenant_id, JobKind::Voucher, &json!(subject)).await?;
    Ok(())
}

pub fn describe(payload: &Value) -> String {
    match serde_json::from_value::<Subject>(payload.clone()) {
        Ok(Subject::Order(id)) => format!("电子凭证 voucher: order {id}"),
        Ok(Subject::Class(id)) => format!("电子凭证 voucher: class {id}"),
        Err(_) => "电子凭证 voucher".into(),
    }
}

/// What the PDF says, read in the tenant's transaction.
struct Facts {
    institution_id: Uuid,
    institution_name: String,
    subject_no: String,
    title: String,
    lines: Vec<(String, String)>,
}

fn money(cents: i64) -> String {
    format!("¥{}.{:02}", cents / 100, cents % 100)
}

async fn order_facts(conn: &mut PgConnection, id: Uuid) -> anyhow::Result<Facts> {
    let (institution_id, institution_name, order_no, total, paid_at): (
        Uuid,
        String,
        String,
        i64,
        Option<DateTime<Utc>>,
    ) = sqlx::query_as(
        "select o.institution_id, i.name, o.order_no, o.total_cents, o.paid_at
         from course_orders o join institutions i on i.institution_id = o.institution_id
         where o.order_id = $1 and o.status = 'paid'",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await
    .context("paid order of the voucher")?;
    let lines: Vec<(String, String, i32)> = sqlx::query_as(
        "select course_no, course_name, seats from course_order_lines where order_id = $1 order by course_no",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    let mut rows = vec![
        ("购买单位 Institution".to_owned(), institution_name.clone()),
        ("订单号 Order".to_owned(), order_no.clone()),
    ];
    rows.extend(lines.into_iter().map(|(no, name, seats)| {
        (
            format!("课程 {no}"),
            format!("{name} × {seats} 个名额 seats"),
        )
    }));
    rows.push(("金额 Amount".into(), money(total)));
    if let Some(paid) = paid_at {
        rows.push((
            "支付时间 Paid".into(),
            paid.format("%Y-%m-%d %H:%M UTC").to_string(),
        ));
    }
    Ok(Facts {
        institution_id,
        institution_name,
        subject_no: order_no,
        title: "购课凭证 Course purchase voucher".into(),
        lines: rows,
    })
}

async fn class_facts(conn: &mut PgConnection, id: Uuid) -> anyhow::Result<Facts> {
    let (institution_id, institution_name, class_no, name, project, starts, ends, capacity): (
        Uuid,
        String,
        String,
        String,
        String,
        NaiveDate,
        NaiveDate,
        i32,
    ) = sqlx::query_as(
        "select c.institution_id, i.name, c.class_no, c.name, p.name, c.starts_on, c.ends_on, c.capacity
         from classes c join institutions i on i.institution_id = c.institution_id
         join training_projects p on p.project_id = c.project_id
         where c.class_id = $1 and c.status in ('approved', 'closed')",
    )
    .bind(id)
    .fetch_one(conn)
    .await
    .context("approved class of the voucher")?;
    Ok(Facts {
        institution_id,
        institution_name: institution_name.clone(),
        subject_no: class_no.clone(),
        title: "开班凭证 Class approval voucher".into(),
        lines: vec![
            ("培训机构 Institution".into(), institution_name),
            ("班级编号 Class".into(), class_no),
            ("班级名称 Name".into(), name),
            ("培训项目 Project".into(), project),
            ("培训时间 Period".into(), format!("{starts} — {ends}")),
            ("计划人数 Capacity".into(), capacity.to_string()),
        ],
    })
}

/// The `voucher` job: renders, stores and records the voucher unless it exists.
pub async fn run(state: &AppState, tenant_id: Uuid, payload: &Value) -> anyhow::Result<()> {
    let subject: Subject = serde_json::from_value(payload.clone()).context("voucher payload")?;
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant_id)).await?;
    let exists: bool = sqlx::query_scalar(
        "select exists (select 1 from vouchers where order_id = $1 or class_id = $1)",
    )
    .bind(match subject {
        Subject::Order(id) | Subject::Class(id) => id,
    })
    .fetch_one(&mut *tx)
    .await?;
    if exists {
        return Ok(());
    }
    let (site, site_name): (String, String) =
        sqlx::query_as("select code, name from tenants where tenant_id = $1")
            .bind(tenant_id)
            .fetch_one(&mut *tx)
            .await?;
    let (kind, facts) = match subject {
        Subject::Order(id) => (VoucherKind::Order, order_facts(&mut tx, id).await?),
        Subject::Class(id) => (VoucherKind::Class, class_facts(&mut tx, id).await?),
    };
    let voucher_id = Uuid::new_v4();
    let code = new_code();
    let issued_at = Utc::now();
    let mut lines = facts.lines.clone();
    lines.push((
        "签发时间 Issued".into(),
        issued_at.format("%Y-%m-%d %H:%M UTC").to_string(),
    ));
    let bytes = pdf::render(&Document {
        title: facts.title.clone(),
        lines,
        footer: vec![
            format!("{site_name} · 职培云 Zhipei"),
            format!("验证码 Verification code: {code}"),
            format!("核验 Verify: GET /api/v1/vouchers/verify/{code} (X-Tenant: {site})"),
        ],
    });
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let key = tenant_key(&site, &["vouchers", &format!("{voucher_id}.pdf")])?;
    state.storage.put(&key, "application/pdf", bytes).await?;
    let (order_id, class_id) = match subject {
        Subject::Order(id) => (Some(id), None),
        Subject::Class(id) => (None, Some(id)),
    };
    sqlx::query(
        "insert into vouchers (voucher_id, tenant_id, institution_id, kind, order_id, class_id, code,
                               subject_no, title, object_key, sha256, issued_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         on conflict do nothing",
    )
    .bind(voucher_id)
    .bind(tenant_id)
    .bind(facts.institution_id)
    .bind(kind.as_str())
    .bind(order_id)
    .bind(class_id)
    .bind(&code)
    .bind(&facts.subject_no)
    .bind(&facts.title)
    .bind(&key)
    .bind(&sha256)
    .bind(issued_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(%voucher_id, institution = %facts.institution_name, "voucher issued");
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    voucher_id: Uuid,
    kind: String,
    code: String,
    institution_name: String,
    subject_no: String,
    title: String,
    sha256: String,
    issued_at: DateTime<Utc>,
}

const SELECT: &str =
    "select v.voucher_id, v.kind, v.code, i.name as institution_name, v.subject_no,
        v.title, v.sha256, v.issued_at
    from vouchers v join institutions i on i.institution_id = v.institution_id";

fn to_voucher(r: Row) -> Result<Voucher, AppError> {
    Ok(Voucher {
        id: r.voucher_id,
        kind: stored(&r.kind)?,
        code: r.code,
        institution_name: r.institution_name,
        subject_no: r.subject_no,
        title: r.title,
        sha256: r.sha256,
        issued_at: r.issued_at,
    })
}

/// The caller's institution's vouchers (regulator staff: every institution's), newest first.
pub async fn list(conn: &mut PgConnection, p: &Principal) -> Result<Vec<Voucher>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} where v.tenant_id = $1 and ($2::uuid is null or v.institution_id = $2)
         order by v.issued_at desc limit 500"
    ))
    .bind(p.tenant.id)
    .bind(p.institution_id)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(to_voucher).collect()
}

/// The stored PDF of voucher `id`: (object key, file name).
pub async fn file(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
) -> Result<(String, String), AppError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "select object_key, subject_no from vouchers
         where tenant_id = $1 and voucher_id = $2 and ($3::uuid is null or institution_id = $3)",
    )
    .bind(p.tenant.id)
    .bind(id)
    .bind(p.institution_id)
    .fetch_optional(conn)
    .await?;
    let (key, subject_no) = row.ok_or_else(|| AppError::not_found("电子凭证", "Voucher"))?;
    Ok((key, format!("voucher-{subject_no}.pdf")))
}

/// Whether `code` is a voucher of this tenant, and what it says.
pub async fn verify(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    code: &str,
) -> Result<VoucherVerification, AppError> {
    let code = code.trim().to_ascii_uppercase();
    let row: Option<Row> =
        sqlx::query_as(&format!("{SELECT} where v.tenant_id = $1 and v.code = $2"))
            .bind(tenant_id)
            .bind(&code)
            .fetch_optional(conn)
            .await?;
    let voucher = row.map(to_voucher).transpose()?;
    Ok(VoucherVerification {
        valid: voucher.is_some(),
        voucher,
    })
}

/// The voucher issued for `subject`, once the job has run.
pub async fn issued_for(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    subject: Subject,
) -> Result<Option<Uuid>, AppError> {
    let (order_id, class_id) = match subject {
        Subject::Order(id) => (Some(id), None),
        Subject::Class(id) => (None, Some(id)),
    };
    Ok(sqlx::query_scalar(
        "select voucher_id from vouchers where tenant_id = $1 and (order_id = $2 or class_id = $3)",
    )
    .bind(tenant_id)
    .bind(order_id)
    .bind(class_id)
    .fetch_optional(conn)
    .await?)
}
