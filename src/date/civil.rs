//! Calendar arithmetic for a time zone with a fixed offset, reproducing `Date`'s getters.

use super::mask::{Clock, Parts, Relative};
// One calendar for the workspace: the token crate's (the CLI shows `iat`/`exp` with it).
use amocrm_widget_token::civil::{civil_from_days, days_from_civil};

const MS_PER_DAY: i64 = 86_400_000;
/// ECMAScript's time value range: ±100,000,000 days around the epoch.
const MAX_TIME: f64 = 8.64e15;

/// `MakeDay(year, month0, day)` with `Date`'s month overflow, as a day count.
fn make_day(year: i64, month0: i64, day: i64) -> i64 {
    let year = year + month0.div_euclid(12);
    let month0 = month0.rem_euclid(12);
    days_from_civil(year, month0 + 1, 1) + day - 1
}

/// `new Date(y, m, d)` maps two-digit years to the 1900s.
fn full_year(year: i64) -> i64 {
    if (0..=99).contains(&year) {
        year + 1900
    } else {
        year
    }
}

/// Validates and truncates a time value like `new Date(ms)`.
pub(crate) fn time_value(ms: f64) -> Option<i64> {
    (ms.is_finite() && ms.abs() <= MAX_TIME).then(|| ms.trunc() as i64)
}

/// The current time in milliseconds since the epoch.
pub(crate) fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::time::{SystemTime, UNIX_EPOCH};
        match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_millis() as i64,
            Err(e) => -(e.duration().as_millis() as i64),
        }
    }
}

/// A moment seen from a time zone whose offset never changes (UTC, `Etc/GMT-3`…).
pub(crate) struct FixedClock {
    /// Milliseconds since the epoch (UTC).
    pub ms: i64,
    /// Minutes east of UTC (`+180` for UTC+3).
    pub offset: i64,
    /// "Now", for `DDD`/`DDDD`.
    pub now: i64,
}

impl FixedClock {
    fn shift(&self, utc: bool) -> i64 {
        if utc {
            0
        } else {
            self.offset * 60_000
        }
    }

    fn parts_of(ms: i64) -> Parts {
        let days = ms.div_euclid(MS_PER_DAY);
        let in_day = ms.rem_euclid(MS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        Parts {
            year,
            month: month - 1,
            day,
            weekday: (days + 4).rem_euclid(7),
            hours: in_day / 3_600_000,
            minutes: in_day / 60_000 % 60,
            seconds: in_day / 1000 % 60,
            millis: in_day % 1000,
        }
    }

    /// `date.setDate(n)` (always local time) on the time value `ms`.
    fn set_local_date(&self, ms: i64, n: i64) -> i64 {
        let local = ms + self.shift(false);
        let p = Self::parts_of(local);
        let new_local = make_day(p.year, p.month, n) * MS_PER_DAY + local.rem_euclid(MS_PER_DAY);
        new_local - self.shift(false)
    }
}

impl Clock for FixedClock {
    fn parts(&self, utc: bool) -> Parts {
        Self::parts_of(self.ms + self.shift(utc))
    }

    fn timezone_offset(&self) -> f64 {
        -self.offset as f64
    }

    fn date_string(&self) -> String {
        // What V8 prints after the time for UTC and for the `Etc/GMT±N` zones.
        let o = self.offset.abs();
        let sign = if self.offset < 0 { '-' } else { '+' };
        if self.offset == 0 {
            "GMT+0000 (Coordinated Universal Time)".into()
        } else {
            format!(
                "GMT{sign}{:02}{:02} (GMT{sign}{:02}:{:02})",
                o / 60,
                o % 60,
                o / 60,
                o % 60
            )
        }
    }

    fn relative(&self, utc: bool, parts: &Parts) -> Relative {
        let same = |ms: i64| {
            let p = Self::parts_of(ms + self.shift(utc));
            (p.year, p.month, p.day) == (parts.year, parts.month, parts.day)
        };
        let today_day = Self::parts_of(self.now + self.shift(utc)).day;
        if same(self.now) {
            Relative::Today
        } else if same(self.set_local_date(self.now, today_day - 1)) {
            Relative::Yesterday
        } else if same(self.set_local_date(self.now, today_day + 1)) {
            Relative::Tomorrow
        } else {
            Relative::Other
        }
    }

    fn week(&self) -> f64 {
        // Every `Date` getWeek makes must be in range, or the result is NaN like in JS.
        let in_range = |day: i64| {
            let ms = day * MS_PER_DAY - self.shift(false);
            (ms as f64).abs() <= MAX_TIME
        };
        let p = self.parts(false);
        let target = make_day(full_year(p.year), p.month, p.day);
        let weekday = (target + 4).rem_euclid(7);
        let shifted = target - (weekday + 6) % 7 + 3;
        let (target_year, _, _) = civil_from_days(shifted);
        let first = make_day(full_year(target_year), 0, 4);
        let first_weekday = (first + 4).rem_euclid(7);
        let first_shifted = first - (first_weekday + 6) % 7 + 3;
        if ![target, shifted, first, first_shifted]
            .into_iter()
            .all(in_range)
        {
            return f64::NAN;
        }
        1.0 + (shifted - first_shifted).div_euclid(7) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_value_range() {
        assert_eq!(time_value(8.64e15), Some(8_640_000_000_000_000));
        assert_eq!(time_value(-1.9), Some(-1));
        assert_eq!(time_value(8.64e15 + 1.0), None);
        assert_eq!(time_value(f64::NAN), None);
    }
}
