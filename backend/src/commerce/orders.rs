//! 课程订单 — a certified institution orders seats of published on-demand courses at their seat
//! price and pays (T-7.2.5c). pending → paid (seats added to the inventory, a voucher queued) or
//! pending → cancelled; a paid order is final.

use chrono::{DateTime, Utc};
use shared_types::commerce::{
    CreateOrderRequest, Order, OrderLine, OrderQuery, OrderStatus, PaymentResult, PaymentState,
};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::payment::{PaymentProvider, PaymentRequest};
use super::seats;
use crate::archive::vouchers::{self, Subject};
use crate::db::stored;
use crate::error::{AppError, Lang, Text};
use crate::identity::Principal;
use crate::{numbering, orgs};

const MAX_LINES: usize = 20;
const MAX_SEATS: u32 = 100_000;

fn not_found() -> AppError {
    AppError::not_found("订单", "Order")
}

fn state_conflict(zh: &str, en: &str) -> AppError {
    AppError::Conflict(Text::new(zh, en))
}

/// Places a pending order for the caller's (certified) institution.
pub async fn create(
    conn: &mut PgConnection,
    p: &Principal,
    req: &CreateOrderRequest,
) -> Result<Order, AppError> {
    let tenant_id = p.tenant.id;
    let institution_id = orgs::certified_member(conn, p).await?;
    if req.lines.is_empty() || req.lines.len() > MAX_LINES {
        return Err(AppError::invalid(
            "lines",
            format!("须包含 1 到 {MAX_LINES} 门课程"),
            format!("must hold 1 to {MAX_LINES} courses"),
        ));
    }
    let mut lines = Vec::with_capacity(req.lines.len());
    for (i, line) in req.lines.iter().enumerate() {
        if !(1..=MAX_SEATS).contains(&line.seats) {
            return Err(AppError::invalid(
                &format!("lines[{i}].seats"),
                format!("名额须为 1 到 {MAX_SEATS}"),
                format!("must be 1 to {MAX_SEATS} seats"),
            ));
        }
        if req.lines[..i].iter().any(|l| l.course_id == line.course_id) {
            return Err(AppError::invalid(
                &format!("lines[{i}].course_id"),
                "同一课程只能出现一次",
                "lists the same course twice",
            ));
        }
        let course: Option<(String, String, Option<i64>)> = sqlx::query_as(
            "select c.course_no, r.name, r.seat_price_cents from courses c
             join course_revisions r on r.revision_id = c.live_revision_id
             where c.tenant_id = $1 and c.course_id = $2 and c.kind = 'vod' and c.listing = 'published'",
        )
        .bind(tenant_id)
        .bind(line.course_id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some((course_no, name, Some(price))) = course else {
            return Err(AppError::invalid(
                &format!("lines[{i}].course_id"),
                "须为已上架且有名额价格的点播课",
                "must be a published on-demand course with a seat price",
            ));
        };
        let seats = i32::try_from(line.seats).unwrap_or(i32::MAX);
        lines.push((line.course_id, course_no, name, seats, price));
    }
    let total: i64 = lines
        .iter()
        .map(|(_, _, _, seats, price)| i64::from(*seats) * price)
        .sum();
    let order_id = Uuid::new_v4();
    let day = Utc::now().format("%Y%m%d").to_string();
    let order_no = numbering::next(conn, tenant_id, &p.tenant.code, "O", &day, 6).await?;
    sqlx::query(
        "insert into course_orders (order_id, tenant_id, institution_id, order_no, total_cents, created_by)
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(order_id)
    .bind(tenant_id)
    .bind(institution_id)
    .bind(&order_no)
    .bind(total)
    .bind(p.user_id)
    .execute(&mut *conn)
    .await?;
    for (course_id, course_no, name, seats, price) in &lines {
        sqlx::query(
            "insert into course_order_lines (order_id, tenant_id, institution_id, course_id, course_no,
                                             course_name, seats, unit_price_cents)
             values ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(order_id)
        .bind(tenant_id)
        .bind(institution_id)
        .bind(course_id)
        .bind(course_no)
        .bind(name)
        .bind(seats)
        .bind(price)
        .execute(&mut *conn)
        .await?;
    }
    get(conn, p, order_id).await
}

#[derive(sqlx::FromRow)]
struct Row {
    order_id: Uuid,
    order_no: String,
    institution_id: Uuid,
    institution_name: String,
    status: String,
    total_cents: i64,
    payment_provider: Option<String>,
    payment_ref: Option<String>,
    created_at: DateTime<Utc>,
    paid_at: Option<DateTime<Utc>>,
    cancelled_at: Option<DateTime<Utc>>,
    voucher_id: Option<Uuid>,
    invoice_id: Option<Uuid>,
}

const SELECT: &str = "select o.order_id, o.order_no, o.institution_id, i.name as institution_name,
        o.status, o.total_cents, o.payment_provider, o.payment_ref, o.created_at, o.paid_at,
        o.cancelled_at,
        (select v.voucher_id from vouchers v where v.order_id = o.order_id) as voucher_id,
        (select n.invoice_id from invoice_requests n where n.order_id = o.order_id) as invoice_id
    from course_orders o join institutions i on i.institution_id = o.institution_id";

async fn with_lines(conn: &mut PgConnection, rows: Vec<Row>) -> Result<Vec<Order>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.order_id).collect();
    let lines: Vec<(Uuid, Uuid, String, String, i32, i64)> = sqlx::query_as(
        "select order_id, course_id, course_no, course_name, seats, unit_price_cents
         from course_order_lines where order_id = any($1) order by course_no",
    )
    .bind(&ids)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Order {
                lines: lines
                    .iter()
                    .filter(|l| l.0 == r.order_id)
                    .map(|(_, course_id, course_no, name, seats, price)| OrderLine {
                        course_id: *course_id,
                        course_no: course_no.clone(),
                        course_name: name.clone(),
                        seats: *seats,
                        unit_price_cents: *price,
                        amount_cents: i64::from(*seats) * price,
                    })
                    .collect(),
                id: r.order_id,
                order_no: r.order_no,
                institution_id: r.institution_id,
                institution_name: r.institution_name,
                status: stored(&r.status)?,
                total_cents: r.total_cents,
                payment_provider: r.payment_provider,
                payment_ref: r.payment_ref,
                created_at: r.created_at,
                paid_at: r.paid_at,
                cancelled_at: r.cancelled_at,
                voucher_id: r.voucher_id,
                invoice_id: r.invoice_id,
            })
        })
        .collect()
}

