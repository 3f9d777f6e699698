//! `amo-widget build`: a widget crate in, an uploadable widget out.
//!
//! The tools are found or provided first ([`crate::toolchain`]: the wasm target and the
//! wasm-bindgen CLI at the version the crate's lockfile pins). Then cargo builds the crate for
//! `wasm32-unknown-unknown` and wasm-bindgen writes its glue ([`crate::compile`]; size-optimised
//! release profile forced through `CARGO_PROFILE_RELEASE_*`), binaryen's `wasm-opt -Oz` shrinks
//! the result ([`crate::wasm_opt`]: built in, or a newer one on the machine), [`crate::bundle`]
//! makes `personal_page.js`, minified by [`crate::minify`], and the widget files of the crate
//! (`widget/`: `manifest.json`, `i18n/`, `images/`) are copied beside it and packed into
//! `widget.zip` by [`crate::pack`] (which refuses what `amo-widget check` rejects). Nothing on
//! this path needs node, npm or wasm-pack.

use crate::bundle::{self, Mode, SPLIT_WASM_NAME};
use crate::compile::{self, CargoBuild, Features};
use crate::minify::{minify, MINIFIER};
use crate::progress::step;
use crate::toolchain::{self, Needs};
use crate::wasm_opt::WasmOpt;
use std::fs;
use std::path::{Path, PathBuf};

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

/// How the build trades build time for bundle size.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Profile {
    /// What ships: opt-level `z`, fat LTO, one codegen unit, `wasm-opt -Oz`, minified script.
    #[default]
    Release,
    /// cargo's `dev` profile (`--dev`): no optimisation anywhere, for debugging.
    Dev,
    /// A profile of the author's `Cargo.toml` (`--profile NAME`), then `wasm-opt -Oz` and the
    /// minifier as for a release.
    Custom(String),
    /// What `amo-widget serve` rebuilds on every save: cargo's own profile `amo-serve`
    /// (opt-level 1, no LTO, incremental, in its own target directory so that it never evicts the
    /// release build), no `wasm-opt`, no minifier. The bundle behaves the same and is several
    /// times bigger.
    Serve,
}

impl Profile {
    /// The cargo profile's name, as in `target/wasm32-unknown-unknown/<name>`.
    pub fn cargo_name(&self) -> &str {
        match self {
            Profile::Release => "release",
            Profile::Dev => "dev",
            Profile::Serve => "amo-serve",
            Profile::Custom(name) => name,
        }
    }

    /// From `--profile NAME`: cargo's names map to their variants.
    pub fn named(name: &str) -> Profile {
        match name {
            "release" => Profile::Release,
            "dev" | "debug" => Profile::Dev,
            "amo-serve" => Profile::Serve,
            other => Profile::Custom(other.to_string()),
        }
    }

    /// Whether `wasm-opt` and the minifier run: for what ships, not for the edit loop.
    pub fn optimises(&self) -> bool {
        matches!(self, Profile::Release | Profile::Custom(_))
    }

    fn cargo_args(&self) -> Vec<String> {
        match self {
            Profile::Release => vec!["--release".into()],
            Profile::Dev => Vec::new(),
            other => vec!["--profile".into(), other.cargo_name().into()],
        }
    }

    fn cargo_env(&self) -> &'static [(&'static str, &'static str)] {
        match self {
            Profile::Release => RELEASE_PROFILE,
            Profile::Serve => SERVE_PROFILE,
            Profile::Dev | Profile::Custom(_) => &[],
        }
    }
}

/// What was built.
#[derive(Debug, Clone)]
pub struct BuildOutput {
    /// The directory holding the widget files.
    pub out_dir: PathBuf,
    /// `personal_page.js`.
    pub script: PathBuf,
    /// The upload archive.
    pub zip: PathBuf,
    /// Size of the optimised WebAssembly in bytes.
    pub wasm_bytes: usize,
    /// The host modules in the bundle's `define` dependencies: those declared in `Cargo.toml`,
    /// then those the widget's code asks for by type.
    pub modules: Vec<String>,
}

