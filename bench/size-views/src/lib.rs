//! Size probe for `cargo xtask size`: what the vendor's hello widget does with the SDK — read
//! `sys.timeFormat` and format the current time in it — through the zero-copy view.

use amocrm_widget::{views::SysView, WidgetSdk};
use wasm_bindgen::prelude::*;

/// `dateFormat(Date.now(), sys.timeFormat)` through [`SysView`].
#[wasm_bindgen]
pub fn now_in_account_time_format(amocrm_sdk: JsValue) -> Result<String, JsValue> {
    let run = || -> amocrm_widget::Result<String> {
        let sdk = WidgetSdk::new(&amocrm_sdk)?;
        Ok(match sdk.state::<SysView>()? {
            Some(sys) => sys.time_format()?.format_now(),
            None => String::new(),
        })
    };
    run().map_err(|e| JsValue::from_str(&e.to_string()))
}
