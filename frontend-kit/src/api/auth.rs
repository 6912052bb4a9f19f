//! Site, sign-up, sign-in and the signed-in user's own account.

use gloo_net::http::Method;
use shared_types::ApiError;
use shared_types::account::{
    ChangePasswordRequest, DevSmsMessage, LoginRequest, LoginResponse, Me, RebindPhoneRequest,
    RegisterRequest, RegisterResponse, SmsCodeRequest, SmsCodeSent, TenantSummary,
};

use super::{call, call_empty, get};

/// `GET /api/v1/site` — the tenant this page belongs to.
pub async fn site() -> Result<TenantSummary, ApiError> {
    get("/api/v1/site").await
}

/// `POST /api/v1/auth/sms-codes`
pub async fn send_sms_code(req: &SmsCodeRequest) -> Result<SmsCodeSent, ApiError> {
    call(Method::POST, "/api/v1/auth/sms-codes", req).await
}

/// `POST /api/v1/auth/register`
pub async fn register(req: &RegisterRequest) -> Result<RegisterResponse, ApiError> {
    call(Method::POST, "/api/v1/auth/register", req).await
}

/// `POST /api/v1/auth/login`
pub async fn login(req: &LoginRequest) -> Result<LoginResponse, ApiError> {
    call(Method::POST, "/api/v1/auth/login", req).await
}

/// `POST /api/v1/auth/logout`
pub async fn logout() -> Result<(), ApiError> {
    call_empty(Method::POST, "/api/v1/auth/logout", None::<&()>).await
}

/// `GET /api/v1/me`
pub async fn me() -> Result<Me, ApiError> {
    get("/api/v1/me").await
}

/// `POST /api/v1/me/password`
pub async fn change_password(req: &ChangePasswordRequest) -> Result<(), ApiError> {
    call_empty(Method::POST, "/api/v1/me/password", Some(req)).await
}

/// `POST /api/v1/me/phone`
pub async fn rebind_phone(req: &RebindPhoneRequest) -> Result<Me, ApiError> {
    call(Method::POST, "/api/v1/me/phone", req).await
}

/// `GET /api/v1/dev/sms-outbox?phone=` (dev mode only), newest first.
pub async fn dev_sms_outbox(phone: &str) -> Result<Vec<DevSmsMessage>, ApiError> {
    get(&super::with_query(
        "/api/v1/dev/sms-outbox",
        &[("phone", phone)],
    ))
    .await
}
