//! Size probe for `cargo xtask size`: the same job as `size-views` (format the current time in
//! the account's `timeFormat` with the host's `dateformat`) through the owned `Sys` model of the
//! `serde` feature, decoded with serde-wasm-bindgen.

use amocrm_widget::date::HostDateFormat;
use amocrm_widget::{models::Sys, WidgetSdk};
use wasm_bindgen::prelude::*;

/// `dateFormat(Date.now(), sys.timeFormat)` through [`Sys`].
#[wasm_bindgen]
pub fn now_in_account_time_format(
    amocrm_sdk: JsValue,
    dateformat: JsValue,
) -> Result<String, JsValue> {
    let run = || -> amocrm_widget::Result<String> {
        let sdk = WidgetSdk::new(&amocrm_sdk)?;
        let dateformat = HostDateFormat::from_module(dateformat)?;
        match sdk.state::<Sys>()? {
            Some(sys) => dateformat.format_now(sys.time_format.as_str()),
            None => Ok(String::new()),
        }
    };
    run().map_err(|e| JsValue::from_str(&e.to_string()))
}
