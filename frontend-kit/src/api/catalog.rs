//! Course authoring (Z-III.2, Z-III.3, Z-III.4, Z-III.6): courses and their revisions, chapters,
//! coursewares and subtitles, lecturers and topics, and the review results an author reads.
//! Paths as in `docs/catalog-api.md`.

use gloo_net::http::Method;
use shared_types::ApiError;
use shared_types::catalog::{
    Chapter, ChapterInput, CourseDetail, CourseEvent, CourseFields, CourseQuery, CourseSummary,
    CoursewareInput, CreateCourseRequest, Lecturer, LecturerInput, OrderRequest, SubtitleInput,
    SubtitleLang, Topic, TopicInput,
};
use shared_types::page::Page;
use shared_types::review::{RoundDetail, RoundSummary};
use uuid::Uuid;

use super::{call, call_empty, get, post_without_body, with_query};

/// `GET /api/v1/courses` — the courses the caller authors.
pub async fn list_courses(query: &CourseQuery) -> Result<Page<CourseSummary>, ApiError> {
    get(&with_query("/api/v1/courses", query)).await
}

/// `POST /api/v1/courses`
pub async fn create_course(req: &CreateCourseRequest) -> Result<CourseDetail, ApiError> {
    call(Method::POST, "/api/v1/courses", req).await
}

/// `GET /api/v1/courses/{id}` — with the open revision, else the live one.
pub async fn course(id: Uuid) -> Result<CourseDetail, ApiError> {
    get(&format!("/api/v1/courses/{id}")).await
}

/// `PUT /api/v1/courses/{id}`
pub async fn update_course(id: Uuid, fields: &CourseFields) -> Result<CourseDetail, ApiError> {
    call(Method::PUT, &format!("/api/v1/courses/{id}"), fields).await
}

/// `POST /api/v1/courses/{id}/submit`
pub async fn submit_course(id: Uuid) -> Result<CourseDetail, ApiError> {
    post_without_body(&format!("/api/v1/courses/{id}/submit")).await
}

/// `POST /api/v1/courses/{id}/withdraw`
pub async fn withdraw_course(id: Uuid) -> Result<CourseDetail, ApiError> {
    post_without_body(&format!("/api/v1/courses/{id}/withdraw")).await
}

/// `POST /api/v1/courses/{id}/revisions` — a new draft copied from the live revision.
pub async fn new_revision(id: Uuid) -> Result<CourseDetail, ApiError> {
    post_without_body(&format!("/api/v1/courses/{id}/revisions")).await
}

/// `GET /api/v1/courses/{id}/events`
pub async fn course_events(id: Uuid) -> Result<Vec<CourseEvent>, ApiError> {
    get(&format!("/api/v1/courses/{id}/events")).await
}

/// `GET /api/v1/courses/{id}/rounds` — the review results of the caller's course.
pub async fn course_rounds(id: Uuid) -> Result<Vec<RoundSummary>, ApiError> {
    get(&format!("/api/v1/courses/{id}/rounds")).await
}

/// `GET /api/v1/courses/{id}/rounds/{round_id}` — the author's view of one round.
pub async fn course_round(id: Uuid, round_id: Uuid) -> Result<RoundDetail, ApiError> {
    get(&format!("/api/v1/courses/{id}/rounds/{round_id}")).await
}

/// `POST /api/v1/courses/{id}/chapters`
pub async fn add_chapter(course_id: Uuid, req: &ChapterInput) -> Result<Chapter, ApiError> {
    call(
        Method::POST,
        &format!("/api/v1/courses/{course_id}/chapters"),
        req,
    )
    .await
}

/// `PUT /api/v1/chapters/{id}`
pub async fn rename_chapter(id: Uuid, req: &ChapterInput) -> Result<Chapter, ApiError> {
    call(Method::PUT, &format!("/api/v1/chapters/{id}"), req).await
}

/// `DELETE /api/v1/chapters/{id}`
pub async fn delete_chapter(id: Uuid) -> Result<(), ApiError> {
    call_empty(
        Method::DELETE,
        &format!("/api/v1/chapters/{id}"),
        None::<&()>,
    )
    .await
}

