//! 实名认证 — real-name verification (T-7.2.6b, T-7.2.6f): the learner's submission, the
//! regulator's review queue or the tenant's identity-check service (`RealNameVerifier`), and
//! institution staff verifying in person. A verified portrait enrols the learner's face (`face`).

mod repo;
pub mod routes;
mod service;
pub mod verifier;
mod views;

pub use routes::router;
