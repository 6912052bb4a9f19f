//! The catalog's routes, and the HTTP handlers of course authoring (`courses`) and the published
//! catalogue; the outline's and lecturers' handlers are in `outline_routes.rs` and
//! `lecturer_routes.rs`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Extension, Json, Router};
use shared_types::ApiError;
use shared_types::catalog::{
    CatalogueDetail, CatalogueItem, CatalogueQuery, CourseDetail, CourseEvent, CourseFields,
    CourseQuery, CourseSummary, CreateCourseRequest, Topic, TopicInput,
};
use shared_types::page::{Page, PageQuery};
use shared_types::review::ReviewQueueQuery;
use uuid::Uuid;

use super::{authoring, catalogue, lecturer_routes, outline_routes, topics};
use crate::app::AppState;
use crate::authz::guarded;
use crate::error::AppError;
use crate::identity::Principal;
use crate::review::queue;
use crate::web::{ApiJson, ApiQuery};

pub fn router(state: &AppState) -> Router<AppState> {
    let courses = Router::new()
        .route("/api/v1/courses", get(list).post(create))
        .route("/api/v1/courses/{id}", get(show).put(update))
        .route("/api/v1/courses/{id}/submit", post(submit))
        .route("/api/v1/courses/{id}/withdraw", post(withdraw))
        .route("/api/v1/courses/{id}/revisions", post(new_revision))
        .route("/api/v1/courses/{id}/events", get(events))
        .route(
            "/api/v1/courses/{id}/chapters",
            post(outline_routes::add_chapter),
        )
        .route(
            "/api/v1/courses/{id}/chapters/order",
            put(outline_routes::order_chapters),
        )
        .route(
            "/api/v1/chapters/{id}",
            put(outline_routes::rename_chapter).delete(outline_routes::delete_chapter),
        )
        .route(
            "/api/v1/chapters/{id}/coursewares",
            post(outline_routes::add_courseware),
        )
        .route(
            "/api/v1/chapters/{id}/coursewares/order",
            put(outline_routes::order_coursewares),
        )
        .route(
            "/api/v1/coursewares/{id}",
            put(outline_routes::update_courseware).delete(outline_routes::delete_courseware),
        )
        .route("/api/v1/course-topics", get(list_topics).post(create_topic))
        .route(
            "/api/v1/coursewares/{id}/subtitles/{lang}",
            put(outline_routes::put_subtitle).delete(outline_routes::delete_subtitle),
        );
    let lecturers = Router::new()
        .route(
            "/api/v1/lecturers",
            get(lecturer_routes::list_lecturers).post(lecturer_routes::create_lecturer),
        )
        .route(
            "/api/v1/lecturers/{id}",
            get(lecturer_routes::show_lecturer).put(lecturer_routes::update_lecturer),
        );
    let catalogue = Router::new()
        .route("/api/v1/catalogue", get(search))
        .route("/api/v1/catalogue/{id}", get(catalogue_course))
        .route(
            "/api/v1/lecturers/{id}/photo",
            get(lecturer_routes::lecturer_photo),
        );
    guarded(state, "courses", courses)
        .merge(guarded(state, "lecturers", lecturers))
        .merge(guarded(state, "catalogue", catalogue))
}

/// Courses the caller authors (regulator staff: every course), with their open revision.
#[utoipa::path(get, path = "/api/v1/courses", tag = "catalog", params(CourseQuery),
    responses((status = 200, body = Page<CourseSummary>), (status = 403, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<CourseQuery>,
) -> Result<Json<Page<CourseSummary>>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let filter = ReviewQueueQuery {
        kind: q.kind,
        status: q.status,
        listing: q.listing,
        q: q.q,
        page: None,
        per_page: None,
    };
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let author = authoring::author_filter(&p);
    let (items, total) = queue::list(
        &mut tx,
        p.tenant.id,
        author,
        &filter,
        paging.limit(),
        paging.offset(),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

/// Creates a course with its number and a first draft revision (live courses: 422 `kind`).
#[utoipa::path(post, path = "/api/v1/courses", tag = "catalog", request_body = CreateCourseRequest,
    responses((status = 201, body = CourseDetail), (status = 422, body = ApiError), (status = 403, body = ApiError)))]
