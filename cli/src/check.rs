//! `amo-widget check`: is this folder a widget archive the vendor will accept?

use crate::manifest::{Location, Manifest, SettingField};
use crate::png;
use indexmap::IndexMap;
use serde_json::Value;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The logo files of the vendor's upload rules: name, width, height.
pub const LOGOS: &[(&str, u32, u32)] = &[
    ("logo_main", 400, 272),
    ("logo_small", 108, 108),
    ("logo", 130, 100),
    ("logo_medium", 240, 84),
    ("logo_min", 84, 84),
    ("logo_dp", 174, 109),
];

/// The largest PNG the vendor accepts.
pub const MAX_PNG_BYTES: u64 = 300 * 1024;

/// Files read as text, which must be UTF-8 without a byte order mark.
const TEXT_EXTENSIONS: &[&str] = &[
    "json", "js", "css", "html", "htm", "twig", "txt", "svg", "md",
];

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The archive would be refused or would not work: `check` fails and `pack` refuses.
    Error,
    /// Worth fixing; an error with `--strict`.
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
        write!(f, ": {}", self.message)
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
    /// Image size rules are errors instead of warnings.
    pub strict: bool,
}

/// Checks the widget folder `dir` (the future archive root).
///
/// ```
/// use amo_widget::check::{check_dir, CheckOptions};
/// let dir = std::env::temp_dir().join(format!("amo-check-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("manifest.json"), r#"{"widget": {"name": "Demo", "version": "1.0.0"},
///     "locations": ["personal_page"]}"#).unwrap();
/// let report = check_dir(&dir, CheckOptions::default());
/// assert!(!report.is_ok());
/// assert!(report.to_string().contains("personal_page.js"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn check_dir(dir: &Path, options: CheckOptions) -> Report {
    let mut checker = Checker {
        dir,
        options,
        report: Report::default(),
    };
    checker.run();
    checker.report
}

struct Checker<'a> {
    dir: &'a Path,
    options: CheckOptions,
    report: Report,
}

/// A JSON file read for checking: its text (for locating lines) and its value.
struct JsonFile {
    text: String,
    value: Value,
}

