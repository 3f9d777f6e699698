//! The proleptic Gregorian calendar in UTC, from Unix time (Howard Hinnant's algorithms).
//!
//! One copy for the workspace: the CLI shows `iat`/`exp` with it and the SDK's `date` module
//! builds its fixed-offset clocks on [`civil_from_days`] and [`days_from_civil`].

use std::fmt;

/// Days since 1970-01-01 of a proleptic Gregorian date (`month` 1–12).
///
/// ```
/// use amocrm_widget_token::civil::days_from_civil;
/// assert_eq!(days_from_civil(1970, 1, 1), 0);
/// assert_eq!(days_from_civil(2000, 3, 1), 11_017);
/// ```
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date `(year, month 1–12, day)` of a day count since 1970-01-01.
///
/// ```
/// use amocrm_widget_token::civil::civil_from_days;
/// assert_eq!(civil_from_days(0), (1970, 1, 1));
/// assert_eq!(civil_from_days(-1), (1969, 12, 31));
/// ```
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// A moment in UTC to the second, as a calendar date and a time of day.
///
/// ```
/// use amocrm_widget_token::civil::UtcDateTime;
/// let t = UtcDateTime::from_unix(1594206045);
/// assert_eq!((t.year, t.month, t.day, t.hour), (2020, 7, 8, 11));
/// assert_eq!(t.to_string(), "2020-07-08 11:00:45 UTC");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct UtcDateTime {
    /// The year (proleptic Gregorian; may be negative).
    pub year: i64,
    /// The month, 1–12.
    pub month: u8,
    /// The day of the month, 1–31.
    pub day: u8,
    /// The hour, 0–23.
    pub hour: u8,
    /// The minute, 0–59.
    pub minute: u8,
    /// The second, 0–59 (Unix time has no leap seconds).
    pub second: u8,
}

impl UtcDateTime {
    /// The UTC date and time of `seconds` since the Unix epoch (a JWT `NumericDate`).
    pub fn from_unix(seconds: i64) -> Self {
        let days = seconds.div_euclid(86_400);
        let in_day = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        // Each value is bounded by the arithmetic above (month 1–12, day 1–31, in_day < 86 400).
        let small = |n: i64| u8::try_from(n).unwrap_or(u8::MAX);
        UtcDateTime {
            year,
            month: small(month),
            day: small(day),
            hour: small(in_day / 3600),
            minute: small(in_day % 3600 / 60),
            second: small(in_day % 60),
        }
    }
}

impl fmt::Display for UtcDateTime {
    /// `YYYY-MM-DD HH:MM:SS UTC`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in (-100_000_000..100_000_000).step_by(9_973) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn formats_utc_dates() {
        let utc = |t| UtcDateTime::from_unix(t).to_string();
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(1594206045), "2020-07-08 11:00:45 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc(-1), "1969-12-31 23:59:59 UTC");
    }
}
