//! `export_widget!` exports the functions the shim calls, under the names it calls them by
//! (`amocrm_widget_shim::exports`): the macro's names are literals (attributes take nothing
//! else), so this compares them with the shim's crate in the instance that exports them.
#![cfg(target_arch = "wasm32")]

use amocrm_widget::lifecycle::{Host, LeadParams, Slot, Teardown, Widget, WidgetError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

struct Probe;

impl Widget for Probe {
    fn new(_host: &Host) -> Result<Self, WidgetError> {
        Ok(Probe)
    }
    fn init_lead(&mut self, _params: LeadParams) -> Result<impl Teardown, WidgetError> {
        Ok(())
    }
    fn widgets_bar_slot(&mut self, _slot: Slot) -> Result<impl Teardown, WidgetError> {
        Ok(())
    }
}

amocrm_widget::export_widget!(Probe);

#[wasm_bindgen_test]
fn the_widget_exports_what_the_shim_calls() {
    let exports = wasm_bindgen::exports();
    for name in amocrm_widget_shim::exports::ALL {
        let export = js_sys::Reflect::get(&exports, &JsValue::from_str(name)).unwrap();
        assert!(export.is_function(), "no export {name}");
    }
    // And none the shim does not know of: the macro's five, with wasm-bindgen's own beside them.
    let ours: Vec<String> = js_sys::Object::keys(exports.unchecked_ref::<js_sys::Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .filter(|k| k.starts_with("amo"))
        .collect();
    assert_eq!(
        ours.len(),
        amocrm_widget_shim::exports::ALL.len(),
        "{ours:?}"
    );
}
