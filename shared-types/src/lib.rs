//! Types that cross the wire between the backend, the three SPAs and integrators.
//!
//! Everything here compiles to wasm32: no tokio, no sqlx. Server-only derives (OpenAPI schemas)
//! sit behind the `server` feature.

mod macros;

pub mod account;
pub mod admin;
pub mod archive;
pub mod audit;
pub mod catalog;
pub mod commerce;
pub mod error;
pub mod face;
pub mod ids;
pub mod learning;
pub mod media;
pub mod orgs;
pub mod page;
pub mod review;
pub mod role;
pub mod tenant;
pub mod training;

pub use error::{ApiError, ErrorCode};
pub use macros::WireEnum;
pub use role::Role;
