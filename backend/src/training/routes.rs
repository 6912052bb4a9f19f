//! Training routes: projects (`projects`), classes, trainees and tasks (`classes`), the
//! regulator's review (`class_review`), plans (`plans`), and the trainee's own (`learning`); plus
//! the handlers of projects, plans and the trainee's views.

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::{Extension, Json, Router};
use shared_types::ApiError;
use shared_types::page::{Page, PageQuery};
use shared_types::training::{
    MyClass, MyTask, Plan, PlanInput, Project, ProjectInput, ProjectQuery, ProjectStatus,
};
use uuid::Uuid;

use super::{class_routes as c, learner, plans, projects, trainee_routes as t};
use crate::app::AppState;
use crate::authz::guarded;
use crate::error::AppError;
use crate::identity::Principal;
use crate::web::{ApiJson, ApiQuery};

/// An import file may be this large (a 20,000-row XLSX is about 1 MiB).
const IMPORT_LIMIT_BYTES: usize = 20 * 1024 * 1024;

pub fn router(state: &AppState) -> Router<AppState> {
    let projects = Router::new()
        .route("/api/v1/projects", get(list_projects).post(create_project))
        .route(
            "/api/v1/projects/{id}",
            get(show_project).put(update_project),
        )
        .route("/api/v1/projects/{id}/close", post(close_project))
        .route("/api/v1/projects/{id}/reopen", post(reopen_project));
    let classes = Router::new()
        .route("/api/v1/classes", get(c::list).post(c::create))
        .route(
            "/api/v1/classes/{id}",
            get(c::show).put(c::update).delete(c::delete),
        )
        .route("/api/v1/classes/{id}/submit", post(c::submit))
        .route("/api/v1/classes/{id}/withdraw", post(c::withdraw))
        .route("/api/v1/classes/{id}/close", post(c::close))
        .route("/api/v1/classes/{id}/events", get(c::events))
        .route(
            "/api/v1/classes/{id}/tasks",
            get(c::list_tasks).post(c::publish_task),
        )
        .route("/api/v1/tasks/{id}", delete(c::delete_task))
        .route(
            "/api/v1/tasks/{id}/force-delete",
            post(c::force_delete_task),
        )
        .route("/api/v1/classes/{id}/trainees", get(t::list).post(t::add))
        .route(
            "/api/v1/classes/{id}/trainees/{enrolment_id}",
            put(t::update).delete(t::remove),
        )
        .route(
            "/api/v1/classes/{id}/trainees/import",
            post(t::import_preview).layer(DefaultBodyLimit::max(IMPORT_LIMIT_BYTES)),
        )
        .route(
            "/api/v1/classes/{id}/trainees/import/{import_id}/commit",
            post(t::import_commit),
        )
        .route("/api/v1/trainee-import-template", get(t::template));
    let review = Router::new().route("/api/v1/classes/{id}/review", post(c::review));
    let plans = Router::new()
        .route("/api/v1/plans", get(list_plans).post(create_plan))
        .route(
            "/api/v1/plans/{id}",
            get(show_plan).put(update_plan).delete(delete_plan),
        );
    let learning = Router::new()
        .route("/api/v1/me/classes", get(my_classes))
        .route("/api/v1/me/tasks", get(my_tasks));
    guarded(state, "projects", projects)
        .merge(guarded(state, "classes", classes))
        .merge(guarded(state, "class_review", review))
        .merge(guarded(state, "plans", plans))
        .merge(guarded(state, "learning", learning))
}

#[utoipa::path(get, path = "/api/v1/projects", tag = "training", params(ProjectQuery),
    responses((status = 200, body = Page<Project>)))]
pub async fn list_projects(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<ProjectQuery>,
) -> Result<Json<Page<Project>>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) = projects::list(&mut tx, p.tenant.id, &q, paging).await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

#[utoipa::path(post, path = "/api/v1/projects", tag = "training", request_body = ProjectInput,
    responses((status = 201, body = Project), (status = 422, body = ApiError)))]
pub async fn create_project(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(input): ApiJson<ProjectInput>,
) -> Result<(StatusCode, Json<Project>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let project = projects::create(&mut tx, &p, &input).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(project)))
}

