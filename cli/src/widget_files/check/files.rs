//! Which files of a widget folder go into its archive, and which are left out and why.

use super::rules;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A file or folder that does not belong in an upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// Relative to the widget folder, `/`-separated; a folder ends with `/`.
    pub path: String,
    /// Why (`hidden`, `an editor backup`, …), from `rules::LEFT_OUT`.
    pub why: &'static str,
}

/// The folder split into what the archive holds and what it leaves out, both sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Entries {
    /// The files of the archive, relative to the folder, `/`-separated.
    pub(crate) files: Vec<String>,
    /// What is left out (a left-out folder is listed once, not file by file).
    pub(crate) left_out: Vec<LeftOut>,
}

/// Lists `dir` as its archive would hold it.
pub(crate) fn archive_entries(dir: &Path) -> io::Result<Entries> {
    let mut entries = Entries::default();
    walk(dir, &PathBuf::new(), &mut entries)?;
    entries.files.sort();
    entries.left_out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(entries)
}

fn walk(root: &Path, rel: &Path, out: &mut Entries) -> io::Result<()> {
    for entry in fs::read_dir(root.join(rel))? {
        let entry = entry?;
        let name = entry.file_name();
        // A name that is not UTF-8 cannot be written into the archive's (UTF-8) entry names.
        let Some(name) = name.to_str() else {
            let shown = rel.join(&name).to_string_lossy().replace('\\', "/");
            out.left_out.push(LeftOut {
                path: shown,
                why: "a name that is not UTF-8",
            });
            continue;
        };
        let path = rel.join(name);
        let shown: Vec<_> = path.iter().filter_map(|p| p.to_str()).collect();
        let shown = shown.join("/");
        let kind = entry.file_type()?;
        if let Some(why) = rules::left_out(name) {
            let path = if kind.is_dir() { shown + "/" } else { shown };
            out.left_out.push(LeftOut { path, why });
        } else if kind.is_dir() {
            walk(root, &path, out)?;
        } else if kind.is_file() {
            out.files.push(shown);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_archive_leaves_out_what_does_not_belong_in_an_upload() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        for file in ["manifest.json", "script.js~", "widget.zip", ".git/HEAD"] {
            std::fs::write(dir.join(file), "x").unwrap();
        }
        let entries = archive_entries(dir).unwrap();
        assert_eq!(entries.files, ["manifest.json"]);
        let left_out: Vec<_> = entries.left_out.iter().map(|l| l.path.as_str()).collect();
        assert_eq!(left_out, [".git/", "script.js~", "widget.zip"]);
    }
}
