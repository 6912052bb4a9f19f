//! HTTP handlers of course authoring (`courses`, `lecturers`) and the published catalogue.

use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post, put};
use axum::{Extension, Json, Router};
use serde::Deserialize;
use shared_types::ApiError;
use shared_types::catalog::{
    CatalogueDetail, CatalogueItem, CatalogueQuery, Chapter, ChapterInput, CourseDetail,
    CourseEvent, CourseFields, CourseQuery, CourseSummary, CoursewareInput, CreateCourseRequest,
    Lecturer, LecturerInput, OrderRequest, SubtitleInput, Topic, TopicInput,
};
use shared_types::page::{Page, PageQuery};
use shared_types::review::ReviewQueueQuery;
use uuid::Uuid;

use super::{arrange, authoring, catalogue, lecturers, outline, topics};
use crate::app::AppState;
use crate::authz;
use crate::db::Scope;
use crate::error::AppError;
use crate::identity::{Principal, session};
use crate::review::queue;
use crate::web::{ApiJson, ApiQuery};

fn guarded(state: &AppState, object: &'static str, routes: Router<AppState>) -> Router<AppState> {
    routes
        .route_layer(from_fn_with_state(
            (state.authz.clone(), object),
            authz::enforce,
        ))
        .route_layer(from_fn_with_state(state.clone(), session::require_session))
}

pub fn router(state: &AppState) -> Router<AppState> {
    let courses = Router::new()
        .route("/api/v1/courses", get(list).post(create))
        .route("/api/v1/courses/{id}", get(show).put(update))
        .route("/api/v1/courses/{id}/submit", post(submit))
        .route("/api/v1/courses/{id}/withdraw", post(withdraw))
        .route("/api/v1/courses/{id}/revisions", post(new_revision))
        .route("/api/v1/courses/{id}/events", get(events))
        .route("/api/v1/courses/{id}/chapters", post(add_chapter))
        .route("/api/v1/courses/{id}/chapters/order", put(order_chapters))
        .route(
            "/api/v1/chapters/{id}",
            put(rename_chapter).delete(delete_chapter),
        )
        .route("/api/v1/chapters/{id}/coursewares", post(add_courseware))
        .route(
            "/api/v1/chapters/{id}/coursewares/order",
            put(order_coursewares),
        )
        .route(
            "/api/v1/coursewares/{id}",
            put(update_courseware).delete(delete_courseware),
        )
        .route("/api/v1/course-topics", get(list_topics).post(create_topic))
        .route(
            "/api/v1/coursewares/{id}/subtitles/{lang}",
            put(put_subtitle).delete(delete_subtitle),
        );
    let lecturers = Router::new()
        .route(
            "/api/v1/lecturers",
            get(list_lecturers).post(create_lecturer),
        )
        .route(
            "/api/v1/lecturers/{id}",
            get(show_lecturer).put(update_lecturer),
        );
    let catalogue = Router::new()
        .route("/api/v1/catalogue", get(search))
        .route("/api/v1/catalogue/{id}", get(catalogue_course))
        .route("/api/v1/lecturers/{id}/photo", get(lecturer_photo));
    guarded(state, "courses", courses)
        .merge(guarded(state, "lecturers", lecturers))
        .merge(guarded(state, "catalogue", catalogue))
}

fn scope(p: &Principal) -> Scope {
    Scope::user(p.tenant.id, p.user_id)
}

fn paging(page: Option<u32>, per_page: Option<u32>) -> PageQuery {
    PageQuery {
        page: page.unwrap_or(1),
        per_page: per_page.unwrap_or(20),
    }
}

