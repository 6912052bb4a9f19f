//! 开票 — an institution requests an invoice for a paid order (title, tax number); regulator staff
//! (or the platform) issue it with the invoice number and its PDF, or reject it with a reason.
//! requested → issued | rejected.

use chrono::{DateTime, Utc};
use shared_types::commerce::{
    Invoice, InvoiceQuery, InvoiceRequestInput, InvoiceStatus, IssueInvoiceRequest,
};
use shared_types::media::MediaKind;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use crate::db::stored;
use crate::error::{AppError, Text};
use crate::identity::Principal;
use crate::media::access::check_attachments;
use crate::{orgs, validate};

fn not_found() -> AppError {
    AppError::not_found("发票申请", "Invoice request")
}

/// 纳税人识别号: a unified social credit code (checked), or an older 15 or 20-character number.
fn tax_no(raw: &str) -> Result<String, AppError> {
    let value = raw.trim().to_ascii_uppercase();
    let shape = matches!(value.len(), 15 | 18 | 20)
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
    if !shape {
        return Err(AppError::invalid(
            "tax_no",
            "纳税人识别号须为 15、18 或 20 位数字与大写字母",
            "must be a 15, 18 or 20-character taxpayer number",
        ));
    }
    if value.len() == 18 {
        validate::credit_code("tax_no", &value)?;
    }
    Ok(value)
}

fn email(raw: &str) -> Result<String, AppError> {
    let value = raw.trim();
    let ok = value.is_empty()
        || (value.len() <= 100
            && value
                .split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.')));
    if ok {
        Ok(value.to_owned())
    } else {
        Err(AppError::invalid(
            "email",
            "邮箱格式不正确",
            "is not an e-mail address",
        ))
    }
}

/// Requests the invoice of a paid order of the caller's institution (one per order).
pub async fn request(
    conn: &mut PgConnection,
    p: &Principal,
    input: &InvoiceRequestInput,
) -> Result<Invoice, AppError> {
    let institution_id = orgs::member_of(p)?;
    let title = validate::text("title", &input.title, 2, 100)?;
    let tax_no = tax_no(&input.tax_no)?;
    let email = email(&input.email)?;
    let order: Option<(String, i64)> = sqlx::query_as(
        "select status, total_cents from course_orders where tenant_id = $1 and order_id = $2 and institution_id = $3",
    )
    .bind(p.tenant.id)
    .bind(input.order_id)
    .bind(institution_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (status, amount) = order
        .ok_or_else(|| AppError::invalid("order_id", "订单不存在", "is not one of your orders"))?;
    if status != "paid" {
        return Err(AppError::invalid(
            "order_id",
            "只有已支付的订单可以开票",
            "only paid orders can be invoiced",
        ));
    }
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into invoice_requests (invoice_id, tenant_id, institution_id, order_id, title, tax_no, email,
                                       amount_cents, requested_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(p.tenant.id)
    .bind(institution_id)
    .bind(input.order_id)
    .bind(title)
    .bind(tax_no)
    .bind(email)
    .bind(amount)
    .bind(p.user_id)
    .execute(&mut *conn)
    .await
    .map_err(|e| crate::db::unique_violation(e, "invoice_requests_order_id_key", "order_id"))?;
    get(conn, p, id).await
}

#[derive(sqlx::FromRow)]
struct Row {
    invoice_id: Uuid,
    order_id: Uuid,
    order_no: String,
    institution_name: String,
    title: String,
    tax_no: String,
    email: String,
    amount_cents: i64,
    status: String,
    invoice_no: Option<String>,
    has_file: bool,
    reject_reason: String,
    requested_at: DateTime<Utc>,
    handled_at: Option<DateTime<Utc>>,
}

const SELECT: &str =
    "select n.invoice_id, n.order_id, o.order_no, i.name as institution_name, n.title,
        n.tax_no, n.email, n.amount_cents, n.status, n.invoice_no,
        n.invoice_media_id is not null as has_file, n.reject_reason, n.requested_at, n.handled_at
    from invoice_requests n join course_orders o on o.order_id = n.order_id
    join institutions i on i.institution_id = n.institution_id";

fn to_invoice(r: Row) -> Result<Invoice, AppError> {
    Ok(Invoice {
        id: r.invoice_id,
        order_id: r.order_id,
        order_no: r.order_no,
        institution_name: r.institution_name,
        title: r.title,
        tax_no: r.tax_no,
        email: r.email,
        amount_cents: r.amount_cents,
        status: stored(&r.status)?,
        invoice_no: r.invoice_no,
        has_file: r.has_file,
        reject_reason: r.reject_reason,
        requested_at: r.requested_at,
        handled_at: r.handled_at,
    })
}

pub async fn get(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<Invoice, AppError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "{SELECT} where n.tenant_id = $1 and n.invoice_id = $2 and ($3::uuid is null or n.institution_id = $3)"
    ))
    .bind(p.tenant.id)
    .bind(id)
    .bind(p.institution_id)
    .fetch_optional(conn)
    .await?;
    to_invoice(row.ok_or_else(not_found)?)
}

fn filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, p: &Principal, q: &'a InvoiceQuery) {
    qb.push(" where n.tenant_id = ").push_bind(p.tenant.id);
    if let Some(id) = p.institution_id {
        qb.push(" and n.institution_id = ").push_bind(id);
    }
    if let Some(status) = q.status {
        qb.push(" and n.status = ").push_bind(status.as_str());
    }
}

