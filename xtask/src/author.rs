//! The widget author's seat: `amo-widget` in an install root of its own (`bin/amo-widget`), and
//! the tools directory of a PATH on which node and npm do not work.

use crate::cmd::{root, run};
use std::path::PathBuf;
use std::process::Command;

/// An install root holding `bin/amo-widget`; returns the root.
///
/// The release root is a real `cargo install --path cli --root target/amo-widget-root-release`.
/// The tests' root holds the debug binary of `cargo build -p amo-widget --bin amo-widget`: the
/// CLI resolved alone, as the `cli` suite, the publish suite's install from the package and an
/// author's `cargo install` resolve it. Built with the whole workspace, Leptos's proc macros
/// would change the host features (`proc-macro2`, `syn`) binaryen's build script uses, and
/// binaryen would compile a second time, minutes on CI.
pub fn install_cli(release: bool) -> Result<PathBuf, String> {
    let target = root().join("target");
    if release {
        let install_root = target.join("amo-widget-root-release");
        let mut c = Command::new(env!("CARGO"));
        c.args(["install", "--locked", "--force", "--path", "cli", "--root"])
            .arg(&install_root)
            .env("CARGO_TARGET_DIR", &target);
        run(
            "cargo install --path cli --root target/amo-widget-root-release",
            &mut c,
        )?;
        return Ok(install_root);
    }
    run(
        "cargo build --package amo-widget --bin amo-widget",
        Command::new(env!("CARGO"))
            .args([
                "build",
                "--locked",
                "--package",
                "amo-widget",
                "--bin",
                "amo-widget",
            ])
            .env("CARGO_TARGET_DIR", &target),
    )?;
    let install_root = target.join("amo-widget-root");
    let bin = install_root.join("bin");
    std::fs::create_dir_all(&bin).map_err(|e| format!("{}: {e}", bin.display()))?;
    let from = target.join("debug/amo-widget");
    // Copy to a temporary name and rename, so a running `amo-widget` from the last run is never
    // overwritten in place ("text file busy").
    let tmp = bin.join(".amo-widget.new");
    std::fs::copy(&from, &tmp)
        .map_err(|e| format!("{} → {}: {e}", from.display(), tmp.display()))?;
    std::fs::rename(&tmp, bin.join("amo-widget")).map_err(|e| format!("{}: {e}", bin.display()))?;
    println!(
        "    installed {} into target/amo-widget-root/bin",
        from.display()
    );
    Ok(install_root)
}
