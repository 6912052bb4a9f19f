//! Sessions: opaque tokens (only their SHA-256 stored) in an HttpOnly, SameSite=Strict cookie for
//! the SPAs or an `Authorization: Bearer` header for API clients; idle and absolute expiry.
//! One account, one device (Z-II.3): see `service::open_session`.

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use shared_types::account::SESSION_COOKIE;
use uuid::Uuid;

use super::{Principal, repo};
use crate::app::AppState;
use crate::audit::AuditNote;
use crate::crypto::token_hash;
use crate::db::Scope;
use crate::error::AppError;
use crate::tenancy::TenantRef;

/// `last_seen_at` is refreshed at most this often, to keep reads cheap.
const TOUCH_AFTER_SECONDS: i64 = 60;

/// The bearer token, else the session cookie.
pub fn token_from(headers: &HeaderMap) -> Option<String> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned());
    bearer.or_else(|| {
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == SESSION_COOKIE)
            .map(|(_, value)| value.to_owned())
    })
}

/// The tenant a token (session or heartbeat) was issued in: the part before the dot.
pub fn tenant_of_token(token: &str) -> Option<Uuid> {
    token
        .split_once('.')
        .and_then(|(tenant, _)| Uuid::try_parse(tenant).ok())
}

pub fn set_cookie(token: &str, max_age_seconds: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_seconds}{secure}"))
        .unwrap_or_else(|_| HeaderValue::from_static("zhipei_session=; Path=/; Max-Age=0"))
}

pub fn clear_cookie(secure: bool) -> HeaderValue {
    set_cookie("", 0, secure)
}

/// Resolves the session into a [`Principal`] in the request extensions, or answers 401
/// (`session_replaced` when a login on another device ended it).
pub async fn require_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    match resolve(&state, request.headers()).await {
        Ok(principal) => {
            if let Some(note) = request.extensions().get::<AuditNote>() {
                let action = request
                    .extensions()
                    .get::<MatchedPath>()
                    .map(|p| format!("{} {}", request.method(), p.as_str()));
                note.update(|facts| {
                    facts.tenant_id = Some(principal.tenant.id);
                    facts.actor_id = Some(principal.user_id);
                    facts.action = action;
                });
            }
            request.extensions_mut().insert(principal);
            next.run(request).await
        }
        Err(err) => err.into_response(),
    }
}

async fn resolve(state: &AppState, headers: &HeaderMap) -> Result<Principal, AppError> {
    let token = token_from(headers).ok_or(AppError::Unauthenticated)?;
    let tenant_id = tenant_of_token(&token).ok_or(AppError::Unauthenticated)?;
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant_id)).await?;
    let session = repo::session_by_hash(&mut tx, tenant_id, &token_hash(&token))
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if session.ended_at.is_some() {
        return Err(match session.end_reason.as_deref() {
            Some("replaced") => AppError::SessionReplaced,
            _ => AppError::Unauthenticated,
        });
    }
    let now = Utc::now();
    let idle =
        chrono::Duration::from_std(state.config.session_idle).unwrap_or(chrono::Duration::hours(2));
    if session.expires_at <= now || session.last_seen_at + idle <= now || !session.user_live {
        return Err(AppError::Unauthenticated);
    }
    let roles = repo::roles_of(&mut tx, tenant_id, session.user_id).await?;
    if (now - session.last_seen_at).num_seconds() >= TOUCH_AFTER_SECONDS {
        repo::touch_session(&mut tx, session.session_id).await?;
    }
    tx.commit().await?;
    Ok(Principal {
        tenant: TenantRef {
            id: session.tenant_id,
            code: session.tenant_code,
            name: session.tenant_name,
        },
        user_id: session.user_id,
        session_id: session.session_id,
        roles,
        institution_id: session.institution_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bearer_token_wins_over_the_cookie() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; zhipei_session=cookie-token"),
        );
        assert_eq!(token_from(&headers).as_deref(), Some("cookie-token"));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer bearer-token"),
        );
        assert_eq!(token_from(&headers).as_deref(), Some("bearer-token"));
    }

    #[test]
    fn the_cookie_is_http_only_and_strict() {
        let cookie = set_cookie("t", 60, true);
        let text = cookie.to_str().unwrap_or_default();
        assert!(
            text.contains("HttpOnly")
                && text.contains("SameSite=Strict")
                && text.contains("Secure")
        );
        assert!(
            !set_cookie("t", 60, false)
                .to_str()
                .unwrap_or_default()
                .contains("Secure")
        );
    }

    #[test]
    fn tokens_name_their_tenant() {
        let tenant = Uuid::new_v4();
        assert_eq!(
            tenant_of_token(&crate::crypto::new_session_token(tenant)),
            Some(tenant)
        );
        assert_eq!(tenant_of_token("garbage"), None);
    }
}
