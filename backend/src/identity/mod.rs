//! Identity: accounts, sign-in, sessions and devices, SMS codes, staff administration
//! (T-7.2.5a, T-7.2.5f, T-7.2.6a, T-7.2.6f, T-7.2.7m, Z-II.1, Z-II.3, Z-V.1).

pub mod fields;
mod repo;
pub mod routes;
mod service;
pub mod session;
pub mod sms;
mod sms_repo;
mod staff;
pub mod staff_routes;

use shared_types::Role;
use uuid::Uuid;

use crate::app::AppState;
use crate::tenancy::TenantRef;

pub use service::{StaffSeed, ensure_staff, ensure_trainee};

/// The signed-in caller, resolved from the session by [`session::require_session`].
#[derive(Debug, Clone)]
pub struct Principal {
    pub tenant: TenantRef,
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub roles: Vec<Role>,
}

pub fn router(state: &AppState) -> axum::Router<AppState> {
    routes::router(state).merge(staff_routes::router(state))
}
