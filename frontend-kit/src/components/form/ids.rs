//! The national identifiers forms check before sending, with the same rules as the server
//! (`shared_types::ids`): a social credit code (GB 32100) and a resident ID-card number
//! (GB 11643). The refusal names what is wrong in both languages (T-7.2.5a, T-7.2.7d, Z-II.1).

use chrono::NaiveDate;
use shared_types::ids::{CreditCode, IdCardNo, IdError};

use super::check_required;
use crate::i18n::Text;

fn text(e: IdError) -> Text {
    Text::new(e.zh, e.en)
}

pub fn check_credit_code(s: &str) -> Option<Text> {
    check_required(s).or_else(|| CreditCode::parse(s).err().map(text))
}

/// `today` bounds the birth date the number holds.
pub fn check_id_card(s: &str, today: NaiveDate) -> Option<Text> {
    check_required(s).or_else(|| IdCardNo::parse(s, today).err().map(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::texts;

    #[test]
    fn identifiers_are_checked_as_the_server_does() {
        assert_eq!(check_credit_code(""), Some(texts::REQUIRED));
        assert_eq!(check_credit_code("91350100M000100Y43"), None);
        assert!(check_credit_code("91350100M000100Y44").is_some_and(|t| t.zh.contains("校验位")));
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        assert_eq!(check_id_card("11010519491231002X", today), None);
        assert!(check_id_card("110105194912310021", today).is_some());
    }
}
