//! Real-name rules (T-7.2.6b): name and GB 11643 ID number checked; the ID photo(s) and a live
//! portrait with exactly one face; unverified → pending → verified / rejected with a reason; a
//! new submission after verification is a new review. On verification the portrait (and, where
//! the tenant allows, the ID photo) becomes the learner's face reference.

use std::sync::Arc;

use shared_types::face::{
    CapturePurpose, FaceOutcome, InPersonVerification, RealNameDecision, RealNameMethod,
    RealNameReview, RealNameState, RealNameStatus, RealNameSubmission,
};
use shared_types::tenant::TenantSettings;
use uuid::Uuid;

use super::repo::{self, NewVerification, SealedIdentity};
use super::verifier::{HttpVerifier, IdentityClaim, RealNameVerifier, ReviewQueue};
use super::views;
use crate::app::AppState;
use crate::error::{AppError, Text};
use crate::face::captures::{self, Capture};
use crate::face::{FaceEngine, references};
use crate::identity::{Principal, fields};
use crate::learning::sessions;
use crate::validate;

fn verifier(
    state: &AppState,
    settings: &TenantSettings,
) -> Result<Box<dyn RealNameVerifier>, AppError> {
    let policy = &settings.real_name;
    if policy.endpoint.is_empty() {
        return Ok(Box::new(ReviewQueue));
    }
    Ok(Box::new(HttpVerifier {
        client: state.face.client().clone(),
        endpoint: policy.endpoint.clone(),
        key_id: policy.key_id.clone(),
        secret: state.face.secret(&policy.key_id)?.to_owned(),
    }))
}

/// The embedding of the single face of an image, or why there is none.
async fn single_face(
    engine: &Arc<dyn FaceEngine>,
    field: &str,
    image: Vec<u8>,
) -> Result<Vec<f32>, AppError> {
    let reading = engine.analyse(image).await?;
    let outcome = match (reading.faces, reading.embedding) {
        (Some(1), Some(embedding)) => return Ok(embedding),
        (Some(0), _) => FaceOutcome::NoFace,
        (Some(_), _) => FaceOutcome::SeveralFaces,
        (None, _) => FaceOutcome::Unclear,
    };
    Err(AppError::invalid(
        field,
        outcome.label_zh(),
        outcome.label_en(),
    ))
}

/// The references a verified submission gives: the portrait, and the ID photo when allowed.
async fn reference_faces(
    state: &AppState,
    engine: &Arc<dyn FaceEngine>,
    settings: &TenantSettings,
    portrait: &Capture,
    id_front: Option<&Capture>,
) -> Result<Vec<(&'static str, Vec<f32>)>, AppError> {
    let mut faces = vec![(
        "portrait",
        single_face(
            engine,
            "portrait_capture",
            captures::bytes(state, "portrait_capture", portrait).await?,
        )
        .await?,
    )];
    if let (true, Some(front)) = (settings.face_check.use_id_photo, id_front) {
        let image = captures::bytes(state, "id_front_capture", front).await?;
        if let Ok(face) = single_face(engine, "id_front_capture", image).await {
            faces.push(("id_photo", face));
        }
    }
    Ok(faces)
}

/// A real-name submission names the ID number the account was registered with, if any.
fn same_as_account(account_bidx: Option<&[u8]>, identity: &SealedIdentity) -> Result<(), AppError> {
    if account_bidx.is_some_and(|b| b != identity.id_card_bidx.as_slice()) {
        return Err(AppError::invalid(
            "id_number",
            "与账号登记的身份证号不一致",
            "differs from the ID number registered for this account",
        ));
    }
    Ok(())
}

