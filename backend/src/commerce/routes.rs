//! Purchase routes: an institution's orders, inventory and invoices (`shop`), and the regulator's
//! view of every order and the invoice desk (`invoices`).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use shared_types::ApiError;
use shared_types::commerce::{
    CreateOrderRequest, Invoice, InvoiceQuery, InvoiceRequestInput, IssueInvoiceRequest, Order,
    OrderQuery, PaymentResult, SeatInventory,
};
use shared_types::orgs::ReasonRequest;
use shared_types::page::{Page, PageQuery};
use uuid::Uuid;

use super::{invoices, orders, seats};
use crate::app::AppState;
use crate::archive::presigned_redirect;
use crate::authz::guarded;
use crate::error::{AppError, Lang};
use crate::identity::Principal;
use crate::orgs;
use crate::web::{ApiJson, ApiQuery};

pub fn router(state: &AppState) -> Router<AppState> {
    let shop = Router::new()
        .route("/api/v1/orders", get(list_orders).post(create_order))
        .route("/api/v1/orders/{id}", get(show_order))
        .route("/api/v1/orders/{id}/pay", post(pay))
        .route("/api/v1/orders/{id}/cancel", post(cancel))
        .route("/api/v1/inventory", get(inventory))
        .route("/api/v1/invoices", get(list_invoices).post(request_invoice))
        .route("/api/v1/invoices/{id}/file", get(invoice_file));
    let desk = Router::new()
        .route("/api/v1/admin/orders", get(admin_orders))
        .route("/api/v1/admin/invoices", get(admin_invoices))
        .route("/api/v1/admin/invoices/{id}/issue", post(issue_invoice))
        .route("/api/v1/admin/invoices/{id}/reject", post(reject_invoice))
        .route("/api/v1/admin/invoices/{id}/file", get(admin_invoice_file));
    guarded(state, "shop", shop).merge(guarded(state, "invoices", desk))
}

/// Places an order for seats of published on-demand courses (needs certification).
#[utoipa::path(post, path = "/api/v1/orders", tag = "commerce", request_body = CreateOrderRequest,
    responses((status = 201, body = Order), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create_order(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(req): ApiJson<CreateOrderRequest>,
) -> Result<(StatusCode, Json<Order>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let order = orders::create(&mut tx, &p, &req).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(order)))
}

/// The institution's orders, newest first.
#[utoipa::path(get, path = "/api/v1/orders", tag = "commerce", params(OrderQuery),
    responses((status = 200, body = Page<Order>)))]
pub async fn list_orders(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<OrderQuery>,
) -> Result<Json<Page<Order>>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) = orders::list(&mut tx, &p, &q, paging.limit(), paging.offset()).await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

#[utoipa::path(get, path = "/api/v1/orders/{id}", tag = "commerce", params(("id" = Uuid, Path)),
    responses((status = 200, body = Order), (status = 404, body = ApiError)))]
pub async fn show_order(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Order>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let order = orders::get(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(Json(order))
}

/// Pays a pending order; a confirmed payment puts the seats in the inventory and queues the
/// voucher. The dev provider's label says it only simulates.
#[utoipa::path(post, path = "/api/v1/orders/{id}/pay", tag = "commerce", params(("id" = Uuid, Path)),
    responses((status = 200, body = PaymentResult), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn pay(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
) -> Result<Json<PaymentResult>, AppError> {
    let lang = Lang::from_accept_language(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let result = orders::pay(&mut tx, state.payments.as_deref(), lang, &p, id).await?;
    tx.commit().await?;
    Ok(Json(result))
}

#[utoipa::path(post, path = "/api/v1/orders/{id}/cancel", tag = "commerce", params(("id" = Uuid, Path)),
    responses((status = 200, body = Order), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn cancel(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Order>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let order = orders::cancel(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(Json(order))
}

/// The institution's seats per course: purchased, used, remaining.
#[utoipa::path(get, path = "/api/v1/inventory", tag = "commerce",
    responses((status = 200, body = Vec<SeatInventory>)))]
pub async fn inventory(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<SeatInventory>>, AppError> {
    let institution_id = orgs::member_of(&p)?;
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let items = seats::inventory(&mut tx, p.tenant.id, institution_id).await?;
    tx.commit().await?;
    Ok(Json(items))
}

/// The institution's invoice requests, oldest first.
#[utoipa::path(get, path = "/api/v1/invoices", tag = "commerce", params(InvoiceQuery),
    responses((status = 200, body = Page<Invoice>)))]
pub async fn list_invoices(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<InvoiceQuery>,
) -> Result<Json<Page<Invoice>>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) = invoices::list(&mut tx, &p, &q, paging.limit(), paging.offset()).await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

#[utoipa::path(post, path = "/api/v1/invoices", tag = "commerce", request_body = InvoiceRequestInput,
    responses((status = 201, body = Invoice), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn request_invoice(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(input): ApiJson<InvoiceRequestInput>,
) -> Result<(StatusCode, Json<Invoice>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let invoice = invoices::request(&mut tx, &p, &input).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(invoice)))
}

