use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use shared_types::ApiError;
use shared_types::account::{
    ChangePasswordRequest, DevSmsMessage, LoginRequest, LoginResponse, Me, RebindPhoneRequest,
    RegisterRequest, RegisterResponse, SmsCodeRequest, SmsCodeSent,
};

use super::fields::Phone;
use super::{Principal, service, session, sms, sms_repo};
use crate::app::AppState;
use crate::audit::AuditNote;
use crate::authz;
use crate::db::{Scope, Tx};
use crate::error::AppError;
use crate::tenancy::Site;
use crate::web::{ApiJson, ApiQuery, ClientInfo};

pub fn router(state: &AppState) -> Router<AppState> {
    let me = Router::new()
        .route("/api/v1/me", get(get_me))
        .route("/api/v1/me/password", post(change_password))
        .route("/api/v1/me/phone", post(rebind_phone))
        .route_layer(from_fn_with_state(
            (state.authz.clone(), "me"),
            authz::enforce,
        ))
        .route_layer(from_fn_with_state(state.clone(), session::require_session));
    let logout = Router::new()
        .route("/api/v1/auth/logout", post(logout))
        .route_layer(from_fn_with_state(state.clone(), session::require_session));
    let mut router = Router::new()
        .route("/api/v1/auth/sms-codes", post(send_code))
        .route("/api/v1/auth/register", post(register))
        .route("/api/v1/auth/login", post(login))
        .merge(me)
        .merge(logout);
    if state.config.is_dev() {
        router = router.route("/api/v1/dev/sms-outbox", get(dev_outbox));
    }
    router
}

pub(crate) fn per_ip_limit(
    state: &AppState,
    bucket: &'static str,
    client: &ClientInfo,
) -> Result<(), AppError> {
    state.limiter.check(
        bucket,
        &client.ip,
        state.config.auth_rate_per_minute,
        Duration::from_secs(60),
    )
}

/// Commits on success, and on the failures whose bookkeeping must survive the refusal (failed
/// sign-in counters, a wrong SMS code's try); any other failure rolls back.
pub(crate) async fn settle<T>(tx: Tx, result: Result<T, AppError>) -> Result<T, AppError> {
    match result {
        Ok(value) => {
            tx.commit().await?;
            Ok(value)
        }
        Err(
            err @ (AppError::InvalidSmsCode
            | AppError::InvalidCredentials
            | AppError::AccountLocked { .. }),
        ) => {
            tx.commit().await?;
            Err(err)
        }
        Err(err) => Err(err),
    }
}

pub(crate) fn with_cookie(state: &AppState, token: &str, body: impl IntoResponse) -> Response {
    let max_age = i64::try_from(state.config.session_absolute.as_secs()).unwrap_or(0);
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        session::set_cookie(token, max_age, state.config.behind_tls),
    );
    response
}

/// Sends a 6-digit code by SMS (60 s cooldown per phone and purpose).
#[utoipa::path(post, path = "/api/v1/auth/sms-codes", tag = "auth", request_body = SmsCodeRequest,
    params(("X-Tenant" = String, Header, description = "site code")),
    responses((status = 200, body = SmsCodeSent), (status = 409, body = ApiError, description = "already_exists (register/rebind to a used phone)"),
        (status = 422, body = ApiError), (status = 429, body = ApiError, description = "sms_cooldown / rate_limited"), (status = 404, body = ApiError, description = "tenant_not_found")))]
pub async fn send_code(
    State(state): State<AppState>,
    Site(tenant): Site,
    client: ClientInfo,
    ApiJson(req): ApiJson<SmsCodeRequest>,
) -> Result<Json<SmsCodeSent>, AppError> {
    per_ip_limit(&state, "sms", &client)?;
    let phone = Phone::parse("phone", &req.phone)?;
    let keyring = &state.config.keyring;
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant.id)).await?;
    if service::may_send_code(&mut tx, keyring, &tenant, &phone, req.purpose).await? {
        sms::issue(
            &mut tx,
            state.sms.as_ref(),
            keyring,
            tenant.id,
            &phone,
            req.purpose,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(SmsCodeSent {
        expires_in_seconds: sms::CODE_TTL_SECONDS as u32,
        resend_after_seconds: sms::RESEND_COOLDOWN_SECONDS as u32,
    }))
}

/// Trainee self-registration; with `device_id` the new account is signed in at once.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterRequest,
    params(("X-Tenant" = String, Header, description = "site code")),
    responses((status = 201, body = RegisterResponse), (status = 409, body = ApiError, description = "already_exists: phone / device_in_use"),
        (status = 422, body = ApiError, description = "invalid_field / invalid_sms_code"), (status = 429, body = ApiError)))]
