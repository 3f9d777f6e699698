//! `amo-widget`: the widget authors' command line.

use amo_widget::{build, bundle, compile, progress};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// amoCRM (Kommo) client-cabinet widgets in Rust: new, serve, test, build, check, pack.
#[derive(Parser)]
#[command(name = "amo-widget", version)]
struct Cli {
    /// Say only errors and results.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also show the commands run (and make cargo verbose).
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

/// cargo's profile and feature switches, as cargo, wasm-pack and trunk spell them.
#[derive(clap::Args, Debug, Clone)]
struct CargoFlags {
    /// Build what ships: opt-level z, LTO, wasm-opt -Oz, minified (the default for `build`).
    #[arg(long, conflicts_with_all = ["dev", "profile"])]
    release: bool,
    /// Build with cargo's dev profile: no optimisation, no wasm-opt, no minifier.
    #[arg(long, conflicts_with = "profile")]
    dev: bool,
    /// Build with this cargo profile of the crate (then wasm-opt and the minifier run).
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    #[command(flatten)]
    features: compile::Features,
}

impl CargoFlags {
    /// The profile asked for, if any.
    fn profile(&self) -> Option<build::Profile> {
        if self.release {
            Some(build::Profile::Release)
        } else if self.dev {
            Some(build::Profile::Dev)
        } else {
            self.profile.as_deref().map(build::Profile::named)
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Create a widget crate that builds, tests and serves out of the box.
    New(amo_widget::new::NewArgs),
    /// Serve the widget at / (with CORS) and the emulated client cabinet at /cabinet/, rebuilding
    /// and reloading on every change.
    Serve {
        /// The widget crate (default: the current directory).
        #[arg(default_value = ".")]
        path: PathBuf,
        /// The port to listen on (0: any free port).
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// A JSON file with the cabinet's data (sys, leads, leadFields, authors), watched.
        #[arg(long)]
        fixtures: Option<PathBuf>,
        /// Open the cabinet in the browser once the server listens.
        #[arg(long)]
        open: bool,
        /// Serve's own quick profile unless one is asked for: `--release` serves what ships.
        #[command(flatten)]
        cargo: CargoFlags,
    },
    /// Run the widget crate's browser tests in headless Chromium, with the wasm-bindgen test
    /// runner of the crate's locked version (`wasm-pack test --headless --chrome` works too).
    Test(amo_widget::test_cmd::TestArgs),
    /// Build a widget crate into personal_page.js, manifest.json and widget.zip.
    Build {
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
    },
    /// Check a widget folder against the vendor's archive rules (manifest, i18n, images).
    Check(amo_widget::check::CheckArgs),
    /// Check a widget folder and zip it into widget.zip, files at the archive root.
    Pack(amo_widget::pack::PackArgs),
    /// Inspect (unverified) or verify (with the secret from the environment) a widget token.
    #[command(subcommand)]
    Token(amo_widget::token::TokenCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    progress::set_verbosity(if cli.quiet {
        progress::Verbosity::Quiet
    } else if cli.verbose {
        progress::Verbosity::Verbose
    } else {
        progress::Verbosity::Normal
    });
    let result: Result<(), String> = match cli.command {
        Command::Build {
            path,
            out_dir,
            split,
            test_hooks,
            wasm_opt,
            cargo,
        } => run_build(
            &wasm_opt,
            build::BuildOptions {
                crate_dir: path,
                out_dir,
                mode: if split {
                    bundle::Mode::Split
                } else {
                    bundle::Mode::Inline
                },
                test_hooks,
                profile: cargo.profile().unwrap_or_default(),
                features: cargo.features,
            },
        ),
        Command::New(args) => return args.run(),
        Command::Serve {
            path,
            port,
            host,
            fixtures,
            open,
            cargo,
        } => amo_widget::serve::serve(amo_widget::serve::ServeOptions {
            crate_dir: path,
            addr: std::net::SocketAddr::new(host, port),
            fixtures,
            profile: cargo.profile().unwrap_or(build::Profile::Serve),
            features: cargo.features,
            open,
        })
        .map_err(|e| e.to_string()),
        Command::Test(args) => return args.run(),
        Command::Check(args) => return args.run(),
        Command::Pack(args) => return args.run(),
        Command::Token(command) => return command.run(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("amo-widget: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_build(wasm_opt: &str, options: build::BuildOptions) -> Result<(), String> {
    let wasm_opt = amo_widget::wasm_opt::WasmOpt::choose(wasm_opt, &options.crate_dir)
        .map_err(|e| e.to_string())?;
    let built = build::build_using(&options, wasm_opt).map_err(|e| e.to_string())?;
    let script = std::fs::metadata(&built.script)
        .map(|m| m.len())
        .unwrap_or(0);
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
