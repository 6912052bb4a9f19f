//! The application: shared state, and the router with its tower layers in one place.

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::authz::Authz;
use crate::commerce::payment::{DevPayments, PaymentProvider};
use crate::config::{Config, SmsConfig};
use crate::db::Db;
use crate::identity::sms::{DevOutbox, HttpSms, SmsSender};
use crate::storage::Storage;
use crate::web::ratelimit::RateLimiter;
use crate::{
    archive, audit, catalog, commerce, error, face, identity, jobs, learning, media, openapi, ops,
    orgs, realname, review, tenancy, training, web,
};

/// JSON bodies above this are refused with 413.
const BODY_LIMIT_BYTES: usize = 1024 * 1024;

/// The shared state of every request: one allocation behind an `Arc`, so the clone each layer
/// and extractor takes is a reference count, not a copy of every service's handles (that deep
/// copy, its drop and their allocations were about a tenth of the server's CPU under heartbeat
/// load).
#[derive(Clone)]
pub struct AppState(Arc<Services>);

impl std::ops::Deref for AppState {
    type Target = Services;

    fn deref(&self) -> &Services {
        &self.0
    }
}

/// What the handlers use: configuration, database, policies, storage and the engines.
pub struct Services {
    pub config: Arc<Config>,
    pub db: Db,
    pub authz: Authz,
    pub storage: Storage,
    pub sms: Arc<dyn SmsSender>,
    pub limiter: RateLimiter,
    /// How orders are paid; `None` (production without a provider) refuses payments.
    pub payments: Option<Arc<dyn PaymentProvider>>,
    /// The heartbeat batcher and the progress stream.
    pub learning: learning::Engine,
    /// Face engines: the local one and external services' clients.
    pub face: face::Engines,
}

/// A ready application: state plus router.
pub struct App {
    pub state: AppState,
    pub router: Router,
}

impl App {
    /// Connects to the database and storage, loads policies, starts the job workers
    /// (`config.jobs.workers`), builds the router.
    pub async fn build(config: Config) -> anyhow::Result<App> {
        if let Some(owner_url) = &config.database_owner_url {
            crate::db::migrate(owner_url).await?;
        }
        let db = Db::connect(&config.database_url).await?;
        let authz = {
            let mut tx = db.begin_unscoped().await?;
            let authz = Authz::load(&mut tx).await?;
            tx.commit().await?;
            authz
        };
        let storage = Storage::connect(&config.s3).await?;
        let sms: Arc<dyn SmsSender> = match &config.sms {
            SmsConfig::DevOutbox => Arc::new(DevOutbox),
            SmsConfig::Http {
                url,
                token,
                sign_name,
            } => Arc::new(HttpSms {
                client: reqwest::Client::builder()
                    .timeout(std::time::Duration::from_secs(10))
                    .build()?,
                url: url.clone(),
                token: token.clone(),
                sign_name: sign_name.clone(),
            }),
        };
        let config_dev = config.is_dev();
        let learning = learning::Engine::start(&db, config.heartbeat_lanes);
        let face = face::Engines::start(
            config.face_models_dir.as_deref(),
            config.face_workers,
            config.provider_secrets.clone(),
        )?;
        let state = AppState(Arc::new(Services {
            config: Arc::new(config),
            db,
            authz,
            storage,
            sms,
            limiter: RateLimiter::default(),
            // Only dev mode has a provider until a real one is integrated (payment.rs).
            payments: config_dev.then(|| Arc::new(DevPayments) as Arc<dyn PaymentProvider>),
            learning,
            face,
        }));
        jobs::worker::start(&state);
        let router = router(&state);
        Ok(App { state, router })
    }
}

pub fn router(state: &AppState) -> Router {
    let config = &state.config;
    let api = Router::new()
        .merge(ops::router())
        .merge(tenancy::router(state))
        .merge(identity::router(state))
        .merge(audit::router(state))
        .merge(media::router(state))
        .merge(jobs::router(state))
        .merge(review::router(state))
        .merge(catalog::router(state))
        .merge(orgs::router(state))
        .merge(commerce::router(state))
        .merge(training::router(state))
        .merge(archive::router(state))
        .merge(learning::router(state))
        .merge(face::router(state))
        .merge(realname::router(state));
    Router::new()
        .merge(api)
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", openapi::ApiDoc::openapi()))
        .merge(web::spa::router(&config.spa_dir))
        .with_state(state.clone())
        // Every request's middleware, outermost first: the request id, its trace span, security
        // headers, compression, the timeout, the body limit, localized errors, then the audit
        // row, which needs the final response. Composed into one layer, so that a request passes
        // one boxed service instead of a boxed service, its clone and a boxed future per layer
        // (in a profile under heartbeat load the layers took a quarter of the server's samples,
        // much of it allocating).
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
                    let request_id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", %request_id, method = %request.method(), path = %request.uri().path())
                }))
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(from_fn_with_state(
                    web::layers::SecurityPolicy::new(config.behind_tls, state.storage.origin()),
                    web::layers::security_headers,
                ))
                .layer(CompressionLayer::new())
                .layer(from_fn_with_state(config.request_timeout, web::layers::timeout))
                .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
                .layer(from_fn(error::localize))
                .layer(from_fn_with_state(state.clone(), audit::record)),
        )
}
