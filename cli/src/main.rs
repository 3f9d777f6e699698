//! `amo-widget`: the widget authors' command line.

use amo_widget::cmd::{Cli, Failed};
use amo_widget::progress;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    progress::set_verbosity(cli.verbosity());
    let label = cli.command.error_label();
    match cli.command.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if !matches!(error.downcast_ref(), Some(Failed::Reported(_))) {
                eprintln!("{label}: {error:#}");
            }
            ExitCode::from(Failed::exit_status(&error))
        }
    }
}