pub async fn register(
    State(state): State<AppState>,
    Site(tenant): Site,
    client: ClientInfo,
    Extension(note): Extension<AuditNote>,
    ApiJson(req): ApiJson<RegisterRequest>,
) -> Result<Response, AppError> {
    per_ip_limit(&state, "register", &client)?;
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant.id)).await?;
    let registered = {
        let result = service::register(&mut tx, &state.config, &tenant, &req, &client).await;
        settle(tx, result).await?
    };
    note.update(|f| f.actor_id = Some(registered.user.id));
    let user = registered.user;
    Ok(match registered.session {
        Some((token, expires_at)) => {
            let body = RegisterResponse {
                user: user.clone(),
                session: Some(LoginResponse {
                    token: token.clone(),
                    expires_at,
                    user,
                }),
            };
            with_cookie(&state, &token, (StatusCode::CREATED, Json(body)))
        }
        None => (
            StatusCode::CREATED,
            Json(RegisterResponse {
                user,
                session: None,
            }),
        )
            .into_response(),
    })
}

/// Signs in by phone or user name with a password, or by phone with an SMS code. Ends the
/// account's session on any other device; refused while this device holds another account.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    params(("X-Tenant" = String, Header, description = "site code")),
    responses((status = 200, body = LoginResponse, description = "also sets the `zhipei_session` cookie"),
        (status = 401, body = ApiError, description = "invalid_credentials"), (status = 403, body = ApiError, description = "account_locked / account_disabled"),
        (status = 409, body = ApiError, description = "device_in_use"), (status = 422, body = ApiError), (status = 429, body = ApiError)))]
pub async fn login(
    State(state): State<AppState>,
    Site(tenant): Site,
    client: ClientInfo,
    Extension(note): Extension<AuditNote>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Response, AppError> {
    note.update(|f| f.object = Some(service::login_object(&req)));
    per_ip_limit(&state, "login", &client)?;
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant.id)).await?;
    let outcome = service::login(&mut tx, &state.config, &tenant, &req, &client).await;
    note.update(|f| f.actor_id = outcome.user_id);
    let response = settle(tx, outcome.result).await?;
    let token = response.token.clone();
    Ok(with_cookie(&state, &token, Json(response)))
}

/// Ends this session and clears the cookie.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204), (status = 401, body = ApiError)))]
pub async fn logout(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    super::repo::end_session(&mut tx, p.session_id, "logout").await?;
    tx.commit().await?;
    let mut headers = HeaderMap::new();
    headers.insert(
        header::SET_COOKIE,
        session::clear_cookie(state.config.behind_tls),
    );
    Ok((StatusCode::NO_CONTENT, headers).into_response())
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses((status = 200, body = Me), (status = 401, body = ApiError, description = "unauthenticated / session_replaced")))]
pub async fn get_me(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Me>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let user = service::load_user(&mut tx, &p.tenant, p.user_id).await?;
    let me = service::me(&mut tx, &state.config.keyring, &p.tenant, &user).await?;
    tx.commit().await?;
    Ok(Json(me))
}

/// Changes the password; the account's other sessions end.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "account", request_body = ChangePasswordRequest,
    responses((status = 204), (status = 422, body = ApiError, description = "invalid_field: current_password / new_password")))]
pub async fn change_password(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(req): ApiJson<ChangePasswordRequest>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    service::change_password(
        &mut tx,
        &p.tenant,
        p.user_id,
        p.session_id,
        &req.current_password,
        &req.new_password,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Moves the account to a new phone, proven by a code sent there (purpose `rebind`).
#[utoipa::path(post, path = "/api/v1/me/phone", tag = "account", request_body = RebindPhoneRequest,
    responses((status = 200, body = Me), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn rebind_phone(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(req): ApiJson<RebindPhoneRequest>,
) -> Result<Json<Me>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let result = service::rebind_phone(
        &mut tx,
        &state.config.keyring,
        &p.tenant,
        p.user_id,
        &req.new_phone,
        &req.code,
    )
    .await;
    Ok(Json(settle(tx, result).await?))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct OutboxQuery {
    /// Only messages to this phone.
    phone: Option<String>,
}

/// Dev mode only: the SMS messages the dev sender "sent", newest first.
#[utoipa::path(get, path = "/api/v1/dev/sms-outbox", tag = "dev", params(OutboxQuery, ("X-Tenant" = String, Header, description = "site code")),
    responses((status = 200, body = Vec<DevSmsMessage>), (status = 404, body = ApiError, description = "absent outside dev mode")))]
pub async fn dev_outbox(
    State(state): State<AppState>,
    Site(tenant): Site,
    ApiQuery(q): ApiQuery<OutboxQuery>,
) -> Result<Json<Vec<DevSmsMessage>>, AppError> {
    if !state.config.is_dev() {
        return Err(AppError::DevOnly);
    }
    let keyring = &state.config.keyring;
    let phone_bidx = q
        .phone
        .as_deref()
        .map(|p| Phone::parse("phone", p))
        .transpose()?
        .map(|p| keyring.blind_index("phone", p.as_str()));
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant.id)).await?;
    let rows = sms_repo::outbox(&mut tx, tenant.id, phone_bidx.as_deref()).await?;
    tx.commit().await?;
    let messages = rows
        .into_iter()
        .map(|row| sms_repo::to_message(row, keyring))
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(Json(messages))
}
