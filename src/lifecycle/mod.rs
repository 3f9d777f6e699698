//! Writing a widget: the [`Widget`] trait, what its callbacks return ([`Teardown`]) and the
//! [`export_widget!`](crate::export_widget) macro.
//!
//! The host calls a widget's `initLead` every time the active lead changes and
//! `registerWidgetsBarSlot` when it renders the widgets bar. A Rust widget implements the same
//! two entry points; whatever each returns is its teardown, run exactly once when the host
//! leaves the lead or destroys the slot. The bundled JavaScript shim adds the guarantees the host
//! only promises: the lead teardown always runs before the next `initLead` (even if the host
//! forgets to call it), the slot is never rendered before `initLead` has finished, destructors
//! may be called in any order and any number of times, and a panic is logged once and contained
//! (the next `initLead` gets a fresh instance).
//!
//! ```
//! use amocrm_widget::lifecycle::{Host, Lead, StartError, Teardown, Widget};
//! use web_sys::HtmlElement;
//!
//! struct Hello;
//!
//! impl Widget for Hello {
//!     fn new(_host: &Host) -> Result<Self, StartError> {
//!         Ok(Hello)
//!     }
//!
//!     fn init_lead(&mut self, lead: Lead) -> impl Teardown {
//!         let token = lead.token().clone();
//!         move || drop(token)
//!     }
//!
//!     fn widgets_bar_slot(&mut self, slot: HtmlElement) -> impl Teardown {
//!         slot.set_text_content(Some("Hello world!"));
//!     }
//! }
//!
//! amocrm_widget::export_widget!(Hello);
//! # fn main() {}
//! ```
//!
//! With the `small-alloc` feature the crate also installs `lifecycle::alloc::SmallAlloc` (about 1 KB)
//! as the global allocator on wasm32 instead of dlmalloc (about 8 KB); the examples use it.

#[cfg(feature = "small-alloc")]
pub mod alloc;
mod export;
#[doc(hidden)]
pub mod runtime;
mod teardown;

pub use teardown::{OnDrop, Teardown};

use crate::token::LeadToken;
use crate::WidgetSdk;
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

/// Why a widget could not start: anything printable converts into it with `?`.
///
/// Only the message is kept (not a `Box<dyn Error>`, whose `Debug` formatting would add
/// kilobytes to every widget that never fails).
///
/// ```
/// use amocrm_widget::lifecycle::StartError;
/// fn parse(n: &str) -> Result<u32, StartError> {
///     Ok(n.parse::<u32>()?)
/// }
/// assert_eq!(parse("x").unwrap_err().message(), "invalid digit found in string");
/// ```
pub struct StartError(String);

impl StartError {
    /// The error's message.
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl<E: std::fmt::Display> From<E> for StartError {
    fn from(error: E) -> Self {
        StartError(error.to_string())
    }
}

/// A client-cabinet widget.
///
/// One value is created per loaded instance (when the host imports `personal_page.js`, and again
/// after a panic retired the previous instance); the host then drives it through the two
/// callbacks. See the [module docs](self) for a complete widget.
pub trait Widget: Sized + 'static {
    /// Creates the widget when the host imports the module: the place to initialise the SDK with
    /// [`Host::sdk`] (`initAmocrmWidgetSdk({ version })` in a JavaScript widget). An error is
    /// logged once and leaves the widget inert on the page.
    fn new(host: &Host) -> Result<Self, StartError>;

    /// The host made `lead` the active lead. The returned teardown runs when the host leaves it,
    /// always before the next `init_lead`.
    fn init_lead(&mut self, lead: Lead) -> impl Teardown;

    /// The host rendered the widgets bar and hands the widget its slot (an element with the
    /// `widgetBarItemContainer` class). Called only after `init_lead` has returned. The returned
    /// teardown runs when the host destroys the slot.
    fn widgets_bar_slot(&mut self, slot: HtmlElement) -> impl Teardown;
}

/// What the host handed the module when it was imported.
pub struct Host {
    sdk_module: JsValue,
    modules: js_sys::Map,
}

impl Host {
    /// Initialises the host's SDK ([`WidgetSdk::new`] on [`sdk_module`](Self::sdk_module)), with
    /// a failure as the start error that names what the host did wrong.
    ///
    /// Prefer it to `WidgetSdk::new(host.sdk_module())?`: that converts the crate's [`Error`]
    /// into a [`StartError`] through its `Display`, which puts the text of every `Error` message
    /// (tokens included, ~1 KB gzipped) into the widget's wasm; this builds only the messages
    /// initialising can produce (the same text).
    ///
    /// ```no_run
    /// use amocrm_widget::lifecycle::{Host, StartError};
    /// fn new(host: &Host) -> Result<amocrm_widget::WidgetSdk, StartError> {
    ///     host.sdk()
    /// }
    /// ```
    ///
    /// [`Error`]: crate::Error
    pub fn sdk(&self) -> Result<WidgetSdk, StartError> {
        WidgetSdk::init(&self.sdk_module, crate::sdk::SDK_VERSION)
            .map_err(|error| StartError(error.message()))
    }

    /// The `amocrm-sdk` module (the `initAmocrmWidgetSdk` function), as the host provides it.
    pub fn sdk_module(&self) -> &JsValue {
        &self.sdk_module
    }

    /// Another host-provided AMD module (`jquery`, `dateformat`, `lodash`, …), if the widget
    /// crate asked for it in `[package.metadata.amo-widget] modules = [...]`; the bundler adds
    /// the names to the shim's `define` dependencies.
    pub fn module(&self, name: &str) -> Option<JsValue> {
        let value = self.modules.get(&JsValue::from_str(name));
        (!value.is_undefined()).then_some(value)
    }
}

/// The parameters of `initLead`: the active lead's token and the raw object.
pub struct Lead {
    token: LeadToken,
    raw: JsValue,
}

impl Lead {
    /// `params.token`: the JWT the host signed with the integration's secret (unverified here).
    /// A missing or non-string token reads as the empty string.
    pub fn token(&self) -> &LeadToken {
        &self.token
    }

    /// The `params` object exactly as the host passed it.
    pub fn as_raw(&self) -> &JsValue {
        &self.raw
    }
}

#[doc(hidden)]
pub mod __private {
    pub use super::runtime::{init_lead, pending, start, teardown, widgets_bar_slot};
    pub use js_sys::{Function, Map};
    pub use wasm_bindgen;
    pub use wasm_bindgen::prelude::wasm_bindgen as bindgen;
    pub use wasm_bindgen::JsValue;
}
