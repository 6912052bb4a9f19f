//! HTTP for the regulator's side of review (Casbin object `course_review`: admins and operators
//! write, viewers read) and the review results an author reads on their course (object
//! `courses`).

use axum::extract::{Path, State};
use axum::http::header;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use shared_types::catalog::{CourseDetail, CourseEvent, CourseSummary};
use shared_types::page::{Page, PageQuery};
use shared_types::review::{
    AssignRequest, ExportFormat, ReviewQueueQuery, ReviewRecordQuery, RoundDetail, RoundSummary,
    TakeDownRequest,
};
use shared_types::{ApiError, Role};
use uuid::Uuid;

use super::rounds::{self, Reader};
use super::{export, publishing, queue, records};
use crate::app::AppState;
use crate::authz;
use crate::error::AppError;
use crate::identity::{Principal, session};
use crate::web::{ApiJson, ApiQuery};

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub fn router(state: &AppState) -> Router<AppState> {
    let regulator = Router::new()
        .route("/api/v1/review/courses", get(list_courses))
        .route("/api/v1/review/courses/{id}", get(show_course))
        .route("/api/v1/review/courses/{id}/rounds", get(course_rounds))
        .route("/api/v1/review/courses/{id}/assign", post(assign))
        .route("/api/v1/review/courses/{id}/publish", post(publish))
        .route("/api/v1/review/courses/{id}/take-down", post(take_down))
        .route("/api/v1/review/rounds/{round_id}", get(show_round))
        .route("/api/v1/review/records", get(list_records))
        .route_layer(from_fn_with_state(
            (state.authz.clone(), "course_review"),
            authz::enforce,
        ))
        .route_layer(from_fn_with_state(state.clone(), session::require_session));
    let author = Router::new()
        .route("/api/v1/courses/{id}/rounds", get(author_rounds))
        .route("/api/v1/courses/{id}/rounds/{round_id}", get(author_round))
        .route_layer(from_fn_with_state(
            (state.authz.clone(), "courses"),
            authz::enforce,
        ))
        .route_layer(from_fn_with_state(state.clone(), session::require_session));
    regulator.merge(author)
}

/// The course queues: each course with its open revision, else its live one; submitted
/// courses oldest submission first.
#[utoipa::path(get, path = "/api/v1/review/courses", tag = "review", params(ReviewQueueQuery),
    responses((status = 200, body = Page<CourseSummary>), (status = 403, body = ApiError)))]
pub async fn list_courses(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<ReviewQueueQuery>,
) -> Result<Json<Page<CourseSummary>>, AppError> {
    let paging = PageQuery {
        page: q.page.unwrap_or(1),
        per_page: q.per_page.unwrap_or(20),
    };
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) = queue::list(
        &mut tx,
        p.tenant.id,
        None,
        &q,
        paging.limit(),
        paging.offset(),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

/// A course with its open revision, else its live one.
#[utoipa::path(get, path = "/api/v1/review/courses/{id}", tag = "review", params(("id" = Uuid, Path)),
    responses((status = 200, body = CourseDetail), (status = 404, body = ApiError)))]
pub async fn show_course(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<CourseDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let course = queue::detail(&mut tx, p.tenant.id, id).await?;
    tx.commit().await?;
    Ok(Json(course))
}

/// Every review round of a course, newest first.
#[utoipa::path(get, path = "/api/v1/review/courses/{id}/rounds", tag = "review", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<RoundSummary>), (status = 404, body = ApiError)))]
pub async fn course_rounds(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<RoundSummary>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let rounds = rounds::list_for_course(&mut tx, p.tenant.id, p.user_id, id, false).await?;
    tx.commit().await?;
    Ok(Json(rounds))
}

/// The review results of the caller's own course (its author), or any course for regulator
/// staff; anyone else gets 404.
#[utoipa::path(get, path = "/api/v1/courses/{id}/rounds", tag = "review", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<RoundSummary>), (status = 404, body = ApiError)))]
pub async fn author_rounds(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<RoundSummary>>, AppError> {
    let regulator = p.roles.iter().any(|r| {
        matches!(
            r,
            Role::RegulatorAdmin | Role::RegulatorOperator | Role::RegulatorViewer
        )
    });
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let rounds = rounds::list_for_course(&mut tx, p.tenant.id, p.user_id, id, !regulator).await?;
    tx.commit().await?;
    Ok(Json(rounds))
}

/// One review round of the caller's own course, as its author sees it: the opinions once the
/// round is decided, the experts anonymous. Anyone else's course, or a round of another course: 404.
#[utoipa::path(get, path = "/api/v1/courses/{id}/rounds/{round_id}", tag = "review",
    params(("id" = Uuid, Path), ("round_id" = Uuid, Path)),
    responses((status = 200, body = RoundDetail), (status = 404, body = ApiError)))]
