//! binaryen's `wasm-opt -Oz`: built into `amo-widget` (the `wasm-opt` crate compiles binaryen
//! from source, so an author needs neither node nor a download), or a newer `wasm-opt` found on
//! the machine, which shrinks rustc's output a few percent more.

use super::bindgen::BINDGEN_WASM;
use super::dead_classes;
use super::prune_table::{self, Pruned};
use super::Profile;
use crate::progress;
use anyhow::Context as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The binaryen release compiled into `amo-widget` (the `wasm-opt` crate's minor version).
pub(crate) const BUILT_IN_BINARYEN: u32 = 116;

/// The WebAssembly features rustc emits for `wasm32-unknown-unknown`, which binaryen must be told
/// to accept (its default set predates them): the flags of a `wasm-opt` program.
const FEATURE_FLAGS: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The same features for the built-in binaryen, in [`FEATURE_FLAGS`]' order.
#[cfg(feature = "builtin-wasm-opt")]
const FEATURES: [wasm_opt::Feature; 6] = [
    wasm_opt::Feature::BulkMemory,
    wasm_opt::Feature::MutableGlobals,
    wasm_opt::Feature::TruncSat,
    wasm_opt::Feature::SignExt,
    wasm_opt::Feature::ReferenceTypes,
    wasm_opt::Feature::Multivalue,
];

/// Which `wasm-opt` runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WasmOpt {
    /// The binaryen compiled into `amo-widget` (`BUILT_IN_BINARYEN`); without the
    /// `builtin-wasm-opt` feature, running it says which program to put on `PATH`.
    BuiltIn,
    /// A `wasm-opt` program newer than the built-in one.
    External {
        /// The program.
        path: PathBuf,
        /// Its binaryen version (`wasm-opt --version`).
        version: u32,
        /// Where it was found: `PATH`, or `node_modules` (an npm `binaryen` above the crate).
        found_in: &'static str,
    },
}

/// Why `wasm-opt` failed.
#[derive(Debug, thiserror::Error)]
pub enum WasmOptError {
    /// This amo-widget has no binaryen inside and none was found on the machine.
    #[error(
        "this amo-widget was built without its binaryen (feature `builtin-wasm-opt`) and no \
         wasm-opt is on PATH: install amo-widget with default features, put binaryen's wasm-opt \
         on PATH, or build with --dev"
    )]
    #[cfg(not(feature = "builtin-wasm-opt"))]
    NotBuiltIn,
    /// The built-in binaryen rejected the module or could not write the result.
    #[cfg(feature = "builtin-wasm-opt")]
    #[error(
        "wasm-opt (built-in binaryen {BUILT_IN_BINARYEN}) failed on {}: {source}; if the module \
         uses a WebAssembly feature binaryen {BUILT_IN_BINARYEN} does not know, put a newer \
         wasm-opt on PATH",
        input.display()
    )]
    BuiltIn {
        /// The module.
        input: PathBuf,
        /// binaryen's error.
        source: wasm_opt::OptimizationError,
    },
    /// The external program could not be started.
    #[error("could not start {}: {source}", path.display())]
    Start {
        /// The program.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The external program failed (its own message is above, on stderr).
    #[error(
        "{} -Oz failed ({status}) on {}; its message is above",
        path.display(),
        input.display()
    )]
    External {
        /// The program.
        path: PathBuf,
        /// The module.
        input: PathBuf,
        /// How it ended.
        status: std::process::ExitStatus,
    },
}

impl WasmOpt {
    /// The `wasm-opt` to run for the crate in `crate_dir`: the first newer than the built-in one
    /// of an npm `binaryen` in a `node_modules/.bin` above the crate and a `wasm-opt` on `PATH`;
    /// else the built-in one. A program that does not answer `--version` (an npm one without a
    /// working node, say) is passed over.
    pub fn find(crate_dir: &Path) -> WasmOpt {
        let node_modules = crate_dir
            .ancestors()
            .map(|dir| dir.join("node_modules/.bin/wasm-opt"))
            .filter(|p| p.is_file())
            .map(|p| (p, "node_modules"));
        let on_path = which::which("wasm-opt").ok().map(|p| (p, "PATH"));
        node_modules
            .chain(on_path)
            .find_map(|(path, found_in)| {
                let version = version_of(&path)?;
                // Without a binaryen inside, any that runs beats none.
                let floor = if cfg!(feature = "builtin-wasm-opt") {
                    BUILT_IN_BINARYEN
                } else {
                    0
                };
                (version > floor).then_some(WasmOpt::External {
                    path,
                    version,
                    found_in,
                })
            })
            .unwrap_or(WasmOpt::BuiltIn)
    }

