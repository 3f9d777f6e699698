//! Size probe for `cargo xtask size`: what the vendor's hello widget does with the SDK — read
//! `sys.timeFormat` and format the current time in it with the host's `dateformat` — through
//! the zero-copy view.

use amocrm_widget::date::HostDateFormat;
use amocrm_widget::{views::SysView, WidgetSdk};
use wasm_bindgen::prelude::*;

/// `dateFormat(Date.now(), sys.timeFormat)` through [`SysView`].
#[wasm_bindgen]
pub fn now_in_account_time_format(
    amocrm_sdk: JsValue,
    dateformat: JsValue,
) -> Result<String, JsValue> {
    let run = || -> amocrm_widget::Result<String> {
        let sdk = WidgetSdk::new(&amocrm_sdk)?;
        let dateformat = HostDateFormat::from_module(dateformat)?;
        match sdk.state::<SysView>()? {
            Some(sys) => dateformat.format_now(sys.time_format()?.as_str()),
            None => Ok(String::new()),
        }
    };
    run().map_err(|e| JsValue::from_str(&e.to_string()))
}
