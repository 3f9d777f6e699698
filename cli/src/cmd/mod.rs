//! The subcommands: one module each, with its clap arguments and a `run` that does the work and
//! returns the one error that `main` prints.

pub mod build;
pub mod check;
pub mod new;
pub mod pack;
pub mod serve;
pub mod test;
pub mod token;

use crate::pipeline::compile::Features;
use crate::pipeline::Profile;
use crate::progress::Verbosity;
use clap::{Parser, Subcommand};

/// amoCRM (Kommo) client-cabinet widgets in Rust: new, serve, test, build, check, pack.
#[derive(Parser)]
#[command(name = "amo-widget", version)]
pub struct Cli {
    /// Say only errors and results.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also show the commands run (and make cargo verbose).
    #[arg(short, long, global = true)]
    verbose: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// How much the progress lines say (`-q`, `-v`).
    pub fn verbosity(&self) -> Verbosity {
        if self.quiet {
            Verbosity::Quiet
        } else if self.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        }
    }
}

/// The subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Create a widget crate that builds, tests and serves out of the box.
    New(new::NewArgs),
    /// Serve the widget at / (with CORS) and the emulated client cabinet at /cabinet/, rebuilding
    /// and reloading on every change.
    Serve(serve::ServeArgs),
    /// Run the widget crate's browser tests in headless Chromium (or `--firefox`, `--webkit`),
    /// with the wasm-bindgen test runner of the crate's locked version (`wasm-pack test
    /// --headless --chrome` works too).
    Test(test::TestArgs),
    /// Build a widget crate into personal_page.js, manifest.json and widget.zip.
    Build(build::BuildArgs),
    /// Check a widget folder against the vendor's archive rules (manifest, i18n, images).
    Check(check::CheckArgs),
    /// Check a widget folder and zip it into widget.zip, files at the archive root.
    Pack(pack::PackArgs),
    /// Inspect (unverified) or verify (with the secret from the environment) a widget token.
    #[command(subcommand)]
    Token(token::TokenCommand),
}

impl Command {
    /// Runs the subcommand.
    pub fn run(self) -> anyhow::Result<()> {
        match self {
            Command::New(args) => args.run(),
            Command::Serve(args) => args.run(),
            Command::Test(args) => args.run(),
            Command::Build(args) => args.run(),
            Command::Check(args) => args.run(),
            Command::Pack(args) => args.run(),
            Command::Token(command) => command.run(),
        }
    }

    /// What the subcommand's error line starts with.
    pub fn error_label(&self) -> &'static str {
        match self {
            Command::New(_) => "amo-widget new",
            Command::Test(_) => "amo-widget test",
            Command::Check(_) => "amo-widget check",
            Command::Pack(_) => "amo-widget pack",
            Command::Token(_) => "amo-widget token",
            Command::Serve(_) | Command::Build(_) => "amo-widget",
        }
    }
}

/// How a command fails other than with an error for main to print (exit status 1).
#[derive(Debug, thiserror::Error)]
pub enum Failed {
    /// The command said what failed itself (a report, a verdict): exit with this status and
    /// print nothing more.
    #[error("exit status {0}")]
    Reported(u8),
    /// The command was used wrongly (exit status 2, as for clap's own usage errors).
    #[error("{0}")]
    Usage(String),
}

impl Failed {
    /// The process's exit status for `error`.
    pub fn exit_status(error: &anyhow::Error) -> u8 {
        match error.downcast_ref::<Failed>() {
            Some(Failed::Reported(status)) => *status,
            Some(Failed::Usage(_)) => 2,
            None => 1,
        }
    }
}

/// cargo's profile and feature switches, as cargo, wasm-pack and trunk spell them.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct CargoFlags {
    /// Build what ships: opt-level z, LTO, wasm-opt -Oz, minified (the default for `build`).
    #[arg(long, conflicts_with_all = ["dev", "profile"])]
    release: bool,
    /// Build with cargo's dev profile: no optimisation, no wasm-opt, no minifier.
    #[arg(long, conflicts_with = "profile")]
    dev: bool,
    /// Build with this cargo profile of the crate (then wasm-opt and the minifier run).
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// Feature switches.
    #[command(flatten)]
    pub(crate) features: Features,
}

impl CargoFlags {
    /// The profile asked for, if any.
    pub(crate) fn profile(&self) -> Option<Profile> {
        if self.release {
            Some(Profile::Release)
        } else if self.dev {
            Some(Profile::Dev)
        } else {
            self.profile.as_deref().map(Profile::named)
        }
    }
}
