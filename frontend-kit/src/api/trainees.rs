//! The trainees of a class (Z-II.1): one by one, or imported from an XLSX or CSV file in two
//! steps — upload for a preview that marks every bad row, then commit the good rows. Paths as in
//! `docs/training-api.md`, Projects, classes, trainees, tasks.

use gloo_net::http::Method;
use shared_types::page::Page;
use shared_types::training::{
    ClassTrainee, ImportPreview, ImportResult, TraineeInput, TraineeQuery,
};
use shared_types::{ApiError, ErrorCode};
use uuid::Uuid;

use super::{call, call_empty, get, local_error, post_form, post_without_body, with_query};

fn trainees_path(class_id: Uuid) -> String {
    format!("/api/v1/classes/{class_id}/trainees")
}

/// `GET /api/v1/classes/{id}/trainees`
pub async fn list_trainees(
    class_id: Uuid,
    query: &TraineeQuery,
) -> Result<Page<ClassTrainee>, ApiError> {
    get(&with_query(&trainees_path(class_id), query)).await
}

/// `POST /api/v1/classes/{id}/trainees`
pub async fn add_trainee(class_id: Uuid, req: &TraineeInput) -> Result<ClassTrainee, ApiError> {
    call(Method::POST, &trainees_path(class_id), req).await
}

/// `PUT /api/v1/classes/{id}/trainees/{enrolment_id}`
pub async fn update_trainee(
    class_id: Uuid,
    enrolment_id: Uuid,
    req: &TraineeInput,
) -> Result<ClassTrainee, ApiError> {
    let path = format!("{}/{enrolment_id}", trainees_path(class_id));
    call(Method::PUT, &path, req).await
}

/// `DELETE /api/v1/classes/{id}/trainees/{enrolment_id}` — seats come back unless they studied.
pub async fn remove_trainee(class_id: Uuid, enrolment_id: Uuid) -> Result<(), ApiError> {
    let path = format!("{}/{enrolment_id}", trainees_path(class_id));
    call_empty(Method::DELETE, &path, None::<&()>).await
}

/// The import template to download, `xlsx` or `csv`.
pub fn import_template_url(format: &str) -> String {
    with_query("/api/v1/trainee-import-template", &[("format", format)])
}

/// `POST /api/v1/classes/{id}/trainees/import` — multipart field `file`; nothing is saved but the
/// preview.
pub async fn import_trainees(
    class_id: Uuid,
    file: &web_sys::File,
) -> Result<ImportPreview, ApiError> {
    let unreadable = |_| local_error(ErrorCode::MalformedRequest, None);
    let form = web_sys::FormData::new().map_err(unreadable)?;
    form.append_with_blob_and_filename("file", file, &file.name())
        .map_err(unreadable)?;
    post_form(&format!("{}/import", trainees_path(class_id)), &form).await
}

/// `POST /api/v1/classes/{id}/trainees/import/{import_id}/commit` — the good rows, together.
pub async fn commit_import(class_id: Uuid, import_id: Uuid) -> Result<ImportResult, ApiError> {
    post_without_body(&format!(
        "{}/import/{import_id}/commit",
        trainees_path(class_id)
    ))
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_template_is_asked_for_by_format() {
        assert_eq!(
            import_template_url("xlsx"),
            "/api/v1/trainee-import-template?format=xlsx"
        );
    }
}
