//! Field rules shared by the domains: bounded text, national identifiers (through
//! `shared_types::ids`, the same checks the SPAs run), and review decisions. Each refusal names its
//! field in both languages.

use chrono::NaiveDate;
use shared_types::ids::{CreditCode, IdCardNo, IdError};
use shared_types::orgs::{Decision, ReviewRequest};

use crate::error::AppError;

/// `raw` trimmed, `min..=max` characters, no control characters.
pub fn text(field: &str, raw: &str, min: usize, max: usize) -> Result<String, AppError> {
    let value = raw.trim();
    let len = value.chars().count();
    if len < min || len > max || value.chars().any(|c| c.is_control() && c != '\n') {
        return Err(if min == 0 {
            AppError::invalid(
                field,
                format!("最多 {max} 个字符"),
                format!("at most {max} characters"),
            )
        } else {
            AppError::invalid(
                field,
                format!("须为 {min} 到 {max} 个字符"),
                format!("must be {min} to {max} characters"),
            )
        });
    }
    Ok(value.to_owned())
}

fn id_error(field: &str, e: IdError) -> AppError {
    AppError::invalid(field, e.zh, e.en)
}

pub fn credit_code(field: &str, raw: &str) -> Result<CreditCode, AppError> {
    CreditCode::parse(raw).map_err(|e| id_error(field, e))
}

pub fn id_card(field: &str, raw: &str, today: NaiveDate) -> Result<IdCardNo, AppError> {
    IdCardNo::parse(raw, today).map_err(|e| id_error(field, e))
}

/// `starts_on..=ends_on` must be a real period.
pub fn period(field: &str, starts_on: NaiveDate, ends_on: NaiveDate) -> Result<(), AppError> {
    if ends_on < starts_on {
        return Err(AppError::invalid(
            field,
            "结束日期不能早于开始日期",
            "must not end before it starts",
        ));
    }
    Ok(())
}

/// The note of a review decision: reasons are required to return something.
pub fn review_note(req: &ReviewRequest) -> Result<String, AppError> {
    let note = text("note", &req.note, 0, 2000)?;
    if req.decision == Decision::Return && note.is_empty() {
        return Err(AppError::invalid(
            "note",
            "退回时须写明原因",
            "give the reasons when returning",
        ));
    }
    Ok(note)
}

/// Study hours with at most one decimal, above zero and at most `max`.
pub fn hours(field: &str, value: f64, max: f64) -> Result<f64, AppError> {
    let tenths = (value * 10.0).round();
    if !value.is_finite() || value <= 0.0 || value > max || (value * 10.0 - tenths).abs() > 1e-6 {
        return Err(AppError::invalid(
            field,
            format!("须为大于 0、不超过 {max} 的学时，最多一位小数"),
            format!("must be study hours above 0 and at most {max}, with one decimal at most"),
        ));
    }
    Ok(tenths / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(text("name", "  机构 ", 2, 10).ok().as_deref(), Some("机构"));
        assert!(text("name", "机", 2, 10).is_err());
        assert!(text("name", "a\u{7}b", 0, 10).is_err());
        assert!(text("note", "", 0, 10).is_ok());
    }

    #[test]
    fn returning_needs_a_reason() {
        let ret = |note: &str| ReviewRequest {
            decision: Decision::Return,
            note: note.into(),
        };
        assert!(review_note(&ret(" ")).is_err());
        assert_eq!(
            review_note(&ret("缺少营业执照")).ok().as_deref(),
            Some("缺少营业执照")
        );
        let approve = ReviewRequest {
            decision: Decision::Approve,
            note: String::new(),
        };
        assert!(review_note(&approve).is_ok());
    }

    #[test]
    fn hours_take_one_decimal() {
        assert_eq!(hours("h", 12.5, 1000.0).ok(), Some(12.5));
        assert!(hours("h", 12.25, 1000.0).is_err());
        assert!(hours("h", 0.0, 1000.0).is_err());
        assert!(hours("h", f64::NAN, 1000.0).is_err());
        assert!(hours("h", 2000.0, 1000.0).is_err());
    }
}
