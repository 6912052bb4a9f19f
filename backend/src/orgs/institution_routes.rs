//! HTTP handlers of institutions: registration (anonymous), the institution's own profile,
//! certification and qualifications (`institution_self`), and the regulator's review of both
//! (`institutions`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Json};
use shared_types::ApiError;
use shared_types::account::LoginResponse;
use shared_types::orgs::{
    Certification, CertificationInput, ContactInput, Institution, InstitutionQuery,
    InstitutionSummary, Qualification, QualificationEvent, QualificationInput, QualificationQuery,
    ReasonRequest, RegisterInstitutionRequest, ReviewRequest,
};
use shared_types::page::{Page, PageQuery};
use uuid::Uuid;

use super::{certification, institutions, qualifications};
use crate::app::AppState;
use crate::audit::AuditNote;
use crate::db::Scope;
use crate::error::AppError;
use crate::identity::Principal;
use crate::identity::routes::{per_ip_limit, settle, with_cookie};
use crate::tenancy::Site;
use crate::web::{ApiJson, ApiQuery, ClientInfo};

/// A training unit signs up with its head account and is signed in (T-7.2.5a).
#[utoipa::path(post, path = "/api/v1/institutions/register", tag = "orgs", request_body = RegisterInstitutionRequest,
    params(("X-Tenant" = String, Header, description = "site code")),
    responses((status = 201, body = LoginResponse), (status = 409, body = ApiError, description = "already_exists: credit_code, username or phone"),
        (status = 422, body = ApiError), (status = 429, body = ApiError)))]
pub async fn register(
    State(state): State<AppState>,
    Site(tenant): Site,
    client: ClientInfo,
    Extension(note): Extension<AuditNote>,
    ApiJson(req): ApiJson<RegisterInstitutionRequest>,
) -> Result<Response, AppError> {
    per_ip_limit(&state, "register", &client)?;
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant.id)).await?;
    let result = institutions::register(&mut tx, &state.config, &tenant, &req, &client).await;
    let signed_in = settle(tx, result).await?;
    note.update(|f| f.actor_id = Some(signed_in.user.id));
    let token = signed_in.token.clone();
    Ok(with_cookie(
        &state,
        &token,
        (StatusCode::CREATED, Json(signed_in)),
    ))
}

async fn own_profile(state: &AppState, p: &Principal) -> Result<Institution, AppError> {
    let id = institutions::member_of(p)?;
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let profile = institutions::profile(&mut tx, &state.config.keyring, p.tenant.id, id).await?;
    tx.commit().await?;
    Ok(profile)
}

/// The caller's institution.
#[utoipa::path(get, path = "/api/v1/institution", tag = "orgs",
    responses((status = 200, body = Institution), (status = 403, body = ApiError)))]
pub async fn mine(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Institution>, AppError> {
    Ok(Json(own_profile(&state, &p).await?))
}

/// Submits certification data for review (T-7.2.5b): a new version, pending.
#[utoipa::path(put, path = "/api/v1/institution/certification", tag = "orgs", request_body = CertificationInput,
    responses((status = 200, body = Institution), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn submit_certification(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(input): ApiJson<CertificationInput>,
) -> Result<Json<Institution>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    certification::submit(&mut tx, &p, &input).await?;
    tx.commit().await?;
    Ok(Json(own_profile(&state, &p).await?))
}

/// Changes the contact person and phone (no review needed).
#[utoipa::path(put, path = "/api/v1/institution/contact", tag = "orgs", request_body = ContactInput,
    responses((status = 200, body = Institution), (status = 422, body = ApiError)))]
pub async fn set_contact(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(input): ApiJson<ContactInput>,
) -> Result<Json<Institution>, AppError> {
    let id = institutions::member_of(&p)?;
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    institutions::set_contact(&mut tx, &state.config.keyring, p.tenant.id, id, &input).await?;
    tx.commit().await?;
    Ok(Json(own_profile(&state, &p).await?))
}

async fn versions_of(
    state: &AppState,
    p: &Principal,
    id: Uuid,
) -> Result<Vec<Certification>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    institutions::institution_ref(&mut tx, p.tenant.id, id).await?;
    let versions = certification::versions(&mut tx, &state.config.keyring, p.tenant.id, id).await?;
    tx.commit().await?;
    Ok(versions)
}

/// Every version of the caller's certification data, newest first.
#[utoipa::path(get, path = "/api/v1/institution/certifications", tag = "orgs",
    responses((status = 200, body = Vec<Certification>)))]
pub async fn my_certifications(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<Certification>>, AppError> {
    let id = institutions::member_of(&p)?;
    Ok(Json(versions_of(&state, &p, id).await?))
}

/// The caller's qualifications, oldest application first.
#[utoipa::path(get, path = "/api/v1/institution/qualifications", tag = "orgs",
    responses((status = 200, body = Vec<Qualification>)))]
