//! The regulator app's pages, one folder per feature.

pub mod account;
pub mod audit;
pub mod home;
pub mod login;
pub mod settings;
pub mod staff;

use frontend_kit::prelude::use_session;
use shared_types::Role;
use yew::prelude::*;

/// Whether the signed-in user may change what the regulator pages show (a regulator admin);
/// everyone else reads. The server enforces the same rule.
#[hook]
pub fn use_can_edit() -> bool {
    use_session()
        .me()
        .is_some_and(|me| me.roles.contains(&Role::RegulatorAdmin))
}