pub async fn author_round(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path((id, round_id)): Path<(Uuid, Uuid)>,
) -> Result<Json<RoundDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let round = rounds::detail(
        &mut tx,
        &state.config.keyring,
        p.tenant.id,
        p.user_id,
        round_id,
        Reader::Author,
    )
    .await?;
    tx.commit().await?;
    if round.course_id != id {
        return Err(rounds::round_not_found());
    }
    Ok(Json(round))
}

/// One review round in full, with every opinion.
#[utoipa::path(get, path = "/api/v1/review/rounds/{round_id}", tag = "review", params(("round_id" = Uuid, Path)),
    responses((status = 200, body = RoundDetail), (status = 404, body = ApiError)))]
pub async fn show_round(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(round_id): Path<Uuid>,
) -> Result<Json<RoundDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let round = rounds::detail(
        &mut tx,
        &state.config.keyring,
        p.tenant.id,
        p.user_id,
        round_id,
        Reader::Staff,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(round))
}

/// Assigns the course's submitted revision to an expert group; a revision in review is
/// re-assigned and its open round cancelled.
#[utoipa::path(post, path = "/api/v1/review/courses/{id}/assign", tag = "review", params(("id" = Uuid, Path)),
    request_body = AssignRequest,
    responses((status = 200, body = RoundSummary), (status = 404, body = ApiError),
        (status = 409, body = ApiError, description = "the course is not submitted or in review"),
        (status = 422, body = ApiError, description = "invalid_field: group_id (no such group, or no enabled experts)")))]
pub async fn assign(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<AssignRequest>,
) -> Result<Json<RoundSummary>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let round = rounds::assign(&mut tx, p.tenant.id, p.user_id, id, req.group_id).await?;
    tx.commit().await?;
    Ok(Json(round))
}

/// Publishes the approved revision: it becomes the live one and the course is listed.
#[utoipa::path(post, path = "/api/v1/review/courses/{id}/publish", tag = "review", params(("id" = Uuid, Path)),
    responses((status = 200, body = CourseDetail), (status = 404, body = ApiError),
        (status = 409, body = ApiError, description = "no approved revision")))]
pub async fn publish(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<CourseDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let course = publishing::publish(&mut tx, p.tenant.id, p.user_id, id).await?;
    tx.commit().await?;
    Ok(Json(course))
}

/// Takes a published course down with a reason.
#[utoipa::path(post, path = "/api/v1/review/courses/{id}/take-down", tag = "review", params(("id" = Uuid, Path)),
    request_body = TakeDownRequest,
    responses((status = 200, body = CourseDetail), (status = 404, body = ApiError),
        (status = 409, body = ApiError, description = "the course is not published"),
        (status = 422, body = ApiError, description = "invalid_field: reason (2 to 500 characters)")))]
pub async fn take_down(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<TakeDownRequest>,
) -> Result<Json<CourseDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let course = publishing::take_down(&mut tx, p.tenant.id, p.user_id, id, &req.reason).await?;
    tx.commit().await?;
    Ok(Json(course))
}

fn attachment(body: Vec<u8>, content_type: &'static str, file_name: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// Review records (T-7.2.7k): one page as JSON, or every matching row as a CSV or XLSX file
/// (`review-records-YYYYMMDD.csv|xlsx`, at most 100,000 rows).
#[utoipa::path(get, path = "/api/v1/review/records", tag = "review", params(ReviewRecordQuery),
    responses((status = 200, body = Page<CourseEvent>, description = "format=json; csv and xlsx answer with the file"),
        (status = 422, body = ApiError, description = "invalid_field: to (before from) / format (too many rows to export)"),
        (status = 403, body = ApiError)))]
pub async fn list_records(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<ReviewRecordQuery>,
) -> Result<Response, AppError> {
    let keyring = &state.config.keyring;
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let format = q.format.unwrap_or(ExportFormat::Json);
    if format == ExportFormat::Json {
        let paging = PageQuery {
            page: q.page.unwrap_or(1),
            per_page: q.per_page.unwrap_or(50),
        };
        let (items, total) = records::page(
            &mut tx,
            keyring,
            p.tenant.id,
            &q,
            paging.limit(),
            paging.offset(),
        )
        .await?;
        tx.commit().await?;
        return Ok(Json(paging.page_of(items, total)).into_response());
    }
    let all = records::all(&mut tx, keyring, p.tenant.id, &q).await?;
    let today = records::today(&mut tx, p.tenant.id).await?;
    tx.commit().await?;
    Ok(if format == ExportFormat::Csv {
        attachment(
            export::csv(&all),
            "text/csv; charset=utf-8",
            format!("review-records-{today}.csv"),
        )
    } else {
        attachment(
            export::xlsx(&all)?,
            XLSX_TYPE,
            format!("review-records-{today}.xlsx"),
        )
    })
}
