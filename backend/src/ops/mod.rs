//! Health endpoints: `/healthz` (the process answers) and `/readyz` (database and S3 reachable).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Readiness {
    pub database: bool,
    pub storage: bool,
}

#[utoipa::path(get, path = "/healthz", tag = "ops", responses((status = 200, description = "the process is up")))]
pub async fn healthz() -> &'static str {
    "ok"
}

#[utoipa::path(get, path = "/readyz", tag = "ops",
    responses((status = 200, body = Readiness), (status = 503, body = Readiness, description = "a dependency is down")))]
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Readiness>) {
    let (db, s3) = tokio::join!(state.db.ping(), state.storage.ping());
    if let Err(err) = &db {
        tracing::warn!(error = %err, "readiness: database");
    }
    if let Err(err) = &s3 {
        tracing::warn!(error = %err, "readiness: storage");
    }
    let readiness = Readiness {
        database: db.is_ok(),
        storage: s3.is_ok(),
    };
    let status = if readiness.database && readiness.storage {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(readiness))
}
