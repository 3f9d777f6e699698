//! The widget folder, the future archive root: `manifest.json`'s model ([`manifest`]), the
//! vendor's rules and `amo-widget check` ([`check`], images included), and the archive
//! ([`pack`]).

pub mod check;
pub mod manifest;
pub mod pack;

use anyhow::{Context as _, Result};
use std::fs;
use std::path::Path;

/// Copies the directory tree `from` into `to` (created if missing; files there are replaced).
pub(crate) fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| to.display().to_string())?;
    for entry in fs::read_dir(from).with_context(|| from.display().to_string())? {
        let entry = entry.with_context(|| from.display().to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).with_context(|| target.display().to_string())?;
        }
    }
    Ok(())
}