    /// The `wasm-opt` named on the command line (`--wasm-opt`): `auto` ([`WasmOpt::find`]),
    /// `built-in`, or the path of a `wasm-opt` program.
    pub(crate) fn choose(choice: &str, crate_dir: &Path) -> Result<WasmOpt, WasmOptError> {
        match choice {
            "auto" => Ok(WasmOpt::find(crate_dir)),
            "built-in" | "builtin" => Ok(WasmOpt::BuiltIn),
            path => {
                let path = PathBuf::from(path);
                let version = version_of(&path).ok_or_else(|| WasmOptError::Start {
                    path: path.clone(),
                    source: std::io::Error::other(
                        "`--version` did not answer with a binaryen version",
                    ),
                })?;
                Ok(WasmOpt::External {
                    path,
                    version,
                    found_in: "--wasm-opt",
                })
            }
        }
    }

    /// What runs, as the build prints it: `binaryen version 132 (PATH /usr/bin/wasm-opt)` or
    /// `built-in binaryen 116`.
    ///
    /// ```
    /// use amo_widget::pipeline::optimise::WasmOpt;
    ///
    /// assert_eq!(WasmOpt::BuiltIn.describe(), "built-in binaryen 116");
    /// ```
    pub fn describe(&self) -> String {
        match self {
            WasmOpt::BuiltIn => format!("built-in binaryen {BUILT_IN_BINARYEN}"),
            WasmOpt::External {
                path,
                version,
                found_in,
            } => format!("binaryen version {version} ({found_in} {})", path.display()),
        }
    }

    /// `wasm-opt -Oz --converge --strip-debug --strip-producers` over `input` into `output`, with
    /// the features rustc emits.
    pub fn run(&self, input: &Path, output: &Path) -> Result<(), WasmOptError> {
        match self {
            #[cfg(not(feature = "builtin-wasm-opt"))]
            WasmOpt::BuiltIn => {
                let _ = (input, output);
                Err(WasmOptError::NotBuiltIn)
            }
            #[cfg(feature = "builtin-wasm-opt")]
            WasmOpt::BuiltIn => {
                let mut options =
                    wasm_opt::OptimizationOptions::new_optimize_for_size_aggressively();
                for feature in FEATURES {
                    options.enable_feature(feature);
                }
                options
                    .set_converge()
                    .add_pass(wasm_opt::Pass::StripDebug)
                    .add_pass(wasm_opt::Pass::StripProducers)
                    .run(input, output)
                    .map_err(|source| WasmOptError::BuiltIn {
                        input: input.to_path_buf(),
                        source,
                    })
            }
            WasmOpt::External { path, .. } => {
                let status = Command::new(path)
                    .arg(input)
                    .arg("-o")
                    .arg(output)
                    .args(["-Oz", "--converge", "--strip-debug", "--strip-producers"])
                    .args(FEATURE_FLAGS)
                    .stdin(Stdio::null())
                    .status()
                    .map_err(|source| WasmOptError::Start {
                        path: path.clone(),
                        source,
                    })?;
                if status.success() {
                    Ok(())
                } else {
                    Err(WasmOptError::External {
                        path: path.clone(),
                        input: input.to_path_buf(),
                        status,
                    })
                }
            }
        }
    }
}

/// The module to bundle: wasm-bindgen's output in `pkg`; when the profile optimises, it loses
/// the exports `dropped_exports` (those of the glue's unreachable classes,
/// [`super::dead_classes`]), is shrunk by `wasm_opt` into `work`, and loses its custom sections.
pub(crate) fn optimised_wasm(
    profile: &Profile,
    wasm_opt: &WasmOpt,
    pkg: &Path,
    work: &Path,
    dropped_exports: &[String],
) -> anyhow::Result<Vec<u8>> {
    let raw_wasm = pkg.join(BINDGEN_WASM);
    if !profile.optimises() {
        return std::fs::read(&raw_wasm).with_context(|| raw_wasm.display().to_string());
    }
    let input = without_dead_code(&raw_wasm, work, dropped_exports)?;
    let opt_wasm = work.join("personal_page.opt.wasm");
    progress::note(&format!("wasm-opt: {}", wasm_opt.describe()));
    progress::step("wasm-opt -Oz", || wasm_opt.run(&input, &opt_wasm))?;
    let context = || opt_wasm.display().to_string();
    let bytes = std::fs::read(&opt_wasm).with_context(context)?;
    super::sections::without_custom_sections(&bytes).with_context(context)
}

