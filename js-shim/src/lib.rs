//! The requirejs shim every amoCRM (Kommo) Rust widget ships as.
//!
//! `amo-widget build` fills the places marked `@amo-bundle:…` in [`PERSONAL_PAGE_JS`] with the
//! wasm-bindgen glue, the host modules and the WebAssembly (see this crate's README). The file
//! lives at the top of the repository's `js-shim/`, where the SDK's users look for it; this
//! crate only hands it to the CLI, so that both package.

#![deny(missing_docs)]

/// The text of `personal_page.js`, the shim before `amo-widget build` fills it in.
///
/// ```
/// use amocrm_widget_shim::PERSONAL_PAGE_JS;
///
/// // An AMD module: `define([...], factory)`, with the bundler's places still open.
/// assert!(PERSONAL_PAGE_JS.contains("define("));
/// assert!(PERSONAL_PAGE_JS.contains("@amo-bundle:glue"));
/// ```
pub const PERSONAL_PAGE_JS: &str = include_str!("../personal_page.js");

mod fill;

pub use fill::{fill_inline, FillError, Inline};
