//! Organising training (T-7.2.5d, T-7.2.7h, Z-II.9): the regulator's projects, the classes
//! institutions open under them with their review, learning tasks, training plans, and what a
//! trainee sees of their classes and tasks. Paths as in `docs/training-api.md`, Projects,
//! classes, trainees, tasks; trainees themselves are in [`super::trainees`].

use gloo_net::http::Method;
use shared_types::ApiError;
use shared_types::orgs::ReviewRequest;
use shared_types::page::Page;
use shared_types::training::{
    ClassDetail, ClassEvent, ClassInput, ClassQuery, ClassSummary, ForceDeleteRequest, MyClass,
    MyTask, Plan, PlanInput, Project, ProjectInput, ProjectQuery, Task, TaskInput,
};
use uuid::Uuid;

use super::{call, call_empty, get, post_without_body, with_query};

async fn delete(path: &str) -> Result<(), ApiError> {
    call_empty(Method::DELETE, path, None::<&()>).await
}

/// `GET /api/v1/projects`
pub async fn list_projects(query: &ProjectQuery) -> Result<Page<Project>, ApiError> {
    get(&with_query("/api/v1/projects", query)).await
}

/// `POST /api/v1/projects`
pub async fn create_project(req: &ProjectInput) -> Result<Project, ApiError> {
    call(Method::POST, "/api/v1/projects", req).await
}

/// `GET /api/v1/projects/{id}`
pub async fn project(id: Uuid) -> Result<Project, ApiError> {
    get(&format!("/api/v1/projects/{id}")).await
}

/// `PUT /api/v1/projects/{id}`
pub async fn update_project(id: Uuid, req: &ProjectInput) -> Result<Project, ApiError> {
    call(Method::PUT, &format!("/api/v1/projects/{id}"), req).await
}

/// `POST /api/v1/projects/{id}/close` — no new classes; existing ones go on.
pub async fn close_project(id: Uuid) -> Result<Project, ApiError> {
    post_without_body(&format!("/api/v1/projects/{id}/close")).await
}

/// `POST /api/v1/projects/{id}/reopen`
pub async fn reopen_project(id: Uuid) -> Result<Project, ApiError> {
    post_without_body(&format!("/api/v1/projects/{id}/reopen")).await
}

/// `GET /api/v1/classes` — the institution's own; the regulator's: submitted and later.
pub async fn list_classes(query: &ClassQuery) -> Result<Page<ClassSummary>, ApiError> {
    get(&with_query("/api/v1/classes", query)).await
}

/// `POST /api/v1/classes` — a draft.
pub async fn create_class(req: &ClassInput) -> Result<ClassDetail, ApiError> {
    call(Method::POST, "/api/v1/classes", req).await
}

/// `GET /api/v1/classes/{id}`
pub async fn class(id: Uuid) -> Result<ClassDetail, ApiError> {
    get(&format!("/api/v1/classes/{id}")).await
}

/// `PUT /api/v1/classes/{id}`
pub async fn update_class(id: Uuid, req: &ClassInput) -> Result<ClassDetail, ApiError> {
    call(Method::PUT, &format!("/api/v1/classes/{id}"), req).await
}

/// `DELETE /api/v1/classes/{id}` (409 once trainees studied: close it instead).
pub async fn delete_class(id: Uuid) -> Result<(), ApiError> {
    delete(&format!("/api/v1/classes/{id}")).await
}

/// `POST /api/v1/classes/{id}/submit` — the opening application.
pub async fn submit_class(id: Uuid) -> Result<ClassDetail, ApiError> {
    post_without_body(&format!("/api/v1/classes/{id}/submit")).await
}

/// `POST /api/v1/classes/{id}/withdraw` — back to draft.
pub async fn withdraw_class(id: Uuid) -> Result<ClassDetail, ApiError> {
    post_without_body(&format!("/api/v1/classes/{id}/withdraw")).await
}

/// `POST /api/v1/classes/{id}/close`
pub async fn close_class(id: Uuid) -> Result<ClassDetail, ApiError> {
    post_without_body(&format!("/api/v1/classes/{id}/close")).await
}

/// `GET /api/v1/classes/{id}/events`
pub async fn class_events(id: Uuid) -> Result<Vec<ClassEvent>, ApiError> {
    get(&format!("/api/v1/classes/{id}/events")).await
}

/// `POST /api/v1/classes/{id}/review` (submitted classes only).
pub async fn review_class(id: Uuid, req: &ReviewRequest) -> Result<ClassDetail, ApiError> {
    call(Method::POST, &format!("/api/v1/classes/{id}/review"), req).await
}

/// `GET /api/v1/classes/{id}/tasks`
pub async fn list_tasks(class_id: Uuid) -> Result<Vec<Task>, ApiError> {
    get(&format!("/api/v1/classes/{class_id}/tasks")).await
}

/// `POST /api/v1/classes/{id}/tasks` (approved classes only; uses seats).
pub async fn create_task(class_id: Uuid, req: &TaskInput) -> Result<Task, ApiError> {
    call(
        Method::POST,
        &format!("/api/v1/classes/{class_id}/tasks"),
        req,
    )
    .await
}

/// `DELETE /api/v1/tasks/{id}` (409 once a trainee started it).
pub async fn delete_task(id: Uuid) -> Result<(), ApiError> {
    delete(&format!("/api/v1/tasks/{id}")).await
}

/// `POST /api/v1/tasks/{id}/force-delete` — a started task; the reason is audited.
pub async fn force_delete_task(id: Uuid, reason: String) -> Result<(), ApiError> {
    call_empty(
        Method::POST,
        &format!("/api/v1/tasks/{id}/force-delete"),
        Some(&ForceDeleteRequest { reason }),
    )
    .await
}

/// `GET /api/v1/plans` — with their progress.
pub async fn list_plans() -> Result<Vec<Plan>, ApiError> {
    get("/api/v1/plans").await
}

/// `POST /api/v1/plans`
pub async fn create_plan(req: &PlanInput) -> Result<Plan, ApiError> {
    call(Method::POST, "/api/v1/plans", req).await
}

/// `GET /api/v1/plans/{id}`
pub async fn plan(id: Uuid) -> Result<Plan, ApiError> {
    get(&format!("/api/v1/plans/{id}")).await
}

/// `PUT /api/v1/plans/{id}`
pub async fn update_plan(id: Uuid, req: &PlanInput) -> Result<Plan, ApiError> {
    call(Method::PUT, &format!("/api/v1/plans/{id}"), req).await
}

/// `DELETE /api/v1/plans/{id}`
pub async fn delete_plan(id: Uuid) -> Result<(), ApiError> {
    delete(&format!("/api/v1/plans/{id}")).await
}

/// `GET /api/v1/me/classes` — the trainee's approved and closed classes.
pub async fn my_classes() -> Result<Vec<MyClass>, ApiError> {
    get("/api/v1/me/classes").await
}

/// `GET /api/v1/me/tasks` — active tasks with their courses, chapters and coursewares.
pub async fn my_tasks() -> Result<Vec<MyTask>, ApiError> {
    get("/api/v1/me/tasks").await
}
