//! National identifiers that can only be built valid: the resident ID-card number (GB 11643) and
//! the unified social credit code (GB 32100). Shared so the SPAs check a field as the server does.

use chrono::{Datelike, NaiveDate};

/// Why an identifier was refused, in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdError {
    pub zh: &'static str,
    pub en: &'static str,
}

const fn err(zh: &'static str, en: &'static str) -> IdError {
    IdError { zh, en }
}

/// 居民身份证号码 — 18 characters: a 6-digit region code, the birth date `YYYYMMDD`, a 3-digit
/// sequence and a check character (`0`–`9` or `X`) over the first 17 (GB 11643-1999).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdCardNo(String);

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";
/// First two digits of the region codes of GB/T 2260 (provinces, plus Taiwan, Hong Kong, Macao).
const PROVINCES: [u32; 35] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
];

impl IdCardNo {
    /// Accepts surrounding blanks and a lower-case `x`; `today` bounds the birth date.
    pub fn parse(raw: &str, today: NaiveDate) -> Result<IdCardNo, IdError> {
        let id = raw.trim().to_ascii_uppercase();
        let bytes = id.as_bytes();
        if bytes.len() != 18
            || !bytes[..17].iter().all(u8::is_ascii_digit)
            || !(bytes[17].is_ascii_digit() || bytes[17] == b'X')
        {
            return Err(err(
                "须为 18 位身份证号码（最后一位可为 X）",
                "must be an 18-character ID-card number (the last may be X)",
            ));
        }
        let province = digits(&id[..2]);
        if !PROVINCES.contains(&province) {
            return Err(err(
                "前两位不是有效的省级行政区划代码",
                "does not start with a valid province code",
            ));
        }
        let birth = NaiveDate::from_ymd_opt(
            digits(&id[6..10]) as i32,
            digits(&id[10..12]),
            digits(&id[12..14]),
        );
        let plausible = birth.is_some_and(|b| b <= today && today.year() - b.year() <= 120);
        if !plausible {
            return Err(err("出生日期不合理", "holds an impossible birth date"));
        }
        if Self::check_char(&id[..17]) != Some(bytes[17] as char) {
            return Err(err(
                "校验位不正确，请核对号码",
                "has a wrong check character; please check the number",
            ));
        }
        Ok(IdCardNo(id))
    }

    /// The check character for the first 17 digits (`None` unless they are 17 digits).
    pub fn check_char(first17: &str) -> Option<char> {
        let b = first17.as_bytes();
        if b.len() != 17 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let sum: u32 = b
            .iter()
            .zip(ID_WEIGHTS)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum();
        Some(ID_CHECK[(sum % 11) as usize] as char)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn birth_date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(
            digits(&self.0[6..10]) as i32,
            digits(&self.0[10..12]),
            digits(&self.0[12..14]),
        )
    }

    /// `330102********1234`: region code and last four kept.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[..6], &self.0[14..])
    }
}

fn digits(s: &str) -> u32 {
    s.bytes().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
}

/// 统一社会信用代码 — 18 characters from `0-9` and `A-Y` without I, O, S, V, Z: registration
/// authority, organisation type, 6-digit region code, 9-character organisation code and a check
/// character over the first 17 (GB 32100-2015).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CreditCode(String);

const CREDIT_CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

impl CreditCode {
    pub fn parse(raw: &str) -> Result<CreditCode, IdError> {
        let code = raw.trim().to_ascii_uppercase();
        let b = code.as_bytes();
        if b.len() != 18 || !b.iter().all(|c| CREDIT_CHARSET.contains(c)) {
            return Err(err(
                "须为 18 位统一社会信用代码（数字与大写字母，不含 I、O、S、V、Z）",
                "must be an 18-character unified social credit code (digits and capitals except I, O, S, V, Z)",
            ));
        }
        if !b[2..8].iter().all(u8::is_ascii_digit) {
            return Err(err(
                "第 3 至 8 位须为行政区划代码（数字）",
                "characters 3 to 8 must be the region code (digits)",
            ));
        }
        if Self::check_char(&code[..17]) != Some(b[17] as char) {
            return Err(err(
                "校验位不正确，请核对代码",
                "has a wrong check character; please check the code",
            ));
        }
        Ok(CreditCode(code))
    }

    /// The check character for the first 17 characters (`None` if one is outside the charset).
    pub fn check_char(first17: &str) -> Option<char> {
        let b = first17.as_bytes();
        if b.len() != 17 {
            return None;
        }
        let mut sum = 0;
        for (c, w) in b.iter().zip(CREDIT_WEIGHTS) {
            let value = CREDIT_CHARSET.iter().position(|x| x == c)? as u32;
            sum += value * w;
        }
        let check = (31 - sum % 31) % 31;
        Some(CREDIT_CHARSET[check as usize] as char)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
    }

    fn with_check(first17: &str) -> String {
        format!("{first17}{}", IdCardNo::check_char(first17).unwrap_or('?'))
    }

    #[test]
    fn a_valid_id_card_number_parses_and_masks() {
        // The standard's own example.
        let id = IdCardNo::parse(" 11010519491231002x ", today());
        let id = id.ok();
        assert_eq!(
            id.as_ref().map(IdCardNo::as_str),
            Some("11010519491231002X")
        );
        assert_eq!(
            id.map(|i| i.masked()).as_deref(),
            Some("110105********002X")
        );
        assert!(IdCardNo::parse(&with_check("33010219900307123"), today()).is_ok());
    }

    #[test]
    fn bad_id_card_numbers_say_why() {
        let good = with_check("33010219900307123");
        let wrong = if good.ends_with('1') { '2' } else { '1' };
        let bad_check = format!("33010219900307123{wrong}");
        for (raw, why) in [
            ("33010219900307123", "18"),
            ("3301021990030712a4", "18"),
            (&with_check("99010219900307123")[..], "省级"),
            (&with_check("33010219901307123")[..], "出生"),
            (&with_check("33010230000101123")[..], "出生"),
            (&with_check("33010218000101123")[..], "出生"),
            (&bad_check[..], "校验位"),
        ] {
            let e = IdCardNo::parse(raw, today()).err();
            assert!(e.is_some_and(|e| e.zh.contains(why)), "{raw}: {e:?}");
        }
    }

    #[test]
    fn credit_codes_are_checked_per_gb_32100() {
        // A published example code.
        assert!(CreditCode::parse("91350100M000100Y43").is_ok());
        let first17 = "91330106MA2H7X1K0";
        let good = format!(
            "{first17}{}",
            CreditCode::check_char(first17).unwrap_or('?')
        );
        assert!(CreditCode::parse(&good.to_lowercase()).is_ok());
        let wrong = format!("{first17}{}", if good.ends_with('0') { '1' } else { '0' });
        assert!(
            CreditCode::parse(&wrong)
                .err()
                .is_some_and(|e| e.zh.contains("校验位"))
        );
        assert!(CreditCode::parse("91330106MA2H7X1K0").is_err());
        assert!(CreditCode::parse("9133010IMA2H7X1K0Z").is_err());
        assert!(
            CreditCode::parse("91AB0106MA2H7X1K03")
                .err()
                .is_some_and(|e| e.zh.contains("行政区划"))
        );
    }
}
