//! The `FaceEngine` trait and its two kinds: the offline engine on this server (worker threads,
//! each owning its own models: the C++ objects must stay on one thread) and a tenant's external
//! face service over signed HTTP. A tenant's policy picks one (`FaceProvider`).

use std::collections::HashMap;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex, mpsc};

use face_engine::{FaceCount, LocalEngine};
use serde::{Deserialize, Serialize};
use shared_types::face::FaceProviderKind;
use shared_types::tenant::FaceProvider;
use tokio::sync::oneshot;

use crate::crypto;
use crate::error::AppError;

/// What an engine saw in one image.
#[derive(Debug, Clone, PartialEq)]
pub struct FaceReading {
    /// Faces both detectors agree on; `None` when one detector alone saw a face (unclear).
    pub faces: Option<usize>,
    /// The face's embedding when exactly one face was found.
    pub embedding: Option<Vec<f32>>,
    /// Head turn (face_engine::yaw), when one face was found.
    pub yaw: Option<f32>,
    /// 16x16 grey thumbnail (repeat detection).
    pub thumb: Vec<u8>,
}

pub type EngineFuture<'a> =
    Pin<Box<dyn Future<Output = Result<FaceReading, AppError>> + Send + 'a>>;

pub trait FaceEngine: Send + Sync {
    fn analyse(&self, image: Vec<u8>) -> EngineFuture<'_>;
}

/// Similarity of two embeddings of the same engine (0..1).
pub fn similarity(a: &[f32], b: &[f32]) -> f32 {
    face_engine::similarity(
        &face_engine::Embedding(a.to_vec()),
        &face_engine::Embedding(b.to_vec()),
    )
}

fn bad_image(e: impl std::fmt::Display) -> AppError {
    AppError::invalid(
        "image",
        format!("图片无法识别：{e}"),
        format!("the image cannot be read: {e}"),
    )
}

type Job = (Vec<u8>, oneshot::Sender<Result<FaceReading, AppError>>);

/// The offline engine: `workers` threads with their own models, fed by one queue.
pub struct LocalFaceEngine {
    jobs: Mutex<mpsc::Sender<Job>>,
}

impl LocalFaceEngine {
    pub fn start(models: &Path, workers: usize) -> anyhow::Result<LocalFaceEngine> {
        // Load once here so a missing model fails the start, not the first check.
        LocalEngine::load(models)?;
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for n in 0..workers {
            let (rx, models) = (rx.clone(), models.to_path_buf());
            std::thread::Builder::new()
                .name(format!("face-{n}"))
                .spawn(move || worker(&models, &rx))?;
        }
        Ok(LocalFaceEngine {
            jobs: Mutex::new(tx),
        })
    }
}

fn worker(models: &Path, jobs: &Mutex<mpsc::Receiver<Job>>) {
    let mut engine = match LocalEngine::load(models) {
        Ok(engine) => engine,
        Err(e) => {
            tracing::error!(error = %e, "face worker cannot load its models");
            return;
        }
    };
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((image, reply)) = job else { return };
        let reading = engine
            .analyse(&image)
            .map_err(bad_image)
            .map(|a| FaceReading {
                faces: match a.count {
                    FaceCount::None => Some(0),
                    FaceCount::One => Some(1),
                    FaceCount::Several(n) => Some(n),
                    FaceCount::Unconfirmed => None,
                },
                embedding: a.embedding.map(|e| e.0),
                yaw: a.yaw,
                thumb: a.thumb.0,
            });
        let _ = reply.send(reading);
    }
}

impl FaceEngine for LocalFaceEngine {
    fn analyse(&self, image: Vec<u8>) -> EngineFuture<'_> {
        Box::pin(async move {
            let (tx, rx) = oneshot::channel();
            self.jobs
                .lock()
                .map_err(|_| AppError::Unavailable)?
                .send((image, tx))
                .map_err(|_| AppError::Unavailable)?;
            rx.await.map_err(|_| AppError::Unavailable)?
        })
    }
}

/// A tenant's external face service: `POST {endpoint}/v1/faces/analyse` with
/// `{"image_base64": …}`, signed (`X-Zhipei-Key`, `X-Zhipei-Timestamp`, `X-Zhipei-Signature`,
/// see [`crypto::sign_request`]); it answers `{"faces", "confirmed", "embedding", "yaw"}`.
/// Its embeddings are compared with each other only (references are taken by the same engine).
pub struct HttpFaceEngine {
    client: reqwest::Client,
    endpoint: String,
    key_id: String,
    secret: String,
}

