//! The cabinet's own `dateformat` module, called from Rust.

use crate::{Error, Result};
use wasm_bindgen::{JsCast, JsValue};

/// The host-provided `dateformat` function, called as the cabinet calls it:
/// `dateFormat(date, mask)`.
///
/// Its output is the cabinet's by construction, and it costs the widget no wasm for the
/// formatting itself: this is the documented way to format dates. The Rust port (feature
/// `dateformat`: `date::format`, `date::format_at_offset`) gives byte-identical output without
/// the module, for widgets that format many dates or run where the module is not at hand.
///
/// Take the module from the [`Host`](crate::lifecycle::Host) when the widget starts (asked for
/// by type, the bundler adds it to the widget's dependencies):
///
/// ```no_run
/// use amocrm_widget::constants::TimeFormat;
/// use amocrm_widget::date::HostDateFormat;
/// use amocrm_widget::modules::Dateformat;
/// use amocrm_widget::lifecycle::{Host, WidgetError};
/// # fn f(host: &Host) -> Result<(), WidgetError> {
/// let date_format = HostDateFormat::from_module(host.module::<Dateformat>()?)?;
/// let now = date_format.format_now(TimeFormat::TwentyFour.as_str())?; // e.g. "14:05"
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct HostDateFormat(js_sys::Function);

impl HostDateFormat {
    /// Wraps the module value; [`Error::Shape`] if it is not a function.
    ///
    /// ```
    /// # use amocrm_widget::date::HostDateFormat;
    /// # use wasm_bindgen::JsValue;
    /// # if cfg!(target_arch = "wasm32") {
    /// assert!(HostDateFormat::from_module(JsValue::NULL).is_err());
    /// # }
    /// ```
    pub fn from_module(module: JsValue) -> Result<Self> {
        module
            .dyn_into::<js_sys::Function>()
            .map(Self)
            .map_err(|_| Error::Shape {
                what: "dateformat module",
                expected: "a function",
            })
    }

    /// The current time in `mask`, as `dateFormat(Date.now(), mask)` gives it.
    pub fn format_now(&self, mask: &str) -> Result<String> {
        self.call(&JsValue::from_f64(js_sys::Date::now()), mask)
    }

    /// `date` in `mask`, as `dateFormat(date, mask)` gives it; the host's error (an invalid
    /// date, say) as [`Error::Host`].
    pub fn format(&self, date: &js_sys::Date, mask: &str) -> Result<String> {
        self.call(date.as_ref(), mask)
    }

    fn call(&self, date: &JsValue, mask: &str) -> Result<String> {
        self.0
            .call2(&JsValue::UNDEFINED, date, &JsValue::from_str(mask))
            .map_err(|thrown| Error::thrown("dateformat", thrown))?
            .as_string()
            .ok_or(Error::Shape {
                what: "dateformat(..) result",
                expected: "a string",
            })
    }

    /// The host's function itself.
    pub fn as_raw(&self) -> &js_sys::Function {
        &self.0
    }
}
