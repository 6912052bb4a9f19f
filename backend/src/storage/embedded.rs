//! The embedded S3-compatible store (s3s + s3s-fs) on a loopback port, with signature checks,
//! for development and tests. Production points `S3_ENDPOINT` at a real store.
//!
//! Browsers upload and play straight from it, cross-origin (the API is on another port), so it
//! answers CORS for any origin: it listens on loopback only and every request is still signed.
//! A production bucket needs the rule in `infra/README.md`.

use std::path::Path;

use anyhow::Context;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use hyper_util::service::TowerToHyperService;
use rand::RngCore;
use s3s::auth::SimpleAuth;
use s3s::service::S3ServiceBuilder;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tower::Layer;
use tower_http::cors::{Any, CorsLayer};

pub struct EmbeddedS3 {
    pub endpoint: String,
    pub access_key: String,
    pub secret_key: String,
    task: JoinHandle<()>,
}

impl Drop for EmbeddedS3 {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl EmbeddedS3 {
    /// Serves `root` on 127.0.0.1 with fresh random credentials.
    pub async fn start(root: &Path) -> anyhow::Result<EmbeddedS3> {
        std::fs::create_dir_all(root)
            .with_context(|| format!("cannot create the S3 folder {}", root.display()))?;
        let fs = s3s_fs::FileSystem::new(root)
            .map_err(|e| anyhow::anyhow!("embedded S3 over {}: {e:?}", root.display()))?;
        let mut secret = [0u8; 24];
        rand::thread_rng().fill_bytes(&mut secret);
        let access_key = "zhipei-embedded".to_owned();
        let secret_key = hex::encode(secret);
        let mut builder = S3ServiceBuilder::new(fs);
        builder.set_auth(SimpleAuth::from_single(
            access_key.clone(),
            secret_key.clone(),
        ));
        let service = TowerToHyperService::new(cors().layer(builder.build()));
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .context("embedded S3: cannot bind")?;
        let endpoint = format!("http://{}", listener.local_addr()?);
        let task = tokio::spawn(async move {
            let http = ConnBuilder::new(TokioExecutor::new());
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    continue;
                };
                let connection = http
                    .serve_connection(TokioIo::new(socket), service.clone())
                    .into_owned();
                tokio::spawn(async move {
                    let _ = connection.await;
                });
            }
        });
        tracing::info!(%endpoint, root = %root.display(), "embedded S3 store started");
        Ok(EmbeddedS3 {
            endpoint,
            access_key,
            secret_key,
            task,
        })
    }
}

/// Any origin may send the signed requests of a browser upload or playback: `PUT` parts and read
/// the `ETag` the upload reports back, `GET`/`HEAD` media.
fn cors() -> CorsLayer {
    use axum::http::{Method, header};
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([
            Method::GET,
            Method::PUT,
            Method::POST,
            Method::HEAD,
            Method::DELETE,
        ])
        .allow_headers(Any)
        .expose_headers([header::ETAG, header::CONTENT_LENGTH, header::CONTENT_RANGE])
        .max_age(std::time::Duration::from_secs(3600))
}
