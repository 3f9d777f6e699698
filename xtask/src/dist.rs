//! `cargo xtask dist`: every example built into `target/widgets/<example>/`, and the test
//! widgets the end-to-end suite loads into `target/e2e-widgets/`.

use crate::cmd::{root, say};
use amo_widget::pipeline::bundle::Mode;
use amo_widget::pipeline::optimise::WasmOpt;
use amo_widget::pipeline::{build_using, BuildOptions};
use std::path::{Path, PathBuf};

/// An example crate: a directory of `examples/` with a `Cargo.toml` and `widget/manifest.json`.
pub struct Example {
    /// The crate directory.
    pub dir: PathBuf,
    /// Whether it is a client-cabinet widget (`personal_page`), built into a bundle; other
    /// examples (the mobile-card server) ship only their `widget/` folder.
    pub personal_page: bool,
}

/// The example crates, sorted by directory.
pub fn examples() -> Result<Vec<Example>, String> {
    let dir = root().join("examples");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Ok(manifest) = std::fs::read_to_string(path.join("widget/manifest.json")) else {
            continue;
        };
        if path.join("Cargo.toml").is_file() {
            found.push(Example {
                personal_page: manifest.contains("\"personal_page\""),
                dir: path,
            });
        }
    }
    found.sort_by(|a, b| a.dir.cmp(&b.dir));
    Ok(found)
}

/// Whether a bundle keeps the leak counters the end-to-end tests read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Hooks {
    /// A bundle as authors ship it.
    Shipped,
    /// With `__amoStats` (`amo-widget build --test-hooks`).
    Test,
}

/// `amo-widget build` of one crate, printing what it made.
pub fn build_one(crate_dir: &Path, out: PathBuf, mode: Mode, hooks: Hooks) -> Result<(), String> {
    build_one_using(crate_dir, out, mode, hooks, None)
}

/// [`build_one`], with the given `wasm-opt` instead of the one `amo-widget build` would pick.
pub fn build_one_using(
    crate_dir: &Path,
    out: PathBuf,
    mode: Mode,
    hooks: Hooks,
    wasm_opt: Option<WasmOpt>,
) -> Result<(), String> {
    say(&format!(
        "amo-widget build {}{}{} -> {}",
        crate_dir
            .strip_prefix(root())
            .unwrap_or(crate_dir)
            .display(),
        match mode {
            Mode::Split => " --split",
            Mode::Inline => "",
        },
        match hooks {
            Hooks::Test => " --test-hooks",
            Hooks::Shipped => "",
        },
        out.strip_prefix(root()).unwrap_or(&out).display()
    ));
    let options = BuildOptions {
        crate_dir: crate_dir.to_path_buf(),
        out_dir: Some(out),
        mode,
        test_hooks: hooks == Hooks::Test,
        ..BuildOptions::new(crate_dir)
    };
    let wasm_opt = wasm_opt.unwrap_or_else(|| WasmOpt::find(crate_dir));
    let built = build_using(&options, wasm_opt)
        .map_err(|e| format!("building {}: {e:#}", crate_dir.display()))?;
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
        Hooks::Shipped,
    )
}

/// Builds every example: client-cabinet widgets into bundles, the others' `widget/` folder
/// checked and packed into `target/widgets/<example>/widget.zip`.
pub fn examples_dist() -> Result<(), String> {
    for example in examples()? {
        if example.personal_page {
            build_example(&example.dir)?;
        } else {
            pack_example(&example.dir)?;
        }
    }
    Ok(())
}

/// `amo-widget pack` of an example's `widget/` folder.
fn pack_example(example: &Path) -> Result<(), String> {
    let name = example.file_name().unwrap_or_default();
    let out = root().join("target/widgets").join(name).join("widget.zip");
    let widget = example.join("widget");
    say(&format!(
        "amo-widget pack {} -> {}",
        widget.strip_prefix(root()).unwrap_or(&widget).display(),
        out.strip_prefix(root()).unwrap_or(&out).display()
    ));
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    let packed = amo_widget::widget_files::pack::pack_dir(&widget, &out)
        .map_err(|e| format!("packing {}: {e}", widget.display()))?;
    println!(
        "    {} files: {}",
        packed.files.len(),
        packed.files.join(", ")
    );
    Ok(())
}

/// Builds what only the end-to-end tests load: the probe in each bundle mode, hello and
/// leptos-lead, all with the leak counters.
pub fn test_widgets() -> Result<(), String> {
    let probe = root().join("tests/e2e/widgets/probe");
    let out = root().join("target/e2e-widgets");
    build_one(&probe, out.join("probe"), Mode::Inline, Hooks::Test)?;
    build_one(&probe, out.join("probe-split"), Mode::Split, Hooks::Test)?;
    build_one(
        &root().join("examples/hello"),
        out.join("hello"),
        Mode::Inline,
        Hooks::Test,
    )?;
    build_one(
        &root().join("examples/leptos-lead"),
        out.join("leptos-lead"),
        Mode::Inline,
        Hooks::Test,
    )
}

/// What the lead-documents end-to-end test runs: the widget with the leak counters, and its
/// back end's binary (`target/debug/lead-documents-server`), which the test starts itself.
pub fn lead_documents() -> Result<(), String> {
    build_one(
        &root().join("examples/lead-documents"),
        root().join("target/e2e-widgets/lead-documents"),
        Mode::Inline,
        Hooks::Test,
    )?;
    crate::cmd::run(
        "cargo build --package lead-documents-server",
        std::process::Command::new(env!("CARGO")).args([
            "build",
            "--package",
            "lead-documents-server",
        ]),
    )
}
