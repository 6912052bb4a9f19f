//! Course purchase (T-7.2.5c): the institution's orders for seats of on-demand courses, payment,
//! its seat inventory and invoice requests; the regulator's view of every order and the invoice
//! desk (issue with the PDF, or reject). The shop itself is the catalogue with `kind=vod`. Paths
//! as in `docs/training-api.md`, Course purchase.

use gloo_net::http::Method;
use shared_types::ApiError;
use shared_types::commerce::{
    CreateOrderRequest, Invoice, InvoiceQuery, InvoiceRequestInput, IssueInvoiceRequest, Order,
    OrderQuery, PaymentResult, SeatInventory,
};
use shared_types::orgs::ReasonRequest;
use shared_types::page::Page;
use uuid::Uuid;

use super::{call, get, post_without_body, with_query};

/// `POST /api/v1/orders` — a pending order.
pub async fn create_order(req: &CreateOrderRequest) -> Result<Order, ApiError> {
    call(Method::POST, "/api/v1/orders", req).await
}

/// `GET /api/v1/orders` — the institution's.
pub async fn list_orders(query: &OrderQuery) -> Result<Page<Order>, ApiError> {
    get(&with_query("/api/v1/orders", query)).await
}

/// `GET /api/v1/orders/{id}`
pub async fn order(id: Uuid) -> Result<Order, ApiError> {
    get(&format!("/api/v1/orders/{id}")).await
}

/// `POST /api/v1/orders/{id}/pay` — the answer's `provider_label` is for the payer's eyes.
pub async fn pay_order(id: Uuid) -> Result<PaymentResult, ApiError> {
    post_without_body(&format!("/api/v1/orders/{id}/pay")).await
}

/// `POST /api/v1/orders/{id}/cancel` (pending orders only).
pub async fn cancel_order(id: Uuid) -> Result<Order, ApiError> {
    post_without_body(&format!("/api/v1/orders/{id}/cancel")).await
}

/// `GET /api/v1/inventory` — seats held per course.
pub async fn inventory() -> Result<Vec<SeatInventory>, ApiError> {
    get("/api/v1/inventory").await
}

/// `GET /api/v1/invoices` — the institution's.
pub async fn list_invoices(query: &InvoiceQuery) -> Result<Page<Invoice>, ApiError> {
    get(&with_query("/api/v1/invoices", query)).await
}

/// `POST /api/v1/invoices` — one per paid order.
pub async fn request_invoice(req: &InvoiceRequestInput) -> Result<Invoice, ApiError> {
    call(Method::POST, "/api/v1/invoices", req).await
}

/// Where an issued invoice's PDF downloads from (a redirect to a short-lived URL).
pub fn invoice_file_url(id: Uuid) -> String {
    format!("/api/v1/invoices/{id}/file")
}

/// `GET /api/v1/admin/orders` — every institution's.
pub async fn admin_orders(query: &OrderQuery) -> Result<Page<Order>, ApiError> {
    get(&with_query("/api/v1/admin/orders", query)).await
}

/// `GET /api/v1/admin/invoices`
pub async fn admin_invoices(query: &InvoiceQuery) -> Result<Page<Invoice>, ApiError> {
    get(&with_query("/api/v1/admin/invoices", query)).await
}

/// `POST /api/v1/admin/invoices/{id}/issue` — with the uploaded PDF.
pub async fn issue_invoice(id: Uuid, req: &IssueInvoiceRequest) -> Result<Invoice, ApiError> {
    call(
        Method::POST,
        &format!("/api/v1/admin/invoices/{id}/issue"),
        req,
    )
    .await
}

/// `POST /api/v1/admin/invoices/{id}/reject`
pub async fn reject_invoice(id: Uuid, reason: String) -> Result<Invoice, ApiError> {
    call(
        Method::POST,
        &format!("/api/v1/admin/invoices/{id}/reject"),
        &ReasonRequest { reason },
    )
    .await
}

/// The regulator's download of an issued invoice's PDF.
pub fn admin_invoice_file_url(id: Uuid) -> String {
    format!("/api/v1/admin/invoices/{id}/file")
}
