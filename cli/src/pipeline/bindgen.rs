//! The second step: the wasm-bindgen CLI writes the JavaScript glue for the `.wasm` cargo built
//! (`--target no-modules`), as wasm-pack, trunk and cargo-leptos run it.

use crate::progress;
use std::path::Path;
use std::process::{Command, Stdio};

/// The module wasm-bindgen writes beside its glue.
pub(crate) const BINDGEN_WASM: &str = "personal_page_bg.wasm";

/// The glue wasm-bindgen writes.
pub(crate) const BINDGEN_GLUE: &str = "personal_page.js";

/// The module the glue provides the imports as (`--out-name personal_page`).
pub(crate) const GLUE_MODULE: &str = "./personal_page_bg.js";

/// wasm-bindgen's `--target no-modules` output for `wasm`: `<out>/personal_page.js` and
/// `<out>/personal_page_bg.wasm`, the same files `wasm-pack build --target no-modules
/// --out-name personal_page --no-typescript` writes.
pub(crate) fn bindgen(wasm_bindgen: &Path, wasm: &Path, out: &Path) -> anyhow::Result<()> {
    let mut c = Command::new(wasm_bindgen);
    c.arg(wasm)
        .args(["--out-dir"])
        .arg(out)
        .args(["--out-name", "personal_page", "--target", "no-modules"])
        .arg("--no-typescript")
        .stdin(Stdio::null());
    progress::command(&c);
    let status = c.status().map_err(|e| {
        anyhow::anyhow!("wasm-bindgen failed (could not start: {e}); its message is above")
    })?;
    anyhow::ensure!(
        status.success(),
        "wasm-bindgen failed ({status}); its message is above"
    );
    Ok(())
}
