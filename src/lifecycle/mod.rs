//! Writing a widget: the [`Widget`] trait, what its callbacks return ([`Teardown`]), how they
//! fail ([`WidgetError`]) and the [`export_widget!`](crate::export_widget) macro.
//!
//! The host calls a widget's `initLead` every time the active lead changes and
//! `registerWidgetsBarSlot` when it renders the widgets bar. A Rust widget implements the same
//! two entry points; whatever each returns is its teardown, run exactly once when the host
//! leaves the lead or destroys the slot. The bundled JavaScript shim adds the guarantees the host
//! only promises: the lead teardown always runs before the next `initLead` (even if the host
//! forgets to call it), the slot is never rendered before `initLead` has finished, destructors
//! may be called in any order and any number of times, and a crash (a panic, or a host function
//! that threw through the widget's code) is logged once and contained: the next `initLead` gets
//! a fresh instance.
//!
//! `?` works inside the callbacks: an error is logged once in the browser console, prefixed with
//! the widget's crate name, and the host keeps working. Nothing is torn down for a callback that
//! failed (it set nothing up that it returned).
//!
//! ```
//! use amocrm_widget::lifecycle::{Host, LeadParams, Slot, Teardown, Widget, WidgetError};
//! use amocrm_widget::WidgetSdk;
//!
//! struct Hello {
//!     sdk: WidgetSdk,
//! }
//!
//! impl Widget for Hello {
//!     fn new(host: &Host) -> Result<Self, WidgetError> {
//!         Ok(Hello { sdk: host.sdk()? })
//!     }
//!
//!     fn init_lead(&mut self, params: LeadParams) -> Result<impl Teardown, WidgetError> {
//!         let token = params.token().clone();
//!         Ok(move || drop(token))
//!     }
//!
//!     fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
//!         slot.content().set_text_content(Some("Hello world!"));
//!         Ok(())
//!     }
//! }
//!
//! amocrm_widget::export_widget!(Hello);
//! # fn main() {}
//! ```

mod export;
mod runtime;
mod slot;
mod teardown;

pub use slot::Slot;
pub use teardown::{OnDrop, Teardown};

use crate::modules::{Provided, KEY_END, KEY_PREFIX};
use crate::token::LeadToken;
use crate::WidgetSdk;
use wasm_bindgen::JsValue;

/// Why a widget callback (or the widget's creation) failed: anything printable converts into it
/// with `?`, and the message is logged once in the browser console with the widget's crate name.
///
/// Only the message is kept (not a `Box<dyn Error>`, whose `Debug` formatting would add
/// kilobytes to every widget that never fails).
///
/// ```
/// use amocrm_widget::lifecycle::WidgetError;
/// fn parse(n: &str) -> Result<u32, WidgetError> {
///     Ok(n.parse::<u32>()?)
/// }
/// assert_eq!(parse("x").unwrap_err().message(), "invalid digit found in string");
/// ```
pub struct WidgetError(String);

impl WidgetError {
    /// The error's message.
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl<E: std::fmt::Display> From<E> for WidgetError {
    fn from(error: E) -> Self {
        WidgetError(error.to_string())
    }
}

impl std::fmt::Debug for WidgetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("WidgetError").field(&self.0).finish()
    }
}

/// A client-cabinet widget.
///
/// One value is created per loaded instance (when the host imports `personal_page.js`, and again
/// after a crash retired the previous instance); the host then drives it through the two
/// callbacks. See the [module docs](self) for a complete widget.
pub trait Widget: Sized + 'static {
    /// Creates the widget when the host imports the module: the place to initialise the SDK with
    /// [`Host::sdk`] (`initAmocrmWidgetSdk({ version })` in a JavaScript widget). An error is
    /// logged once; the shim tries again on a later lead, a few times at most.
    fn new(host: &Host) -> Result<Self, WidgetError>;

    /// The host made a lead the active lead. The returned teardown runs when the host leaves
    /// it, always before the next `init_lead`. An error is logged, and the lead has no teardown.
    fn init_lead(&mut self, params: LeadParams) -> Result<impl Teardown, WidgetError>;

    /// The host rendered the widgets bar and hands the widget its slot (an element with the
    /// `widgetBarItemContainer` class): render into [`Slot::content`], which works whether or
    /// not the host put a content child of its own in the slot. Called only after `init_lead`
    /// has returned. The returned teardown runs when the host destroys the slot (or removes its
    /// element from the page).
    fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError>;
}

