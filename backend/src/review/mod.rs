//! Course review (Z-III.1, T-7.2.7f, T-7.2.7i/j/k): experts and expert groups, the regulator's
//! queues, assigning a submitted revision to a group (a review round), the experts' opinions and
//! the group's decision rule, publishing and taking down, and the exportable review records.
//!
//! Lifecycle of a revision here: submitted → in_review (assigned) → approved | returned (by the
//! round's rule) → published (the previous live revision superseded). Every transition locks the
//! course row first and is recorded with `catalog::events`.

mod decision;
pub mod expert_routes;
pub(crate) mod experts;
mod export;
mod group_repo;
pub(crate) mod opinions;
pub(crate) mod publishing;
pub(crate) mod queue;
pub(crate) mod records;
mod repo;
pub mod reviewer_routes;
mod round_repo;
pub(crate) mod rounds;
pub mod routes;

use crate::app::AppState;
use crate::error::AppError;

pub fn router(state: &AppState) -> axum::Router<AppState> {
    routes::router(state)
        .merge(expert_routes::router(state))
        .merge(reviewer_routes::router(state))
}

/// A stored value parsed back into its type; one the schema allows but this build does not know
/// is an internal error.
fn stored<T>(what: &str, value: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, AppError> {
    parse(value).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!("unknown {what} `{value}` in the database"))
    })
}
