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

/// The installed `amo-widget` run as an author with no node runs it: stand-ins that fail come
/// first on `PATH` for node, npm, npx and any `wasm-opt`, so the build can only use its built-in
/// binaryen and oxc. The toolchain, the locked wasm-bindgen and the linker stay on `PATH`, and
/// `CARGO_TARGET_DIR` is the repository's, so that dependencies compile once.
pub struct NoNode {
    bin: PathBuf,
    path: std::ffi::OsString,
}

impl NoNode {
    /// The seat for the CLI installed in `install_root`.
    pub fn new(install_root: &std::path::Path) -> Result<NoNode, String> {
        let stand_ins = root().join("target/bench/no-node-bin");
        std::fs::create_dir_all(&stand_ins).map_err(|e| format!("{}: {e}", stand_ins.display()))?;
        for name in ["node", "npm", "npx", "wasm-opt"] {
            let script = stand_ins.join(name);
            std::fs::write(
                &script,
                format!("#!/bin/sh\necho \"{name}: not on this author's machine\" >&2\nexit 1\n"),
            )
            .map_err(|e| format!("{}: {e}", script.display()))?;
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
                .map_err(|e| format!("{}: {e}", script.display()))?;
        }
        let rest = std::env::var_os("PATH").unwrap_or_default();
        let path = std::env::join_paths(
            [stand_ins, install_root.join("bin")]
                .into_iter()
                .chain(std::env::split_paths(&rest)),
        )
        .map_err(|e| e.to_string())?;
        Ok(NoNode {
            bin: install_root.join("bin/amo-widget"),
            path,
        })
    }

    /// `amo-widget ARGS` in `cwd`; its output echoed and returned, an error if it fails.
    pub fn amo_widget(
        &self,
        args: &[&std::ffi::OsStr],
        cwd: &std::path::Path,
    ) -> Result<String, String> {
        let shown: Vec<_> = args.iter().map(|a| a.to_string_lossy()).collect();
        let what = format!(
            "amo-widget {} (installed CLI, no node on PATH)",
            shown.join(" ")
        );
        crate::cmd::say(&what);
        let out = Command::new(&self.bin)
            .args(args)
            .current_dir(cwd)
            .env("PATH", &self.path)
            .env("CARGO_TARGET_DIR", root().join("target"))
            .stdin(std::process::Stdio::null())
            .output()
            .map_err(|e| format!("{what}: could not start {}: {e}", self.bin.display()))?;
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        print!("{said}");
        if out.status.success() {
            Ok(said)
        } else {
            Err(format!("{what}: failed ({})", out.status))
        }
    }
}
