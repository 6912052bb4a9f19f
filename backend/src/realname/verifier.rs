//! `RealNameVerifier` — who decides a real-name submission: the local review queue (staff decide
//! later; the dev stack and any tenant without a service) or the tenant's external
//! identity-check service (signed HTTP; it compares the name, the ID number and the portrait
//! with the national register and answers at once).

use std::future::Future;
use std::pin::Pin;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::face::engine::signed_post;

pub struct IdentityClaim<'a> {
    pub name: &'a str,
    pub id_number: &'a str,
    pub portrait: &'a [u8],
}

/// A decision: verified, or rejected with the reason; `external_ref` is the service's reference.
pub struct Verdict {
    pub verified: bool,
    pub reason: String,
    pub external_ref: Option<String>,
}

pub type VerdictFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Option<Verdict>, AppError>> + Send + 'a>>;

pub trait RealNameVerifier: Send + Sync {
    /// `None`: queued for staff review.
    fn verify<'a>(&'a self, claim: &'a IdentityClaim<'a>) -> VerdictFuture<'a>;
}

/// The local review queue: every submission waits for staff.
pub struct ReviewQueue;

impl RealNameVerifier for ReviewQueue {
    fn verify<'a>(&'a self, _claim: &'a IdentityClaim<'a>) -> VerdictFuture<'a> {
        Box::pin(async { Ok(None) })
    }
}

/// `POST {endpoint}/v1/identity/verify` with `{"name", "id_number", "portrait_base64"}`, signed
/// like every external call (`crypto::sign_request`); answers `{"verified", "reason", "ref"}`.
pub struct HttpVerifier {
    pub client: reqwest::Client,
    pub endpoint: String,
    pub key_id: String,
    pub secret: String,
}

#[derive(Serialize)]
struct Request<'a> {
    name: &'a str,
    id_number: &'a str,
    portrait_base64: String,
}

#[derive(Deserialize)]
struct Answer {
    verified: bool,
    #[serde(default)]
    reason: String,
    #[serde(default, rename = "ref")]
    reference: Option<String>,
}

impl RealNameVerifier for HttpVerifier {
    fn verify<'a>(&'a self, claim: &'a IdentityClaim<'a>) -> VerdictFuture<'a> {
        Box::pin(async move {
            let body = serde_json::to_vec(&Request {
                name: claim.name,
                id_number: claim.id_number,
                portrait_base64: base64::engine::general_purpose::STANDARD.encode(claim.portrait),
            })
            .map_err(|e| AppError::Internal(e.into()))?;
            let url = format!("{}/v1/identity/verify", self.endpoint.trim_end_matches('/'));
            let answer: Answer =
                signed_post(&self.client, &url, &self.key_id, &self.secret, body).await?;
            Ok(Some(Verdict {
                verified: answer.verified,
                reason: answer.reason,
                external_ref: answer.reference,
            }))
        })
    }
}