/// Courses the caller authors (regulator staff: every course), with their open revision.
#[utoipa::path(get, path = "/api/v1/courses", tag = "catalog", params(CourseQuery),
    responses((status = 200, body = Page<CourseSummary>), (status = 403, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<CourseQuery>,
) -> Result<Json<Page<CourseSummary>>, AppError> {
    let paging = paging(q.page, q.per_page);
    let filter = ReviewQueueQuery {
        kind: q.kind,
        status: q.status,
        listing: q.listing,
        q: q.q,
        page: None,
        per_page: None,
    };
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
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
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
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
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
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
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
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
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
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
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
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
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    authoring::new_revision(&mut tx, &p, id).await?;
    let detail = authoring::detail(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

#[utoipa::path(post, path = "/api/v1/courses/{id}/chapters", tag = "catalog", params(("id" = Uuid, Path)), request_body = ChapterInput,
    responses((status = 201, body = Chapter), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn add_chapter(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<ChapterInput>,
) -> Result<(StatusCode, Json<Chapter>), AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    let chapter = outline::add_chapter(&mut tx, &p, id, &input).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(chapter)))
}

/// Adds a video, PDF document or link to a chapter; answers the whole course.
#[utoipa::path(post, path = "/api/v1/chapters/{id}/coursewares", tag = "catalog", params(("id" = Uuid, Path)), request_body = CoursewareInput,
    responses((status = 201, body = CourseDetail), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn add_courseware(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<CoursewareInput>,
) -> Result<(StatusCode, Json<CourseDetail>), AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    let course_id = outline::add_courseware(&mut tx, &p, id, &input).await?;
    let detail = authoring::detail(&mut tx, &p, course_id).await?;
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
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    let events = authoring::history(&mut tx, &state.config.keyring, &p, id).await?;
    tx.commit().await?;
    Ok(Json(events))
}

/// Renames a chapter of a draft or returned revision.
#[utoipa::path(put, path = "/api/v1/chapters/{id}", tag = "catalog", params(("id" = Uuid, Path)), request_body = ChapterInput,
    responses((status = 200, body = Chapter), (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn rename_chapter(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<ChapterInput>,
) -> Result<Json<Chapter>, AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    let chapter = arrange::rename_chapter(&mut tx, &p, id, &input).await?;
    tx.commit().await?;
    Ok(Json(chapter))
}

/// Puts the chapters in a new order (every chapter id once; 422 `ids` otherwise).
#[utoipa::path(put, path = "/api/v1/courses/{id}/chapters/order", tag = "catalog", params(("id" = Uuid, Path)), request_body = OrderRequest,
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn order_chapters(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<OrderRequest>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    arrange::order_chapters(&mut tx, &p, id, &input.ids).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Puts a chapter's coursewares in a new order (every courseware id once; 422 `ids` otherwise).
#[utoipa::path(put, path = "/api/v1/chapters/{id}/coursewares/order", tag = "catalog", params(("id" = Uuid, Path)), request_body = OrderRequest,
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn order_coursewares(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<OrderRequest>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    arrange::order_coursewares(&mut tx, &p, id, &input.ids).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes a courseware of a draft or returned revision; answers the whole course. Replacing a
/// video (or changing the kind) drops its subtitles.
#[utoipa::path(put, path = "/api/v1/coursewares/{id}", tag = "catalog", params(("id" = Uuid, Path)), request_body = CoursewareInput,
    responses((status = 200, body = CourseDetail), (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update_courseware(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<CoursewareInput>,
) -> Result<Json<CourseDetail>, AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    let course_id = outline::update_courseware(&mut tx, &p, id, &input).await?;
    let detail = authoring::detail(&mut tx, &p, course_id).await?;
    tx.commit().await?;
    Ok(Json(detail))
}

/// Removes a chapter and its coursewares from a draft or returned revision.
#[utoipa::path(delete, path = "/api/v1/chapters/{id}", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn delete_chapter(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    outline::delete_chapter(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a courseware from a draft or returned revision.
#[utoipa::path(delete, path = "/api/v1/coursewares/{id}", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn delete_courseware(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    outline::delete_courseware(&mut tx, &p, id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Topics that group the same content by different lecturers (Z-III.6).
#[utoipa::path(get, path = "/api/v1/course-topics", tag = "catalog",
    responses((status = 200, body = Vec<Topic>), (status = 403, body = ApiError)))]
pub async fn list_topics(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<Topic>>, AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
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
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    let topic = topics::create(&mut tx, p.tenant.id, &input).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(topic)))
}

#[derive(Deserialize)]
pub struct SubtitlePath {
    id: Uuid,
    lang: String,
}

/// Sets a video's WebVTT subtitle track (`zh-CN` is required before submission, Z-III.4).
#[utoipa::path(put, path = "/api/v1/coursewares/{id}/subtitles/{lang}", tag = "catalog",
    params(("id" = Uuid, Path), ("lang" = String, Path, description = "zh-CN or en-US")), request_body = SubtitleInput,
    responses((status = 200, body = CourseDetail), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn put_subtitle(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(path): Path<SubtitlePath>,
    ApiJson(input): ApiJson<SubtitleInput>,
) -> Result<Json<CourseDetail>, AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    let course_id = outline::put_subtitle(&mut tx, &p, path.id, &path.lang, &input).await?;
    let detail = authoring::detail(&mut tx, &p, course_id).await?;
    tx.commit().await?;
    Ok(Json(detail))
}

/// Removes a video's subtitle track (404 when it has none).
#[utoipa::path(delete, path = "/api/v1/coursewares/{id}/subtitles/{lang}", tag = "catalog",
    params(("id" = Uuid, Path), ("lang" = String, Path, description = "zh-CN or en-US")),
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn delete_subtitle(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(path): Path<SubtitlePath>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    outline::delete_subtitle(&mut tx, &p, path.id, &path.lang).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct LecturerQuery {
    q: Option<String>,
    page: Option<u32>,
    per_page: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/lecturers", tag = "catalog", params(LecturerQuery),
    responses((status = 200, body = Page<Lecturer>), (status = 403, body = ApiError)))]
pub async fn list_lecturers(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<LecturerQuery>,
) -> Result<Json<Page<Lecturer>>, AppError> {
    let paging = paging(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    let (items, total) = lecturers::list(
        &mut tx,
        p.tenant.id,
        q.q.as_deref(),
        paging.limit(),
        paging.offset(),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

#[utoipa::path(post, path = "/api/v1/lecturers", tag = "catalog", request_body = LecturerInput,
    responses((status = 201, body = Lecturer), (status = 422, body = ApiError), (status = 403, body = ApiError)))]
pub async fn create_lecturer(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(input): ApiJson<LecturerInput>,
) -> Result<(StatusCode, Json<Lecturer>), AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    let lecturer = lecturers::create(&mut tx, p.tenant.id, p.user_id, &input).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(lecturer)))
}

