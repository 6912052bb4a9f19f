//! Numbers shown to people: course durations (`1小时05分`), player clock times, prices, file
//! sizes, study hours (学时, of the site's length) and progress.
//! Pure functions, tested natively.

use shared_types::learning::StudyTime;

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

/// 学时 — a study hour: 45 credited minutes.
pub const STUDY_HOUR_SECONDS: i64 = 45 * 60;

/// Credited study time in study hours of 45 minutes and the minutes left over, leaving out a
/// part that is zero: `2学时15分钟`, `2学时`, `15分钟`, `0分钟` / `1 study hour 15 min`.
pub fn study_time(seconds: i64, lang: Lang) -> String {
    study_time_of(&StudyTime::of(seconds, 45), lang)
}

/// A [`StudyTime`] (study hours of the site's length, and the minutes left over) as
/// [`study_time`] shows it.
pub fn study_time_of(t: &StudyTime, lang: Lang) -> String {
    let (hours, rest) = (t.study_hours, t.minutes);
    let hour_part = (hours > 0).then(|| hours_text(&hours.to_string(), hours == 1, lang));
    let minute_part = (rest > 0 || hours == 0).then(|| match lang {
        Lang::ZhCn => format!("{rest}分钟"),
        Lang::EnUs => format!("{rest} min"),
    });
    let sep = match lang {
        Lang::ZhCn => "",
        Lang::EnUs => " ",
    };
    hour_part
        .into_iter()
        .chain(minute_part)
        .collect::<Vec<_>>()
        .join(sep)
}

/// Seconds of study as [`study_time_of`] with study hours of `study_hour_minutes` minutes (the
/// learning engine counts fractions of a second; the display drops them).
pub fn study_seconds(seconds: f64, study_hour_minutes: u32, lang: Lang) -> String {
    let whole = if seconds.is_finite() {
        // Study time of a learner: far below i64's range.
        seconds.max(0.0).floor() as i64
    } else {
        0
    };
    study_time_of(&StudyTime::of(whole, study_hour_minutes), lang)
}

/// Required study hours (one decimal, trailing `.0` dropped): `40学时`, `12.5 study hours`,
/// `1 study hour`.
pub fn study_hours(hours: f64, lang: Lang) -> String {
    let text = format!("{hours:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    hours_text(text, text == "1", lang)
}

fn hours_text(number: &str, one: bool, lang: Lang) -> String {
    match (lang, one) {
        (Lang::ZhCn, _) => format!("{number}学时"),
        (Lang::EnUs, true) => format!("{number} study hour"),
        (Lang::EnUs, false) => format!("{number} study hours"),
    }
}

/// How far `done` is towards `target`, as a whole percentage from 0 to 100 (0 without a target).
pub fn percent(done: i64, target: i64) -> u32 {
    if target <= 0 {
        return 0;
    }
    // Clamped to 0..=100 first, so the cast cannot truncate.
    (done.clamp(0, target) * 100 / target) as u32
}

/// Credited seconds against required study hours, as [`percent`].
pub fn study_percent(credited_seconds: i64, required_hours: f64) -> u32 {
    // Hours are small (a course asks tens of them): the product is far inside i64.
    let target = (required_hours.max(0.0) * STUDY_HOUR_SECONDS as f64).round() as i64;
    percent(credited_seconds, target)
}

/// A typed amount that is not a yuan amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadAmount;

/// An amount typed in yuan (`128`, `128.5`, `1,280.00`) as cents; empty is `None`, anything
/// else (negative, more than two decimals, not a number) is `Err`.
pub fn parse_yuan(s: &str) -> Result<Option<i64>, BadAmount> {
    let s: String = s.trim().chars().filter(|c| *c != ',').collect();
    if s.is_empty() {
        return Ok(None);
    }
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    let digits = |d: &str| d.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(frac) || frac.len() > 2 {
        return Err(BadAmount);
    }
    let whole: i64 = whole.parse().map_err(|_| BadAmount)?;
    let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| BadAmount)?;
    whole
        .checked_mul(100)
        .and_then(|c| c.checked_add(frac))
        .map(Some)
        .ok_or(BadAmount)
}

/// Cents as the yuan a form field starts with: `128.50`.
pub fn yuan_input(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// A file size: `980 B`, `12.5 KB`, `1.2 GB` (binary units, one decimal).
pub fn bytes(n: i64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if n < 1024 {
        return format!("{} B", n.max(0));
    }
    // Display only: a file size fits f64's exact range.
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_amounts_become_cents_and_back() {
        assert_eq!(parse_yuan(" 1,280.5 "), Ok(Some(128_050)));
        assert_eq!(parse_yuan("99"), Ok(Some(9_900)));
        assert_eq!(parse_yuan(""), Ok(None));
        for bad in ["-1", "1.234", "abc", ".5", "1.2.3"] {
            assert_eq!(parse_yuan(bad), Err(BadAmount), "{bad}");
        }
        assert_eq!(yuan_input(12_850), "128.50");
    }

    #[test]
    fn file_sizes_use_the_largest_fitting_unit() {
        assert_eq!(bytes(980), "980 B");
        assert_eq!(bytes(12_800), "12.5 KB");
        assert_eq!(bytes(1_288_490_189), "1.2 GB");
    }

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
    fn study_time_counts_hours_of_forty_five_minutes() {
        assert_eq!(study_time(5_000, Lang::ZhCn), "1学时38分钟");
        assert_eq!(study_time(2_700, Lang::EnUs), "1 study hour");
        assert_eq!(study_time(6_300, Lang::EnUs), "2 study hours 15 min");
        assert_eq!(study_time(600, Lang::ZhCn), "10分钟");
        assert_eq!(study_time(-1, Lang::ZhCn), "0分钟");
        assert_eq!(study_hours(40.0, Lang::ZhCn), "40学时");
        assert_eq!(study_hours(12.5, Lang::EnUs), "12.5 study hours");
        assert_eq!(study_hours(1.0, Lang::EnUs), "1 study hour");
    }

    #[test]
    fn study_time_follows_the_sites_study_hour() {
        assert_eq!(study_seconds(3_600.9, 45, Lang::ZhCn), "1学时15分钟");
        assert_eq!(study_seconds(3_600.0, 60, Lang::ZhCn), "1学时");
        assert_eq!(study_seconds(59.0, 45, Lang::EnUs), "0 min");
        assert_eq!(study_seconds(f64::NAN, 45, Lang::ZhCn), "0分钟");
        assert_eq!(study_seconds(-3.0, 45, Lang::ZhCn), "0分钟");
    }

    #[test]
    fn progress_is_a_clamped_whole_percentage() {
        assert_eq!(percent(3, 4), 75);
        assert_eq!(percent(9, 4), 100);
        assert_eq!(percent(-1, 4), 0);
        assert_eq!(percent(5, 0), 0);
        assert_eq!(study_percent(2_700, 2.0), 50);
        assert_eq!(study_percent(10, 0.0), 0);
    }

    #[test]
    fn prices_are_yuan_with_thousands_grouped() {
        assert_eq!(price(128_000), "¥1,280.00");
        assert_eq!(price(5), "¥0.05");
        assert_eq!(price(123_456_789), "¥1,234,567.89");
        assert_eq!(price(-250), "-¥2.50");
    }
}
