//! Size probe for `cargo xtask size`: the same job as `size-views` (format the current time in
//! the account's `timeFormat`) through the owned `Sys` model of the `serde` feature.

use amocrm_widget::{models::Sys, WidgetSdk};
use wasm_bindgen::prelude::*;

/// `dateFormat(Date.now(), sys.timeFormat)` through [`Sys`].
#[wasm_bindgen]
pub fn now_in_account_time_format(amocrm_sdk: JsValue) -> Result<String, JsValue> {
    let run = || -> amocrm_widget::Result<String> {
        let sdk = WidgetSdk::new(&amocrm_sdk)?;
        Ok(match sdk.state::<Sys>()? {
            Some(sys) => sys.time_format.format_now(),
            None => String::new(),
        })
    };
    run().map_err(|e| JsValue::from_str(&e.to_string()))
}
