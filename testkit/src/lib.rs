//! A test kit for amoCRM (Kommo) client-cabinet widgets written with
//! [`amocrm-widget`](amocrm_widget): a fake client cabinet for your `wasm-bindgen-test` suite,
//! run with `amo-widget test` or `wasm-pack test --headless --chrome`.
//!
//! The cabinet is the one host emulation (`amocrm-host.js`, written from the vendor's document,
//! not from the SDK's bindings) with its fixtures, the host's modules (the real npm files) under
//! a real requirejs, and a widgets bar. [`Cabinet::mount`] loads your widget the way the
//! cabinet loads `personal_page.js`: the real shim, filled in as `amo-widget build` fills it,
//! with its queue, guards, crash handling and once-only teardowns, and exports that call your
//! [`Widget`](amocrm_widget::lifecycle::Widget) through the SDK's lifecycle runtime, exactly as
//! `export_widget!` does. The host then drives it: `initLead`, `registerWidgetsBarSlot`, lead
//! switches, destroy.
//!
//! ```no_run
//! // tests/widget.rs, which starts with `#![cfg(target_arch = "wasm32")]`
//! use amocrm_widget_testkit::{Cabinet, Fault, HostMethod, KitError};
//! use wasm_bindgen_test::*;
//!
//! wasm_bindgen_test_configure!(run_in_browser);
//! # mod my_widget { pub struct MyWidget;
//! # impl amocrm_widget::lifecycle::Widget for MyWidget {
//! #     fn new(_: &amocrm_widget::lifecycle::Host) -> Result<Self, amocrm_widget::lifecycle::WidgetError> { Ok(MyWidget) }
//! #     fn init_lead(&mut self, _: amocrm_widget::lifecycle::LeadParams) -> Result<impl amocrm_widget::lifecycle::Teardown, amocrm_widget::lifecycle::WidgetError> { Ok(()) }
//! #     fn widgets_bar_slot(&mut self, _: amocrm_widget::lifecycle::Slot) -> Result<impl amocrm_widget::lifecycle::Teardown, amocrm_widget::lifecycle::WidgetError> { Ok(()) }
//! # } }
//! use my_widget::MyWidget;
//!
//! #[wasm_bindgen_test]
//! async fn renders_follows_the_lead_and_cleans_up() -> Result<(), KitError> {
//!     let cabinet = Cabinet::builder().lang("en").build().await?;
//!     let mut widget = cabinet.mount::<MyWidget>().await?;
//!     assert!(widget.slot_text().contains("3412001"));
//!
//!     widget.switch_lead("3412002")?;
//!     assert!(widget.slot_text().contains("3412002"));
//!
//!     cabinet.break_method(HostMethod::GetState, Fault::ReturnsNull);
//!     cabinet.set_state("leadFields", serde_json::json!({}))?;
//!     assert!(widget.console_errors().is_empty());
//!
//!     widget.assert_clean(); // every teardown ran once, no subscription, no listener left
//!     Ok(())
//! }
//! # fn main() {}
//! ```
//!
//! ## One widget at a time, and panics
//!
//! Every test of a `tests/*.rs` file runs in the same WebAssembly instance, one after another,
//! and the SDK's runtime keeps one widget per instance: mount, then destroy (or drop) before
//! the next mount; a second live mount is [`KitError::AlreadyMounted`].
//!
//! A panic in the widget (`panic = "abort"` on wasm) traps. The shim contains it as in a real
//! cabinet (logged once, nothing thrown into the host, subscriptions released), and the test
//! can see it ([`Mounted::crashed`], [`Mounted::console_errors`]). But the trap unwound through
//! Rust frames without running their drops, so the instance (the SDK's runtime included) can
//! no longer be trusted: every later mount in that test binary fails with
//! [`KitError::Poisoned`]. Put tests that make a widget panic in a `tests/*.rs` file of their
//! own, one such test per file.
//!
//! A test that fails (panics) while its widget is mounted never drops the [`Mounted`]; the
//! next test's mount destroys that widget first, so one failure does not fail every later test.
//!
//! ## What is recorded
//!
//! While a widget is mounted the kit wraps `console.log/info/warn/error/debug` (lines go on to
//! the real console, and to [`Mounted::console`]) and `EventTarget.prototype.addEventListener` /
//! `removeEventListener` (for [`Mounted::listeners_left`]); both are put back on destroy.
//! Frameworks that keep one document listener per page on purpose (Leptos's event delegation)
//! are allowed with [`CabinetBuilder::allow_listener`].
//!
//! ## Tokens
//!
//! Each `initLead` gets a token minted by [`Token`] (HS256 with [`TEST_SECRET`]), for the lead
//! it opens; [`CabinetBuilder::token`] chooses another.

#![deny(missing_docs)]

mod cabinet;
mod error;
mod js;
mod mounted;
mod token;

pub use cabinet::{Cabinet, CabinetBuilder, Fault, HostMethod, SlotShape, HOST_MODULES};
pub use error::KitError;
pub use mounted::{ConsoleEntry, Leaks, Mounted, Teardowns};
pub use token::{Token, TEST_SECRET};

/// Waits until the work the page has queued so far has run (promise callbacks and 0 ms
/// timers): for widgets that render asynchronously (`spawn_local`, a framework's scheduled
/// effects) after a state change or a lead switch.
///
/// ```no_run
/// # async fn f(widget: amocrm_widget_testkit::Mounted) -> Result<(), amocrm_widget_testkit::KitError> {
/// widget.set_state("leadFields", serde_json::json!({}))?;
/// amocrm_widget_testkit::next_tick().await;
/// assert!(widget.slot_text().contains("no fields"));
/// # Ok(()) }
/// ```
pub async fn next_tick() {
    // setTimeout's promise never rejects.
    let _ = wasm_bindgen_futures::JsFuture::from(js::next_tick()).await;
}
