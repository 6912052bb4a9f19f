//! The archive: electronic vouchers of paid orders and approved classes (T-7.2.5e), kept as PDFs
//! in the object store with a verification code. The learner archive (Z-IV) joins it later.

pub mod pdf;
pub(crate) mod routes;
pub mod vouchers;

pub use routes::{presigned_redirect, router};
