//! Tenants (站点): one region's site, e.g. `zj` (T-7.2.1.1). Signed-in requests take the tenant
//! from their session; anonymous ones from `X-Tenant`, else the host's first label
//! (`zj.example.org`), else the server's default tenant. An unknown tenant is a 404
//! `tenant_not_found`.

mod repo;
pub mod routes;
pub mod service;

use axum::extract::{FromRef, FromRequestParts, MatchedPath};
use axum::http::header;
use axum::http::request::Parts;
use shared_types::account::TENANT_HEADER;
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::AuditNote;
use crate::error::AppError;

pub use routes::router;

/// The tenant a request acts in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantRef {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

/// The tenant named by an anonymous request.
#[derive(Debug, Clone)]
pub struct Site(pub TenantRef);

impl<S> FromRequestParts<S> for Site
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let header_value = |name| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
        };
        let code = header_value(TENANT_HEADER)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .or_else(|| header_value(header::HOST.as_str()).and_then(site_label))
            .or_else(|| state.config.default_tenant.clone())
            .ok_or_else(|| AppError::TenantNotFound("-".into()))?;
        let tenant = service::by_code(&state.db, &code).await?;
        if let Some(note) = parts.extensions.get::<AuditNote>() {
            let action = parts
                .extensions
                .get::<MatchedPath>()
                .map(|p| format!("{} {}", parts.method, p.as_str()));
            note.update(|facts| {
                facts.tenant_id = Some(tenant.id);
                facts.action = action;
            });
        }
        Ok(Site(tenant))
    }
}

/// The site code in a host name: its first label, when the host is a name with at least three
/// labels (`zj.example.org` → `zj`); IP addresses and `localhost` name no site.
fn site_label(host: &str) -> Option<String> {
    let host = host.split(':').next().unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    let is_ip = host.parse::<std::net::IpAddr>().is_ok();
    (!is_ip && labels.len() >= 3).then(|| labels[0].to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_is_the_first_label_of_a_real_host_name() {
        assert_eq!(site_label("zj.example.org").as_deref(), Some("zj"));
        assert_eq!(site_label("ZJ.example.org:8443").as_deref(), Some("zj"));
        assert_eq!(site_label("127.0.0.1:8080"), None);
        assert_eq!(site_label("localhost:8080"), None);
        assert_eq!(site_label("example.org"), None);
    }
}
