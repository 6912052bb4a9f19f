//! Organisations (T-7.2.5a, T-7.2.5b, T-7.2.7d, T-7.2.7e, T-7.2.7g, T-7.2.4): training
//! institutions — registration, certification versions reviewed by the regulator, training
//! qualifications — the enterprises settled in the region, departments, and the trainee-type
//! dictionary.
//!
//! Institution-side accounts belong to one institution ([`crate::identity::Principal`]'s
//! `institution_id`); row-level security keeps each institution to its own rows (migration 0003).

pub(crate) mod certification;
mod departments;
mod enterprises;
pub(crate) mod institution_routes;
pub(crate) mod institutions;
pub(crate) mod qualifications;
pub(crate) mod registry_routes;
pub mod trainee_types;

use axum::Router;
use axum::routing::{get, post, put};

use crate::app::AppState;
use crate::authz::guarded;

pub use institutions::{certified_member, institution_ref, member_of};
pub use qualifications::holds as holds_qualification;

pub fn router(state: &AppState) -> Router<AppState> {
    use institution_routes as i;
    use registry_routes as r;
    let own = Router::new()
        .route("/api/v1/institution", get(i::mine))
        .route(
            "/api/v1/institution/certification",
            put(i::submit_certification),
        )
        .route("/api/v1/institution/contact", put(i::set_contact))
        .route(
            "/api/v1/institution/certifications",
            get(i::my_certifications),
        )
        .route(
            "/api/v1/institution/qualifications",
            get(i::my_qualifications).post(i::apply_qualification),
        )
        .route(
            "/api/v1/institution/qualification-events",
            get(i::my_qualification_events),
        );
    let review = Router::new()
        .route("/api/v1/institutions", get(i::list))
        .route("/api/v1/institutions/{id}", get(i::show))
        .route(
            "/api/v1/institutions/{id}/certifications",
            get(i::certifications),
        )
        .route("/api/v1/institutions/{id}/review", post(i::review))
        .route("/api/v1/qualifications", get(i::list_qualifications))
        .route(
            "/api/v1/qualifications/{id}/review",
            post(i::review_qualification),
        )
        .route(
            "/api/v1/qualifications/{id}/revoke",
            post(i::revoke_qualification),
        )
        .route("/api/v1/qualification-events", get(i::qualification_events));
    let enterprises = Router::new()
        .route(
            "/api/v1/enterprises",
            get(r::list_enterprises).post(r::create_enterprise),
        )
        .route(
            "/api/v1/enterprises/{id}",
            get(r::show_enterprise).put(r::update_enterprise),
        );
    let departments = Router::new()
        .route(
            "/api/v1/departments",
            get(r::list_departments).post(r::create_department),
        )
        .route(
            "/api/v1/departments/{id}",
            put(r::update_department).delete(r::delete_department),
        );
    let trainee_types = Router::new()
        .route(
            "/api/v1/trainee-types",
            get(r::list_trainee_types).post(r::create_trainee_type),
        )
        .route(
            "/api/v1/trainee-types/{id}",
            put(r::update_trainee_type).delete(r::delete_trainee_type),
        );
    Router::new()
        .route("/api/v1/institutions/register", post(i::register))
        .merge(guarded(state, "institution_self", own))
        .merge(guarded(state, "institutions", review))
        .merge(guarded(state, "enterprises", enterprises))
        .merge(guarded(state, "departments", departments))
        .merge(guarded(state, "trainee_types", trainee_types))
}
