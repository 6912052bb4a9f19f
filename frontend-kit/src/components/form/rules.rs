//! The validation rules the forms share: required fields, phones, SMS codes, the password
//! policy, names and typed numbers. Pure, tested natively.

use crate::i18n::{Text, texts};

/// A mainland mobile number: 11 digits starting with 1.
pub fn is_phone(s: &str) -> bool {
    s.len() == 11 && s.starts_with('1') && s.chars().all(|c| c.is_ascii_digit())
}

pub fn check_required(s: &str) -> Option<Text> {
    s.trim().is_empty().then_some(texts::REQUIRED)
}

pub fn check_phone(s: &str) -> Option<Text> {
    check_required(s).or_else(|| (!is_phone(s.trim())).then_some(texts::BAD_PHONE))
}

pub fn check_sms_code(s: &str) -> Option<Text> {
    let s = s.trim();
    check_required(s).or_else(|| {
        (s.len() != 6 || !s.chars().all(|c| c.is_ascii_digit())).then_some(texts::BAD_CODE)
    })
}

/// The password policy shown next to every new-password field: at least 8 characters, with
/// letters and digits.
pub fn check_password_policy(s: &str) -> Option<Text> {
    let ok = s.chars().count() >= 8
        && s.chars().any(|c| c.is_ascii_alphabetic())
        && s.chars().any(|c| c.is_ascii_digit());
    check_required(s).or_else(|| (!ok).then_some(texts::PASSWORD_POLICY))
}

pub fn check_name(s: &str) -> Option<Text> {
    check_required(s).or_else(|| (s.trim().chars().count() > 50).then_some(texts::NAME_TOO_LONG))
}

/// The value typed into a field, or why it is not one: `bad` when it does not parse as `T`.
pub fn parse_field<T: std::str::FromStr>(s: &str, bad: Text) -> Result<T, Text> {
    match check_required(s) {
        Some(problem) => Err(problem),
        None => s.trim().parse().map_err(|_| bad),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_eleven_digits_starting_with_one() {
        assert!(is_phone("13800000001"));
        assert!(!is_phone("23800000001"));
        assert!(!is_phone("1380000000"));
        assert!(!is_phone("1380000000a"));
        assert_eq!(check_phone(" "), Some(texts::REQUIRED));
        assert_eq!(check_phone("12"), Some(texts::BAD_PHONE));
        assert_eq!(check_phone("13800000001"), None);
    }

    #[test]
    fn the_password_policy_needs_length_letters_and_digits() {
        assert_eq!(check_password_policy("abc12345"), None);
        assert_eq!(check_password_policy("密码abcd1234"), None);
        assert_eq!(
            check_password_policy("abcdefgh"),
            Some(texts::PASSWORD_POLICY)
        );
        assert_eq!(
            check_password_policy("12345678"),
            Some(texts::PASSWORD_POLICY)
        );
        assert_eq!(check_password_policy("ab12"), Some(texts::PASSWORD_POLICY));
        assert_eq!(check_password_policy(""), Some(texts::REQUIRED));
    }

    #[test]
    fn typed_values_parse_or_say_why_not() {
        assert_eq!(parse_field::<u32>(" 45 ", texts::BAD_WHOLE_NUMBER), Ok(45));
        assert_eq!(
            parse_field::<u32>("", texts::BAD_WHOLE_NUMBER),
            Err(texts::REQUIRED)
        );
        assert_eq!(
            parse_field::<u32>("-1", texts::BAD_WHOLE_NUMBER),
            Err(texts::BAD_WHOLE_NUMBER)
        );
        assert_eq!(parse_field::<f32>("0.75", texts::BAD_NUMBER), Ok(0.75));
        assert_eq!(
            parse_field::<f32>("x", texts::BAD_NUMBER),
            Err(texts::BAD_NUMBER)
        );
    }

    #[test]
    fn sms_codes_are_six_digits() {
        assert_eq!(check_sms_code("123456"), None);
        assert_eq!(check_sms_code("12345"), Some(texts::BAD_CODE));
        assert_eq!(check_sms_code("12345a"), Some(texts::BAD_CODE));
    }
}
