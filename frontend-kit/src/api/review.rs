//! Course review (Z-III.1, T-7.2.7f/i/j/k): experts and expert groups, the regulator's queues,
//! assigning, publishing and taking down, the review records and their export, and the expert's
//! own rounds and opinions. Paths as in `docs/catalog-api.md`.

use gloo_net::http::Method;
use shared_types::ApiError;
use shared_types::catalog::{CourseDetail, CourseEvent, CourseSummary};
use shared_types::page::Page;
use shared_types::review::{
    AssignRequest, Expert, ExpertGroup, ExpertGroupInput, ExportFormat, OpinionRequest,
    ReviewQueueQuery, ReviewRecordQuery, RoundDetail, RoundQuery, RoundSummary, TakeDownRequest,
};
use uuid::Uuid;

use super::{call, call_empty, get, post_without_body, with_query};

/// `GET /api/v1/experts`
pub async fn list_experts() -> Result<Vec<Expert>, ApiError> {
    get("/api/v1/experts").await
}

/// `GET /api/v1/expert-groups`
pub async fn list_expert_groups() -> Result<Vec<ExpertGroup>, ApiError> {
    get("/api/v1/expert-groups").await
}

/// `POST /api/v1/expert-groups`
pub async fn create_expert_group(req: &ExpertGroupInput) -> Result<ExpertGroup, ApiError> {
    call(Method::POST, "/api/v1/expert-groups", req).await
}

/// `PUT /api/v1/expert-groups/{id}`
pub async fn update_expert_group(
    id: Uuid,
    req: &ExpertGroupInput,
) -> Result<ExpertGroup, ApiError> {
    call(Method::PUT, &format!("/api/v1/expert-groups/{id}"), req).await
}

/// `DELETE /api/v1/expert-groups/{id}`
pub async fn delete_expert_group(id: Uuid) -> Result<(), ApiError> {
    call_empty(
        Method::DELETE,
        &format!("/api/v1/expert-groups/{id}"),
        None::<&()>,
    )
    .await
}

/// `GET /api/v1/review/courses` — the regulator's queues.
pub async fn review_queue(query: &ReviewQueueQuery) -> Result<Page<CourseSummary>, ApiError> {
    get(&with_query("/api/v1/review/courses", query)).await
}

/// `GET /api/v1/review/courses/{id}`
pub async fn review_course(id: Uuid) -> Result<CourseDetail, ApiError> {
    get(&format!("/api/v1/review/courses/{id}")).await
}

/// `GET /api/v1/review/courses/{id}/rounds`
pub async fn review_course_rounds(id: Uuid) -> Result<Vec<RoundSummary>, ApiError> {
    get(&format!("/api/v1/review/courses/{id}/rounds")).await
}

/// `GET /api/v1/review/rounds/{round_id}` — a round with every opinion, for regulator staff.
pub async fn review_round(round_id: Uuid) -> Result<RoundDetail, ApiError> {
    get(&format!("/api/v1/review/rounds/{round_id}")).await
}

/// `POST /api/v1/review/courses/{id}/assign`
pub async fn assign_course(id: Uuid, req: &AssignRequest) -> Result<RoundSummary, ApiError> {
    call(
        Method::POST,
        &format!("/api/v1/review/courses/{id}/assign"),
        req,
    )
    .await
}

/// `POST /api/v1/review/courses/{id}/publish`
pub async fn publish_course(id: Uuid) -> Result<CourseDetail, ApiError> {
    post_without_body(&format!("/api/v1/review/courses/{id}/publish")).await
}

/// `POST /api/v1/review/courses/{id}/take-down`
pub async fn take_down_course(id: Uuid, req: &TakeDownRequest) -> Result<CourseDetail, ApiError> {
    call(
        Method::POST,
        &format!("/api/v1/review/courses/{id}/take-down"),
        req,
    )
    .await
}

/// `GET /api/v1/review/records?format=json` — one page of course transitions.
pub async fn review_records(query: &ReviewRecordQuery) -> Result<Page<CourseEvent>, ApiError> {
    let query = ReviewRecordQuery {
        format: None,
        ..query.clone()
    };
    get(&with_query("/api/v1/review/records", &query)).await
}

/// The download link of every record matching `query`'s filters as a CSV or XLSX file (paging
/// dropped: the file holds all matching rows). The browser fetches it with the session cookie.
pub fn review_records_export_url(query: &ReviewRecordQuery, format: ExportFormat) -> String {
    let query = ReviewRecordQuery {
        format: Some(format),
        page: None,
        per_page: None,
        ..query.clone()
    };
    with_query("/api/v1/review/records", &query)
}

/// `GET /api/v1/reviews` — the signed-in expert's rounds.
pub async fn my_rounds(query: &RoundQuery) -> Result<Page<RoundSummary>, ApiError> {
    get(&with_query("/api/v1/reviews", query)).await
}

/// `GET /api/v1/reviews/{round_id}`
pub async fn my_round(round_id: Uuid) -> Result<RoundDetail, ApiError> {
    get(&format!("/api/v1/reviews/{round_id}")).await
}

/// `POST /api/v1/reviews/{round_id}/opinion`
pub async fn give_opinion(round_id: Uuid, req: &OpinionRequest) -> Result<RoundDetail, ApiError> {
    call(
        Method::POST,
        &format!("/api/v1/reviews/{round_id}/opinion"),
        req,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use shared_types::catalog::{CourseAction, CourseKind};

    #[test]
    fn an_export_link_carries_the_filters_but_not_the_page() {
        let query = ReviewRecordQuery {
            kind: Some(CourseKind::Vod),
            action: Some(CourseAction::TakenDown),
            q: Some("消防".into()),
            from: NaiveDate::from_ymd_opt(2026, 5, 1),
            to: NaiveDate::from_ymd_opt(2026, 5, 31),
            page: Some(3),
            per_page: Some(20),
            ..Default::default()
        };
        assert_eq!(
            review_records_export_url(&query, ExportFormat::Csv),
            "/api/v1/review/records?format=csv&kind=vod&action=taken_down\
             &q=%E6%B6%88%E9%98%B2&from=2026-05-01&to=2026-05-31"
        );
        assert_eq!(
            review_records_export_url(&ReviewRecordQuery::default(), ExportFormat::Xlsx),
            "/api/v1/review/records?format=xlsx"
        );
    }
}
