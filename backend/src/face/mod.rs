//! 人脸核验 — face checks while studying and in exams (Z-II.3, T-7.2.6c/d): upload slots for
//! camera frames, the play session's face gate, the check against the learner's references
//! (offline engine or the tenant's external service), snapshots kept for regulators. The
//! references come from real-name verification (`realname`).

pub mod captures;
pub mod engine;
pub mod gate;
mod records;
pub mod references;
pub mod routes;
pub mod study;
mod verdict;

pub use engine::{Engines, FaceEngine, FaceReading};
pub use routes::router;
