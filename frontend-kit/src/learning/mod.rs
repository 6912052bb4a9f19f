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

use std::cell::Cell;

/// A learner counts as studying this long (ms) after the last answered heartbeat.
const STUDYING_MS: f64 = 30_000.0;

thread_local! {
    static LAST_BEAT: Cell<f64> = const { Cell::new(f64::NEG_INFINITY) };
}

/// A heartbeat of this page's play session was answered (the page is studying).
pub fn note_studying() {
    LAST_BEAT.with(|t| t.set(js_sys::Date::now()));
}

/// Whether this page was studying a moment ago — when the sign-in is replaced the whole app
/// gives way to the full-page notice, which then also says the study stopped here.
pub fn studied_lately() -> bool {
    LAST_BEAT.with(|t| js_sys::Date::now() - t.get() < STUDYING_MS)
}