#[utoipa::path(get, path = "/api/v1/projects/{id}", tag = "training", params(("id" = Uuid, Path)),
    responses((status = 200, body = Project), (status = 404, body = ApiError)))]
pub async fn show_project(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Project>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let project = projects::get(&mut tx, p.tenant.id, id).await?;
    tx.commit().await?;
    Ok(Json(project))
}

#[utoipa::path(put, path = "/api/v1/projects/{id}", tag = "training", params(("id" = Uuid, Path)), request_body = ProjectInput,
    responses((status = 200, body = Project), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update_project(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<ProjectInput>,
) -> Result<Json<Project>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let project = projects::update(&mut tx, p.tenant.id, id, &input).await?;
    tx.commit().await?;
    Ok(Json(project))
}

async fn project_status(
    state: &AppState,
    p: &Principal,
    id: Uuid,
    status: ProjectStatus,
) -> Result<Json<Project>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let project = projects::set_status(&mut tx, p.tenant.id, id, status).await?;
    tx.commit().await?;
    Ok(Json(project))
}

/// Stops taking class applications under the project.
#[utoipa::path(post, path = "/api/v1/projects/{id}/close", tag = "training", params(("id" = Uuid, Path)),
    responses((status = 200, body = Project), (status = 404, body = ApiError)))]
pub async fn close_project(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Project>, AppError> {
    project_status(&state, &p, id, ProjectStatus::Closed).await
}

#[utoipa::path(post, path = "/api/v1/projects/{id}/reopen", tag = "training", params(("id" = Uuid, Path)),
    responses((status = 200, body = Project), (status = 404, body = ApiError)))]
pub async fn reopen_project(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Project>, AppError> {
    project_status(&state, &p, id, ProjectStatus::Open).await
}

/// The institution's training plans with their progress (Z-II.9).
#[utoipa::path(get, path = "/api/v1/plans", tag = "training", responses((status = 200, body = Vec<Plan>)))]
pub async fn list_plans(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<Plan>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let items = plans::list(&mut tx, &p).await?;
    tx.commit().await?;
    Ok(Json(items))
}

#[utoipa::path(post, path = "/api/v1/plans", tag = "training", request_body = PlanInput,
    responses((status = 201, body = Plan), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create_plan(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(input): ApiJson<PlanInput>,
) -> Result<(StatusCode, Json<Plan>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let plan = plans::create(&mut tx, &p, &input).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(plan)))
}

#[utoipa::path(get, path = "/api/v1/plans/{id}", tag = "training", params(("id" = Uuid, Path)),
    responses((status = 200, body = Plan), (status = 404, body = ApiError)))]
pub async fn show_plan(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Plan>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let plan = plans::get(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(Json(plan))
}

#[utoipa::path(put, path = "/api/v1/plans/{id}", tag = "training", params(("id" = Uuid, Path)), request_body = PlanInput,
    responses((status = 200, body = Plan), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update_plan(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<PlanInput>,
) -> Result<Json<Plan>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let plan = plans::update(&mut tx, &p, id, &input).await?;
    tx.commit().await?;
    Ok(Json(plan))
}

#[utoipa::path(delete, path = "/api/v1/plans/{id}", tag = "training", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ApiError)))]
pub async fn delete_plan(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    plans::delete(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The trainee's approved and closed classes.
#[utoipa::path(get, path = "/api/v1/me/classes", tag = "training", responses((status = 200, body = Vec<MyClass>)))]
pub async fn my_classes(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<MyClass>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let items = learner::classes(&mut tx, &p).await?;
    tx.commit().await?;
    Ok(Json(items))
}

/// The trainee's active tasks with courses, chapters and coursewares (credited seconds and resume
/// positions per courseware).
#[utoipa::path(get, path = "/api/v1/me/tasks", tag = "training", responses((status = 200, body = Vec<MyTask>)))]
pub async fn my_tasks(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<MyTask>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let items = learner::tasks(&mut tx, &p).await?;
    tx.commit().await?;
    Ok(Json(items))
}
