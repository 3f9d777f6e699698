//! The widget authors' tooling behind the `amo-widget` command, usable as a library (the
//! repository's `cargo xtask` drives the same functions).
//!
//! - [`cmd`]: one module per subcommand, its arguments and what it does;
//! - [`pipeline`]: the build, step by step, from a widget crate to `personal_page.js`;
//! - [`widget_files`]: the widget folder: `manifest.json`'s model, `check`'s rules, `pack`;
//! - [`serve`]: the local cabinet and its rebuild loop;
//! - [`tools`]: the external programs (cargo, the wasm target, wasm-bindgen, the browsers' drivers),
//!   found or provided;
//! - [`progress`]: what a long step is doing, on stderr.

pub mod cmd;
pub mod pipeline;
pub mod progress;
pub mod serve;
pub mod tools;
pub mod widget_files;