/// The learner submits name, ID number, ID photo(s) and a live portrait.
pub async fn submit(
    state: &AppState,
    p: &Principal,
    req: &RealNameSubmission,
) -> Result<RealNameState, AppError> {
    let keyring = &state.config.keyring;
    let name = fields::person_name("name", &req.name)?;
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (settings, today, _) = sessions::clock(&mut tx, p.tenant.id).await?;
    let id_card = validate::id_card("id_number", &req.id_number, today)?;
    let identity = SealedIdentity::seal(keyring, &name, id_card.as_str())?;
    let (status, _, account_bidx, _, _) = repo::account(&mut tx, p.user_id).await?;
    if status == RealNameStatus::Pending.as_str() {
        return Err(AppError::Conflict(Text::new(
            "实名信息正在审核中",
            "a submission is already under review",
        )));
    }
    same_as_account(account_bidx.as_deref(), &identity)?;
    let front = captures::take(
        &mut tx,
        p.user_id,
        "id_front_capture",
        req.id_front_capture,
        &[CapturePurpose::IdFront],
    )
    .await?;
    let back = captures::take_optional(
        &mut tx,
        p.user_id,
        "id_back_capture",
        req.id_back_capture,
        &[CapturePurpose::IdBack],
    )
    .await?;
    let portrait = captures::take(
        &mut tx,
        p.user_id,
        "portrait_capture",
        req.portrait_capture,
        &[CapturePurpose::Portrait],
    )
    .await?;
    tx.commit().await?;

    let engine = state.face.for_provider(&settings.face_check.provider)?;
    let portrait_bytes = captures::bytes(state, "portrait_capture", &portrait).await?;
    let portrait_face = single_face(&engine, "portrait_capture", portrait_bytes.clone()).await?;
    let front_bytes = captures::bytes(state, "id_front_capture", &front).await?;
    let portrait_score = engine
        .analyse(front_bytes)
        .await?
        .embedding
        .map(|id_face| crate::face::engine::similarity(&portrait_face, &id_face));
    let claim = IdentityClaim {
        name: &name,
        id_number: id_card.as_str(),
        portrait: &portrait_bytes,
    };
    let verdict = verifier(state, &settings)?.verify(&claim).await?;
    let status = match &verdict {
        None => RealNameStatus::Pending,
        Some(v) if v.verified => RealNameStatus::Verified,
        Some(_) => RealNameStatus::Rejected,
    };
    let id = Uuid::new_v4();
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    repo::insert(
        &mut tx,
        &NewVerification {
            id,
            tenant_id: p.tenant.id,
            user_id: p.user_id,
            identity,
            method: if verdict.is_some() {
                RealNameMethod::External
            } else {
                RealNameMethod::Review
            }
            .as_str(),
            status: status.as_str(),
            captures: [
                Some(front.capture_id),
                back.map(|b| b.capture_id),
                Some(portrait.capture_id),
            ],
            portrait_score,
            note: "",
            external_ref: verdict.as_ref().and_then(|v| v.external_ref.clone()),
            submitted_by: p.user_id,
            decided_by: None,
            reject_reason: verdict.filter(|v| !v.verified).map(|v| v.reason),
        },
    )
    .await?;
    repo::set_user_status(&mut tx, p.user_id, status.as_str()).await?;
    if status == RealNameStatus::Verified {
        let faces = reference_faces(state, &engine, &settings, &portrait, Some(&front)).await?;
        references::enrol(&mut tx, keyring, p.tenant.id, p.user_id, id, &faces).await?;
    }
    tx.commit().await?;
    views::current(state, p).await
}

