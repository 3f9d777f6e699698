//! `amo-widget build`: a widget crate in, an uploadable widget out, as a list of named steps
//! ([`build_using`]), each in a module of its own:
//!
//! 1. `krate`: `cargo metadata` reads the widget crate and its settings;
//! 2. [`crate::tools`]: the wasm target and the wasm-bindgen CLI at the version the crate's
//!    lockfile pins are found or provided;
//! 3. [`compile`]: cargo builds the crate for `wasm32-unknown-unknown` (the size-optimised
//!    release `profile` forced through `CARGO_PROFILE_RELEASE_*`);
//! 4. `bindgen`: wasm-bindgen writes its glue;
//! 5. [`optimise`]: binaryen's `wasm-opt -Oz` shrinks the module (built in, or a newer one on
//!    the machine), for what ships, after [`dead_classes`] has taken the classes no code can
//!    reach out of the glue and their methods out of the exports, and [`prune_table`] has
//!    pointed the function table's dead entries at a stub, so that binaryen can drop the
//!    functions only those kept;
//! 6. `script`: the imports are shortened and the bundle makes `personal_page.js`, minified
//!    by [`minify`] for what ships, with the [`host_modules`] the code asks for;
//! 7. `stage`: the crate's widget files (`widget/`: `manifest.json`, `i18n/`, `images/`) are
//!    staged beside the script and packed into `widget.zip` (refused if `amo-widget check`
//!    rejects them), then copied to the output directory.
//!
//! Nothing on this path needs node, npm or wasm-pack.

pub(crate) mod bindgen;
pub mod bundle;
pub mod compile;
pub mod dead_classes;
pub mod glue;
pub mod host_modules;
pub mod imports;
pub(crate) mod krate;
pub mod minify;
pub mod optimise;
pub(crate) mod profile;
pub mod prune_table;
pub(crate) mod script;
mod sections;
pub(crate) mod stage;

use crate::pipeline::bundle::Mode;
use crate::progress::step;
use crate::tools::{self, Needs};
use anyhow::Result;
use compile::Features;
use optimise::WasmOpt;
pub use profile::Profile;
use std::path::PathBuf;

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The widget crate (a directory with `Cargo.toml`).
    pub crate_dir: PathBuf,
    /// Where the widget goes; default `<target dir>/widgets/<package name>`.
    pub out_dir: Option<PathBuf>,
    /// `.wasm` beside the script, loaded asynchronously, instead of inlined.
    pub mode: Mode,
    /// Keep the leak counters our end-to-end tests read (never in a widget that ships).
    pub test_hooks: bool,
    /// Size first (what ships), or speed first (what `amo-widget serve` rebuilds on every save).
    pub profile: Profile,
    /// cargo's feature switches for the widget crate.
    pub features: Features,
}

impl BuildOptions {
    /// The release build of `crate_dir`, inlined, into the default output directory.
    pub fn new(crate_dir: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            crate_dir: crate_dir.into(),
            out_dir: None,
            mode: Mode::Inline,
            test_hooks: false,
            profile: Profile::Release,
            features: Features::default(),
        }
    }
}

/// What was built.
#[derive(Debug, Clone)]
pub struct BuildOutput {
    /// `personal_page.js`.
    pub script: PathBuf,
    /// The upload archive.
    pub zip: PathBuf,
    /// Size of the optimised WebAssembly in bytes.
    pub wasm_bytes: usize,
    /// The host modules in the bundle's `define` dependencies: those declared in `Cargo.toml`,
    /// then those the widget's code asks for by type.
    pub(crate) modules: Vec<String>,
}

/// Builds the widget crate into its output directory, with the `wasm-opt` that
/// [`WasmOpt::find`] picks.
///
/// Long steps print what runs and how long it took (on stderr, see [`crate::progress`]).
pub fn build(options: &BuildOptions) -> Result<BuildOutput> {
    build_using(options, WasmOpt::find(&options.crate_dir))
}

/// [`build`] with the given `wasm-opt` (to compare binaryen releases, say).
pub fn build_using(options: &BuildOptions, wasm_opt: WasmOpt) -> Result<BuildOutput> {
    let krate = step("cargo metadata", || krate::inspect(&options.crate_dir))?;
    krate.require_widget_manifest()?;
    let tools = tools::provide(krate.wasm_bindgen.as_deref(), Needs::Build)?;
    let profile = &options.profile;
    let work = profile.work_dir(&krate);
    let pkg = work.join("pkg");
    let compiled = compile::compile(&krate, profile, &options.features)?;
    step("wasm-bindgen", || {
        bindgen::bindgen(&tools.wasm_bindgen, &compiled, &pkg)
    })?;
    let glue = script::glue(profile, &pkg, &tools.version)?;
    let wasm = optimise::optimised_wasm(profile, &wasm_opt, &pkg, &work, &glue.dropped_exports)?;
    let script = script::personal_page(&krate, options, &pkg, &glue.text, &wasm, &tools.version)?;
    let out_dir = options
        .out_dir
        .clone()
        .unwrap_or_else(|| profile.out_dir(&krate, &work));
    let staged = stage::stage(&krate.widget_dir, &work, &script, options.mode)?;
    let zip = stage::publish(&staged, &out_dir)?;
    Ok(BuildOutput {
        script: out_dir.join("personal_page.js"),
        zip,
        wasm_bytes: script.wasm.len(),
        modules: script.modules,
    })
}