#[utoipa::path(get, path = "/api/v1/lecturers/{id}", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 200, body = Lecturer), (status = 404, body = ApiError)))]
pub async fn show_lecturer(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Lecturer>, AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    let lecturer = lecturers::show(&mut tx, p.tenant.id, id).await?;
    tx.commit().await?;
    Ok(Json(lecturer))
}

/// Changes a lecturer's profile; courses naming them are found by the new name.
#[utoipa::path(put, path = "/api/v1/lecturers/{id}", tag = "catalog", params(("id" = Uuid, Path)), request_body = LecturerInput,
    responses((status = 200, body = Lecturer), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update_lecturer(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<LecturerInput>,
) -> Result<Json<Lecturer>, AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    let lecturer = lecturers::update(&mut tx, p.tenant.id, id, &input).await?;
    tx.commit().await?;
    Ok(Json(lecturer))
}

/// How long a photo's presigned URL lives, and how long the browser may keep the redirect.
const PHOTO_TTL: Duration = Duration::from_secs(600);

/// A lecturer's photo: a redirect to a short-lived presigned URL of the image. Every signed-in
/// role may see it, as it is shown on published courses (Casbin `catalogue`).
#[utoipa::path(get, path = "/api/v1/lecturers/{id}/photo", tag = "catalog", params(("id" = Uuid, Path)),
    responses((status = 307, description = "to the presigned image"), (status = 404, body = ApiError)))]
pub async fn lecturer_photo(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    let (key, content_type, file_name) = lecturers::photo(&mut tx, p.tenant.id, id).await?;
    tx.commit().await?;
    let url = state
        .storage
        .presign_get_inline(&key, PHOTO_TTL, &content_type, &file_name)
        .await?;
    let mut response = Redirect::temporary(&url).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    Ok(response)
}

/// Searches the published catalogue (Chinese substrings included), ranked and paged.
#[utoipa::path(get, path = "/api/v1/catalogue", tag = "catalog", params(CatalogueQuery),
    responses((status = 200, body = Page<CatalogueItem>), (status = 401, body = ApiError)))]
pub async fn search(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<CatalogueQuery>,
) -> Result<Json<Page<CatalogueItem>>, AppError> {
    let paging = paging(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
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
    let mut tx = state.db.begin_tenant(scope(&p)).await?;
    let detail = catalogue::detail(&mut tx, p.tenant.id, id).await?;
    tx.commit().await?;
    Ok(Json(detail))
}