/// The order `id` if the caller may see it (an institution: its own).
pub async fn get(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<Order, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} where o.tenant_id = $1 and o.order_id = $2 and ($3::uuid is null or o.institution_id = $3)"
    ))
    .bind(p.tenant.id)
    .bind(id)
    .bind(p.institution_id)
    .fetch_all(&mut *conn)
    .await?;
    with_lines(conn, rows).await?.pop().ok_or_else(not_found)
}

fn filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, p: &Principal, q: &'a OrderQuery) {
    qb.push(" where o.tenant_id = ").push_bind(p.tenant.id);
    if let Some(id) = p.institution_id.or(q.institution_id) {
        qb.push(" and o.institution_id = ").push_bind(id);
    }
    if let Some(status) = q.status {
        qb.push(" and o.status = ").push_bind(status.as_str());
    }
}

/// Orders, newest first: an institution's own, or (regulator) every institution's.
pub async fn list(
    conn: &mut PgConnection,
    p: &Principal,
    q: &OrderQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Order>, i64), AppError> {
    let mut count = QueryBuilder::new("select count(*) from course_orders o");
    filters(&mut count, p, q);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut select = QueryBuilder::new(SELECT);
    filters(&mut select, p, q);
    select
        .push(" order by o.created_at desc, o.order_id limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    let rows: Vec<Row> = select.build_query_as().fetch_all(&mut *conn).await?;
    Ok((with_lines(conn, rows).await?, total))
}

/// Locks the caller's order and checks it is pending.
async fn pending(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<Order, AppError> {
    let institution_id = orgs::member_of(p)?;
    let status: Option<String> = sqlx::query_scalar(
        "select status from course_orders where tenant_id = $1 and order_id = $2 and institution_id = $3 for update",
    )
    .bind(p.tenant.id)
    .bind(id)
    .bind(institution_id)
    .fetch_optional(&mut *conn)
    .await?;
    let status: OrderStatus = stored(&status.ok_or_else(not_found)?)?;
    if status != OrderStatus::Pending {
        return Err(state_conflict(
            "订单已支付或已取消",
            "The order is already paid or cancelled",
        ));
    }
    get(conn, p, id).await
}

/// Pays a pending order through `provider`; a confirmed payment adds the seats at once.
pub async fn pay(
    conn: &mut PgConnection,
    provider: Option<&dyn PaymentProvider>,
    lang: Lang,
    p: &Principal,
    id: Uuid,
) -> Result<PaymentResult, AppError> {
    let provider = provider.ok_or_else(|| {
        state_conflict(
            "本站点尚未配置支付渠道，请联系平台运营方",
            "No payment provider is configured for this site; contact the platform operator",
        )
    })?;
    let order = pending(conn, p, id).await?;
    let start = provider
        .start(&PaymentRequest {
            order_id: order.id,
            order_no: &order.order_no,
            amount_cents: order.total_cents,
        })
        .await?;
    if start.state == PaymentState::Confirmed {
        sqlx::query(
            "update course_orders set status = 'paid', paid_at = now(), payment_provider = $3, payment_ref = $4
             where tenant_id = $1 and order_id = $2",
        )
        .bind(p.tenant.id)
        .bind(id)
        .bind(provider.name())
        .bind(&start.reference)
        .execute(&mut *conn)
        .await?;
        for line in &order.lines {
            seats::credit(
                conn,
                p.tenant.id,
                order.institution_id,
                line.course_id,
                line.seats,
            )
            .await?;
        }
        vouchers::enqueue(conn, p.tenant.id, Subject::Order(id)).await?;
    }
    let label = provider.label();
    Ok(PaymentResult {
        provider: provider.name().to_owned(),
        provider_label: match lang {
            Lang::Zh => label.zh,
            Lang::En => label.en,
        },
        state: start.state,
        pay_url: start.pay_url,
        order: get(conn, p, id).await?,
    })
}

/// Cancels a pending order.
pub async fn cancel(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<Order, AppError> {
    pending(conn, p, id).await?;
    sqlx::query(
        "update course_orders set status = 'cancelled', cancelled_at = now() where tenant_id = $1 and order_id = $2",
    )
    .bind(p.tenant.id)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    get(conn, p, id).await
}
