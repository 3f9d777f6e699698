//! `amo-widget pack`: a checked widget folder [zipped](crate::widget_files::pack) for upload.

use crate::widget_files::check::CheckOptions;
use crate::widget_files::pack::pack_dir_with;
use std::path::PathBuf;

/// `amo-widget pack [DIR] [-o OUT]`.
#[derive(Debug, clap::Args)]
pub struct PackArgs {
    /// The widget folder (the future archive root).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Where to write the archive.
    #[arg(short, long, default_value = "widget.zip")]
    out: PathBuf,
    /// Refuse the folder on warnings too, as `check --strict`.
    #[arg(long)]
    strict: bool,
}

impl PackArgs {
    /// Packs, printing the check's warnings and the archive written.
    pub fn run(self) -> anyhow::Result<()> {
        let options = CheckOptions {
            strict: self.strict,
        };
        let packed = pack_dir_with(&self.dir, &self.out, options)?;
        for d in &packed.report.diagnostics {
            println!("{d}");
        }
        for l in &packed.left_out {
            println!("left out {}: {}", l.path, l.why);
        }
        println!(
            "wrote {} ({} files)",
            packed.archive.display(),
            packed.files.len()
        );
        // The vendor's upload page: the archive "должен обязательно называться widget.zip".
        if self
            .out
            .file_name()
            .is_some_and(|name| name != "widget.zip")
        {
            println!("note: the vendor's upload takes the archive only as widget.zip");
        }
        Ok(())
    }
}
