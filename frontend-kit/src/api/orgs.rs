//! Training institutions (T-7.2.5a, T-7.2.5b, T-7.2.7e, T-7.2.7g): sign-up, the institution's own
//! certification data, contact and qualifications, and the regulator's review of certifications
//! and qualifications. Paths as in `docs/training-api.md`, Institutions.

use gloo_net::http::Method;
use shared_types::ApiError;
use shared_types::account::LoginResponse;
use shared_types::orgs::{
    Certification, CertificationInput, ContactInput, Institution, InstitutionQuery,
    InstitutionSummary, Qualification, QualificationEvent, QualificationInput, QualificationQuery,
    ReasonRequest, RegisterInstitutionRequest, ReviewRequest,
};
use shared_types::page::Page;
use uuid::Uuid;

use super::{call, get, with_query};

/// `POST /api/v1/institutions/register` — signs the new head account in (cookie set).
pub async fn register_institution(
    req: &RegisterInstitutionRequest,
) -> Result<LoginResponse, ApiError> {
    call(Method::POST, "/api/v1/institutions/register", req).await
}

/// `GET /api/v1/institution` — the caller's own institution.
pub async fn my_institution() -> Result<Institution, ApiError> {
    get("/api/v1/institution").await
}

/// `PUT /api/v1/institution/certification` — a new version for review (409 while one is pending).
pub async fn submit_certification(req: &CertificationInput) -> Result<Institution, ApiError> {
    call(Method::PUT, "/api/v1/institution/certification", req).await
}

/// `PUT /api/v1/institution/contact` — no review needed.
pub async fn update_contact(req: &ContactInput) -> Result<Institution, ApiError> {
    call(Method::PUT, "/api/v1/institution/contact", req).await
}

/// `GET /api/v1/institution/certifications` — every version, newest first.
pub async fn my_certifications() -> Result<Vec<Certification>, ApiError> {
    get("/api/v1/institution/certifications").await
}

/// `GET /api/v1/institution/qualifications`
pub async fn my_qualifications() -> Result<Vec<Qualification>, ApiError> {
    get("/api/v1/institution/qualifications").await
}

/// `POST /api/v1/institution/qualifications`
pub async fn apply_qualification(req: &QualificationInput) -> Result<Qualification, ApiError> {
    call(Method::POST, "/api/v1/institution/qualifications", req).await
}

/// `GET /api/v1/institution/qualification-events`
pub async fn my_qualification_events() -> Result<Vec<QualificationEvent>, ApiError> {
    get("/api/v1/institution/qualification-events").await
}

/// `GET /api/v1/institutions` — the regulator's list and review queue.
pub async fn list_institutions(
    query: &InstitutionQuery,
) -> Result<Page<InstitutionSummary>, ApiError> {
    get(&with_query("/api/v1/institutions", query)).await
}

/// `GET /api/v1/institutions/{id}`
pub async fn institution(id: Uuid) -> Result<Institution, ApiError> {
    get(&format!("/api/v1/institutions/{id}")).await
}

/// `GET /api/v1/institutions/{id}/certifications`
pub async fn institution_certifications(id: Uuid) -> Result<Vec<Certification>, ApiError> {
    get(&format!("/api/v1/institutions/{id}/certifications")).await
}

/// `POST /api/v1/institutions/{id}/review`
pub async fn review_institution(id: Uuid, req: &ReviewRequest) -> Result<Institution, ApiError> {
    call(
        Method::POST,
        &format!("/api/v1/institutions/{id}/review"),
        req,
    )
    .await
}

/// `GET /api/v1/qualifications` — every institution's, for the regulator.
pub async fn list_qualifications(
    query: &QualificationQuery,
) -> Result<Page<Qualification>, ApiError> {
    get(&with_query("/api/v1/qualifications", query)).await
}

/// `POST /api/v1/qualifications/{id}/review`
pub async fn review_qualification(
    id: Uuid,
    req: &ReviewRequest,
) -> Result<Qualification, ApiError> {
    call(
        Method::POST,
        &format!("/api/v1/qualifications/{id}/review"),
        req,
    )
    .await
}

/// `POST /api/v1/qualifications/{id}/revoke`
pub async fn revoke_qualification(id: Uuid, reason: String) -> Result<Qualification, ApiError> {
    call(
        Method::POST,
        &format!("/api/v1/qualifications/{id}/revoke"),
        &ReasonRequest { reason },
    )
    .await
}

/// `GET /api/v1/qualification-events` — the review history, same filters as the queue.
pub async fn qualification_events(
    query: &QualificationQuery,
) -> Result<Page<QualificationEvent>, ApiError> {
    get(&with_query("/api/v1/qualification-events", query)).await
}
