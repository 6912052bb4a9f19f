//! Types that cross the wire between the backend, the three SPAs and integrators.
//!
//! Everything here compiles to wasm32: no tokio, no sqlx. Server-only derives (OpenAPI schemas)
//! sit behind the `server` feature.

pub mod account;
pub mod admin;
pub mod audit;
pub mod catalog;
pub mod error;
pub mod media;
pub mod page;
pub mod review;
pub mod role;
pub mod tenant;

pub use error::{ApiError, ErrorCode};
pub use role::Role;
