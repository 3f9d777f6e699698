//! `amo-widget check` run inside a widget crate: the widget folder as the build will pack it.

use super::{check_dir, CheckOptions, Report};
use crate::widget_files::copy_dir;
use anyhow::{Context as _, Result};
use std::fs;
use std::path::Path;

/// Checks a widget crate's widget folder (`widget/`, or `[package.metadata.amo-widget]
/// widget-dir`) as `amo-widget build` will pack it: the build supplies `personal_page.js`, so a
/// stand-in takes its place while the folder's copy is checked.
pub fn check_crate(crate_dir: &Path, options: CheckOptions) -> Result<Report> {
    let krate = crate::pipeline::krate::inspect_manifest(crate_dir)?;
    let stage = krate
        .target_dir
        .join("amo-widget")
        .join(&krate.name)
        .join("check");
    if stage.exists() {
        fs::remove_dir_all(&stage).with_context(|| stage.display().to_string())?;
    }
    copy_dir(&krate.widget_dir, &stage)?;
    let script = stage.join("personal_page.js");
    if !script.exists() {
        fs::write(&script, "define([], function () { return {}; });\n")
            .with_context(|| script.display().to_string())?;
    }
    println!(
        "checking {} as the build will pack it (personal_page.js comes from the build)",
        krate.widget_dir.display()
    );
    Ok(check_dir(&stage, options))
}