#[derive(Serialize)]
struct AnalyseRequest {
    image_base64: String,
}

#[derive(Deserialize)]
struct AnalyseAnswer {
    faces: usize,
    #[serde(default)]
    confirmed: bool,
    #[serde(default)]
    embedding: Option<Vec<f32>>,
    #[serde(default)]
    yaw: Option<f32>,
}

impl FaceEngine for HttpFaceEngine {
    fn analyse(&self, image: Vec<u8>) -> EngineFuture<'_> {
        Box::pin(async move {
            use base64::Engine as _;
            let thumb = face_engine::Frame::decode(&image)
                .map_err(bad_image)?
                .thumb()
                .0;
            let body = serde_json::to_vec(&AnalyseRequest {
                image_base64: base64::engine::general_purpose::STANDARD.encode(&image),
            })
            .map_err(|e| AppError::Internal(e.into()))?;
            let answer: AnalyseAnswer = signed_post(
                &self.client,
                &format!("{}/v1/faces/analyse", self.endpoint.trim_end_matches('/')),
                &self.key_id,
                &self.secret,
                body,
            )
            .await?;
            Ok(FaceReading {
                faces: (answer.faces != 1 || answer.confirmed).then_some(answer.faces),
                embedding: answer.embedding.filter(|_| answer.faces == 1),
                yaw: answer.yaw,
                thumb,
            })
        })
    }
}

/// A signed JSON POST to an external service; any failure of the service is 503 (retry later).
pub async fn signed_post<T: for<'de> Deserialize<'de>>(
    client: &reqwest::Client,
    url: &str,
    key_id: &str,
    secret: &str,
    body: Vec<u8>,
) -> Result<T, AppError> {
    let now = chrono::Utc::now().timestamp();
    let signature = crypto::sign_request(secret, now, &body)?;
    let response = client
        .post(url)
        .header("content-type", "application/json")
        .header("x-zhipei-key", key_id)
        .header("x-zhipei-timestamp", now.to_string())
        .header("x-zhipei-signature", signature)
        .body(body)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| {
            tracing::warn!(error = %e, url, "external service failed");
            AppError::Unavailable
        })?;
    response.json().await.map_err(|e| {
        tracing::warn!(error = %e, url, "external service answered something unreadable");
        AppError::Unavailable
    })
}

/// The engines of this server: the local one (when its models are installed) and the HTTP
/// client with the configured secrets.
#[derive(Clone)]
pub struct Engines {
    local: Option<Arc<LocalFaceEngine>>,
    client: reqwest::Client,
    secrets: Arc<HashMap<String, String>>,
}

impl Engines {
    pub fn start(
        models: Option<&Path>,
        workers: usize,
        secrets: HashMap<String, String>,
    ) -> anyhow::Result<Engines> {
        let local = match models {
            Some(dir) => Some(Arc::new(LocalFaceEngine::start(dir, workers)?)),
            None => {
                tracing::warn!("ZHIPEI_FACE_MODELS_DIR is not set: face checks answer 503");
                None
            }
        };
        Ok(Engines {
            local,
            client: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(10))
                .build()?,
            secrets: Arc::new(secrets),
        })
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    pub fn secret(&self, key_id: &str) -> Result<&str, AppError> {
        self.secrets.get(key_id).map(String::as_str).ok_or_else(|| {
            tracing::error!(key_id, "no secret configured for this provider key id");
            AppError::Unavailable
        })
    }

    /// The engine the tenant's policy names.
    pub fn for_provider(&self, provider: &FaceProvider) -> Result<Arc<dyn FaceEngine>, AppError> {
        match provider.kind {
            FaceProviderKind::Local => self
                .local
                .clone()
                .map(|e| e as Arc<dyn FaceEngine>)
                .ok_or(AppError::Unavailable),
            FaceProviderKind::Http => Ok(Arc::new(HttpFaceEngine {
                client: self.client.clone(),
                endpoint: provider.endpoint.clone(),
                key_id: provider.key_id.clone(),
                secret: self.secret(&provider.key_id)?.to_owned(),
            })),
        }
    }
}
