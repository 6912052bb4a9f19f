//! The learner's side of the learning engine (Z-II.2–II.5, Z-II.7, T-7.2.6c; the server is the
//! only authority on study time, `docs/learning-api.md`): the heartbeat chain, where the player
//! may seek, what the page notices about tampering and automation, other tabs of the learner,
//! and the progress stream shared by the player and the task pages. The pure parts are tested
//! natively; the study player itself is `components::study`.

pub mod chain;
pub mod dom;
pub mod seek;
pub mod signals;
pub mod stream;
pub mod tabs;
pub mod watch;

pub use stream::{ProgressStream, StreamState, use_progress};
