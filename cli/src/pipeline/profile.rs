//! The profiles a build can use: what ships, cargo's dev, an author's own, and `serve`'s quick
//! one, each with the cargo arguments and environment that select it.

use super::krate::WidgetCrate;
use std::path::{Path, PathBuf};

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
    pub(crate) fn cargo_name(&self) -> &str {
        match self {
            Profile::Release => "release",
            Profile::Dev => "dev",
            Profile::Serve => "amo-serve",
            Profile::Custom(name) => name,
        }
    }

    /// From `--profile NAME`: cargo's names map to their variants.
    pub(crate) fn named(name: &str) -> Profile {
        match name {
            "release" => Profile::Release,
            "dev" | "debug" => Profile::Dev,
            "amo-serve" => Profile::Serve,
            other => Profile::Custom(other.to_string()),
        }
    }

    /// Whether `wasm-opt` and the minifier run: for what ships, not for the edit loop.
    pub(crate) fn optimises(&self) -> bool {
        matches!(self, Profile::Release | Profile::Custom(_))
    }

    /// Where the build keeps its intermediate files: one directory per profile, so that
    /// `serve`'s quick builds never evict the release build's.
    pub(crate) fn work_dir(&self, krate: &WidgetCrate) -> PathBuf {
        let work = krate.target_dir.join("amo-widget").join(&krate.name);
        match self {
            Profile::Release => work,
            other => work.join(other.cargo_name()),
        }
    }

    /// The default output directory: `<target dir>/widgets/<package name>`; `serve`'s own builds
    /// stay in their work directory.
    pub(crate) fn out_dir(&self, krate: &WidgetCrate, work: &Path) -> PathBuf {
        match self {
            Profile::Serve => work.join("widget"),
            _ => krate.target_dir.join("widgets").join(&krate.name),
        }
    }

    pub(crate) fn cargo_args(&self) -> Vec<String> {
        match self {
            Profile::Release => vec!["--release".into()],
            Profile::Dev => Vec::new(),
            other => vec!["--profile".into(), other.cargo_name().into()],
        }
    }

    pub(crate) fn cargo_env(&self) -> &'static [(&'static str, &'static str)] {
        match self {
            Profile::Release => RELEASE_PROFILE,
            Profile::Serve => SERVE_PROFILE,
            Profile::Dev | Profile::Custom(_) => &[],
        }
    }
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
