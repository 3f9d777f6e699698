//! The port of npm `dateformat` 4.6.3 (feature `dateformat`): the account's masks formatted in
//! Rust, byte-identical to the host's module.

use super::{civil, mask};
#[cfg(target_arch = "wasm32")]
use super::{js, js_date::JsDate};
use crate::constants::{DateFormat, TimeFormat};
use crate::{Error, Result};

/// Formats `date` in the browser's time zone like `dateformat(date, mask)`.
///
/// `mask` may also be a named mask (`"isoDateTime"`), and an empty mask is `dateformat`'s default.
/// Errors with [`Error::InvalidDate`] where `dateformat` throws `TypeError("Invalid date")`.
///
/// ```no_run
/// // In the browser: "21.11.2026"
/// let text = amocrm_widget::date::format("dd.mm.yyyy", &js_sys::Date::new_0())?;
/// # Ok::<(), amocrm_widget::Error>(())
/// ```
pub fn format(mask: &str, date: &js_sys::Date) -> Result<String> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        format_js(mask, date.unchecked_ref())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (mask, date);
        Err(Error::InvalidDate)
    }
}

#[cfg(target_arch = "wasm32")]
fn format_js(mask: &str, date: &JsDate) -> Result<String> {
    if date.time().is_nan() {
        return Err(Error::InvalidDate);
    }
    Ok(mask::format(&js::JsClock(date), mask))
}

/// Formats the current time in the browser's time zone, like `dateformat(Date.now(), mask)`.
///
/// ```no_run
/// use amocrm_widget::constants::TimeFormat;
/// let now = amocrm_widget::date::format_now(TimeFormat::Twelve.as_str()); // "9:41 PM"
/// ```
pub fn format_now(mask: &str) -> String {
    // The crate's own `new Date()` binding (the clock needs it anyway), not `js_sys::Date::new_0`,
    // whose import would be one more in every widget that formats dates.
    #[cfg(target_arch = "wasm32")]
    {
        format_js(mask, &JsDate::now()).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format(mask, &js_sys::Date::new_0()).unwrap_or_default()
    }
}

/// Formats the time value `ms` (milliseconds since the epoch) as seen in a time zone
/// `utc_offset_minutes` east of UTC (`180` for `Etc/GMT-3`), like `dateformat` under that zone.
///
/// Works on every target. The `Z` flag renders as V8 renders the `Etc/GMT±N` zones (`UTC` for
/// offset 0, `GMT` otherwise); `DDD`/`DDDD` compare with the current day in that zone.
///
/// ```
/// use amocrm_widget::date::format_at_offset;
/// let ms = 1_700_000_000_000.0; // 2023-11-14T22:13:20Z
/// assert_eq!(format_at_offset("dd.mm.yyyy HH:MM", ms, 0)?, "14.11.2023 22:13");
/// assert_eq!(format_at_offset("dd.mm.yyyy h:MM TT", ms, 180)?, "15.11.2023 1:13 AM");
/// assert_eq!(format_at_offset("isoDateTime", ms, 180)?, "2023-11-15T01:13:20+0300");
/// assert!(format_at_offset("HH:MM", f64::NAN, 0).is_err());
/// # Ok::<(), amocrm_widget::Error>(())
/// ```
pub fn format_at_offset(mask: &str, ms: f64, utc_offset_minutes: i32) -> Result<String> {
    let ms = civil::time_value(ms).ok_or(Error::InvalidDate)?;
    let clock = civil::FixedClock {
        ms,
        offset: i64::from(utc_offset_minutes),
        now: civil::now_ms(),
    };
    Ok(mask::format(&clock, mask))
}

impl DateFormat {
    /// Formats `date` (browser time zone) in this account date format.
    ///
    /// ```no_run
    /// use amocrm_widget::constants::DateFormat;
    /// let today = DateFormat::RussianNormal.format(&js_sys::Date::new_0())?; // "21.11.2026"
    /// # Ok::<(), amocrm_widget::Error>(())
    /// ```
    pub fn format(&self, date: &js_sys::Date) -> Result<String> {
        format(self.as_str(), date)
    }

    /// [`format_at_offset`] with this account date format.
    ///
    /// ```
    /// use amocrm_widget::constants::DateFormat;
    /// assert_eq!(DateFormat::AmericanInversed.format_at_offset(0.0, 0)?, "01/01/1970");
    /// # Ok::<(), amocrm_widget::Error>(())
    /// ```
    pub fn format_at_offset(&self, ms: f64, utc_offset_minutes: i32) -> Result<String> {
        format_at_offset(self.as_str(), ms, utc_offset_minutes)
    }
}

impl TimeFormat {
    /// Formats `date` (browser time zone) in this account time format.
    ///
    /// ```no_run
    /// use amocrm_widget::constants::TimeFormat;
    /// let now = TimeFormat::TwentyFour.format(&js_sys::Date::new_0())?; // "21:41"
    /// # Ok::<(), amocrm_widget::Error>(())
    /// ```
    pub fn format(&self, date: &js_sys::Date) -> Result<String> {
        format(self.as_str(), date)
    }

    /// Formats the current time (browser time zone) in this account time format.
    ///
    /// ```no_run
    /// use amocrm_widget::constants::TimeFormat;
    /// let now = TimeFormat::Twelve.format_now(); // "9:41 PM"
    /// ```
    pub fn format_now(&self) -> String {
        format_now(self.as_str())
    }

    /// [`format_at_offset`] with this account time format.
    ///
    /// ```
    /// use amocrm_widget::constants::TimeFormat;
    /// assert_eq!(TimeFormat::Twelve.format_at_offset(0.0, -300)?, "7:00 PM");
    /// # Ok::<(), amocrm_widget::Error>(())
    /// ```
    pub fn format_at_offset(&self, ms: f64, utc_offset_minutes: i32) -> Result<String> {
        format_at_offset(self.as_str(), ms, utc_offset_minutes)
    }
}