impl Checker<'_> {
    fn push(
        &mut self,
        severity: Severity,
        file: &str,
        line: Option<usize>,
        at: Option<&str>,
        message: String,
    ) {
        self.report.diagnostics.push(Diagnostic {
            severity,
            file: file.into(),
            line,
            at: at.map(String::from),
            message,
        });
    }

    fn error(&mut self, file: &str, message: impl Into<String>) {
        self.push(Severity::Error, file, None, None, message.into());
    }

    fn image_rule(&self) -> Severity {
        if self.options.strict {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    fn run(&mut self) {
        if !self.dir.is_dir() {
            let shown = self.dir.display().to_string();
            self.error(&shown, "not a directory");
            return;
        }
        let files = match archive_files(self.dir) {
            Ok(files) => files,
            Err(e) => {
                let shown = self.dir.display().to_string();
                self.error(&shown, format!("cannot list the folder: {e}"));
                return;
            }
        };
        for file in &files {
            self.check_encoding(file);
        }
        let Some(manifest_file) = self.read_json("manifest.json") else {
            return;
        };
        let manifest: Manifest = match serde_path_to_error::deserialize(&manifest_file.value) {
            Ok(m) => m,
            Err(e) => {
                // `widget.locale[0]`: the keys locate the line, the whole path is shown.
                let path = e.path().to_string();
                let keys: Vec<&str> = path
                    .split('.')
                    .filter_map(|k| k.split('[').next())
                    .filter(|k| !k.is_empty())
                    .collect();
                let line = locate(&manifest_file.text, &keys);
                self.push(
                    Severity::Error,
                    "manifest.json",
                    line,
                    Some(&path),
                    format!("does not match the manifest format: {}", e.inner()),
                );
                return;
            }
        };
        self.check_widget(&manifest, &manifest_file);
        self.check_locations(&manifest, &manifest_file);
        self.check_i18n(&manifest, &manifest_file);
        self.check_images();
    }

    fn check_encoding(&mut self, file: &str) {
        let is_text = Path::new(file)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| TEXT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if !is_text {
            return;
        }
        let Ok(bytes) = fs::read(self.dir.join(file)) else {
            self.error(file, "cannot be read");
            return;
        };
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            self.push(
                Severity::Error,
                file,
                Some(1),
                None,
                "starts with a UTF-8 byte order mark; save it as UTF-8 without BOM".into(),
            );
        }
        if let Err(e) = std::str::from_utf8(&bytes) {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            self.push(
                Severity::Error,
                file,
                Some(line),
                None,
                format!("is not UTF-8 (invalid byte at offset {})", e.valid_up_to()),
            );
        }
    }

    /// Reads and parses a JSON file, reporting why it cannot be.
    fn read_json(&mut self, file: &str) -> Option<JsonFile> {
        let path = self.dir.join(file);
        let Ok(bytes) = fs::read(&path) else {
            self.error(file, "is missing");
            return None;
        };
        // The BOM and non-UTF-8 were reported by the encoding pass.
        let text = String::from_utf8(bytes).ok()?;
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        match serde_json::from_str::<Value>(body) {
            Ok(value) if value.is_object() => Some(JsonFile { text, value }),
            Ok(_) => {
                self.error(file, "is not a JSON object");
                None
            }
            Err(e) => {
                self.push(
                    Severity::Error,
                    file,
                    Some(e.line()),
                    None,
                    format!("is not valid JSON: {e}"),
                );
                None
            }
        }
    }

    fn manifest_issue(
        &mut self,
        severity: Severity,
        file: &JsonFile,
        path: &[&str],
        message: String,
    ) {
        let line = locate(&file.text, path);
        self.push(
            severity,
            "manifest.json",
            line,
            Some(&path.join(".")),
            message,
        );
    }

    fn check_widget(&mut self, manifest: &Manifest, file: &JsonFile) {
        if file.value.get("widget").is_none() {
            self.manifest_issue(
                Severity::Error,
                file,
                &["widget"],
                "the `widget` object is missing".into(),
            );
            return;
        }
        let w = &manifest.widget;
        for (key, value) in [("name", &w.name), ("version", &w.version)] {
            if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                self.manifest_issue(
                    Severity::Warning,
                    file,
                    &["widget", key],
                    format!("`widget.{key}` is missing"),
                );
            }
        }
        if w.locale.is_empty() {
            self.manifest_issue(
                Severity::Warning,
                file,
                &["widget", "locale"],
                "no locale declared; list at least one, with its i18n/<locale>.json".into(),
            );
        }
    }

    fn check_locations(&mut self, manifest: &Manifest, file: &JsonFile) {
        let has = |l: &Location| manifest.locations.contains(l);
        if manifest.locations.is_empty() {
            self.manifest_issue(
                Severity::Error,
                file,
                &["locations"],
                "no locations: the widget would appear nowhere".into(),
            );
        }
        let page_js = self.dir.join("personal_page.js").is_file();
        match (has(&Location::PersonalPage), page_js) {
            (true, false) => self.manifest_issue(
                Severity::Error,
                file,
                &["locations"],
                "location `personal_page` needs `personal_page.js` at the archive root".into(),
            ),
            (false, true) => self.push(
                Severity::Error,
                "personal_page.js",
                None,
                None,
                "is at the archive root but `locations` does not list `personal_page`".into(),
            ),
            _ => {}
        }
        match (&manifest.mobile, has(&Location::MobileCard)) {
            (None, true) => self.manifest_issue(
                Severity::Error,
                file,
                &["locations"],
                "location `mobile_card` needs a `mobile` object with `frame_url` and `color`"
                    .into(),
            ),
            (Some(_), false) => self.manifest_issue(
                Severity::Warning,
                file,
                &["mobile"],
                "a `mobile` object without the `mobile_card` location is ignored".into(),
            ),
            _ => {}
        }
        if let Some(mobile) = &manifest.mobile {
            match mobile.frame_url.as_deref() {
                None => self.manifest_issue(
                    Severity::Error,
                    file,
                    &["mobile"],
                    "`frame_url` is missing".into(),
                ),
                Some(url) if !is_absolute_https(url) => self.manifest_issue(
                    Severity::Error,
                    file,
                    &["mobile", "frame_url"],
                    format!("must be an absolute https URL, found {url:?}"),
                ),
                _ => {}
            }
            match mobile.color.as_deref() {
                None => self.manifest_issue(
                    Severity::Error,
                    file,
                    &["mobile"],
                    "`color` is missing".into(),
                ),
                Some(color) if !is_hex_color(color) => self.manifest_issue(
                    Severity::Error,
                    file,
                    &["mobile", "color"],
                    format!("must be a #RRGGBB colour, found {color:?}"),
                ),
                _ => {}
            }
        }
        if has(&Location::DigitalPipeline) && manifest.dp.is_none() {
            self.manifest_issue(
                Severity::Warning,
                file,
                &["locations"],
                "location `digital_pipeline` usually comes with a `dp` object".into(),
            );
        }
    }

    fn check_i18n(&mut self, manifest: &Manifest, file: &JsonFile) {
        let mut references: Vec<(Vec<String>, String)> = Vec::new();
        let w = &manifest.widget;
        for (key, value) in [
            ("name", &w.name),
            ("description", &w.description),
            ("short_description", &w.short_description),
        ] {
            if let Some(value) = value {
                references.push((vec!["widget".into(), key.into()], value.clone()));
            }
        }
        let mut fields = |prefix: &[&str], map: &Option<IndexMap<String, SettingField>>| {
            for (key, field) in map.iter().flatten() {
                if let Some(name) = &field.name {
                    let mut path: Vec<String> = prefix.iter().map(|s| s.to_string()).collect();
                    path.extend([key.clone(), "name".into()]);
                    references.push((path, name.clone()));
                }
            }
        };
        fields(&["settings"], &manifest.settings);
        if let Some(dp) = &manifest.dp {
            fields(&["dp", "settings"], &dp.settings);
        }
        references.retain(|(_, key)| is_i18n_key(key));

        for locale in &w.locale {
            let i18n_file = format!("i18n/{locale}.json");
            if !self.dir.join(&i18n_file).is_file() {
                let line = locate(&file.text, &["widget", "locale"]);
                self.push(
                    Severity::Error,
                    "manifest.json",
                    line,
                    Some("widget.locale"),
                    format!("locale `{locale}` is declared but `{i18n_file}` is missing"),
                );
                continue;
            }
            let Some(messages) = self.read_json(&i18n_file) else {
                continue;
            };
            for (path, key) in &references {
                let found = key
                    .split('.')
                    .try_fold(&messages.value, |v, part| v.get(part))
                    .is_some_and(|v| !v.is_object());
                if !found {
                    let path = path.join(".");
                    self.push(
                        Severity::Error,
                        &i18n_file,
                        None,
                        Some(key),
                        format!("text `{key}` is not defined (manifest.json {path} refers to it)"),
                    );
                }
            }
        }
    }

    fn check_images(&mut self) {
        let severity = self.image_rule();
        for &(name, width, height) in LOGOS {
            let file = format!("images/{name}.png");
            let path = self.dir.join(&file);
            let Ok(meta) = fs::metadata(&path) else {
                continue;
            };
            if meta.len() > MAX_PNG_BYTES {
                self.push(
                    severity,
                    &file,
                    None,
                    None,
                    format!(
                        "is {} KB; the vendor accepts at most {} KB",
                        meta.len().div_ceil(1024),
                        MAX_PNG_BYTES / 1024
                    ),
                );
            }
            let header = read_prefix(&path, 32);
            match png::dimensions(&header) {
                None => self.error(&file, "is not a PNG image"),
                Some((w, h)) if (w, h) != (width, height) => self.push(
                    severity,
                    &file,
                    None,
                    None,
                    format!("is {w}x{h} px; the vendor's rules want {width}x{height} px"),
                ),
                _ => {}
            }
        }
    }
}

