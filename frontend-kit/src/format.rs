//! Numbers shown to people: course durations (`1小时05分`), player clock times and prices.
//! Pure functions, tested natively.

use crate::i18n::Lang;

/// A course or courseware duration: `1小时05分` / `1 h 05 min`; under an hour with seconds,
/// `12分30秒` / `12 min 30 s`; whole minutes `12分钟` / `12 min`; under a minute `45秒` / `45 s`.
pub fn duration(seconds: i32, lang: Lang) -> String {
    let total = seconds.max(0);
    let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
    match (lang, h, m, s) {
        (Lang::ZhCn, 1.., _, _) => format!("{h}小时{m:02}分"),
        (Lang::EnUs, 1.., _, _) => format!("{h} h {m:02} min"),
        (Lang::ZhCn, 0, 1.., 0) => format!("{m}分钟"),
        (Lang::EnUs, 0, 1.., 0) => format!("{m} min"),
        (Lang::ZhCn, 0, 1.., _) => format!("{m}分{s:02}秒"),
        (Lang::EnUs, 0, 1.., _) => format!("{m} min {s:02} s"),
        (Lang::ZhCn, _, _, _) => format!("{s}秒"),
        (Lang::EnUs, _, _, _) => format!("{s} s"),
    }
}

/// A player position: `4:05`, or `1:02:03` past an hour. Not-a-number (no media yet) is `0:00`.
pub fn clock(seconds: f64) -> String {
    let total = if seconds.is_finite() && seconds > 0.0 {
        // Whole seconds of a media position: far below i64's range.
        seconds.floor() as i64
    } else {
        0
    };
    let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A price in yuan from cents: `¥1,280.00`.
pub fn price(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let yuan = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in yuan.chars().enumerate() {
        if i > 0 && (yuan.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}¥{grouped}.{:02}", cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_a_course_listing() {
        assert_eq!(duration(3900, Lang::ZhCn), "1小时05分");
        assert_eq!(duration(3900, Lang::EnUs), "1 h 05 min");
        assert_eq!(duration(7200, Lang::ZhCn), "2小时00分");
        assert_eq!(duration(750, Lang::ZhCn), "12分30秒");
        assert_eq!(duration(720, Lang::ZhCn), "12分钟");
        assert_eq!(duration(720, Lang::EnUs), "12 min");
        assert_eq!(duration(45, Lang::ZhCn), "45秒");
        assert_eq!(duration(0, Lang::EnUs), "0 s");
        assert_eq!(duration(-5, Lang::ZhCn), "0秒");
    }

    #[test]
    fn player_clock_shows_hours_only_when_needed() {
        assert_eq!(clock(245.9), "4:05");
        assert_eq!(clock(3723.0), "1:02:03");
        assert_eq!(clock(f64::NAN), "0:00");
        assert_eq!(clock(-3.0), "0:00");
    }

    #[test]
    fn prices_are_yuan_with_thousands_grouped() {
        assert_eq!(price(128_000), "¥1,280.00");
        assert_eq!(price(5), "¥0.05");
        assert_eq!(price(123_456_789), "¥1,234,567.89");
        assert_eq!(price(-250), "-¥2.50");
    }
}
