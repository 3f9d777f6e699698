//! `amo-widget check` run inside a widget crate: the widget folder as the build will pack it.

use super::{check_dir, CheckOptions, Report};
use std::fs;
use std::path::Path;

/// Checks a widget crate's widget folder (`widget/`, or `[package.metadata.amo-widget]
/// widget-dir`) as `amo-widget build` will pack it: the build supplies `personal_page.js`, so a
/// stand-in takes its place while the folder's copy is checked.
pub fn check_crate(crate_dir: &Path, options: CheckOptions) -> Result<Report, String> {
    let krate = crate::build::inspect_manifest(crate_dir).map_err(|e| e.to_string())?;
    let stage = krate
        .target_dir
        .join("amo-widget")
        .join(&krate.name)
        .join("check");
    if stage.exists() {
        fs::remove_dir_all(&stage).map_err(|e| format!("{}: {e}", stage.display()))?;
    }
    copy_tree(&krate.widget_dir, &stage)?;
    let script = stage.join("personal_page.js");
    if !script.exists() {
        fs::write(&script, "define([], function () { return {}; });\n")
            .map_err(|e| format!("{}: {e}", script.display()))?;
    }
    println!(
        "checking {} as the build will pack it (personal_page.js comes from the build)",
        krate.widget_dir.display()
    );
    Ok(check_dir(&stage, options))
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}
