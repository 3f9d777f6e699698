//! The programs `amo-widget build` runs, checked before it starts: wasm-pack, and the
//! wasm-bindgen CLI at exactly the version the widget crate's `Cargo.lock` pins.
//!
//! A mismatch is the first thing that breaks for users of Rust/wasm SDKs: wasm-pack would try to
//! download the pinned CLI (and fail offline), or wasm-bindgen would stop with a schema error deep
//! in the build. Checked first, it is one line that says which command fixes it.

use std::process::{Command, Stdio};

/// A missing or mismatched tool, with the command that fixes it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ToolError {
    /// `wasm-pack` does not run.
    #[error("wasm-pack is not installed (or does not run): run cargo install wasm-pack")]
    WasmPackMissing,
    /// `wasm-bindgen` does not run.
    #[error(
        "wasm-bindgen-cli is not installed but Cargo.lock pins {locked}: run cargo install \
         wasm-bindgen-cli --version {locked}"
    )]
    WasmBindgenMissing {
        /// The version the crate's lockfile pins.
        locked: String,
    },
    /// `wasm-bindgen --version` is not the locked version.
    #[error(
        "wasm-bindgen-cli {installed} is installed but Cargo.lock pins {locked}: run cargo \
         install wasm-bindgen-cli --version {locked}"
    )]
    WasmBindgenMismatch {
        /// What `wasm-bindgen --version` reports.
        installed: String,
        /// The version the crate's lockfile pins.
        locked: String,
    },
    /// The crate does not depend on wasm-bindgen at all.
    #[error(
        "the crate does not depend on wasm-bindgen: a widget crate depends on amocrm-widget \
         (`amo-widget new` makes one)"
    )]
    NoWasmBindgen,
}

/// The wasm-pack version line (`wasm-pack 0.14.0`), or [`ToolError::WasmPackMissing`].
pub fn wasm_pack_version() -> Result<String, ToolError> {
    version_line("wasm-pack").ok_or(ToolError::WasmPackMissing)
}

/// Checks that the installed wasm-bindgen CLI is `locked` (the crate's resolved wasm-bindgen,
/// `None` when it has none); returns the version.
pub fn check_wasm_bindgen(locked: Option<&str>) -> Result<String, ToolError> {
    let locked = locked.ok_or(ToolError::NoWasmBindgen)?;
    let line = version_line("wasm-bindgen");
    let installed =
        line.as_deref()
            .and_then(version_word)
            .ok_or_else(|| ToolError::WasmBindgenMissing {
                locked: locked.to_string(),
            })?;
    matching(installed, locked)
}

fn matching(installed: &str, locked: &str) -> Result<String, ToolError> {
    if installed == locked {
        Ok(installed.to_string())
    } else {
        Err(ToolError::WasmBindgenMismatch {
            installed: installed.to_string(),
            locked: locked.to_string(),
        })
    }
}

/// `program --version`'s first line, if the program runs and succeeds.
pub(crate) fn version_line(program: impl AsRef<std::ffi::OsStr>) -> Option<String> {
    let out = Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().next().map(|l| l.trim().to_string())
}

/// The version in a `--version` line: its last word (`wasm-bindgen 0.2.130` → `0.2.130`).
fn version_word(line: &str) -> Option<&str> {
    line.split_whitespace()
        .last()
        .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_the_last_word_of_the_version_line() {
        assert_eq!(version_word("wasm-bindgen 0.2.130"), Some("0.2.130"));
        assert_eq!(version_word("wasm-bindgen"), None);
        assert_eq!(version_word(""), None);
    }

    #[test]
    fn a_mismatch_names_the_command_that_fixes_it() {
        assert_eq!(matching("0.2.130", "0.2.130"), Ok("0.2.130".into()));
        let err = matching("0.2.100", "0.2.130").unwrap_err();
        assert_eq!(
            err.to_string(),
            "wasm-bindgen-cli 0.2.100 is installed but Cargo.lock pins 0.2.130: run cargo \
             install wasm-bindgen-cli --version 0.2.130"
        );
        assert_eq!(
            check_wasm_bindgen(None).unwrap_err(),
            ToolError::NoWasmBindgen
        );
    }
}
