//! The requirejs shim every amoCRM (Kommo) Rust widget ships as, and the one filler of its
//! places.
//!
//! This crate owns the bundle format: the shim ([`PERSONAL_PAGE_JS`]), its two loaders
//! ([`INLINE_LOADER`], [`SPLIT_LOADER`]), the test hooks ([`TEST_HOOKS`]), the places marked
//! `@amo-bundle:…` in them, the filler ([`fill`], [`fill_with`]) and the byte text the inline
//! module is written in ([`byte_text`], the mirror of the inline loader's `fromText`).
//! `amo-widget build` prepares wasm-bindgen's glue and the module and calls [`fill_with`] with
//! its minifier; the test kit (`amocrm-widget-testkit`) calls [`fill`] with a glue of its own.
//! The shim lives at the top of the repository's `js-shim/`, where the SDK's users look for it.

#![deny(missing_docs)]

/// The text of `personal_page.js`, the part of every bundle that does not depend on the mode:
/// the `define` module, the host entry points and the instance lifecycle, with its places still
/// open (one of them, `@amo-bundle:loader`, for [`INLINE_LOADER`] or [`SPLIT_LOADER`]).
///
/// ```
/// use amocrm_widget_shim::PERSONAL_PAGE_JS;
///
/// // An AMD module: `define([...], factory)`, with the bundler's places still open.
/// assert!(PERSONAL_PAGE_JS.contains("define("));
/// assert!(PERSONAL_PAGE_JS.contains("@amo-bundle:glue"));
/// assert!(PERSONAL_PAGE_JS.contains("@amo-bundle:loader"));
/// ```
pub const PERSONAL_PAGE_JS: &str = include_str!("../personal_page.js");

/// The inline loader (`src/loaders/inline.js`): the module as byte text in the script
/// (`@amo-bundle:wasm-text`, `@amo-bundle:wasm-order`), decoded by `fromText`, compiled and
/// instantiated synchronously. Goes at `@amo-bundle:loader` for [`Mode::Inline`].
pub const INLINE_LOADER: &str = include_str!("loaders/inline.js");

/// The split loader (`src/loaders/split.js`): the module in a file beside the script
/// (`@amo-bundle:wasm-file`), fetched and compiled asynchronously. Goes at
/// `@amo-bundle:loader` for [`Mode::Split`].
pub const SPLIT_LOADER: &str = include_str!("loaders/split.js");

/// The test hooks (`src/test_hooks.js`): `__amoStats()`, the leak counters our tests read. Goes
/// at `@amo-bundle:test-hooks` only with [`Fill::test_hooks`]; never in a widget that ships.
pub const TEST_HOOKS: &str = include_str!("test_hooks.js");

/// The parameter of the shim's `createGlue`: the function the glue passes the instance's
/// exports through, so that the shim guards every call ([`Fill::glue`] uses it by this name).
///
/// ```
/// use amocrm_widget_shim::{PERSONAL_PAGE_JS, WRAP_EXPORTS};
/// assert!(PERSONAL_PAGE_JS.contains(&format!("function createGlue({WRAP_EXPORTS})")));
/// ```
pub const WRAP_EXPORTS: &str = "__amoWrapExports";

/// The host module the shim's `define` asks for besides the declared ones: the cabinet's
/// `initAmocrmWidgetSdk`, which it hands `amoStart` (the SDK's `HostModule::AmocrmSdk`).
pub const SDK_MODULE: &str = "amocrm-sdk";

/// What goes before a host module's name in the key the shim files it under, in the map it
/// hands the widget (`amocrm_widget::lifecycle::Host::module` looks it up by that key, and
/// `amo-widget build` finds the keys in the WebAssembly to know which modules to declare).
pub const MODULE_KEY_PREFIX: &str = "amo-module:";

/// What ends a host module's key: not a character of a module name, so a reader of the
/// WebAssembly knows where a name ends even when the linker puts another string right after it.
pub const MODULE_KEY_END: &str = ";";

/// The key the shim files host module `name` under: [`MODULE_KEY_PREFIX`], the name,
/// [`MODULE_KEY_END`].
///
/// ```
/// assert_eq!(amocrm_widget_shim::module_key("dateformat"), "amo-module:dateformat;");
/// ```
pub fn module_key(name: &str) -> String {
    [MODULE_KEY_PREFIX, name, MODULE_KEY_END].concat()
}

/// The widget's exports the shim calls on each instance's glue, by the names the WebAssembly
/// exports them under (`amocrm_widget::export_widget!` generates them).
pub mod exports {
    /// `amoStart(sdkFactory, modules, report, track) -> bool`: creates the widget.
    pub const START: &str = "amoStart";
    /// `amoInitLead(token, params) -> id`: runs `init_lead`, returns its teardown's id.
    pub const INIT_LEAD: &str = "amoInitLead";
    /// `amoSlot(element) -> id`: runs `widgets_bar_slot`, returns its teardown's id.
    pub const SLOT: &str = "amoSlot";
    /// `amoTeardown(id)`: runs a teardown once.
    pub const TEARDOWN: &str = "amoTeardown";
    /// `amoPending() -> count`: teardowns not yet run (read by the test hooks only).
    pub const PENDING: &str = "amoPending";
    /// All of them.
    pub const ALL: [&str; 5] = [START, INIT_LEAD, SLOT, TEARDOWN, PENDING];
}

pub mod byte_text;
mod fill;

pub use fill::{fill, fill_with, strip_comments, Fill, FillError, Mode};
