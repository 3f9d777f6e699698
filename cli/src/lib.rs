//! The widget authors' tooling behind the `amo-widget` command, usable as a library (the
//! repository's `cargo xtask` drives the same functions).

pub mod build;
pub mod bundle;
pub use amocrm_widget_shim::byte_text;
pub mod check;
pub mod compile;
pub mod glue;
pub mod host_modules;
pub mod imports;
pub mod manifest;
pub mod minify;
pub mod new;
pub mod pack;
pub mod progress;
pub mod serve;
pub mod test_cmd;
pub mod token;
pub mod toolchain;
pub mod wasm_opt;
