//! The one macro a widget crate needs.

/// Exports a [`Widget`](crate::lifecycle::Widget) type as the wasm entry points that the
/// bundled `personal_page.js` shim calls. Use it once, at the crate root of a `cdylib` widget
/// crate; no `wasm_bindgen` attribute and no JavaScript is needed besides.
///
/// ```
/// use amocrm_widget::lifecycle::{Host, LeadParams, Slot, Teardown, Widget, WidgetError};
///
/// struct Counter(u32);
///
/// impl Widget for Counter {
///     fn new(_host: &Host) -> Result<Self, WidgetError> {
///         Ok(Counter(0))
///     }
///     fn init_lead(&mut self, _params: LeadParams) -> Result<impl Teardown, WidgetError> {
///         self.0 += 1;
///         Ok(())
///     }
///     fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
///         let content = slot.content().clone();
///         content.set_text_content(Some(&format!("lead #{}", self.0)));
///         Ok(move || content.set_text_content(None))
///     }
/// }
///
/// amocrm_widget::export_widget!(Counter);
/// # fn main() {}
/// ```
// The js_name literals are the shim's `amocrm_widget_shim::exports` (an attribute takes nothing
// but literals): tests/browser_exports.rs compares them in the instance that exports them.
// rustfmt re-indents attributes inside macro bodies on every run.
#[rustfmt::skip]
#[macro_export]
macro_rules! export_widget {
    ($widget:ty) => {
        #[doc(hidden)]
        #[$crate::lifecycle::__private::bindgen(
            wasm_bindgen = $crate::lifecycle::__private::wasm_bindgen,
            js_name = "amoStart"
        )]
        pub fn __amo_widget_start(
            sdk: $crate::lifecycle::__private::JsValue,
            modules: $crate::lifecycle::__private::Map,
            report: $crate::lifecycle::__private::Function,
            track: $crate::lifecycle::__private::Function,
        ) -> bool {
            $crate::lifecycle::__private::start::<$widget>(sdk, modules, report, track)
        }

        #[doc(hidden)]
        #[$crate::lifecycle::__private::bindgen(
            wasm_bindgen = $crate::lifecycle::__private::wasm_bindgen,
            js_name = "amoInitLead"
        )]
        pub fn __amo_widget_init_lead(
            token: ::std::string::String,
            params: $crate::lifecycle::__private::JsValue,
        ) -> u32 {
            $crate::lifecycle::__private::init_lead(token, params)
        }

        #[doc(hidden)]
        #[$crate::lifecycle::__private::bindgen(
            wasm_bindgen = $crate::lifecycle::__private::wasm_bindgen,
            js_name = "amoSlot"
        )]
        pub fn __amo_widget_slot(el: $crate::lifecycle::__private::JsValue) -> u32 {
            $crate::lifecycle::__private::widgets_bar_slot(el)
        }

        #[doc(hidden)]
        #[$crate::lifecycle::__private::bindgen(
            wasm_bindgen = $crate::lifecycle::__private::wasm_bindgen,
            js_name = "amoTeardown"
        )]
        pub fn __amo_widget_teardown(id: u32) {
            $crate::lifecycle::__private::teardown(id)
        }

        #[doc(hidden)]
        #[$crate::lifecycle::__private::bindgen(
            wasm_bindgen = $crate::lifecycle::__private::wasm_bindgen,
            js_name = "amoPending"
        )]
        pub fn __amo_widget_pending() -> u32 {
            $crate::lifecycle::__private::pending()
        }
    };
}
