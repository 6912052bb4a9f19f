//! Account fields that can only be built valid; each refusal names its field in both languages.

use crate::error::AppError;

/// A mainland mobile number: 11 digits starting with 1[3-9]. An optional `+86` prefix is dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    pub fn parse(field: &str, raw: &str) -> Result<Phone, AppError> {
        let digits: String = raw
            .trim()
            .trim_start_matches("+86")
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .collect();
        let valid = digits.len() == 11
            && digits.chars().all(|c| c.is_ascii_digit())
            && digits.starts_with('1')
            && digits
                .as_bytes()
                .get(1)
                .is_some_and(|d| (b'3'..=b'9').contains(d));
        if valid {
            Ok(Phone(digits))
        } else {
            Err(AppError::invalid(
                field,
                "须为 11 位中国大陆手机号",
                "must be an 11-digit mainland China mobile number",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `138****0001`
    pub fn masked(&self) -> String {
        mask_phone(&self.0)
    }
}

pub fn mask_phone(phone: &str) -> String {
    if phone.len() == 11 && phone.is_ascii() {
        format!("{}****{}", &phone[..3], &phone[7..])
    } else {
        "****".into()
    }
}

/// 8 to 64 characters with at least one letter and one digit, and not the account's own name.
pub fn check_password(field: &str, password: &str, account_names: &[&str]) -> Result<(), AppError> {
    let len = password.chars().count();
    if !(8..=64).contains(&len) {
        return Err(AppError::invalid(
            field,
            "密码长度须为 8 到 64 个字符",
            "must be 8 to 64 characters long",
        ));
    }
    if !password.chars().any(|c| c.is_alphabetic()) || !password.chars().any(|c| c.is_ascii_digit())
    {
        return Err(AppError::invalid(
            field,
            "密码须同时包含字母和数字",
            "must contain both letters and digits",
        ));
    }
    if account_names
        .iter()
        .any(|name| !name.is_empty() && password.to_lowercase().contains(&name.to_lowercase()))
    {
        return Err(AppError::invalid(
            field,
            "密码不能包含账号或手机号",
            "must not contain the user name or phone",
        ));
    }
    Ok(())
}

/// A person's name as shown in the UI: 1 to 50 characters, no control characters.
pub fn person_name(field: &str, raw: &str) -> Result<String, AppError> {
    let name = raw.trim();
    let len = name.chars().count();
    if len == 0 || len > 50 || name.chars().any(char::is_control) {
        return Err(AppError::invalid(
            field,
            "姓名须为 1 到 50 个字符",
            "must be 1 to 50 characters",
        ));
    }
    Ok(name.to_owned())
}

/// Staff user names: 3 to 32 of letters, digits, `_ . -`, starting with a letter or digit.
pub fn username(field: &str, raw: &str) -> Result<String, AppError> {
    let name = raw.trim();
    let ok = (3..=32).contains(&name.len())
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if ok {
        Ok(name.to_owned())
    } else {
        Err(AppError::invalid(
            field,
            "用户名须为 3 到 32 位字母、数字或 _ . -，以字母或数字开头",
            "must be 3 to 32 letters, digits or _ . -, starting with a letter or digit",
        ))
    }
}

/// The SPA's persistent device id (a UUID, or any 8 to 128 printable ASCII characters).
pub fn device_id(field: &str, raw: &str) -> Result<String, AppError> {
    let id = raw.trim();
    if (8..=128).contains(&id.len()) && id.chars().all(|c| c.is_ascii_graphic()) {
        Ok(id.to_owned())
    } else {
        Err(AppError::invalid(
            field,
            "设备标识须为 8 到 128 位可见字符",
            "must be 8 to 128 printable characters",
        ))
    }
}

/// Six digits.
pub fn sms_code(field: &str, raw: &str) -> Result<String, AppError> {
    let code = raw.trim();
    if code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(code.to_owned())
    } else {
        Err(AppError::invalid(
            field,
            "验证码须为 6 位数字",
            "must be 6 digits",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(result: Result<impl std::fmt::Debug, AppError>) -> Option<String> {
        match result {
            Err(AppError::Invalid { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn phones_are_normalized_and_masked() {
        let phone = Phone::parse("phone", "+86 138-0000-0001").ok();
        assert_eq!(phone.as_ref().map(Phone::as_str), Some("13800000001"));
        assert_eq!(phone.map(|p| p.masked()).as_deref(), Some("138****0001"));
    }

    #[test]
    fn bad_phones_name_the_field() {
        for bad in [
            "",
            "12800000001",
            "1380000000",
            "138000000012",
            "1380000000a",
        ] {
            assert_eq!(
                field_of(Phone::parse("phone", bad)).as_deref(),
                Some("phone"),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_password_policy_wants_length_letters_digits_and_no_account_name() {
        assert!(check_password("password", "abc12345", &[]).is_ok());
        assert!(check_password("password", "short1", &[]).is_err());
        assert!(check_password("password", "onlyletters", &[]).is_err());
        assert!(check_password("password", "1234567890", &[]).is_err());
        assert!(check_password("password", "x13800000001y", &["13800000001"]).is_err());
        assert!(check_password("password", "密码安全测试abc1", &[]).is_ok());
    }

    #[test]
    fn names_usernames_devices_and_codes_are_checked() {
        assert_eq!(person_name("name", "  张三 ").ok().as_deref(), Some("张三"));
        assert!(person_name("name", " ").is_err());
        assert!(username("username", "demo-admin").is_ok());
        assert!(username("username", "-bad").is_err());
        assert!(username("username", "a b c").is_err());
        assert!(device_id("device_id", "short").is_err());
        assert!(device_id("device_id", "3f1c2a9e-0000-4000-8000-000000000000").is_ok());
        assert!(sms_code("code", "123456").is_ok());
        assert!(sms_code("code", "12345a").is_err());
    }
}
