//! The audit trail (Z-V.4): every state-changing request and every sign-in attempt leaves a row
//! (tenant, actor, action, object, result, IP, user agent, request id, time). The server role may
//! only INSERT and SELECT `audit_log`.
//!
//! [`record`] wraps every request. Whatever learns the tenant and actor on the way in (the session
//! layer, the site extractor, the login handler) notes them in the request's [`AuditNote`];
//! after the response the row is written in its own transaction, so refused requests are
//! recorded too.

mod repo;
pub mod routes;

use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use shared_types::ErrorCode;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::Scope;
use crate::web::extract::client_info;

pub use routes::router;

#[derive(Debug, Default, Clone)]
pub struct AuditFacts {
    pub tenant_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    /// Route template, e.g. `POST /api/v1/admin/accounts/{id}`.
    pub action: Option<String>,
    /// What was acted on, when more telling than the path (e.g. the account tried at login).
    pub object: Option<String>,
}

/// Shared between the audit layer and the handlers of one request.
#[derive(Debug, Default, Clone)]
pub struct AuditNote(Arc<Mutex<AuditFacts>>);

impl AuditNote {
    pub fn update(&self, f: impl FnOnce(&mut AuditFacts)) {
        f(&mut self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner));
    }

    fn take(&self) -> AuditFacts {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

/// One audit row to write.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub actor_id: Option<Uuid>,
    pub action: String,
    pub object: String,
    pub result: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

pub async fn record(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let note = AuditNote::default();
    request.extensions_mut().insert(note.clone());
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let (parts, body) = request.into_parts();
    let client = client_info(&parts, state.config.trust_proxy);
    let response = next.run(Request::from_parts(parts, body)).await;
    if !is_state_changing(&method) {
        return response;
    }
    let facts = note.take();
    let Some(tenant_id) = facts.tenant_id else {
        return response;
    };
    let result = match response.extensions().get::<ErrorCode>() {
        Some(code) => code.as_str().to_owned(),
        None if response.status().is_success() || response.status().is_redirection() => {
            "success".to_owned()
        }
        None => format!("http_{}", response.status().as_u16()),
    };
    let row = AuditRow {
        actor_id: facts.actor_id,
        action: facts.action.unwrap_or_else(|| format!("{method} {path}")),
        object: facts.object.unwrap_or(path),
        result,
        ip: Some(client.ip),
        user_agent: client.user_agent,
        request_id: client.request_id,
    };
    let written = async {
        let mut tx = state
            .db
            .begin_tenant(Scope {
                tenant_id,
                user_id: facts.actor_id,
                institution_id: None,
            })
            .await?;
        repo::insert(&mut tx, tenant_id, &row).await?;
        tx.commit().await?;
        Ok::<_, crate::AppError>(())
    };
    if let Err(err) = written.await {
        tracing::error!(error = %err, "audit row not written");
    }
    response
}