fn read_prefix(path: &Path, n: usize) -> Vec<u8> {
    use std::io::Read;
    let mut buf = Vec::with_capacity(n);
    if let Ok(file) = fs::File::open(path) {
        let _ = file.take(n as u64).read_to_end(&mut buf);
    }
    buf
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

/// Manifest texts that are i18n keys (`widget.name`, `settings.login`) rather than literal text.
fn is_i18n_key(value: &str) -> bool {
    let mut parts = value.split('.');
    let valid = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    value.contains('.') && parts.all(valid)
}

/// The line of the member at `path` in a JSON text, found by scanning for each key in turn.
/// Approximate (it does not parse), but it only ever points at a line holding the last key.
fn locate(text: &str, path: &[&str]) -> Option<usize> {
    let mut from = 0;
    for key in path {
        let needle = format!("\"{key}\"");
        let mut search = from;
        loop {
            let at = search + text[search..].find(&needle)?;
            let after = text[at + needle.len()..].trim_start();
            search = at + needle.len();
            if after.starts_with(':') {
                from = search;
                break;
            }
        }
    }
    Some(text[..from].matches('\n').count() + 1)
}

/// The files of the future archive, relative to `dir`, `/`-separated and sorted; hidden files
/// and folders (`.git`, `.DS_Store`) are not part of a widget.
pub fn archive_files(dir: &Path) -> std::io::Result<Vec<String>> {
    fn walk(root: &Path, rel: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
        for entry in fs::read_dir(root.join(rel))? {
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            let rel = rel.join(name);
            let kind = entry.file_type()?;
            if kind.is_dir() {
                walk(root, &rel, out)?;
            } else if kind.is_file() {
                let parts: Vec<_> = rel.iter().filter_map(|p| p.to_str()).collect();
                out.push(parts.join("/"));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, &PathBuf::new(), &mut out)?;
    out.sort();
    Ok(out)
}

/// `amo-widget check [DIR] [--strict]`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The widget folder (the future archive root).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Treat the image rules (pixel sizes, 300 KB) as errors, not warnings.
    #[arg(long)]
    pub strict: bool,
}

impl CheckArgs {
    /// Prints the findings; fails when there are errors. Inside a widget crate (a `Cargo.toml`
    /// beside the widget folder) it checks the widget folder as the build will pack it.
    pub fn run(self) -> ExitCode {
        let options = CheckOptions {
            strict: self.strict,
        };
        let report = if self.dir.join("Cargo.toml").is_file() {
            match check_crate(&self.dir, options) {
                Ok(report) => report,
                Err(message) => {
                    eprintln!("amo-widget check: {message}");
                    return ExitCode::FAILURE;
                }
            }
        } else {
            check_dir(&self.dir, options)
        };
        println!("{report}");
        if report.is_ok() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}

/// Checks a widget crate's widget folder (`widget/`, or `[package.metadata.amo-widget]
/// widget-dir`) as `amo-widget build` will pack it: the build supplies `personal_page.js`, so a
/// stand-in takes its place while the folder's copy is checked.
pub fn check_crate(crate_dir: &Path, options: CheckOptions) -> Result<Report, String> {
    let krate = crate::build::inspect(crate_dir).map_err(|e| e.to_string())?;
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