/// The issued invoice's PDF: a redirect to a presigned URL valid for 10 minutes.
#[utoipa::path(get, path = "/api/v1/invoices/{id}/file", tag = "commerce", params(("id" = Uuid, Path)),
    responses((status = 307, description = "to the presigned PDF"), (status = 404, body = ApiError)))]
pub async fn invoice_file(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (key, name) = invoices::file(&mut tx, &p, id).await?;
    tx.commit().await?;
    presigned_redirect(&state, &key, "application/pdf", &name).await
}

#[utoipa::path(post, path = "/api/v1/admin/invoices/{id}/issue", tag = "commerce", params(("id" = Uuid, Path)),
    request_body = IssueInvoiceRequest,
    responses((status = 200, body = Invoice), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn issue_invoice(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<IssueInvoiceRequest>,
) -> Result<Json<Invoice>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let invoice = invoices::issue(&mut tx, &p, id, &req).await?;
    tx.commit().await?;
    Ok(Json(invoice))
}

#[utoipa::path(post, path = "/api/v1/admin/invoices/{id}/reject", tag = "commerce", params(("id" = Uuid, Path)),
    request_body = ReasonRequest,
    responses((status = 200, body = Invoice), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn reject_invoice(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<ReasonRequest>,
) -> Result<Json<Invoice>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let invoice = invoices::reject(&mut tx, &p, id, &req.reason).await?;
    tx.commit().await?;
    Ok(Json(invoice))
}

/// Every institution's orders, newest first (regulator staff).
#[utoipa::path(get, path = "/api/v1/admin/orders", tag = "commerce", params(OrderQuery),
    responses((status = 200, body = Page<Order>), (status = 403, body = ApiError)))]
pub async fn admin_orders(
    state: State<AppState>,
    p: Extension<Principal>,
    q: ApiQuery<OrderQuery>,
) -> Result<Json<Page<Order>>, AppError> {
    list_orders(state, p, q).await
}

/// Every institution's invoice requests, oldest first (the regulator's invoice desk).
#[utoipa::path(get, path = "/api/v1/admin/invoices", tag = "commerce", params(InvoiceQuery),
    responses((status = 200, body = Page<Invoice>), (status = 403, body = ApiError)))]
pub async fn admin_invoices(
    state: State<AppState>,
    p: Extension<Principal>,
    q: ApiQuery<InvoiceQuery>,
) -> Result<Json<Page<Invoice>>, AppError> {
    list_invoices(state, p, q).await
}

/// An issued invoice's PDF for regulator staff: a redirect to a presigned URL (10 minutes).
#[utoipa::path(get, path = "/api/v1/admin/invoices/{id}/file", tag = "commerce", params(("id" = Uuid, Path)),
    responses((status = 307, description = "to the presigned PDF"), (status = 404, body = ApiError)))]
pub async fn admin_invoice_file(
    state: State<AppState>,
    p: Extension<Principal>,
    id: Path<Uuid>,
) -> Result<Response, AppError> {
    invoice_file(state, p, id).await
}
