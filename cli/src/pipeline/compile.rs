//! The first step from a widget crate to wasm-bindgen's output: `cargo build --target
//! wasm32-unknown-unknown`, as wasm-pack, trunk and cargo-leptos run it (the `bindgen` step is
//! the second). No wasm-pack needed, nothing downloaded.
//!
//! cargo's messages are read as JSON (the `cargo_metadata` crate's parser): the artifact's path
//! comes from cargo, not from a guess at the target directory's layout, and the compiler's errors
//! are kept as text for the local cabinet's overlay.

use super::krate::WidgetCrate;
use super::Profile;
use crate::progress::{self, Verbosity};
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// cargo's feature switches, passed on as given (and spelt as cargo spells them).
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Features {
    /// Space or comma separated features of the widget crate to activate.
    #[arg(short = 'F', long, value_name = "FEATURES")]
    pub(crate) features: Vec<String>,
    /// Do not activate the crate's `default` feature.
    #[arg(long)]
    pub(crate) no_default_features: bool,
    /// Activate all the crate's features.
    #[arg(long)]
    pub(crate) all_features: bool,
}

impl Features {
    /// The switches as cargo's arguments.
    pub(crate) fn args(&self) -> Vec<String> {
        let mut args = Vec::new();
        if !self.features.is_empty() {
            args.push("--features".into());
            args.push(self.features.join(","));
        }
        if self.no_default_features {
            args.push("--no-default-features".into());
        }
        if self.all_features {
            args.push("--all-features".into());
        }
        args
    }
}

/// Why the crate did not compile.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CompileError {
    /// cargo could not be started.
    #[error("could not start cargo: {0}")]
    Start(std::io::Error),
    /// The compiler reported errors (shown above, and kept here for the cabinet's overlay).
    #[error("the widget crate does not compile; the compiler's errors are above")]
    Compiler {
        /// The errors as rustc renders them.
        diagnostics: String,
    },
    /// cargo failed without a compiler error (a manifest error, say: its message is above).
    #[error("cargo build failed ({0}); its message is above")]
    Cargo(String),
    /// cargo succeeded but named no `.wasm` for the crate.
    #[error(
        "cargo built no .wasm for {0}: a widget crate's [lib] has crate-type = [\"cdylib\", \
         \"rlib\"] (`amo-widget new` writes it)"
    )]
    NoWasm(String),
}

/// Compiles the widget crate with `profile`: the `.wasm` cargo wrote.
pub(crate) fn compile(
    krate: &WidgetCrate,
    profile: &Profile,
    features: &Features,
) -> Result<PathBuf, CompileError> {
    progress::step(
        &format!("cargo build ({}, wasm32)", profile.cargo_name()),
        || {
            CargoBuild {
                manifest: &krate.manifest,
                profile_args: profile.cargo_args(),
                profile_env: profile.cargo_env(),
                features,
                stack_size: krate.stack_size,
            }
            .run()
        },
    )
}

/// One `cargo build` of the widget crate's library for the wasm target.
#[derive(Debug, Clone)]
struct CargoBuild<'a> {
    /// The crate's `Cargo.toml`.
    manifest: &'a Path,
    /// cargo's profile arguments (`--release`, `--profile NAME`, or none for dev).
    profile_args: Vec<String>,
    /// Environment that defines or forces the profile (`CARGO_PROFILE_*`).
    profile_env: &'a [(&'a str, &'a str)],
    /// Feature switches.
    features: &'a Features,
    /// The wasm stack in bytes.
    stack_size: u64,
}

impl CargoBuild<'_> {
    /// Compiles; returns the `.wasm` cargo wrote.
    fn run(&self) -> Result<PathBuf, CompileError> {
        let mut c = Command::new(crate::tools::cargo());
        c.args(["build", "--lib", "--target", crate::tools::WASM_TARGET])
            .args(&self.profile_args)
            .args(self.features.args())
            .arg("--manifest-path")
            .arg(self.manifest)
            // rustc's messages arrive as JSON on stdout; cargo's progress stays on stderr.
            .args(["--message-format", "json"])
            .envs(self.profile_env.iter().copied())
            // A link argument for the wasm target only (build scripts and proc macros are
            // native); RUSTFLAGS, if the author sets it, takes precedence.
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                format!("-Clink-arg=-zstack-size={}", self.stack_size),
            )
            .stdin(Stdio::null())
            .stdout(Stdio::piped());
        match progress::verbosity() {
            Verbosity::Quiet => c.arg("--quiet"),
            Verbosity::Verbose => c.arg("--verbose"),
            Verbosity::Normal => &mut c,
        };
        progress::command(&c);
        let mut child = c.spawn().map_err(CompileError::Start)?;
        let manifest = std::fs::canonicalize(self.manifest).unwrap_or(self.manifest.into());
        let mut wasm = None;
        let mut errors = String::new();
        if let Some(stdout) = child.stdout.take() {
            for message in cargo_metadata::Message::parse_stream(BufReader::new(stdout)) {
                match message {
                    Ok(cargo_metadata::Message::CompilerArtifact(artifact))
                        if artifact.manifest_path.as_std_path() == manifest =>
                    {
                        if let Some(file) = artifact
                            .filenames
                            .iter()
                            .find(|f| f.extension() == Some("wasm"))
                        {
                            wasm = Some(file.clone().into_std_path_buf());
                        }
                    }
                    Ok(cargo_metadata::Message::CompilerMessage(message)) => {
                        let rendered = message.message.rendered.unwrap_or_default();
                        eprint!("{rendered}");
                        if message.message.level
                            == cargo_metadata::diagnostic::DiagnosticLevel::Error
                        {
                            errors.push_str(&rendered);
                        }
                    }
                    _ => {}
                }
            }
        }
        let status = child.wait().map_err(CompileError::Start)?;
        if !status.success() {
            return Err(if errors.is_empty() {
                CompileError::Cargo(status.to_string())
            } else {
                CompileError::Compiler {
                    diagnostics: errors.trim_end().to_string(),
                }
            });
        }
        wasm.ok_or_else(|| CompileError::NoWasm(self.manifest.display().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_switches_pass_through_as_cargo_spells_them() {
        assert!(Features::default().args().is_empty());
        let f = Features {
            features: vec!["a".into(), "b c".into()],
            no_default_features: true,
            all_features: false,
        };
        assert_eq!(f.args(), ["--features", "a,b c", "--no-default-features"]);
    }
}