/// wasm-bindgen's module without the exports `dropped_exports` and with its dead function-table
/// entries pruned ([`prune_table`]) into `work`, for `wasm-opt` to drop the functions only those
/// kept; the module itself when nothing changed.
fn without_dead_code(
    raw_wasm: &Path,
    work: &Path,
    dropped_exports: &[String],
) -> anyhow::Result<PathBuf> {
    let context = || raw_wasm.display().to_string();
    let mut bytes = std::fs::read(raw_wasm).with_context(context)?;
    let mut changed = false;
    if !dropped_exports.is_empty() {
        bytes = dead_classes::drop_exports(&bytes, dropped_exports).with_context(context)?;
        changed = true;
    }
    let pruned = prune_table::prune(&bytes).with_context(context)?;
    progress::note(&pruned.describe());
    if let Pruned::Pruned { wasm, .. } = pruned {
        bytes = wasm;
        changed = true;
    }
    if !changed {
        return Ok(raw_wasm.to_path_buf());
    }
    let path = work.join("personal_page.pruned.wasm");
    std::fs::write(&path, bytes).with_context(|| path.display().to_string())?;
    Ok(path)
}

/// The binaryen version a `wasm-opt` program reports, if it runs.
fn version_of(program: &Path) -> Option<u32> {
    parse_version(&crate::tools::version_line(program)?)
}

/// binaryen's version from `wasm-opt --version`: `wasm-opt version 132 (version_132)` → 132.
fn parse_version(text: &str) -> Option<u32> {
    let mut words = text.split_whitespace();
    words.find(|w| *w == "version")?;
    let number = words.next()?;
    let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_from_what_wasm_opt_prints() {
        assert_eq!(
            parse_version("wasm-opt version 132 (version_132)\n"),
            Some(132)
        );
        assert_eq!(parse_version("wasm-opt version 116"), Some(116));
        assert_eq!(
            parse_version("wasm-opt version 123-dev (git+abc)"),
            Some(123)
        );
        assert_eq!(parse_version("wasm-opt"), None);
        assert_eq!(parse_version("version x"), None);
        assert_eq!(parse_version(""), None);
    }

    #[test]
    fn external_tools_are_described_with_where_they_were_found() {
        let external = WasmOpt::External {
            path: PathBuf::from("/usr/bin/wasm-opt"),
            version: 132,
            found_in: "PATH",
        };
        assert_eq!(
            external.describe(),
            "binaryen version 132 (PATH /usr/bin/wasm-opt)"
        );
    }

    /// The smallest module with a function using a post-MVP feature rustc emits (sign-ext).
    #[cfg(feature = "builtin-wasm-opt")]
    const SIGN_EXT_WAT: &str =
        "(module (func (export \"f\") (param i32) (result i32) (i32.extend8_s (local.get 0))))";

    #[test]
    #[cfg(feature = "builtin-wasm-opt")]
    fn the_built_in_binaryen_optimises_and_refuses_garbage_with_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.wasm");
        let output = dir.path().join("out.wasm");
        let text = dir.path().join("in.wat");
        std::fs::write(&text, SIGN_EXT_WAT).unwrap();
        // A text module in, through binaryen's own reader: the result must be binary and valid.
        WasmOpt::BuiltIn.run(&text, &output).unwrap();
        let bytes = std::fs::read(&output).unwrap();
        assert_eq!(&bytes[..4], b"\0asm");

        std::fs::write(&input, b"\0asm\x01\0\0\0\x99 not a section").unwrap();
        let err = WasmOpt::BuiltIn.run(&input, &output).unwrap_err();
        assert!(matches!(err, WasmOptError::BuiltIn { .. }), "{err}");
        assert!(err.to_string().contains("built-in binaryen 116"), "{err}");
    }
}