/// What the host handed the module when it was imported.
pub struct Host {
    sdk_factory: JsValue,
    modules: js_sys::Map,
    /// The host's slot content class, learnt by [`Host::sdk`] (see [`Slot`]).
    content_class: std::cell::Cell<Option<JsValue>>,
}

impl Host {
    /// The widget's SDK: calls the host's `initAmocrmWidgetSdk({ version })` (the `amocrm-sdk`
    /// module) with the version this crate is written against. The one way to get a
    /// [`WidgetSdk`] in a widget.
    ///
    /// ```no_run
    /// use amocrm_widget::lifecycle::{Host, WidgetError};
    /// fn new(host: &Host) -> Result<amocrm_widget::WidgetSdk, WidgetError> {
    ///     host.sdk()
    /// }
    /// ```
    pub fn sdk(&self) -> Result<WidgetSdk, WidgetError> {
        // Only the messages initialising can produce end up in the widget's wasm, not those of
        // every `Error` variant (which `?` on a crate `Error` would bring through `Display`).
        let sdk = WidgetSdk::init(&self.sdk_factory, crate::sdk::SDK_VERSION)
            .map_err(|error| WidgetError(error.message()))?;
        // Where the widget's slot content goes is the host's to say (see `Slot`).
        self.content_class
            .set(slot::content_class(sdk.constants_raw()));
        Ok(sdk)
    }

    /// A host-provided AMD module, named by its type: `host.module::<Dateformat>()` is the
    /// cabinet's `dateformat`. `amo-widget build` sees which modules the widget's code asks for
    /// and adds them to the bundle's `define` dependencies, so a module used here is always
    /// there at run time; the error only comes from a host that does not provide it.
    ///
    /// ```no_run
    /// use amocrm_widget::modules::Dateformat;
    /// use amocrm_widget::lifecycle::{Host, WidgetError};
    /// fn new(host: &Host) -> Result<wasm_bindgen::JsValue, WidgetError> {
    ///     host.module::<Dateformat>()
    /// }
    /// ```
    pub fn module<M: Provided>(&self) -> Result<JsValue, WidgetError> {
        self.lookup(M::KEY).ok_or_else(|| {
            WidgetError(crate::text::concat(&[
                "the host did not provide the module `",
                M::NAME,
                "`",
            ]))
        })
    }

    /// An AMD module that is not one of the host's documented modules (one the author's page
    /// or a real cabinet provides), by its requirejs name. The bundler cannot see these: list
    /// them in the widget crate's `Cargo.toml` under `[package.metadata.amo-widget] modules`.
    ///
    /// ```no_run
    /// # fn f(host: &amocrm_widget::lifecycle::Host) -> Result<(), amocrm_widget::lifecycle::WidgetError> {
    /// let charts = host.declared_module("my-charts")?;
    /// # Ok(()) }
    /// ```
    pub fn declared_module(&self, name: &str) -> Result<JsValue, WidgetError> {
        self.lookup(&crate::text::concat(&[KEY_PREFIX, name, KEY_END]))
            .ok_or_else(|| {
                WidgetError(
                    [
                        "the module `",
                        name,
                        "` is not in the bundle: list it in Cargo.toml under \
                         [package.metadata.amo-widget] modules",
                    ]
                    .concat(),
                )
            })
    }

    fn lookup(&self, key: &str) -> Option<JsValue> {
        let value = self.modules.get(&JsValue::from_str(key));
        (!value.is_undefined()).then_some(value)
    }
}

/// The parameters of `initLead`: the active lead's token and the raw object.
pub struct LeadParams {
    token: LeadToken,
    raw: JsValue,
}

impl LeadParams {
    /// `params.token`: the JWT the host signed with the integration's secret (unverified here).
    /// A missing token, or one that is not a string and cannot become one, reads as the empty
    /// string.
    pub fn token(&self) -> &LeadToken {
        &self.token
    }

    /// The `params` object exactly as the host passed it.
    pub fn as_raw(&self) -> &JsValue {
        &self.raw
    }
}

/// The runtime's one door, for the exports [`export_widget!`](crate::export_widget) generates and
/// for the test kit, which calls the same functions without the shim. Not API for widget authors.
#[doc(hidden)]
pub mod __private {
    pub use super::runtime::{init_lead, pending, start, teardown, widgets_bar_slot};
    pub use js_sys::{Function, Map};
    pub use wasm_bindgen;
    pub use wasm_bindgen::prelude::wasm_bindgen as bindgen;
    pub use wasm_bindgen::JsValue;
}