/// Invoice requests, oldest first (a queue): the institution's own, or every institution's.
pub async fn list(
    conn: &mut PgConnection,
    p: &Principal,
    q: &InvoiceQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Invoice>, i64), AppError> {
    let mut count = QueryBuilder::new("select count(*) from invoice_requests n");
    filters(&mut count, p, q);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut select = QueryBuilder::new(SELECT);
    filters(&mut select, p, q);
    select
        .push(" order by n.requested_at, n.invoice_id limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    let rows: Vec<Row> = select.build_query_as().fetch_all(conn).await?;
    let items = rows.into_iter().map(to_invoice).collect::<Result<_, _>>()?;
    Ok((items, total))
}

async fn requested(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<(), AppError> {
    let status: Option<String> = sqlx::query_scalar(
        "select status from invoice_requests where tenant_id = $1 and invoice_id = $2 for update",
    )
    .bind(p.tenant.id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let status: InvoiceStatus = stored(&status.ok_or_else(not_found)?)?;
    if status != InvoiceStatus::Requested {
        return Err(AppError::Conflict(Text::new(
            "该发票申请已处理",
            "This invoice request has been handled already",
        )));
    }
    Ok(())
}

/// Marks the request issued with the invoice number and its PDF (a `document` upload).
pub async fn issue(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    req: &IssueInvoiceRequest,
) -> Result<Invoice, AppError> {
    let invoice_no = validate::text("invoice_no", &req.invoice_no, 1, 50)?;
    requested(conn, p, id).await?;
    check_attachments(
        conn,
        p.tenant.id,
        &[req.media_id],
        &[MediaKind::Document],
        None,
        "media_id",
    )
    .await?;
    sqlx::query(
        "update invoice_requests set status = 'issued', invoice_no = $3, invoice_media_id = $4,
                handled_by = $5, handled_at = now()
         where tenant_id = $1 and invoice_id = $2",
    )
    .bind(p.tenant.id)
    .bind(id)
    .bind(invoice_no)
    .bind(req.media_id)
    .bind(p.user_id)
    .execute(&mut *conn)
    .await?;
    get(conn, p, id).await
}

pub async fn reject(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    reason: &str,
) -> Result<Invoice, AppError> {
    let reason = validate::text("reason", reason, 1, 500)?;
    requested(conn, p, id).await?;
    sqlx::query(
        "update invoice_requests set status = 'rejected', reject_reason = $3, handled_by = $4, handled_at = now()
         where tenant_id = $1 and invoice_id = $2",
    )
    .bind(p.tenant.id)
    .bind(id)
    .bind(reason)
    .bind(p.user_id)
    .execute(&mut *conn)
    .await?;
    get(conn, p, id).await
}

/// The issued invoice's PDF: (object key, file name).
pub async fn file(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
) -> Result<(String, String), AppError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "select m.object_key, n.invoice_no from invoice_requests n
         join media_assets m on m.media_id = n.invoice_media_id
         where n.tenant_id = $1 and n.invoice_id = $2 and ($3::uuid is null or n.institution_id = $3)",
    )
    .bind(p.tenant.id)
    .bind(id)
    .bind(p.institution_id)
    .fetch_optional(conn)
    .await?;
    let (key, no) = row.ok_or_else(not_found)?;
    Ok((key, format!("invoice-{no}.pdf")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared_types::ids::CreditCode;

    #[test]
    fn tax_numbers_and_emails_are_checked() {
        let first17 = "91330106MA2H7X1K0";
        let code = format!(
            "{first17}{}",
            CreditCode::check_char(first17).unwrap_or('?')
        );
        assert_eq!(tax_no(&code.to_lowercase()).ok(), Some(code));
        assert!(tax_no("330106123456789").is_ok());
        assert!(tax_no("91330106MA2H7X1K0Z").is_err());
        assert!(tax_no("12345").is_err());
        assert!(email("").is_ok());
        assert!(email("finance@example.cn").is_ok());
        assert!(email("finance").is_err());
    }
}
