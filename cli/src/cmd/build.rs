//! `amo-widget build`: the [pipeline](crate::pipeline) run once, and what it made.

use super::CargoFlags;
use crate::pipeline::bundle::Mode;
use crate::pipeline::optimise::WasmOpt;
use crate::pipeline::{build_using, BuildOptions};
use anyhow::Context as _;
use std::path::PathBuf;

/// Arguments of `amo-widget build`.
#[derive(Debug, clap::Args)]
// The field docs are clap's help text, where `<target dir>` is no HTML.
#[allow(rustdoc::invalid_html_tags)]
pub struct BuildArgs {
    /// The widget crate (default: the current directory).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output directory (default: <target dir>/widgets/<package name>).
    #[arg(short = 'd', long, visible_alias = "out", value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Put the WebAssembly beside the script and load it asynchronously (for big widgets).
    #[arg(long)]
    split: bool,
    /// Keep the leak counters (`__amoStats`) that amo-widget's own end-to-end tests read.
    #[arg(long, hide = true)]
    test_hooks: bool,
    /// Which binaryen shrinks the wasm: `auto` (a newer wasm-opt on PATH or in a
    /// node_modules above the crate, else the built-in one), `built-in`, or a program's path.
    #[arg(long, value_name = "WHICH", default_value = "auto")]
    wasm_opt: String,
    #[command(flatten)]
    cargo: CargoFlags,
}

impl BuildArgs {
    /// Builds, then prints the host modules and the sizes.
    pub fn run(self) -> anyhow::Result<()> {
        let wasm_opt = WasmOpt::choose(&self.wasm_opt, &self.path)?;
        let options = BuildOptions {
            mode: if self.split {
                Mode::Split
            } else {
                Mode::Inline
            },
            test_hooks: self.test_hooks,
            profile: self.cargo.profile().unwrap_or_default(),
            features: self.cargo.features,
            out_dir: self.out_dir,
            crate_dir: self.path,
        };
        let built = build_using(&options, wasm_opt)?;
        let script = std::fs::metadata(&built.script)
            .with_context(|| built.script.display().to_string())?
            .len();
        if !built.modules.is_empty() {
            println!("host modules: {}", built.modules.join(", "));
        }
        println!(
            "built {} ({script} bytes, wasm {} bytes) and {}",
            built.script.display(),
            built.wasm_bytes,
            built.zip.display()
        );
        Ok(())
    }
}