pub async fn create(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(req): ApiJson<CreateCourseRequest>,
) -> Result<(StatusCode, Json<CourseDetail>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let id = authoring::create(&mut tx, &p, &req).await?;
    let detail = authoring::detail(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// The course with its open revision, else its live one.
#[utoipa::path(get, path = "/api/v1/courses/{id}", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 200, body = CourseDetail), (status = 404, body = ApiError)))]
pub async fn show(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<CourseDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let detail = authoring::detail(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(Json(detail))
}

/// Edits the open draft or returned revision (409 otherwise).
#[utoipa::path(put, path = "/api/v1/courses/{id}", tag = "catalog", params(("id" = Uuid, Path)), request_body = CourseFields,
    responses((status = 200, body = CourseDetail), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(fields): ApiJson<CourseFields>,
) -> Result<Json<CourseDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    authoring::update(&mut tx, &p, id, &fields).await?;
    let detail = authoring::detail(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(Json(detail))
}

/// Submits for review; 422 names what is missing (lecturer, licence, zh-CN subtitles...).
#[utoipa::path(post, path = "/api/v1/courses/{id}/submit", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 200, body = CourseDetail), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn submit(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<CourseDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    authoring::submit(&mut tx, &p, id).await?;
    let detail = authoring::detail(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(Json(detail))
}

/// Takes a submitted or in-review course back to draft.
#[utoipa::path(post, path = "/api/v1/courses/{id}/withdraw", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 200, body = CourseDetail), (status = 409, body = ApiError)))]
pub async fn withdraw(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<CourseDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    authoring::withdraw(&mut tx, &p, id).await?;
    let detail = authoring::detail(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(Json(detail))
}

/// A new draft revision copied from the live one (same courseware lineage); the live one keeps
/// serving until the new one is published.
#[utoipa::path(post, path = "/api/v1/courses/{id}/revisions", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 201, body = CourseDetail), (status = 409, body = ApiError)))]
pub async fn new_revision(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<(StatusCode, Json<CourseDetail>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    authoring::new_revision(&mut tx, &p, id).await?;
    let detail = authoring::detail(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// The course's history: every transition with who, when and the opinion (T-7.2.7k).
#[utoipa::path(get, path = "/api/v1/courses/{id}/events", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<CourseEvent>), (status = 404, body = ApiError)))]
pub async fn events(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<CourseEvent>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let events = authoring::history(&mut tx, &state.config.keyring, &p, id).await?;
    tx.commit().await?;
    Ok(Json(events))
}

/// Topics that group the same content by different lecturers (Z-III.6).
#[utoipa::path(get, path = "/api/v1/course-topics", tag = "catalog",
    responses((status = 200, body = Vec<Topic>), (status = 403, body = ApiError)))]
pub async fn list_topics(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<Topic>>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let topics = topics::list(&mut tx, p.tenant.id).await?;
    tx.commit().await?;
    Ok(Json(topics))
}

#[utoipa::path(post, path = "/api/v1/course-topics", tag = "catalog", request_body = TopicInput,
    responses((status = 201, body = Topic), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create_topic(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(input): ApiJson<TopicInput>,
) -> Result<(StatusCode, Json<Topic>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let topic = topics::create(&mut tx, p.tenant.id, &input).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(topic)))
}

/// Searches the published catalogue (Chinese substrings included), ranked and paged.
#[utoipa::path(get, path = "/api/v1/catalogue", tag = "catalog", params(CatalogueQuery),
    responses((status = 200, body = Page<CatalogueItem>), (status = 401, body = ApiError)))]
pub async fn search(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<CatalogueQuery>,
) -> Result<Json<Page<CatalogueItem>>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) =
        catalogue::search(&mut tx, p.tenant.id, &q, paging.limit(), paging.offset()).await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

/// A published course in full, with other lecturers' variants of its topic.
#[utoipa::path(get, path = "/api/v1/catalogue/{id}", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 200, body = CatalogueDetail), (status = 404, body = ApiError)))]
pub async fn catalogue_course(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<CatalogueDetail>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let detail = catalogue::detail(&mut tx, p.tenant.id, id).await?;
    tx.commit().await?;
    Ok(Json(detail))
}