/// Why a build failed. Each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A tool could not be started or failed.
    #[error("{0}")]
    Tool(String),
    /// The crate is not a widget crate.
    #[error("{0}")]
    Crate(String),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// Bundling failed.
    #[error(transparent)]
    Bundle(#[from] bundle::BundleError),
    /// A tool is missing and cannot be provided, or providing it failed.
    #[error(transparent)]
    Toolchain(#[from] toolchain::ToolError),
    /// The crate did not compile, or wasm-bindgen failed.
    #[error(transparent)]
    Compile(#[from] compile::CompileError),
    /// wasm-opt failed.
    #[error(transparent)]
    WasmOpt(#[from] crate::wasm_opt::WasmOptError),
    /// The script did not minify.
    #[error(transparent)]
    Minify(#[from] crate::minify::MinifyError),
    /// `check` rejected the widget files, or writing `widget.zip` failed.
    #[error(transparent)]
    Pack(#[from] crate::pack::PackError),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
    move |source| BuildError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The facts about the widget crate that the build needs.
#[derive(Debug, Clone)]
pub struct WidgetCrate {
    /// The Cargo package name.
    pub name: String,
    /// The crate's `Cargo.toml`, canonical.
    pub manifest: PathBuf,
    /// Cargo's target directory for the crate.
    pub target_dir: PathBuf,
    /// Extra host modules from `[package.metadata.amo-widget] modules`.
    pub modules: Vec<String>,
    /// The directory of widget files (`widget-dir`, default `widget`).
    pub widget_dir: PathBuf,
    /// The wasm-bindgen version the crate's `Cargo.lock` resolves, if it uses wasm-bindgen.
    pub wasm_bindgen: Option<String>,
    /// The WebAssembly stack in bytes (`stack-size`, default [`DEFAULT_STACK_SIZE`]).
    pub stack_size: u64,
}

/// The wasm stack a widget gets unless its `Cargo.toml` says otherwise
/// (`[package.metadata.amo-widget] stack-size = 131072`).
///
/// Rust's default is 1 MiB, which every instance reserves in its memory: 20 copies of a small
/// widget then take 20 MiB where 20 plain-JavaScript ones take one or two. Widget code runs
/// short callbacks; 48 KiB leaves an instance (stack, data and a small heap) within two 64 KiB
/// pages. A stack overflow traps (the stack is placed first, below the data), and the shim
/// treats the trap like a panic.
pub const DEFAULT_STACK_SIZE: u64 = 48 * 1024;

/// The keys of `[package.metadata.amo-widget]`.
const SETTINGS: &[&str] = &["modules", "stack-size", "widget-dir"];

/// Reads the crate through `cargo metadata` (resolving its dependencies, to learn the locked
/// wasm-bindgen version).
pub fn inspect(crate_dir: &Path) -> Result<WidgetCrate, BuildError> {
    read_metadata(crate_dir, true)
}

/// Reads the crate's own manifest through `cargo metadata --no-deps`: what `amo-widget check`
/// needs, without resolving dependencies (which needs the registry, or an SDK published on it).
/// [`WidgetCrate::wasm_bindgen`] is `None`.
pub fn inspect_manifest(crate_dir: &Path) -> Result<WidgetCrate, BuildError> {
    read_metadata(crate_dir, false)
}

fn read_metadata(crate_dir: &Path, resolve: bool) -> Result<WidgetCrate, BuildError> {
    let manifest = crate_dir.join("Cargo.toml");
    let manifest = fs::canonicalize(&manifest).map_err(io(&manifest))?;
    let mut command = cargo_metadata::MetadataCommand::new();
    command
        .cargo_path(crate::toolchain::cargo())
        .manifest_path(&manifest);
    if !resolve {
        command.no_deps();
    }
    let meta = command.exec().map_err(|e| {
        BuildError::Tool(format!(
            "cargo metadata failed for {}: {e}",
            manifest.display()
        ))
    })?;
    let package = meta
        .packages
        .iter()
        .find(|p| p.manifest_path.as_std_path() == manifest.as_path())
        .ok_or_else(|| BuildError::Crate(format!("{} has no [package]", manifest.display())))?;
    let settings = &package.metadata["amo-widget"];
    if let Some(table) = settings.as_object() {
        for key in table.keys().filter(|k| !SETTINGS.contains(&k.as_str())) {
            let hint = crate::check::suggest::closest(key, SETTINGS)
                .map(|known| format!(" (did you mean `{known}`?)"))
                .unwrap_or_default();
            eprintln!(
                "warning: unknown key `{key}` in [package.metadata.amo-widget] of {}{hint}; \
                 known keys: {}",
                manifest.display(),
                SETTINGS.join(", ")
            );
        }
    }
    let modules = match settings["modules"].as_array() {
        Some(list) => list
            .iter()
            .map(|m| {
                m.as_str().map(String::from).ok_or_else(|| {
                    BuildError::Crate(
                        "[package.metadata.amo-widget] modules must be strings".into(),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    let stack_size = match &settings["stack-size"] {
        serde_json::Value::Null => DEFAULT_STACK_SIZE,
        value => value
            .as_u64()
            .filter(|n| *n >= 16 * 1024 && n % 16 == 0)
            .ok_or_else(|| {
                BuildError::Crate(format!(
                    "[package.metadata.amo-widget] stack-size must be a number of bytes, a \
                     multiple of 16 and at least 16384 (found {value})"
                ))
            })?,
    };
    let dir = manifest.parent().unwrap_or(Path::new("."));
    let widget_dir = dir.join(settings["widget-dir"].as_str().unwrap_or("widget"));
    // wasm-bindgen's `links` key allows one version per dependency graph.
    let wasm_bindgen = meta
        .packages
        .iter()
        .find(|p| p.name.as_str() == "wasm-bindgen")
        .map(|p| p.version.to_string());
    Ok(WidgetCrate {
        name: package.name.to_string(),
        manifest: manifest.clone(),
        target_dir: meta.target_directory.into_std_path_buf(),
        modules,
        widget_dir,
        stack_size,
        wasm_bindgen,
    })
}

/// Builds the widget crate into its output directory, with the `wasm-opt` that
/// [`WasmOpt::find`] picks.
///
/// Long steps print what runs and how long it took (on stderr, see [`crate::progress`]).
pub fn build(options: &BuildOptions) -> Result<BuildOutput, BuildError> {
    build_using(options, WasmOpt::find(&options.crate_dir))
}

/// [`build`] with the given `wasm-opt` (to compare binaryen releases, say).
pub fn build_using(options: &BuildOptions, wasm_opt: WasmOpt) -> Result<BuildOutput, BuildError> {
    let krate = step("cargo metadata", || inspect(&options.crate_dir))?;
    let manifest = krate.widget_dir.join("manifest.json");
    if !manifest.is_file() {
        return Err(BuildError::Crate(format!(
            "{} is missing: a widget crate keeps its widget files (manifest.json with \
             \"personal_page\" in locations, i18n/, images/) in {}",
            manifest.display(),
            krate.widget_dir.display()
        )));
    }
    let tools = toolchain::provide(krate.wasm_bindgen.as_deref(), Needs::Build)?;
    let profile = &options.profile;
    let mut work = krate.target_dir.join("amo-widget").join(&krate.name);
    if *profile != Profile::Release {
        work.push(profile.cargo_name());
    }
    let pkg = work.join("pkg");
    let compiled = step(
        &format!("cargo build ({}, wasm32)", profile.cargo_name()),
        || {
            CargoBuild {
                manifest: &krate.manifest,
                profile_args: profile.cargo_args(),
                profile_env: profile.cargo_env(),
                features: &options.features,
                stack_size: krate.stack_size,
            }
            .run()
        },
    )?;
    step("wasm-bindgen", || {
        compile::bindgen(&tools.wasm_bindgen, &compiled, &pkg)
    })?;
    let raw_wasm = pkg.join("personal_page_bg.wasm");
    let opt = if profile.optimises() {
        let opt_wasm = work.join("personal_page.opt.wasm");
        crate::progress::note(&format!("wasm-opt: {}", wasm_opt.describe()));
        step("wasm-opt -Oz", || wasm_opt.run(&raw_wasm, &opt_wasm))?;
        fs::read(&opt_wasm).map_err(io(&opt_wasm))?
    } else {
        fs::read(&raw_wasm).map_err(io(&raw_wasm))?
    };
    let short = crate::imports::shorten_imports(&opt, GLUE_MODULE)
        .map_err(|e| BuildError::Crate(format!("{}: {e}", raw_wasm.display())))?;
    let wasm = short.wasm;
    let glue_path = pkg.join("personal_page.js");
    let glue = fs::read_to_string(&glue_path).map_err(io(&glue_path))?;
    let glue = bundle::rename_imports(&glue, &short.names, &short.module)?;
    let modules = crate::host_modules::merge(&krate.modules, &crate::host_modules::used(&wasm));
    let bundle_options = bundle::BundleOptions {
        mode: options.mode,
        crate_name: krate.name.clone(),
        modules: modules.clone(),
        test_hooks: options.test_hooks,
    };
    let script_text = if profile.optimises() {
        crate::progress::note(&format!("minify: {MINIFIER}"));
        bundle::bundle_with(&glue, &wasm, &bundle_options, |js| {
            minify(js).map_err(BuildError::from)
        })?
    } else {
        bundle::bundle_with(&glue, &wasm, &bundle_options, |js| {
            Ok::<_, BuildError>(js.into())
        })?
    };

    let out_dir = options.out_dir.clone().unwrap_or_else(|| match profile {
        Profile::Serve => work.join("widget"),
        _ => krate.target_dir.join("widgets").join(&krate.name),
    });
    // Staged apart from the output directory, which may hold other things of the author's.
    let stage = work.join("stage");
    if stage.exists() {
        fs::remove_dir_all(&stage).map_err(io(&stage))?;
    }
    copy_dir(&krate.widget_dir, &stage)?;
    for reserved in ["personal_page.js", SPLIT_WASM_NAME, "widget.zip"] {
        if stage.join(reserved).exists() {
            return Err(BuildError::Crate(format!(
                "{} must not contain {reserved}: the build makes it",
                krate.widget_dir.display()
            )));
        }
    }
    let staged_script = stage.join("personal_page.js");
    fs::write(&staged_script, &script_text).map_err(io(&staged_script))?;
    if options.mode == Mode::Split {
        let w = stage.join(SPLIT_WASM_NAME);
        fs::write(&w, &wasm).map_err(io(&w))?;
    }
    let staged_zip = work.join("widget.zip");
    crate::pack::pack_dir(&stage, &staged_zip)?;
    // The loose files are what the local cabinet and the dev loop serve.
    fs::create_dir_all(&out_dir).map_err(io(&out_dir))?;
    let stale = out_dir.join(SPLIT_WASM_NAME);
    if stale.exists() {
        fs::remove_file(&stale).map_err(io(&stale))?;
    }
    copy_dir(&stage, &out_dir)?;
    let zip = out_dir.join("widget.zip");
    fs::copy(&staged_zip, &zip).map_err(io(&zip))?;
    Ok(BuildOutput {
        script: out_dir.join("personal_page.js"),
        out_dir,
        zip,
        wasm_bytes: wasm.len(),
        modules,
    })
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), BuildError> {
    fs::create_dir_all(to).map_err(io(to))?;
    for entry in fs::read_dir(from).map_err(io(from))? {
        let entry = entry.map_err(io(from))?;
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(io(&entry.path()))?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).map_err(io(&target))?;
        }
    }
    Ok(())
}

/// Size-first release settings, forced so that the author configures nothing (environment
/// variables override the crate's and the workspace's profiles). Symbols are kept for
/// wasm-bindgen (it reads the target features from them) and stripped by wasm-opt.
const RELEASE_PROFILE: &[(&str, &str)] = &[
    ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "z"),
    ("CARGO_PROFILE_RELEASE_LTO", "true"),
    ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "1"),
    ("CARGO_PROFILE_RELEASE_PANIC", "abort"),
    ("CARGO_PROFILE_RELEASE_STRIP", "false"),
    ("CARGO_PROFILE_RELEASE_DEBUG", "false"),
];

/// `amo-widget serve`'s profile: the edit-to-reload loop recompiles the widget crate only, and
/// no link-time optimisation re-optimises the SDK and std on every save. Defined through the
/// environment (cargo reads `CARGO_PROFILE_<NAME>_*` like a `[profile.<name>]` table), so the
/// author's Cargo.toml needs nothing.
const SERVE_PROFILE: &[(&str, &str)] = &[
    ("CARGO_PROFILE_AMO_SERVE_INHERITS", "release"),
    ("CARGO_PROFILE_AMO_SERVE_OPT_LEVEL", "1"),
    ("CARGO_PROFILE_AMO_SERVE_LTO", "false"),
    ("CARGO_PROFILE_AMO_SERVE_CODEGEN_UNITS", "16"),
    ("CARGO_PROFILE_AMO_SERVE_INCREMENTAL", "true"),
    ("CARGO_PROFILE_AMO_SERVE_PANIC", "abort"),
    ("CARGO_PROFILE_AMO_SERVE_STRIP", "false"),
    ("CARGO_PROFILE_AMO_SERVE_DEBUG", "false"),
];

/// The module wasm-bindgen's glue provides the imports as (`--out-name personal_page`).
const GLUE_MODULE: &str = "./personal_page_bg.js";
