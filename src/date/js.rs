//! The clock over a real `Date`: the same getters, in the same order, that `dateformat` calls.

use super::js_date::JsDate;
use super::mask::{Clock, Parts, Relative};

/// A `Date` read through its own getters (so the browser's time zone rules apply).
pub(crate) struct JsClock<'a>(pub &'a JsDate);

fn field(date: &JsDate, utc: bool, get: fn(&JsDate) -> f64, get_utc: fn(&JsDate) -> f64) -> i64 {
    (if utc { get_utc(date) } else { get(date) }) as i64
}

fn ymd(date: &JsDate, utc: bool) -> (i64, i64, i64) {
    (
        field(date, utc, JsDate::full_year, JsDate::utc_full_year),
        field(date, utc, JsDate::month, JsDate::utc_month),
        field(date, utc, JsDate::date, JsDate::utc_date),
    )
}

/// `(day + 6) % 7` for a `getDay()` value (0–6, or `NaN` for an invalid date), without the
/// software `fmod` that `f64 %` compiles to.
fn days_since_monday(day: f64) -> f64 {
    if day >= 0.0 {
        ((day as i64 + 6) % 7) as f64
    } else {
        f64::NAN
    }
}

impl Clock for JsClock<'_> {
    fn parts(&self, utc: bool) -> Parts {
        let d = self.0;
        let (year, month, day) = ymd(d, utc);
        Parts {
            year,
            month,
            day,
            weekday: field(d, utc, JsDate::day, JsDate::utc_day),
            hours: field(d, utc, JsDate::hours, JsDate::utc_hours),
            minutes: field(d, utc, JsDate::minutes, JsDate::utc_minutes),
            seconds: field(d, utc, JsDate::seconds, JsDate::utc_seconds),
            millis: field(d, utc, JsDate::milliseconds, JsDate::utc_milliseconds),
        }
    }

    fn timezone_offset(&self) -> f64 {
        self.0.timezone_offset()
    }

    fn date_string(&self) -> String {
        self.0.to_string_js()
    }

    fn relative(&self, utc: bool, parts: &Parts) -> Relative {
        let today = JsDate::now();
        let yesterday = JsDate::now();
        yesterday.set_date(ymd(&yesterday, utc).2 as f64 - 1.0);
        let tomorrow = JsDate::now();
        tomorrow.set_date(ymd(&tomorrow, utc).2 as f64 + 1.0);
        let target = (parts.year, parts.month, parts.day);
        if ymd(&today, utc) == target {
            Relative::Today
        } else if ymd(&yesterday, utc) == target {
            Relative::Yesterday
        } else if ymd(&tomorrow, utc) == target {
            Relative::Tomorrow
        } else {
            Relative::Other
        }
    }

    fn week(&self) -> f64 {
        let d = self.0;
        let target = JsDate::new_ymd(d.full_year(), d.month(), d.date());
        target.set_date(target.date() - days_since_monday(target.day()) + 3.0);
        let first = JsDate::new_ymd(target.full_year(), 0.0, 4.0);
        first.set_date(first.date() - days_since_monday(first.day()) + 3.0);
        let ds = target.timezone_offset() - first.timezone_offset();
        target.set_hours(target.hours() - ds);
        let diff = (target.time() - first.time()) / (864e5 * 7.0);
        1.0 + diff.floor()
    }
}
