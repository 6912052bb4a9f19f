//! HTTP plumbing shared by every domain: extractors, tower layers, rate limits, SPA serving.

pub mod extract;
pub mod layers;
pub mod ratelimit;
pub mod spa;

pub use extract::{ApiJson, ApiQuery, ClientInfo};
