//! HTTP handlers of classes and their tasks (`classes`), and of the regulator's review of
//! opening applications (`class_review`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use shared_types::ApiError;
use shared_types::orgs::ReviewRequest;
use shared_types::page::{Page, PageQuery};
use shared_types::training::{
    ClassDetail, ClassEvent, ClassInput, ClassQuery, ClassSummary, ForceDeleteRequest, Task,
    TaskInput,
};
use uuid::Uuid;

use super::{class_repo, classes, tasks};
use crate::app::AppState;
use crate::audit::AuditNote;
use crate::db::Tx;
use crate::error::AppError;
use crate::identity::Principal;
use crate::web::{ApiJson, ApiQuery};

/// Classes: the institution's own, or (regulator) every class past its draft.
#[utoipa::path(get, path = "/api/v1/classes", tag = "training", params(ClassQuery),
    responses((status = 200, body = Page<ClassSummary>)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<ClassQuery>,
) -> Result<Json<Page<ClassSummary>>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) = class_repo::list(&mut tx, &p, &q, paging).await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

/// Answers with the class as it stands at the end of `tx`, then commits.
async fn detail_after(p: &Principal, id: Uuid, mut tx: Tx) -> Result<Json<ClassDetail>, AppError> {
    let detail = class_repo::detail(&mut tx, p, id).await?;
    tx.commit().await?;
    Ok(Json(detail))
}

/// A new draft class under a project (needs certification and the project type's qualification).
#[utoipa::path(post, path = "/api/v1/classes", tag = "training", request_body = ClassInput,
    responses((status = 201, body = ClassDetail), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(input): ApiJson<ClassInput>,
) -> Result<(StatusCode, Json<ClassDetail>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let id = classes::create(&mut tx, &p, &input).await?;
    Ok((StatusCode::CREATED, detail_after(&p, id, tx).await?))
}

#[utoipa::path(get, path = "/api/v1/classes/{id}", tag = "training", params(("id" = Uuid, Path)),
    responses((status = 200, body = ClassDetail), (status = 404, body = ApiError)))]
pub async fn show(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<ClassDetail>, AppError> {
    let tx = state.db.begin_tenant(p.scope()).await?;
    detail_after(&p, id, tx).await
}

#[utoipa::path(put, path = "/api/v1/classes/{id}", tag = "training", params(("id" = Uuid, Path)), request_body = ClassInput,
    responses((status = 200, body = ClassDetail), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<ClassInput>,
) -> Result<Json<ClassDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    classes::update(&mut tx, &p, id, &input).await?;
    detail_after(&p, id, tx).await
}

/// Deletes a class without study records (else 409: close it instead).
#[utoipa::path(delete, path = "/api/v1/classes/{id}", tag = "training", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn delete(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    classes::delete(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Submits the opening application for review (申请审核).
#[utoipa::path(post, path = "/api/v1/classes/{id}/submit", tag = "training", params(("id" = Uuid, Path)),
    responses((status = 200, body = ClassDetail), (status = 409, body = ApiError)))]
pub async fn submit(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<ClassDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    classes::submit(&mut tx, &p, id).await?;
    detail_after(&p, id, tx).await
}

#[utoipa::path(post, path = "/api/v1/classes/{id}/withdraw", tag = "training", params(("id" = Uuid, Path)),
    responses((status = 200, body = ClassDetail), (status = 409, body = ApiError)))]
pub async fn withdraw(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<ClassDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    classes::withdraw(&mut tx, &p, id).await?;
    detail_after(&p, id, tx).await
}

/// Closes an approved class (结班).
#[utoipa::path(post, path = "/api/v1/classes/{id}/close", tag = "training", params(("id" = Uuid, Path)),
    responses((status = 200, body = ClassDetail), (status = 409, body = ApiError)))]
pub async fn close(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<ClassDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    classes::close(&mut tx, &p, id).await?;
    detail_after(&p, id, tx).await
}

/// The regulator approves an opening application, or returns it with reasons (T-7.2.7h).
#[utoipa::path(post, path = "/api/v1/classes/{id}/review", tag = "training", params(("id" = Uuid, Path)),
    request_body = ReviewRequest,
    responses((status = 200, body = ClassDetail), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn review(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<ReviewRequest>,
) -> Result<Json<ClassDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    classes::review(&mut tx, &p, id, &req).await?;
    detail_after(&p, id, tx).await
}

/// The class's history, application review included, oldest first.
#[utoipa::path(get, path = "/api/v1/classes/{id}/events", tag = "training", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<ClassEvent>), (status = 404, body = ApiError)))]
pub async fn events(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<ClassEvent>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let events = class_repo::events(&mut tx, &state.config.keyring, &p, id).await?;
    tx.commit().await?;
    Ok(Json(events))
}

#[utoipa::path(get, path = "/api/v1/classes/{id}/tasks", tag = "training", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<Task>), (status = 404, body = ApiError)))]
pub async fn list_tasks(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<Task>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let items = tasks::list(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(Json(items))
}

/// Publishes a learning task; every trainee of the class gets a seat of each on-demand course.
#[utoipa::path(post, path = "/api/v1/classes/{id}/tasks", tag = "training", params(("id" = Uuid, Path)),
    request_body = TaskInput,
    responses((status = 201, body = Task), (status = 409, body = ApiError, description = "not approved, or not enough seats"),
        (status = 422, body = ApiError)))]
pub async fn publish_task(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<TaskInput>,
) -> Result<(StatusCode, Json<Task>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let task_id = tasks::publish(&mut tx, &p, id, &input).await?;
    let task = tasks::get(&mut tx, &p, task_id).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(task)))
}

/// Deletes a task nobody started (409 otherwise: force-delete with a reason).
#[utoipa::path(delete, path = "/api/v1/tasks/{id}", tag = "training", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn delete_task(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    tasks::delete(&mut tx, &p, id, None).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes a started task; the reason is kept on the task, in the class history and the audit log.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/force-delete", tag = "training", params(("id" = Uuid, Path)),
    request_body = ForceDeleteRequest,
    responses((status = 204), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn force_delete_task(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Extension(note): Extension<AuditNote>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<ForceDeleteRequest>,
) -> Result<StatusCode, AppError> {
    note.update(|f| f.object = Some(format!("task:{id} reason:{}", req.reason.trim())));
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    tasks::delete(&mut tx, &p, id, Some(&req.reason)).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
