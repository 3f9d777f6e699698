//! Dates formatted exactly like the cabinet formats them.
//!
//! The host formats every date with its `dateformat(date, mask)` module; the account's
//! [`DateFormat`](crate::constants::DateFormat) and [`TimeFormat`](crate::constants::TimeFormat)
//! are masks for it. [`HostDateFormat`] calls that module: the output is the cabinet's by
//! construction and the widget ships no formatting code, so it is the way to format dates.
//!
//! With the opt-in feature `dateformat`, a Rust port of npm `dateformat` 4.6.3 (about 1,000
//! lines) formats without the module: `format()` gives byte-identical output for a
//! `js_sys::Date` in the browser's time zone (every flag, named masks, the `UTC:` and `GMT:`
//! prefixes, quoted literals), and `format_at_offset` runs the same engine on a time zone with
//! a fixed offset, natively too; the crate's differential tests compare it with the real npm
//! package over random timestamps.

#[cfg(feature = "dateformat")]
mod civil;
mod host;
#[cfg(all(feature = "dateformat", target_arch = "wasm32"))]
mod js;
#[cfg(all(feature = "dateformat", target_arch = "wasm32"))]
mod js_date;
#[cfg(feature = "dateformat")]
mod mask;
#[cfg(feature = "dateformat")]
mod port;

pub use host::HostDateFormat;
#[cfg(feature = "dateformat")]
pub use port::{format, format_at_offset, format_now};
