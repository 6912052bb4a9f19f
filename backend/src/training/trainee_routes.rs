//! HTTP handlers of a class's trainees (`classes`): one by one, and the batch import with its
//! template, preview and commit.

use axum::body::Body;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use shared_types::ApiError;
use shared_types::page::{Page, PageQuery};
use shared_types::training::{
    ClassTrainee, Education, ImportPreview, ImportResult, TraineeInput, TraineeQuery,
};
use uuid::Uuid;

use super::{import, import_file, trainees};
use crate::app::AppState;
use crate::error::AppError;
use crate::identity::Principal;
use crate::orgs::trainee_types;
use crate::web::{ApiJson, ApiQuery};

#[utoipa::path(get, path = "/api/v1/classes/{id}/trainees", tag = "training", params(("id" = Uuid, Path), TraineeQuery),
    responses((status = 200, body = Page<ClassTrainee>), (status = 404, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiQuery(q): ApiQuery<TraineeQuery>,
) -> Result<Json<Page<ClassTrainee>>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) = trainees::list(&mut tx, &state.config.keyring, &p, id, &q, paging).await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

/// Adds a trainee (real-name data checked: GB 11643 ID checksum, phone); an existing account of
/// the same phone or ID-card number joins.
#[utoipa::path(post, path = "/api/v1/classes/{id}/trainees", tag = "training", params(("id" = Uuid, Path)),
    request_body = TraineeInput,
    responses((status = 201, body = ClassTrainee), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn add(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<TraineeInput>,
) -> Result<(StatusCode, Json<ClassTrainee>), AppError> {
    let keyring = &state.config.keyring;
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let enrolment = trainees::add(&mut tx, keyring, &p, id, &input).await?;
    let trainee = trainees::get(&mut tx, keyring, &p, id, enrolment).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(trainee)))
}

#[utoipa::path(put, path = "/api/v1/classes/{id}/trainees/{enrolment_id}", tag = "training",
    params(("id" = Uuid, Path), ("enrolment_id" = Uuid, Path)), request_body = TraineeInput,
    responses((status = 200, body = ClassTrainee), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path((id, enrolment)): Path<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<TraineeInput>,
) -> Result<Json<ClassTrainee>, AppError> {
    let keyring = &state.config.keyring;
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    trainees::update(&mut tx, keyring, &p, id, enrolment, &input).await?;
    let trainee = trainees::get(&mut tx, keyring, &p, id, enrolment).await?;
    tx.commit().await?;
    Ok(Json(trainee))
}

/// Removes a trainee; seats of courses they have not started come back.
#[utoipa::path(delete, path = "/api/v1/classes/{id}/trainees/{enrolment_id}", tag = "training",
    params(("id" = Uuid, Path), ("enrolment_id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn remove(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path((id, enrolment)): Path<(Uuid, Uuid)>,
) -> Result<StatusCode, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    trainees::remove(&mut tx, &state.config.keyring, &p, id, enrolment).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reads the multipart field `file` of an import upload.
async fn upload(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(String, Vec<u8>), AppError> {
    let malformed = |detail: String| AppError::Malformed {
        field: Some("file".into()),
        detail,
    };
    let mut multipart = multipart.map_err(|e| malformed(e.body_text()))?;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| malformed(e.body_text()))?
    {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("upload").to_owned();
            let bytes = field.bytes().await.map_err(|e| malformed(e.body_text()))?;
            return Ok((name, bytes.to_vec()));
        }
    }
    Err(AppError::invalid(
        "file",
        "请选择要导入的文件（表单字段 file）",
        "attach the file as the form field `file`",
    ))
}

/// Checks an XLSX or CSV upload row by row; nothing is added yet (Z-II.1).
#[utoipa::path(post, path = "/api/v1/classes/{id}/trainees/import", tag = "training", params(("id" = Uuid, Path)),
    request_body(content_type = "multipart/form-data", description = "field `file`: .xlsx or .csv"),
    responses((status = 200, body = ImportPreview), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn import_preview(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Json<ImportPreview>, AppError> {
    let (name, bytes) = upload(multipart).await?;
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let preview = import::preview(&mut tx, &state.config.keyring, &p, id, &name, bytes).await?;
    tx.commit().await?;
    Ok(Json(preview))
}

/// Adds the good rows of a preview, all in one transaction, and queues their first-login SMS.
#[utoipa::path(post, path = "/api/v1/classes/{id}/trainees/import/{import_id}/commit", tag = "training",
    params(("id" = Uuid, Path), ("import_id" = Uuid, Path)),
    responses((status = 200, body = ImportResult), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn import_commit(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path((id, import_id)): Path<(Uuid, Uuid)>,
) -> Result<Json<ImportResult>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let result = import::commit(&mut tx, &state.config.keyring, &p, id, import_id).await?;
    tx.commit().await?;
    Ok(Json(result))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct TemplateQuery {
    /// `xlsx` (default) or `csv`.
    format: Option<String>,
}

/// The import template with this site's trainee types.
#[utoipa::path(get, path = "/api/v1/trainee-import-template", tag = "training", params(TemplateQuery),
    responses((status = 200, description = "the template file"), (status = 422, body = ApiError)))]
pub async fn template(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<TemplateQuery>,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let types: Vec<String> = trainee_types::list(&mut tx, p.tenant.id)
        .await?
        .into_iter()
        .filter(|t| t.enabled)
        .map(|t| t.name)
        .collect();
    tx.commit().await?;
    let education: Vec<&str> = Education::ALL.iter().map(|e| e.label_zh()).collect();
    let (bytes, content_type, ext) = match q.format.as_deref().unwrap_or("xlsx") {
        "xlsx" => (
            import_file::template_xlsx(&types, &education)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        "csv" => (
            import_file::template_csv(&types),
            "text/csv; charset=utf-8",
            "csv",
        ),
        _ => {
            return Err(AppError::invalid(
                "format",
                "须为 xlsx 或 csv",
                "must be xlsx or csv",
            ));
        }
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"trainee-import-template.{ext}\"; filename*=UTF-8''%E5%AD%A6%E5%91%98%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.{ext}"),
            ),
        ],
        Body::from(bytes),
    )
        .into_response())
}
