//! Course purchase (课程购买, T-7.2.5c): orders for seats of on-demand courses, payment, the seat
//! inventory per institution and course, and invoice requests (开票).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::wire_enum;

wire_enum! {
    /// pending → paid, or pending → cancelled. A paid order is final.
    pub enum OrderStatus {
        Pending = ("pending", "待支付", "Awaiting payment"),
        Paid = ("paid", "已支付", "Paid"),
        Cancelled = ("cancelled", "已取消", "Cancelled"),
    }
}

/// One course of an order: `seats` places at the course's seat price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OrderLineInput {
    pub course_id: Uuid,
    pub seats: u32,
}

/// `POST /api/v1/orders` — published on-demand courses with a seat price; each course once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreateOrderRequest {
    pub lines: Vec<OrderLineInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OrderLine {
    pub course_id: Uuid,
    pub course_no: String,
    pub course_name: String,
    pub seats: i32,
    pub unit_price_cents: i64,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Order {
    pub id: Uuid,
    /// `DEMO-O-20261201-000001`
    pub order_no: String,
    pub institution_id: Uuid,
    pub institution_name: String,
    pub status: OrderStatus,
    pub lines: Vec<OrderLine>,
    pub total_cents: i64,
    /// The payment provider that confirmed the order (`dev` = simulated, development only).
    pub payment_provider: Option<String>,
    pub payment_ref: Option<String>,
    pub created_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The electronic voucher issued when the order was paid.
    pub voucher_id: Option<Uuid>,
    /// The invoice request made for this order, if any.
    pub invoice_id: Option<Uuid>,
}

/// `GET /api/v1/orders?status=&institution_id=&page=&per_page=`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct OrderQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
    /// Regulator staff only; institutions always see their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

wire_enum! {
    pub enum PaymentState {
        /// The provider confirmed the payment; the seats are in the inventory.
        Confirmed = ("confirmed", "已确认", "Confirmed"),
        /// The payer must finish at `pay_url`; the provider notifies the server.
        AwaitingPayer = ("awaiting_payer", "等待付款", "Awaiting the payer"),
    }
}

/// The answer of `POST /api/v1/orders/{id}/pay`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PaymentResult {
    pub provider: String,
    /// Shown to the user: the dev provider says it only simulates a payment.
    pub provider_label: String,
    pub state: PaymentState,
    pub pay_url: Option<String>,
    pub order: Order,
}

/// The seats an institution holds of one course (剩余名额).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SeatInventory {
    pub course_id: Uuid,
    pub course_no: String,
    pub course_name: String,
    pub purchased: i32,
    pub used: i32,
    pub remaining: i32,
}

wire_enum! {
    pub enum InvoiceStatus {
        Requested = ("requested", "待开票", "Requested"),
        Issued = ("issued", "已开票", "Issued"),
        Rejected = ("rejected", "已驳回", "Rejected"),
    }
}

/// `POST /api/v1/invoices` — one invoice per paid order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct InvoiceRequestInput {
    pub order_id: Uuid,
    /// 发票抬头
    pub title: String,
    /// 纳税人识别号 — a unified social credit code for organisations.
    pub tax_no: String,
    #[serde(default)]
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Invoice {
    pub id: Uuid,
    pub order_id: Uuid,
    pub order_no: String,
    pub institution_name: String,
    pub title: String,
    pub tax_no: String,
    pub email: String,
    pub amount_cents: i64,
    pub status: InvoiceStatus,
    /// 发票号码, once issued.
    pub invoice_no: Option<String>,
    /// Download through `GET /api/v1/invoices/{id}/file` once issued.
    pub has_file: bool,
    pub reject_reason: String,
    pub requested_at: DateTime<Utc>,
    pub handled_at: Option<DateTime<Utc>>,
}

/// `POST /api/v1/invoices/{id}/issue` (regulator): the invoice number and the PDF (a `document`
/// upload).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct IssueInvoiceRequest {
    pub invoice_no: String,
    pub media_id: Uuid,
}

/// `GET /api/v1/invoices?status=&page=&per_page=`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct InvoiceQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<InvoiceStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}
