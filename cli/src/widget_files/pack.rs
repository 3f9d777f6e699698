//! `amo-widget pack`: the folder `check` accepts, zipped with its files at the archive root,
//! leaving out what does not belong in an upload (the `LEFT_OUT` table of the check's rules).

use crate::widget_files::check::{archive_entries, check_dir, CheckOptions, LeftOut, Report};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Why a folder was not packed.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// `check` found errors; the report says which.
    #[error("the widget folder has errors:\n{0}")]
    Rejected(Report),
    /// Reading the folder or writing the archive failed.
    #[error("{path}: {source}")]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The zip writer failed.
    #[error("writing {path}: {source}")]
    Zip {
        /// The archive being written.
        path: PathBuf,
        /// The underlying error.
        source: zip::result::ZipError,
    },
}

/// What was packed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    /// The archive written.
    pub(crate) archive: PathBuf,
    /// The archive's entries, in order.
    pub files: Vec<String>,
    /// What the folder holds but the archive leaves out (a stale `widget.zip`, dotfiles,
    /// editor backups), sorted. The archive being written is not listed.
    pub left_out: Vec<LeftOut>,
    /// The check's findings (warnings only, since it was packed).
    pub report: Report,
}

/// Checks `dir` and, if `check` finds no error, writes it to `out` as a zip whose root is
/// `dir`'s contents, without what `archive_entries` leaves out. Entries are sorted and dated
/// 1980-01-01 so the same folder always gives the same bytes. `out` itself is left out if it
/// lies inside `dir`.
///
/// ```no_run
/// let packed = amo_widget::widget_files::pack::pack_dir("dist/hello".as_ref(), "dist/hello.zip".as_ref())?;
/// println!("{} files", packed.files.len());
/// # Ok::<(), amo_widget::widget_files::pack::PackError>(())
/// ```
pub fn pack_dir(dir: &Path, out: &Path) -> Result<Packed, PackError> {
    pack_dir_with(dir, out, CheckOptions::default())
}

/// [`pack_dir`] with the check's options (`strict` makes the image rules refuse the folder).
pub(crate) fn pack_dir_with(
    dir: &Path,
    out: &Path,
    options: CheckOptions,
) -> Result<Packed, PackError> {
    let report = check_dir(dir, options);
    if !report.is_ok() {
        return Err(PackError::Rejected(report));
    }
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| PackError::Io { path, source }
    };
    let out_abs = absolute(out);
    let entries = archive_entries(dir).map_err(io_err(dir))?;
    let mut files = entries.files;
    files.retain(|f| absolute(&dir.join(f)) != out_abs);
    let mut left_out = entries.left_out;
    left_out.retain(|l| absolute(&dir.join(&l.path)) != out_abs);

    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(io_err(parent))?;
    }
    // Written beside the target and renamed, so a failed pack never leaves half an archive.
    let partial = out.with_extension("zip.partial");
    let zip_err = |source| PackError::Zip {
        path: out.to_path_buf(),
        source,
    };
    let file = fs::File::create(&partial).map_err(io_err(&partial))?;
    let mut zip = ZipWriter::new(io::BufWriter::new(file));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for name in &files {
        let bytes = fs::read(dir.join(name)).map_err(io_err(&dir.join(name)))?;
        zip.start_file(name.as_str(), options).map_err(zip_err)?;
        zip.write_all(&bytes).map_err(io_err(&partial))?;
    }
    let mut writer = zip.finish().map_err(zip_err)?;
    writer.flush().map_err(io_err(&partial))?;
    drop(writer);
    fs::rename(&partial, out).map_err(io_err(out))?;
    Ok(Packed {
        archive: out.to_path_buf(),
        files,
        left_out,
        report,
    })
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Normalise `.` and `..` without touching the file system (the file may not exist yet).
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
