//! The learning engine (Z-II.2–II.5, Z-II.7, Z-III.5, Z-IV.1, Z-IV.6, T-7.2.6c): the server is
//! the only authority on study time. A learner studies through a play session; its player beats
//! every few seconds, and each heartbeat is decided by `rules.rs` (credit = min(wall time,
//! advance) while playing at rate 1, visible and focused, over never-credited parts, within the
//! daily cap), in batches (`batch.rs`, `beat.rs`) whose answers go out after the commit. Every
//! decision is kept with its reason code; the totals derive from them (`ledger.rs`). Progress is
//! pushed to every open page (`stream.rs`); human verification (`checks.rs`) and risk events
//! (`risk.rs`) guard the time; regulators read the records (`records.rs`).

mod batch;
mod beat;
mod beat_store;
mod checks;
pub mod hours;
pub mod intervals;
pub mod ledger;
mod records;
pub(crate) mod risk;
pub mod routes;
pub mod rules;
pub(crate) mod sessions;
pub mod stream;

pub use routes::router;

use crate::db::Db;

/// The engine's running parts, one per server process.
#[derive(Clone)]
pub struct Engine {
    pub batcher: batch::Batcher,
    pub hub: stream::Hub,
}

impl Engine {
    pub fn start(db: &Db, lanes: usize) -> Engine {
        Engine {
            batcher: batch::Batcher::start(db, lanes, &stream::Publisher::start(db)),
            hub: stream::Hub::start(db),
        }
    }
}
