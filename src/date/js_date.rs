//! The binding to a real `Date` that the port's clock reads. Its own rather than `js_sys::Date`:
//! only what `dateformat` calls, every number an `f64` as in JS, so an invalid date's `NaN`
//! reaches the port as it reaches `dateformat`.
#![allow(missing_docs)]

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A `Date`, read with `dateformat`'s getters; every number stays an `f64` like in JS.
    #[wasm_bindgen(js_name = Date)]
    pub type JsDate;
    #[wasm_bindgen(constructor, js_class = "Date")]
    pub fn now() -> JsDate;
    #[wasm_bindgen(constructor, js_class = "Date")]
    pub fn new_ymd(year: f64, month: f64, day: f64) -> JsDate;
    #[wasm_bindgen(method, js_name = getTime)]
    pub fn time(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getTimezoneOffset)]
    pub fn timezone_offset(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = toString)]
    pub fn to_string_js(this: &JsDate) -> String;
    #[wasm_bindgen(method, js_name = setDate)]
    pub fn set_date(this: &JsDate, day: f64) -> f64;
    #[wasm_bindgen(method, js_name = setHours)]
    pub fn set_hours(this: &JsDate, hours: f64) -> f64;
    #[wasm_bindgen(method, js_name = getFullYear)]
    pub fn full_year(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getMonth)]
    pub fn month(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getDate)]
    pub fn date(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getDay)]
    pub fn day(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getHours)]
    pub fn hours(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getMinutes)]
    pub fn minutes(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getSeconds)]
    pub fn seconds(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getMilliseconds)]
    pub fn milliseconds(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getUTCFullYear)]
    pub fn utc_full_year(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getUTCMonth)]
    pub fn utc_month(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getUTCDate)]
    pub fn utc_date(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getUTCDay)]
    pub fn utc_day(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getUTCHours)]
    pub fn utc_hours(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getUTCMinutes)]
    pub fn utc_minutes(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getUTCSeconds)]
    pub fn utc_seconds(this: &JsDate) -> f64;
    #[wasm_bindgen(method, js_name = getUTCMilliseconds)]
    pub fn utc_milliseconds(this: &JsDate) -> f64;
}
