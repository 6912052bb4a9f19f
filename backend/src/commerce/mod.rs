//! Course purchase (T-7.2.5c): orders for seats of on-demand courses, payment through a
//! provider, the seat inventory each institution holds and the seats its trainees use, and
//! invoice requests.

mod invoices;
mod orders;
pub mod payment;
pub(crate) mod routes;
pub mod seats;

pub use routes::router;