/// Regulator staff approve or reject a pending submission.
pub async fn decide(
    state: &AppState,
    p: &Principal,
    verification_id: Uuid,
    req: &RealNameDecision,
) -> Result<RealNameReview, AppError> {
    let reason = validate::text("reason", &req.reason, 0, 500)?;
    if !req.approve && reason.is_empty() {
        return Err(AppError::invalid(
            "reason",
            "驳回须填写原因",
            "a rejection needs a reason",
        ));
    }
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (settings, _, _) = sessions::clock(&mut tx, p.tenant.id).await?;
    let row = repo::by_id(&mut tx, verification_id)
        .await?
        .ok_or_else(|| AppError::not_found("实名认证申请", "Real-name submission"))?;
    if row.status != RealNameStatus::Pending.as_str() {
        return Err(AppError::Conflict(Text::new(
            "该申请已处理",
            "this submission is already decided",
        )));
    }
    let status = if req.approve {
        RealNameStatus::Verified
    } else {
        RealNameStatus::Rejected
    };
    if req.approve {
        let captured: Vec<Capture> = sqlx::query_as(
            "select c.capture_id, c.purpose, c.object_key from face_captures c join real_name_verifications v
               on c.capture_id in (v.portrait_capture, v.id_front_capture)
             where v.verification_id = $1 order by c.purpose = 'portrait' desc",
        )
        .bind(verification_id)
        .fetch_all(&mut *tx)
        .await?;
        let portrait = captured
            .iter()
            .find(|c| c.purpose == CapturePurpose::Portrait.as_str())
            .ok_or_else(|| {
                AppError::Conflict(Text::new(
                    "该申请没有现场人像",
                    "the submission has no portrait",
                ))
            })?;
        let front = captured
            .iter()
            .find(|c| c.purpose == CapturePurpose::IdFront.as_str());
        let engine = state.face.for_provider(&settings.face_check.provider)?;
        let faces = reference_faces(state, &engine, &settings, portrait, front).await?;
        references::enrol(
            &mut tx,
            &state.config.keyring,
            p.tenant.id,
            row.user_id,
            verification_id,
            &faces,
        )
        .await?;
    }
    let reason = (!req.approve).then_some(reason.as_str());
    if !repo::decide(&mut tx, verification_id, status.as_str(), p.user_id, reason).await? {
        return Err(AppError::Conflict(Text::new(
            "该申请已处理",
            "this submission is already decided",
        )));
    }
    repo::set_user_status(&mut tx, row.user_id, status.as_str()).await?;
    let decided = repo::by_id(&mut tx, verification_id)
        .await?
        .ok_or_else(|| AppError::not_found("实名认证申请", "Real-name submission"))?;
    tx.commit().await?;
    views::review(state, decided).await
}

/// Institution staff verify one of their trainees in person (who and when are recorded).
pub async fn in_person(
    state: &AppState,
    p: &Principal,
    user_id: Uuid,
    req: &InPersonVerification,
) -> Result<RealNameReview, AppError> {
    let keyring = &state.config.keyring;
    let institution = p.institution_id.ok_or(AppError::Forbidden)?;
    let name = fields::person_name("name", &req.name)?;
    let note = validate::text("note", &req.note, 0, 2000)?;
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (settings, today, _) = sessions::clock(&mut tx, p.tenant.id).await?;
    let id_card = validate::id_card("id_number", &req.id_number, today)?;
    if !repo::is_trainee_of(&mut tx, institution, user_id).await? {
        return Err(AppError::not_found("学员", "Trainee"));
    }
    let identity = SealedIdentity::seal(keyring, &name, id_card.as_str())?;
    let (_, _, account_bidx, _, _) = repo::account(&mut tx, user_id).await?;
    same_as_account(account_bidx.as_deref(), &identity)?;
    let portrait = captures::take_optional(
        &mut tx,
        p.user_id,
        "portrait_capture",
        req.portrait_capture,
        &[CapturePurpose::Portrait],
    )
    .await?;
    let faces = match &portrait {
        Some(c) => {
            let engine = state.face.for_provider(&settings.face_check.provider)?;
            reference_faces(state, &engine, &settings, c, None).await?
        }
        None => Vec::new(),
    };
    let id = Uuid::new_v4();
    repo::insert(
        &mut tx,
        &NewVerification {
            id,
            tenant_id: p.tenant.id,
            user_id,
            identity,
            method: RealNameMethod::InPerson.as_str(),
            status: RealNameStatus::Verified.as_str(),
            captures: [None, None, portrait.map(|c| c.capture_id)],
            portrait_score: None,
            note: &note,
            external_ref: None,
            submitted_by: p.user_id,
            decided_by: Some(p.user_id),
            reject_reason: None,
        },
    )
    .await
    .map_err(|e| match e {
        AppError::AlreadyExists { .. } => AppError::Conflict(Text::new(
            "该学员有待审核的实名申请",
            "the trainee has a submission under review",
        )),
        e => e,
    })?;
    repo::set_user_status(&mut tx, user_id, RealNameStatus::Verified.as_str()).await?;
    if !faces.is_empty() {
        references::enrol(&mut tx, keyring, p.tenant.id, user_id, id, &faces).await?;
    }
    let row = repo::by_id(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::not_found("实名认证申请", "Real-name submission"))?;
    tx.commit().await?;
    views::review(state, row).await
}
