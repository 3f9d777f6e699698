//! `amo-widget check`: will the vendor accept this folder as a widget archive, and will the
//! widget work?
//!
//! The rules are data, in [`rules`], each table naming the vendor page it comes from. The
//! manifest is read through [`Manifest::read_tolerant`], so one malformed value never hides the
//! rest: every finding comes out of one run, located by file, line and JSON path, with a
//! suggestion where there is one (`anywhere` → did you mean `everywhere`?).
//!
//! # Severity policy
#![doc = concat!("```text\n", include_str!("severity_policy.txt"), "```")]

mod encoding;
pub(crate) mod files;
pub mod image;
pub(crate) mod json_lines;
mod krate;
mod locations;
mod logos;
pub mod rules;
pub(crate) mod suggest;
mod widget;

pub(crate) use files::archive_entries;
pub use files::LeftOut;

use crate::widget_files::manifest::Manifest;
use json_lines::Lines;
pub use krate::check_crate;
use locations::split_suffix;
use serde_json::Value;
use std::fmt;
use std::path::Path;

/// The logo files as `(name, width, height)`, for tools that draw them (`amo-widget new`); the
/// rules, with when each is needed, are `rules::LOGOS`.
pub const LOGOS: &[(&str, u32, u32)] = &{
    let mut out = [("", 0, 0); rules::LOGOS.len()];
    let mut i = 0;
    while i < out.len() {
        let logo = rules::LOGOS[i];
        out[i] = (logo.name, logo.width, logo.height);
        i += 1;
    }
    out
};

/// The severity policy, as `amo-widget check --help` prints it.
pub const SEVERITY_POLICY: &str = include_str!("severity_policy.txt");

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The platform refuses the upload or the widget cannot work: `check` fails, `pack` refuses.
    Error,
    /// Published widgets do this and the platform says nothing; worth fixing. An error with
    /// `--strict`.
    Warning,
}

/// One finding, located in a file (and where known a line and a JSON path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the widget folder (`manifest.json`, `i18n/en.json`…).
    pub file: String,
    /// The 1-based line, when the finding is in a text file and could be located.
    pub line: Option<usize>,
    /// The JSON path in the file (`mobile.frame_url`), if any.
    pub at: Option<String>,
    /// What is wrong and what is expected.
    pub message: String,
    /// What to do about it, when there is an obvious fix (`did you mean `everywhere`?`).
    pub suggestion: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(at) = &self.at {
            write!(f, ": {at}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, "; {suggestion}")?;
        }
        Ok(())
    }
}

/// What `check` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Every finding, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// How many errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// Whether the folder may be packed.
    pub fn is_ok(&self) -> bool {
        self.errors() == 0
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

impl fmt::Display for Report {
    /// One line per finding, then a summary line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        write!(
            f,
            "{} error(s), {} warning(s)",
            self.errors(),
            self.warnings()
        )
    }
}

/// How strict to be.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// Every warning is an error.
    pub strict: bool,
}

/// Checks the widget folder `dir` (the future archive root): what `pack` would put in the
/// archive, nothing it leaves out.
///
/// ```
/// use amo_widget::widget_files::check::{check_dir, CheckOptions};
/// let dir = std::env::temp_dir().join(format!("amo-check-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("manifest.json"), r#"{"widget": {"name": "Demo", "version": "1.0.0"},
///     "locations": ["personal_page", "anywhere"]}"#).unwrap();
/// let report = check_dir(&dir, CheckOptions::default()).to_string();
/// assert!(report.contains("needs `personal_page.js`"));
/// assert!(report.contains("did you mean `everywhere`?"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn check_dir(dir: &Path, options: CheckOptions) -> Report {
    let mut checker = Checker {
        dir,
        options,
        report: Report::default(),
        files: Vec::new(),
    };
    checker.run();
    checker.report
}

struct Checker<'a> {
    dir: &'a Path,
    options: CheckOptions,
    report: Report,
    /// The archive's files.
    files: Vec<String>,
}

/// A JSON file read for checking: its text, its value and where each member starts.
struct JsonFile {
    name: String,
    value: Value,
    lines: Lines,
}

