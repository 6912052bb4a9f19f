//! What staff and learners read of real-name verification: the learner's own state, the
//! regulator's review queue with short-lived photo links, the institution's trainees.

use std::time::Duration;

use shared_types::face::{
    CapturePurpose, EvidencePhoto, RealNameMethod, RealNameQuery, RealNameReview, RealNameState,
};
use shared_types::page::{Page, PageQuery};
use uuid::Uuid;

use super::repo::{self, VerificationRow};
use crate::app::AppState;
use crate::db::stored;
use crate::error::AppError;
use crate::identity::{Principal, people};

const PHOTO_URL_TTL: Duration = Duration::from_secs(300);

pub async fn current(state: &AppState, p: &Principal) -> Result<RealNameState, AppError> {
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let (status, _, _, _, enrolled) = repo::account(&mut tx, p.user_id).await?;
    let latest = repo::latest(&mut tx, p.user_id).await?;
    tx.commit().await?;
    let keyring = &state.config.keyring;
    let mut view = RealNameState {
        status: stored(&status)?,
        name: None,
        id_number_masked: None,
        method: None,
        submitted_at: None,
        decided_at: None,
        reject_reason: None,
        face_enrolled: enrolled,
    };
    if let Some(v) = latest {
        view.name = Some(keyring.open(&v.pii_key_id, &v.name_enc)?);
        view.id_number_masked = Some(mask(&keyring.open(&v.pii_key_id, &v.id_card_enc)?));
        view.method = Some(stored(&v.method)?);
        view.submitted_at = Some(v.submitted_at);
        view.decided_at = v.decided_at;
        view.reject_reason = v.reject_reason;
    }
    Ok(view)
}

fn mask(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}********{tail}")
}

pub(super) async fn review(
    state: &AppState,
    v: VerificationRow,
) -> Result<RealNameReview, AppError> {
    let keyring = &state.config.keyring;
    let mut photos = Vec::new();
    for (purpose, key) in [
        (CapturePurpose::IdFront, &v.id_front_key),
        (CapturePurpose::IdBack, &v.id_back_key),
        (CapturePurpose::Portrait, &v.portrait_key),
    ] {
        if let Some(key) = key {
            photos.push(EvidencePhoto {
                purpose,
                url: state.storage.presign_get(key, PHOTO_URL_TTL).await?,
            });
        }
    }
    Ok(RealNameReview {
        verification_id: v.verification_id,
        user_id: v.user_id,
        account: people::account_label(
            keyring,
            v.username,
            v.phone_enc.as_deref(),
            &v.user_key_id,
        )?,
        name: keyring.open(&v.pii_key_id, &v.name_enc)?,
        id_number_masked: mask(&keyring.open(&v.pii_key_id, &v.id_card_enc)?),
        status: stored(&v.status)?,
        method: stored(&v.method)?,
        submitted_at: v.submitted_at,
        decided_at: v.decided_at,
        decided_by: v.decided_by,
        reject_reason: v.reject_reason,
        photos,
        portrait_score: v.portrait_score,
    })
}

/// The regulator's review queue (all submissions, or one status).
pub async fn queue(
    state: &AppState,
    p: &Principal,
    q: &RealNameQuery,
) -> Result<Page<RealNameReview>, AppError> {
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let rows = repo::queue(
        &mut tx,
        q.status.map(|s| s.as_str()),
        paging.limit(),
        paging.offset(),
    )
    .await?;
    tx.commit().await?;
    let total = rows.first().map_or(0, |r| r.total);
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        items.push(review(state, row).await?);
    }
    Ok(paging.page_of(items, total))
}

/// The institution's trainees with their real-name status; a trainee who never submitted has
/// the nil verification id and the account's own name and ID number.
pub async fn institution_list(
    state: &AppState,
    p: &Principal,
    q: &RealNameQuery,
) -> Result<Page<RealNameReview>, AppError> {
    let keyring = &state.config.keyring;
    let institution = p.institution_id.ok_or(AppError::Forbidden)?;
    let paging = PageQuery::of(q.page, q.per_page);
    let mut tx = state.db.begin_tenant(p.scope()).await?;
    let rows = repo::institution_trainees(
        &mut tx,
        institution,
        q.status.map(|s| s.as_str()),
        paging.limit(),
        paging.offset(),
    )
    .await?;
    tx.commit().await?;
    let total = rows.first().map_or(0, |r| r.total);
    let items = rows
        .into_iter()
        .map(|r| {
            let id_number = match &r.id_card_enc {
                Some(sealed) => mask(&keyring.open(&r.pii_key_id, sealed)?),
                None => String::new(),
            };
            Ok(RealNameReview {
                verification_id: r.verification_id.unwrap_or(Uuid::nil()),
                user_id: r.user_id,
                account: people::account_label(
                    keyring,
                    r.username,
                    r.phone_enc.as_deref(),
                    &r.pii_key_id,
                )?,
                name: keyring.open(&r.pii_key_id, &r.name_enc)?,
                id_number_masked: id_number,
                status: stored(&r.real_name_status)?,
                method: r
                    .method
                    .as_deref()
                    .map(stored)
                    .transpose()?
                    .unwrap_or(RealNameMethod::Review),
                submitted_at: r.submitted_at.unwrap_or_default(),
                decided_at: r.decided_at,
                decided_by: r.decided_by,
                reject_reason: r.reject_reason,
                photos: Vec::new(),
                portrait_score: None,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(paging.page_of(items, total))
}
