//! Calendar days as the forms type them (`YYYY-MM-DD`) and as the server wants them: today's date
//! in the browser, and the end of a day in Asia/Shanghai for deadlines (China keeps UTC+8 all
//! year, so the offset is fixed).

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

/// UTC+8, Asia/Shanghai.
const SHANGHAI_SECONDS: i32 = 8 * 3600;

/// A typed `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// The last second of `day` in Asia/Shanghai (a deadline "on" that day).
pub fn end_of_day_in_shanghai(day: NaiveDate) -> Option<DateTime<Utc>> {
    let zone = FixedOffset::east_opt(SHANGHAI_SECONDS)?;
    zone.from_local_datetime(&day.and_hms_opt(23, 59, 59)?)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// The day in Asia/Shanghai of an instant (a deadline's date as the form shows it again).
pub fn shanghai_day(at: DateTime<Utc>) -> NaiveDate {
    FixedOffset::east_opt(SHANGHAI_SECONDS)
        .map(|zone| at.with_timezone(&zone).date_naive())
        .unwrap_or_else(|| at.date_naive())
}

/// Today in the browser's time zone (chrono's clock is not available in wasm32).
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    // Year, month and day of a real clock: small numbers.
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// `2026-05-09 ~ 2026-06-30`
pub fn date_range(from: NaiveDate, to: NaiveDate) -> String {
    format!("{from} ~ {to}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_ends_the_day_in_shanghai() {
        let day = parse_date(" 2026-05-09 ").unwrap_or_default();
        let end = end_of_day_in_shanghai(day).map(|t| t.to_rfc3339());
        assert_eq!(end.as_deref(), Some("2026-05-09T15:59:59+00:00"));
        assert_eq!(end_of_day_in_shanghai(day).map(shanghai_day), Some(day));
        assert_eq!(parse_date("09/05/2026"), None);
    }

    #[test]
    fn a_period_reads_from_to() {
        let (a, b) = (
            NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default(),
        );
        assert_eq!(date_range(a, b), "2026-05-01 ~ 2026-06-30");
    }
}
