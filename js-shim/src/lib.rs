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

pub mod byte_text;
mod fill;

pub use fill::{fill, fill_with, strip_comments, Fill, FillError, Mode};
