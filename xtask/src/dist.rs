//! `cargo xtask dist`: every example built into `target/widgets/<example>/`, and the test
//! widgets the end-to-end suite loads into `target/e2e-widgets/`.

use crate::cmd::{root, say};
use amo_widget::build::{build, BuildOptions};
use amo_widget::bundle::Mode;
use std::path::{Path, PathBuf};

/// The example crates: directories of `examples/` with a `Cargo.toml` and `widget/manifest.json`.
pub fn examples() -> Result<Vec<PathBuf>, String> {
    let dir = root().join("examples");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        // Only client-cabinet widgets; other examples (servers) are built by cargo.
        let manifest =
            std::fs::read_to_string(path.join("widget/manifest.json")).unwrap_or_default();
        if path.join("Cargo.toml").is_file() && manifest.contains("\"personal_page\"") {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// `amo-widget build` of one crate, printing what it made.
pub fn build_one(crate_dir: &Path, out: PathBuf, mode: Mode) -> Result<(), String> {
    say(&format!(
        "amo-widget build {}{} -> {}",
        crate_dir
            .strip_prefix(root())
            .unwrap_or(crate_dir)
            .display(),
        match mode {
            Mode::Split => " --split",
            Mode::InlineCompressed => " --compress",
            Mode::Inline => "",
        },
        out.strip_prefix(root()).unwrap_or(&out).display()
    ));
    let built = build(&BuildOptions {
        crate_dir: crate_dir.to_path_buf(),
        out_dir: Some(out),
        mode,
    })
    .map_err(|e| format!("building {}: {e}", crate_dir.display()))?;
    let script = std::fs::metadata(&built.script)
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "    personal_page.js {script} bytes (wasm {} bytes), {}",
        built.wasm_bytes,
        built.zip.display()
    );
    Ok(())
}

/// Builds one example into `target/widgets/<directory name>/`.
pub fn build_example(example: &Path) -> Result<(), String> {
    let name = example
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    build_one(
        example,
        root().join("target/widgets").join(name),
        Mode::Inline,
    )
}

/// Builds every example.
pub fn examples_dist() -> Result<(), String> {
    for example in examples()? {
        build_example(&example)?;
    }
    Ok(())
}

/// Builds the widgets only the end-to-end tests load (each bundle mode).
pub fn test_widgets() -> Result<(), String> {
    let probe = root().join("tests/e2e/widgets/probe");
    let out = root().join("target/e2e-widgets");
    build_one(&probe, out.join("probe"), Mode::Inline)?;
    build_one(&probe, out.join("probe-compressed"), Mode::InlineCompressed)?;
    build_one(&probe, out.join("probe-split"), Mode::Split)
}
