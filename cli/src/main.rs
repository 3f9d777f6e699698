//! `amo-widget`: the widget authors' command line.

use amo_widget::{build, bundle};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Build, check and pack amoCRM client-cabinet widgets written in Rust.
#[derive(Parser)]
#[command(name = "amo-widget", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build a widget crate into personal_page.js, manifest.json and widget.zip.
    Build {
        /// The widget crate (default: the current directory).
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Output directory (default: <target dir>/widgets/<package name>).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Put the WebAssembly beside the script and load it asynchronously (for big widgets).
        #[arg(long)]
        split: bool,
        /// Keep the leak counters (`__amoStats`) that amo-widget's own end-to-end tests read.
        #[arg(long, hide = true)]
        test_hooks: bool,
    },
    /// Check a widget folder against the vendor's archive rules (manifest, i18n, images).
    Check(amo_widget::check::CheckArgs),
    /// Check a widget folder and zip it into widget.zip, files at the archive root.
    Pack(amo_widget::pack::PackArgs),
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
    },
    /// Run the widget crate's browser tests in headless Chromium (wasm-pack test --headless --chrome).
    Test(amo_widget::test_cmd::TestArgs),
    /// Inspect (unverified) or verify (with the secret from the environment) a widget token.
    #[command(subcommand)]
    Token(amo_widget::token::TokenCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: Result<(), String> = match cli.command {
        Command::Build {
            path,
            out,
            split,
            test_hooks,
        } => run_build(path, out, split, test_hooks),
        Command::New(args) => return args.run(),
        Command::Serve {
            path,
            port,
            host,
            fixtures,
        } => amo_widget::serve::serve(amo_widget::serve::ServeOptions {
            crate_dir: path,
            addr: std::net::SocketAddr::new(host, port),
            fixtures,
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

fn run_build(
    path: PathBuf,
    out: Option<PathBuf>,
    split: bool,
    test_hooks: bool,
) -> Result<(), String> {
    let options = build::BuildOptions {
        crate_dir: path,
        out_dir: out,
        mode: if split {
            bundle::Mode::Split
        } else {
            bundle::Mode::Inline
        },
        test_hooks,
    };
    let built = build::build(&options).map_err(|e| e.to_string())?;
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
