//! Electronic vouchers (T-7.2.5e): the PDFs issued for paid orders and approved classes, and the
//! public check of a voucher's code. Paths as in `docs/training-api.md`.

use shared_types::ApiError;
use shared_types::archive::{Voucher, VoucherVerification};
use uuid::Uuid;

use super::get;

/// `GET /api/v1/vouchers` — the institution's (the regulator: all).
pub async fn list_vouchers() -> Result<Vec<Voucher>, ApiError> {
    get("/api/v1/vouchers").await
}

/// Where a voucher's PDF downloads from (a redirect to a short-lived URL).
pub fn voucher_file_url(id: Uuid) -> String {
    format!("/api/v1/vouchers/{id}/file")
}

/// `GET /api/v1/vouchers/verify/{code}` (anonymous).
pub async fn verify_voucher(code: &str) -> Result<VoucherVerification, ApiError> {
    let code = String::from(js_sys::encode_uri_component(code.trim()));
    get(&format!("/api/v1/vouchers/verify/{code}")).await
}