pub async fn my_qualifications(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<Qualification>>, AppError> {
    let q = QualificationQuery {
        institution_id: Some(institutions::member_of(&p)?),
        ..QualificationQuery::default()
    };
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, _) = qualifications::list(&mut tx, p.tenant.id, &q, 1000, 0).await?;
    tx.commit().await?;
    Ok(Json(items))
}

/// Applies for a qualification of one training type (T-7.2.7g); needs certification.
#[utoipa::path(post, path = "/api/v1/institution/qualifications", tag = "orgs", request_body = QualificationInput,
    responses((status = 201, body = Qualification), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn apply_qualification(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiJson(input): ApiJson<QualificationInput>,
) -> Result<(StatusCode, Json<Qualification>), AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let q = qualifications::apply(&mut tx, &p, &input).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(q)))
}

/// The review history of the caller's qualifications, newest first.
#[utoipa::path(get, path = "/api/v1/institution/qualification-events", tag = "orgs",
    responses((status = 200, body = Vec<QualificationEvent>)))]
pub async fn my_qualification_events(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<QualificationEvent>>, AppError> {
    let q = QualificationQuery {
        institution_id: Some(institutions::member_of(&p)?),
        ..QualificationQuery::default()
    };
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, _) =
        qualifications::events(&mut tx, &state.config.keyring, p.tenant.id, &q, 1000, 0).await?;
    tx.commit().await?;
    Ok(Json(items))
}

/// The regulator's list of institutions; `status=pending` is the review queue (T-7.2.7e).
#[utoipa::path(get, path = "/api/v1/institutions", tag = "orgs", params(InstitutionQuery),
    responses((status = 200, body = Page<InstitutionSummary>), (status = 403, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<InstitutionQuery>,
) -> Result<Json<Page<InstitutionSummary>>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) = institutions::list(
        &mut tx,
        &state.config.keyring,
        p.tenant.id,
        &q,
        paging.limit(),
        paging.offset(),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

#[utoipa::path(get, path = "/api/v1/institutions/{id}", tag = "orgs", params(("id" = Uuid, Path)),
    responses((status = 200, body = Institution), (status = 404, body = ApiError)))]
pub async fn show(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Institution>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let profile = institutions::profile(&mut tx, &state.config.keyring, p.tenant.id, id).await?;
    tx.commit().await?;
    Ok(Json(profile))
}

#[utoipa::path(get, path = "/api/v1/institutions/{id}/certifications", tag = "orgs", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<Certification>), (status = 404, body = ApiError)))]
pub async fn certifications(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<Certification>>, AppError> {
    Ok(Json(versions_of(&state, &p, id).await?))
}

/// Approves the pending certification version, or returns it with reasons.
#[utoipa::path(post, path = "/api/v1/institutions/{id}/review", tag = "orgs", params(("id" = Uuid, Path)),
    request_body = ReviewRequest,
    responses((status = 200, body = Institution), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn review(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<ReviewRequest>,
) -> Result<Json<Institution>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    certification::review(&mut tx, &p, id, &req).await?;
    let profile = institutions::profile(&mut tx, &state.config.keyring, p.tenant.id, id).await?;
    tx.commit().await?;
    Ok(Json(profile))
}

/// Qualification applications matching the filters, oldest first (the review queue).
#[utoipa::path(get, path = "/api/v1/qualifications", tag = "orgs", params(QualificationQuery),
    responses((status = 200, body = Page<Qualification>)))]
pub async fn list_qualifications(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<QualificationQuery>,
) -> Result<Json<Page<Qualification>>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) =
        qualifications::list(&mut tx, p.tenant.id, &q, paging.limit(), paging.offset()).await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}

#[utoipa::path(post, path = "/api/v1/qualifications/{id}/review", tag = "orgs", params(("id" = Uuid, Path)),
    request_body = ReviewRequest,
    responses((status = 200, body = Qualification), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn review_qualification(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<ReviewRequest>,
) -> Result<Json<Qualification>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let q = qualifications::review(&mut tx, &p, id, &req).await?;
    tx.commit().await?;
    Ok(Json(q))
}

#[utoipa::path(post, path = "/api/v1/qualifications/{id}/revoke", tag = "orgs", params(("id" = Uuid, Path)),
    request_body = ReasonRequest,
    responses((status = 200, body = Qualification), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn revoke_qualification(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<Uuid>,
    ApiJson(req): ApiJson<ReasonRequest>,
) -> Result<Json<Qualification>, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let q = qualifications::revoke(&mut tx, &p, id, &req.reason).await?;
    tx.commit().await?;
    Ok(Json(q))
}

/// The review history of qualifications, newest first (T-7.2.7g).
#[utoipa::path(get, path = "/api/v1/qualification-events", tag = "orgs", params(QualificationQuery),
    responses((status = 200, body = Page<QualificationEvent>)))]
pub async fn qualification_events(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    ApiQuery(q): ApiQuery<QualificationQuery>,
) -> Result<Json<Page<QualificationEvent>>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (items, total) = qualifications::events(
        &mut tx,
        &state.config.keyring,
        p.tenant.id,
        &q,
        paging.limit(),
        paging.offset(),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(paging.page_of(items, total)))
}