/// `PUT /api/v1/courses/{id}/chapters/order`
pub async fn order_chapters(course_id: Uuid, ids: Vec<Uuid>) -> Result<(), ApiError> {
    call_empty(
        Method::PUT,
        &format!("/api/v1/courses/{course_id}/chapters/order"),
        Some(&OrderRequest { ids }),
    )
    .await
}

/// `POST /api/v1/chapters/{id}/coursewares`
pub async fn add_courseware(
    chapter_id: Uuid,
    req: &CoursewareInput,
) -> Result<CourseDetail, ApiError> {
    call(
        Method::POST,
        &format!("/api/v1/chapters/{chapter_id}/coursewares"),
        req,
    )
    .await
}

/// `PUT /api/v1/coursewares/{id}` — answers the whole course.
pub async fn update_courseware(id: Uuid, req: &CoursewareInput) -> Result<CourseDetail, ApiError> {
    call(Method::PUT, &format!("/api/v1/coursewares/{id}"), req).await
}

/// `DELETE /api/v1/coursewares/{id}`
pub async fn delete_courseware(id: Uuid) -> Result<(), ApiError> {
    call_empty(
        Method::DELETE,
        &format!("/api/v1/coursewares/{id}"),
        None::<&()>,
    )
    .await
}

/// `PUT /api/v1/chapters/{id}/coursewares/order`
pub async fn order_coursewares(chapter_id: Uuid, ids: Vec<Uuid>) -> Result<(), ApiError> {
    call_empty(
        Method::PUT,
        &format!("/api/v1/chapters/{chapter_id}/coursewares/order"),
        Some(&OrderRequest { ids }),
    )
    .await
}

fn subtitle_path(courseware_id: Uuid, lang: SubtitleLang) -> String {
    format!(
        "/api/v1/coursewares/{courseware_id}/subtitles/{}",
        lang.as_str()
    )
}

/// `PUT /api/v1/coursewares/{id}/subtitles/{lang}` — attaches an uploaded WebVTT file;
/// answers the whole course.
pub async fn put_subtitle(
    courseware_id: Uuid,
    lang: SubtitleLang,
    media_id: Uuid,
) -> Result<CourseDetail, ApiError> {
    call(
        Method::PUT,
        &subtitle_path(courseware_id, lang),
        &SubtitleInput { media_id },
    )
    .await
}

/// `DELETE /api/v1/coursewares/{id}/subtitles/{lang}`
pub async fn delete_subtitle(courseware_id: Uuid, lang: SubtitleLang) -> Result<(), ApiError> {
    call_empty(
        Method::DELETE,
        &subtitle_path(courseware_id, lang),
        None::<&()>,
    )
    .await
}

/// `GET /api/v1/lecturers?q=&page=&per_page=`
pub async fn list_lecturers(q: &str, page: u32, per_page: u32) -> Result<Page<Lecturer>, ApiError> {
    let query = [
        ("q", q.to_owned()),
        ("page", page.to_string()),
        ("per_page", per_page.to_string()),
    ];
    let query: Vec<_> = query.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    get(&with_query("/api/v1/lecturers", &query)).await
}

/// `GET /api/v1/lecturers/{id}` — with the courses and classes they teach.
pub async fn lecturer(id: Uuid) -> Result<Lecturer, ApiError> {
    get(&format!("/api/v1/lecturers/{id}")).await
}

/// `POST /api/v1/lecturers`
pub async fn create_lecturer(req: &LecturerInput) -> Result<Lecturer, ApiError> {
    call(Method::POST, "/api/v1/lecturers", req).await
}

/// `PUT /api/v1/lecturers/{id}`
pub async fn update_lecturer(id: Uuid, req: &LecturerInput) -> Result<Lecturer, ApiError> {
    call(Method::PUT, &format!("/api/v1/lecturers/{id}"), req).await
}

/// `GET /api/v1/course-topics`
pub async fn list_topics() -> Result<Vec<Topic>, ApiError> {
    get("/api/v1/course-topics").await
}

/// `POST /api/v1/course-topics`
pub async fn create_topic(req: &TopicInput) -> Result<Topic, ApiError> {
    call(Method::POST, "/api/v1/course-topics", req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtitle_tracks_are_addressed_by_their_language_tag() {
        assert_eq!(
            subtitle_path(Uuid::nil(), SubtitleLang::ZhCn),
            "/api/v1/coursewares/00000000-0000-0000-0000-000000000000/subtitles/zh-CN"
        );
    }
}
