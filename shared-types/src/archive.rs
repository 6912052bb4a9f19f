//! Electronic vouchers (电子凭证, T-7.2.5e): a PDF per paid order and per approved class, kept in
//! the object store, with a code anyone can verify.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::wire_enum;

wire_enum! {
    pub enum VoucherKind {
        /// 购课凭证 — a paid course order.
        Order = ("order", "购课凭证", "Purchase voucher"),
        /// 开班凭证 — an approved class.
        Class = ("class", "开班凭证", "Class voucher"),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Voucher {
    pub id: Uuid,
    pub kind: VoucherKind,
    /// 验证码 — 16 characters, printed on the PDF.
    pub code: String,
    pub institution_name: String,
    /// The order number or class number.
    pub subject_no: String,
    pub title: String,
    /// SHA-256 of the PDF, hex.
    pub sha256: String,
    pub issued_at: DateTime<Utc>,
}

/// `GET /api/v1/vouchers/verify/{code}` (anonymous, `X-Tenant`): whether the code belongs to a
/// voucher of this site, and what it says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct VoucherVerification {
    pub valid: bool,
    pub voucher: Option<Voucher>,
}
