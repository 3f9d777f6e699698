//! `amo-widget`: the widget authors' command line.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Build, check and pack amoCRM client-cabinet widgets written in Rust.
#[derive(Parser)]
#[command(name = "amo-widget", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {}
}
