//! The widget author's seat: `amo-widget` installed with `cargo install` into a root of its own,
//! and the tools directory of a PATH on which node and npm do not work.

use crate::cmd::{root, run};
use std::path::PathBuf;
use std::process::Command;

/// `cargo install --path cli --root target/amo-widget-root[-release]`, built in the repository's
/// target directory so nothing builds twice; returns the install root.
pub fn install_cli(release: bool) -> Result<PathBuf, String> {
    let install_root = root().join(if release {
        "target/amo-widget-root-release"
    } else {
        "target/amo-widget-root"
    });
    let mut c = Command::new(env!("CARGO"));
    c.args(["install", "--locked", "--force", "--path", "cli", "--root"])
        .arg(&install_root)
        .env("CARGO_TARGET_DIR", root().join("target"));
    if !release {
        // The tests share the debug artifacts `cargo test --workspace` already built.
        c.arg("--debug");
    }
    run(
        &format!(
            "cargo install --path cli --root {}{}",
            install_root
                .strip_prefix(root())
                .unwrap_or(&install_root)
                .display(),
            if release { "" } else { " --debug" }
        ),
        &mut c,
    )?;
    Ok(install_root)
}
