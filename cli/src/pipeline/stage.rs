//! The last steps: the crate's widget files and the script staged together and packed into
//! `widget.zip` (which `amo-widget check` must accept), then copied to the output directory.
//!
//! Staged apart from the output directory, which may hold other things of the author's: a
//! refused pack leaves the previous output as it was.

use super::script::Script;
use crate::pipeline::bundle::{Mode, SPLIT_WASM_NAME};
use crate::widget_files::{copy_dir, pack};
use anyhow::{ensure, Context as _, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// The files the build makes, which the widget folder must not hold.
const MADE: [&str; 3] = ["personal_page.js", SPLIT_WASM_NAME, "widget.zip"];

/// The widget folder as staged: its files with the script beside them, and their archive.
#[derive(Debug, Clone)]
pub(crate) struct Staged {
    /// The widget's files.
    dir: PathBuf,
    /// Their archive.
    zip: PathBuf,
}

/// Stages `widget_dir`'s files and `script` in `work/stage` and packs them into
/// `work/widget.zip`.
pub(crate) fn stage(widget_dir: &Path, work: &Path, script: &Script, mode: Mode) -> Result<Staged> {
    let dir = work.join("stage");
    if dir.exists() {
        fs::remove_dir_all(&dir).with_context(|| dir.display().to_string())?;
    }
    copy_dir(widget_dir, &dir)?;
    for made in MADE {
        ensure!(
            !dir.join(made).exists(),
            "{} must not contain {made}: the build makes it",
            widget_dir.display()
        );
    }
    write(&dir.join("personal_page.js"), script.text.as_bytes())?;
    if mode == Mode::Split {
        write(&dir.join(SPLIT_WASM_NAME), &script.wasm)?;
    }
    let zip = work.join("widget.zip");
    pack::pack_dir(&dir, &zip)?;
    Ok(Staged { dir, zip })
}

/// Copies the staged files and archive into `out_dir` (what the local cabinet and the dev loop
/// serve); returns the archive's path there.
pub(crate) fn publish(staged: &Staged, out_dir: &Path) -> Result<PathBuf> {
    fs::create_dir_all(out_dir).with_context(|| out_dir.display().to_string())?;
    // A split build's module left from an earlier build would be served with the inline one.
    let stale = out_dir.join(SPLIT_WASM_NAME);
    if stale.exists() {
        fs::remove_file(&stale).with_context(|| stale.display().to_string())?;
    }
    copy_dir(&staged.dir, out_dir)?;
    let zip = out_dir.join("widget.zip");
    fs::copy(&staged.zip, &zip).with_context(|| zip.display().to_string())?;
    Ok(zip)
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    fs::write(path, bytes).with_context(|| path.display().to_string())
}
