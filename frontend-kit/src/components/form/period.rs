//! A period typed as two dates (a class's, a plan's, a project's): both must be dates, the end
//! on or after the start.

use chrono::NaiveDate;

use crate::dates::parse_date;
use crate::i18n::Text;

const BAD_DATE: Text = Text::new("请选择日期", "Pick a date");
const ENDS_BEFORE: Text = Text::new(
    "结束日期不能早于开始日期",
    "The end cannot come before the start",
);

/// The dates typed, and what is wrong with each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub starts: Option<NaiveDate>,
    pub ends: Option<NaiveDate>,
    pub starts_error: Option<Text>,
    pub ends_error: Option<Text>,
}

impl Period {
    pub fn check(starts: &str, ends: &str) -> Period {
        let (starts, ends) = (parse_date(starts), parse_date(ends));
        let ends_error = match (starts, ends) {
            (_, None) => Some(BAD_DATE),
            (Some(s), Some(e)) if e < s => Some(ENDS_BEFORE),
            _ => None,
        };
        Period {
            starts,
            ends,
            starts_error: starts.is_none().then_some(BAD_DATE),
            ends_error,
        }
    }

    pub fn is_valid(&self) -> bool {
        self.starts_error.is_none() && self.ends_error.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_needs_two_dates_in_order() {
        assert!(Period::check("2026-05-01", "2026-05-01").is_valid());
        let backwards = Period::check("2026-05-02", "2026-05-01");
        assert_eq!(backwards.ends_error, Some(ENDS_BEFORE));
        let empty = Period::check("", "");
        assert_eq!(
            (empty.starts_error, empty.ends_error),
            (Some(BAD_DATE), Some(BAD_DATE))
        );
    }
}
