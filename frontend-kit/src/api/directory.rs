//! The region's reference data (T-7.2.7d, T-7.2.4): enterprises settled in the region, the
//! department tree of the caller's side (regulator or institution) and the trainee-type
//! dictionary. Paths as in `docs/training-api.md`, Enterprises, departments, trainee types.

use gloo_net::http::Method;
use shared_types::ApiError;
use shared_types::orgs::{
    Department, DepartmentInput, Enterprise, EnterpriseInput, EnterpriseQuery, TraineeType,
    TraineeTypeInput,
};
use shared_types::page::Page;
use uuid::Uuid;

use super::{call, call_empty, get, with_query};

/// `GET /api/v1/enterprises`
pub async fn list_enterprises(query: &EnterpriseQuery) -> Result<Page<Enterprise>, ApiError> {
    get(&with_query("/api/v1/enterprises", query)).await
}

/// `POST /api/v1/enterprises` (409 when the credit code is taken).
pub async fn create_enterprise(req: &EnterpriseInput) -> Result<Enterprise, ApiError> {
    call(Method::POST, "/api/v1/enterprises", req).await
}

/// `GET /api/v1/enterprises/{id}`
pub async fn enterprise(id: Uuid) -> Result<Enterprise, ApiError> {
    get(&format!("/api/v1/enterprises/{id}")).await
}

/// `PUT /api/v1/enterprises/{id}`
pub async fn update_enterprise(id: Uuid, req: &EnterpriseInput) -> Result<Enterprise, ApiError> {
    call(Method::PUT, &format!("/api/v1/enterprises/{id}"), req).await
}

/// `GET /api/v1/departments` — flat, parents before children.
pub async fn list_departments() -> Result<Vec<Department>, ApiError> {
    get("/api/v1/departments").await
}

/// `POST /api/v1/departments`
pub async fn create_department(req: &DepartmentInput) -> Result<Department, ApiError> {
    call(Method::POST, "/api/v1/departments", req).await
}

/// `PUT /api/v1/departments/{id}` — moving under another parent included.
pub async fn update_department(id: Uuid, req: &DepartmentInput) -> Result<Department, ApiError> {
    call(Method::PUT, &format!("/api/v1/departments/{id}"), req).await
}

/// `DELETE /api/v1/departments/{id}` (409 while it has children).
pub async fn delete_department(id: Uuid) -> Result<(), ApiError> {
    call_empty(
        Method::DELETE,
        &format!("/api/v1/departments/{id}"),
        None::<&()>,
    )
    .await
}

/// `GET /api/v1/trainee-types` — by position.
pub async fn list_trainee_types() -> Result<Vec<TraineeType>, ApiError> {
    get("/api/v1/trainee-types").await
}

/// `POST /api/v1/trainee-types`
pub async fn create_trainee_type(req: &TraineeTypeInput) -> Result<TraineeType, ApiError> {
    call(Method::POST, "/api/v1/trainee-types", req).await
}

/// `PUT /api/v1/trainee-types/{id}`
pub async fn update_trainee_type(
    id: Uuid,
    req: &TraineeTypeInput,
) -> Result<TraineeType, ApiError> {
    call(Method::PUT, &format!("/api/v1/trainee-types/{id}"), req).await
}

/// `DELETE /api/v1/trainee-types/{id}` (409 once trainees use it: disable it instead).
pub async fn delete_trainee_type(id: Uuid) -> Result<(), ApiError> {
    call_empty(
        Method::DELETE,
        &format!("/api/v1/trainee-types/{id}"),
        None::<&()>,
    )
    .await
}
