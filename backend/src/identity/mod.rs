//! Identity: accounts, sign-in, sessions and devices, SMS codes, staff administration
//! (T-7.2.5a, T-7.2.5f, T-7.2.6a, T-7.2.6f, T-7.2.7m, Z-II.1, Z-II.3, Z-V.1).

pub mod fields;
pub mod people;
mod repo;
pub mod routes;
mod seeding;
mod service;
pub mod session;
pub mod sms;
mod sms_repo;
mod staff;
pub mod staff_routes;
pub mod trainees;

use shared_types::Role;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::Scope;
use crate::tenancy::TenantRef;

pub use seeding::{StaffSeed, ensure_staff, ensure_trainee};
pub use service::sign_in;
pub use staff::create as create_staff;

/// The signed-in caller, resolved from the session by [`session::require_session`].
#[derive(Debug, Clone)]
pub struct Principal {
    pub tenant: TenantRef,
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub roles: Vec<Role>,
    /// The institution of an institution-side account.
    pub institution_id: Option<Uuid>,
}

impl Principal {
    /// The tenant transaction scope of this caller (institution wall included).
    pub fn scope(&self) -> Scope {
        Scope::user(self.tenant.id, self.user_id, self.institution_id)
    }

    /// Regulator staff (admin, operator, viewer) of the tenant.
    pub fn is_regulator(&self) -> bool {
        self.roles.iter().any(|r| {
            matches!(
                r,
                Role::RegulatorAdmin | Role::RegulatorOperator | Role::RegulatorViewer
            )
        })
    }
}

pub fn router(state: &AppState) -> axum::Router<AppState> {
    routes::router(state).merge(staff_routes::router(state))
}
