//! Regulator administration: staff accounts, the audit trail, tenant settings, and the platform
//! operator's tenants.

use gloo_net::http::Method;
use shared_types::ApiError;
use shared_types::admin::{
    CreateStaffRequest, ResetPasswordRequest, StaffAccount, StaffQuery, UpdateStaffRequest,
};
use shared_types::audit::{AuditEntry, AuditQuery};
use shared_types::page::Page;
use shared_types::tenant::{CreateTenantRequest, Tenant, TenantSettings};
use uuid::Uuid;

use super::{call, call_empty, get, with_query};

/// `GET /api/v1/admin/accounts`
pub async fn list_staff(query: &StaffQuery) -> Result<Page<StaffAccount>, ApiError> {
    get(&with_query("/api/v1/admin/accounts", query)).await
}

/// `GET /api/v1/admin/accounts/{id}`
pub async fn get_staff(id: Uuid) -> Result<StaffAccount, ApiError> {
    get(&format!("/api/v1/admin/accounts/{id}")).await
}

/// `POST /api/v1/admin/accounts`
pub async fn create_staff(req: &CreateStaffRequest) -> Result<StaffAccount, ApiError> {
    call(Method::POST, "/api/v1/admin/accounts", req).await
}

/// `PATCH /api/v1/admin/accounts/{id}`
pub async fn update_staff(id: Uuid, req: &UpdateStaffRequest) -> Result<StaffAccount, ApiError> {
    call(Method::PATCH, &format!("/api/v1/admin/accounts/{id}"), req).await
}

/// `DELETE /api/v1/admin/accounts/{id}`
pub async fn delete_staff(id: Uuid) -> Result<(), ApiError> {
    call_empty(
        Method::DELETE,
        &format!("/api/v1/admin/accounts/{id}"),
        None::<&()>,
    )
    .await
}

/// `POST /api/v1/admin/accounts/{id}/password`
pub async fn reset_staff_password(id: Uuid, req: &ResetPasswordRequest) -> Result<(), ApiError> {
    call_empty(
        Method::POST,
        &format!("/api/v1/admin/accounts/{id}/password"),
        Some(req),
    )
    .await
}

/// `GET /api/v1/audit`
pub async fn audit(query: &AuditQuery) -> Result<Page<AuditEntry>, ApiError> {
    get(&with_query("/api/v1/audit", query)).await
}

/// `GET /api/v1/tenant/settings`
pub async fn tenant_settings() -> Result<TenantSettings, ApiError> {
    get("/api/v1/tenant/settings").await
}

/// `PATCH /api/v1/tenant/settings`
pub async fn update_tenant_settings(settings: &TenantSettings) -> Result<TenantSettings, ApiError> {
    call(Method::PATCH, "/api/v1/tenant/settings", settings).await
}

/// `GET /api/v1/platform/tenants`
pub async fn list_tenants() -> Result<Vec<Tenant>, ApiError> {
    get("/api/v1/platform/tenants").await
}

/// `POST /api/v1/platform/tenants`
pub async fn create_tenant(req: &CreateTenantRequest) -> Result<Tenant, ApiError> {
    call(Method::POST, "/api/v1/platform/tenants", req).await
}