/// The manifest being checked: raw, indexed and modelled.
struct Doc {
    file: JsonFile,
    model: Manifest,
    /// The locations, `(index in the array, name)`, strings only.
    locations: Vec<(usize, String)>,
}

impl Doc {
    fn get(&self, path: &[&str]) -> Option<&Value> {
        path.iter().try_fold(&self.file.value, |v, k| v.get(k))
    }

    /// Whether a location with this base name (suffix ignored) is listed.
    fn has(&self, base: &str) -> bool {
        self.locations
            .iter()
            .any(|(_, l)| split_suffix(l).0 == base)
    }

    /// The JSON path of the first location with this base name (`locations[2]`), or of the
    /// whole list.
    fn location_path(&self, base: &str) -> String {
        self.locations
            .iter()
            .find(|(_, l)| split_suffix(l).0 == base)
            .map_or("locations".into(), |(i, _)| {
                json_lines::element("locations", *i)
            })
    }

    /// The first listed location among `bases`, as written.
    fn first_of(&self, bases: &[&str]) -> Option<&str> {
        self.locations
            .iter()
            .map(|(_, l)| l.as_str())
            .find(|l| bases.contains(&split_suffix(l).0))
    }
}

impl Checker<'_> {
    fn push(
        &mut self,
        severity: Severity,
        file: &str,
        line: Option<usize>,
        at: Option<&str>,
        message: String,
        suggestion: Option<String>,
    ) {
        let severity = if self.options.strict {
            Severity::Error
        } else {
            severity
        };
        self.report.diagnostics.push(Diagnostic {
            severity,
            file: file.into(),
            line,
            at: at.map(String::from),
            message,
            suggestion,
        });
    }

    fn on_file(&mut self, severity: Severity, file: &str, message: impl Into<String>) {
        self.push(severity, file, None, None, message.into(), None);
    }

    /// A finding at `path` in a JSON file, located by line.
    fn at(
        &mut self,
        severity: Severity,
        json: &JsonFile,
        path: &str,
        message: impl Into<String>,
        suggestion: Option<String>,
    ) {
        let line = json.lines.line(path);
        let at = (!path.is_empty()).then_some(path);
        self.push(severity, &json.name, line, at, message.into(), suggestion);
    }

    fn run(&mut self) {
        if !self.dir.is_dir() {
            let shown = self.dir.display().to_string();
            self.on_file(Severity::Error, &shown, "not a directory");
            return;
        }
        match archive_entries(self.dir) {
            Ok(entries) => self.files = entries.files,
            Err(e) => {
                let shown = self.dir.display().to_string();
                self.on_file(
                    Severity::Error,
                    &shown,
                    format!("cannot list the folder: {e}"),
                );
                return;
            }
        }
        for file in self.files.clone() {
            self.check_encoding(&file);
        }
        let Some(file) = self.read_json("manifest.json") else {
            return;
        };
        let read = Manifest::read_tolerant(&file.value);
        let locations = match file.value.get("locations") {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, l)| Some((i, l.as_str()?.to_owned())))
                .collect(),
            _ => Vec::new(),
        };
        let doc = Doc {
            file,
            model: read.manifest,
            locations,
        };
        for issue in &read.issues {
            self.type_issue(&doc.file, issue);
        }
        self.check_widget(&doc);
        self.check_locations(&doc);
        self.check_location_needs(&doc);
        self.check_settings(&doc);
        self.check_i18n(&doc);
        self.check_logos(&doc);
        self.check_tour(&doc);
    }
}

/// `https://host[...]`, nothing relative, no spaces.
pub fn is_absolute_https(url: &str) -> bool {
    let Some(rest) = url
        .get(..8)
        .filter(|scheme| scheme.eq_ignore_ascii_case("https://"))
        .map(|_| &url[8..])
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    !host.is_empty()
        && !host.starts_with(':')
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `#RRGGBB`.
pub fn is_hex_color(color: &str) -> bool {
    color.len() == 7 && color.starts_with('#') && color[1..].bytes().all(|b| b.is_ascii_hexdigit())
}
