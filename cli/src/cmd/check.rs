//! `amo-widget check`: [the vendor's rules](crate::widget_files::check) over a widget folder, or
//! over a widget crate's folder as the build will pack it.

use super::Failed;
use crate::widget_files::check::{check_crate, check_dir, CheckOptions, SEVERITY_POLICY};
use std::path::PathBuf;

/// `amo-widget check [DIR] [--strict]`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = SEVERITY_POLICY)]
pub struct CheckArgs {
    /// The widget folder (the future archive root).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Treat every warning as an error (see the severity policy in --help).
    #[arg(long)]
    strict: bool,
}

impl CheckArgs {
    /// Prints the findings; fails when there are errors. Inside a widget crate (a `Cargo.toml`
    /// beside the widget folder) it checks the widget folder as the build will pack it.
    pub fn run(self) -> anyhow::Result<()> {
        let options = CheckOptions {
            strict: self.strict,
        };
        let report = if self.dir.join("Cargo.toml").is_file() {
            check_crate(&self.dir, options)?
        } else {
            check_dir(&self.dir, options)
        };
        println!("{report}");
        if report.is_ok() {
            Ok(())
        } else {
            Err(Failed::Reported(1).into())
        }
    }
}
