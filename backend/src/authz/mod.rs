//! Authorization with Casbin, RBAC with domains (domain = tenant code; `*` = every tenant)
//! (T-7.2.1.1, T-7.1, T-5d).
//!
//! Policies (`p, role, domain, object, action`) live in the `casbin_rule` table and are loaded into
//! the enforcer at start. A user's roles live in `user_roles`, a tenant table under row-level
//! security, and are read with the session on every request, so a role change takes effect at
//! once on every replica. Every protected route group declares its object with [`require`];
//! the action is `read` for GET/HEAD and `write` for everything else. The table of routes and
//! objects is in `docs/authorization.md`.

use std::sync::Arc;

use anyhow::Context;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use casbin::{CoreApi, DefaultModel, Enforcer, MemoryAdapter, MgmtApi};
use shared_types::Role;
use sqlx::PgConnection;

use crate::app::AppState;
use crate::error::AppError;
use crate::identity::Principal;

const MODEL: &str = r#"
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, dom, obj, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub, r.dom) && (p.dom == "*" || p.dom == r.dom) && keyMatch2(r.obj, p.obj) && (p.act == "*" || p.act == r.act)
"#;

#[derive(Clone)]
pub struct Authz {
    enforcer: Arc<Enforcer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Write,
}

impl Action {
    pub fn of(method: &Method) -> Action {
        if method == Method::GET || method == Method::HEAD {
            Action::Read
        } else {
            Action::Write
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::Write => "write",
        }
    }
}

impl Authz {
    /// Loads every policy row into a fresh enforcer.
    pub async fn load(conn: &mut PgConnection) -> anyhow::Result<Authz> {
        let rows: Vec<(String, String, String, String, String)> =
            sqlx::query_as("select ptype, v0, v1, v2, v3 from casbin_rule order by id")
                .fetch_all(conn)
                .await?;
        let model = DefaultModel::from_str(MODEL)
            .await
            .context("casbin model")?;
        let mut enforcer = Enforcer::new(model, MemoryAdapter::default())
            .await
            .context("casbin enforcer")?;
        let (policies, groupings): (Vec<_>, Vec<_>) =
            rows.into_iter().partition(|row| row.0 == "p");
        let policies: Vec<Vec<String>> = policies
            .into_iter()
            .map(|(_, a, b, c, d)| vec![a, b, c, d])
            .collect();
        let groupings: Vec<Vec<String>> = groupings
            .into_iter()
            .map(|(_, a, b, c, _)| vec![a, b, c])
            .collect();
        if !policies.is_empty() {
            enforcer
                .add_policies(policies)
                .await
                .context("casbin policies")?;
        }
        if !groupings.is_empty() {
            enforcer
                .add_grouping_policies(groupings)
                .await
                .context("casbin role links")?;
        }
        Ok(Authz {
            enforcer: Arc::new(enforcer),
        })
    }

    /// Whether any of `roles` may do `action` on `object` in `tenant`.
    pub fn allows(&self, roles: &[Role], tenant: &str, object: &str, action: Action) -> bool {
        roles.iter().any(|role| {
            self.enforcer
                .enforce((role.as_str(), tenant, object, action.as_str()))
                .unwrap_or_else(|err| {
                    tracing::error!(%err, "casbin enforce failed");
                    false
                })
        })
    }
}

/// Route layer: the signed-in principal must be allowed `object` with the request's action.
/// Use as `route_layer(from_fn_with_state((authz, "object"), authz::enforce))`, added before the
/// session layer so that the session is resolved first.
pub async fn enforce(
    State((authz, object)): State<(Authz, &'static str)>,
    request: Request,
    next: Next,
) -> Response {
    let allowed = request
        .extensions()
        .get::<Principal>()
        .is_some_and(|principal| {
            authz.allows(
                &principal.roles,
                &principal.tenant.code,
                object,
                Action::of(request.method()),
            )
        });
    if allowed {
        next.run(request).await
    } else {
        AppError::Forbidden.into_response()
    }
}

/// `routes` behind the session and the Casbin check for `object` (the route group pattern of
/// `docs/authorization.md`).
pub fn guarded(
    state: &AppState,
    object: &'static str,
    routes: axum::Router<AppState>,
) -> axum::Router<AppState> {
    routes
        .route_layer(axum::middleware::from_fn_with_state(
            (state.authz.clone(), object),
            enforce,
        ))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::identity::session::require_session,
        ))
}
