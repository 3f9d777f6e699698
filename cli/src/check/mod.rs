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

pub mod files;
pub mod image;
pub mod json_lines;
pub mod rules;
pub mod suggest;

pub use files::{archive_entries, archive_files, Entries, LeftOut};

use crate::manifest::{Manifest, TypeIssue};
use json_lines::{element, member, Lines};
use rules::{Needed, Suffix};
use serde_json::Value;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The logo files as `(name, width, height)`, for tools that draw them (`amo-widget new`); the
/// rules, with when each is needed, are [`rules::LOGOS`].
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

/// The largest image the vendor accepts, in bytes ([`rules::MAX_IMAGE_BYTES`]).
pub const MAX_PNG_BYTES: u64 = rules::MAX_IMAGE_BYTES;

/// The severity policy, as `amo-widget check --help` prints it.
pub const SEVERITY_POLICY: &str = include_str!("severity_policy.txt");

/// Files read as text: JSON must be UTF-8 without a byte order mark (the platform's PHP JSON
/// parser refuses one); the others are only expected to be UTF-8.
const TEXT_EXTENSIONS: &[&str] = &[
    "json", "js", "css", "html", "htm", "twig", "txt", "svg", "md",
];

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
/// use amo_widget::check::{check_dir, CheckOptions};
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

    /// The first listed location among `bases`, as written.
    fn first_of(&self, bases: &[&str]) -> Option<&str> {
        self.locations
            .iter()
            .map(|(_, l)| l.as_str())
            .find(|l| bases.contains(&split_suffix(l).0))
    }
}

/// `lcard-1` → (`lcard`, Some(`1`)); `everywhere` → (`everywhere`, None).
fn split_suffix(location: &str) -> (&str, Option<&str>) {
    match location.rsplit_once('-') {
        Some((base, suffix))
            if !base.is_empty()
                && !suffix.is_empty()
                && suffix.bytes().all(|b| b.is_ascii_digit()) =>
        {
            (base, Some(suffix))
        }
        _ => (location, None),
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

    fn check_encoding(&mut self, file: &str) {
        let extension = Path::new(file)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let Some(extension) = extension.filter(|e| TEXT_EXTENSIONS.contains(&e.as_str())) else {
            return;
        };
        let is_json = extension == "json";
        let Ok(bytes) = fs::read(self.dir.join(file)) else {
            self.on_file(Severity::Error, file, "cannot be read");
            return;
        };
        // Browsers strip a BOM from scripts and pages; PHP's json_decode fails on one.
        if is_json && bytes.starts_with(b"\xEF\xBB\xBF") {
            self.push(
                Severity::Error,
                file,
                Some(1),
                None,
                "starts with a UTF-8 byte order mark, which the platform's JSON parser refuses"
                    .into(),
                Some("save it as UTF-8 without BOM".into()),
            );
        }
        if let Err(e) = std::str::from_utf8(&bytes) {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            let severity = if is_json {
                Severity::Error
            } else {
                Severity::Warning
            };
            self.push(
                severity,
                file,
                Some(line),
                None,
                format!("is not UTF-8 (invalid byte at offset {})", e.valid_up_to()),
                Some("save it as UTF-8".into()),
            );
        }
    }

    /// Reads and parses a JSON file, reporting why it cannot be.
    fn read_json(&mut self, file: &str) -> Option<JsonFile> {
        let Ok(bytes) = fs::read(self.dir.join(file)) else {
            self.on_file(Severity::Error, file, "is missing");
            return None;
        };
        // The BOM and non-UTF-8 were reported by the encoding pass; read past a BOM so that
        // the rest is still checked.
        let text = String::from_utf8(bytes).ok()?;
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        match serde_json::from_str::<Value>(body) {
            Ok(value) if value.is_object() => Some(JsonFile {
                name: file.into(),
                value,
                lines: Lines::index(body),
            }),
            Ok(_) => {
                self.on_file(Severity::Error, file, "is not a JSON object");
                None
            }
            Err(e) => {
                let message = format!("is not valid JSON: {e}");
                self.push(Severity::Error, file, Some(e.line()), None, message, None);
                None
            }
        }
    }

    fn type_issue(&mut self, json: &JsonFile, issue: &TypeIssue) {
        let found = shown(&issue.found);
        let expected = issue.expected;
        match &issue.loose {
            // PHP reads it; widgets sent to moderation do this.
            Some(read_as) => self.at(
                Severity::Warning,
                json,
                &issue.path,
                format!("should be {expected}, found {found} (read loosely as {read_as})"),
                Some(format!("write {read_as}")),
            ),
            None => self.at(
                Severity::Error,
                json,
                &issue.path,
                format!("should be {expected}, found {found}"),
                None,
            ),
        }
    }

    fn check_widget(&mut self, doc: &Doc) {
        let json = &doc.file;
        let Some(widget) = json.value.get("widget") else {
            self.at(
                Severity::Error,
                json,
                "widget",
                "the `widget` object is missing",
                None,
            );
            return;
        };
        if !widget.is_object() {
            return; // a type issue already
        }
        for &(key, severity) in rules::WIDGET_KEYS {
            let blank = match widget.get(key) {
                None | Some(Value::Null) => true,
                Some(Value::String(s)) => s.trim().is_empty(),
                Some(_) => false,
            };
            if blank {
                let path = member("widget", key);
                self.at(severity, json, &path, format!("`{path}` is missing"), None);
            }
        }
        if doc.model.widget.locale.is_empty() && widget.get("locale").is_none_or(|l| l.is_array()) {
            self.at(
                Severity::Warning,
                json,
                "widget.locale",
                "no locale declared",
                Some("list at least one, with its i18n/<locale>.json".into()),
            );
        }
    }

    fn check_locations(&mut self, doc: &Doc) {
        let json = &doc.file;
        let listed = json.value.get("locations");
        if listed.is_none_or(|l| l.as_array().is_some_and(Vec::is_empty)) {
            self.at(
                Severity::Error,
                json,
                "locations",
                "no locations: the widget would appear nowhere",
                None,
            );
        }
        let known: Vec<&str> = rules::LOCATIONS.iter().map(|(name, _)| *name).collect();
        let mut seen: Vec<(&str, &str, usize)> = Vec::new();
        for (index, location) in &doc.locations {
            let path = element("locations", *index);
            let (base, suffix) = split_suffix(location);
            let Some(&(_, takes)) = rules::LOCATIONS.iter().find(|(name, _)| *name == base) else {
                let suggestion = suggest::closest(base, &known).map(|name| {
                    let takes_suffix = rules::LOCATIONS
                        .iter()
                        .any(|&(n, s)| n == name && s == Suffix::Optional);
                    match suffix {
                        Some(s) if takes_suffix => format!("did you mean `{name}-{s}`?"),
                        _ => format!("did you mean `{name}`?"),
                    }
                });
                self.at(
                    Severity::Error,
                    json,
                    &path,
                    format!("`{location}` is not a documented location"),
                    suggestion,
                );
                continue;
            };
            match (takes, suffix) {
                (Suffix::None, Some(_)) => self.at(
                    Severity::Warning,
                    json,
                    &path,
                    format!("`{base}` takes no -0/-1 suffix"),
                    Some(format!("write `{base}`")),
                ),
                (Suffix::Optional, Some(s)) if s != "0" && s != "1" => self.at(
                    Severity::Error,
                    json,
                    &path,
                    format!("`{location}`: the suffix is -1 (right column) or -0 (none)"),
                    None,
                ),
                _ => {}
            }
            if let Some(&(_, first, at)) = seen.iter().find(|(b, _, _)| *b == base) {
                let first_path = element("locations", at);
                self.at(
                    Severity::Warning,
                    json,
                    &path,
                    format!("`{location}` repeats `{first}` ({first_path})"),
                    Some("list each location once".into()),
                );
            } else {
                seen.push((base, location, *index));
            }
        }
        if doc.has("card_sdk") && doc.first_of(rules::CARD_LOCATIONS).is_none() {
            self.at(
                Severity::Warning,
                json,
                "locations",
                "`card_sdk` works in the cards listed beside it, and none is",
                Some("add `lcard`, `ccard` or `comcard`".into()),
            );
        }
    }

    /// Locations that need a file or a manifest object.
    fn check_location_needs(&mut self, doc: &Doc) {
        let json = &doc.file;
        let page_js = self.files.iter().any(|f| f == "personal_page.js");
        match (doc.has("personal_page"), page_js) {
            (true, false) => self.at(
                Severity::Error,
                json,
                "locations",
                "location `personal_page` needs `personal_page.js` at the archive root",
                None,
            ),
            (false, true) => self.on_file(
                Severity::Error,
                "personal_page.js",
                "is at the archive root but `locations` does not list `personal_page`",
            ),
            _ => {}
        }
        for &(location, key, severity, detail) in rules::LOCATION_OBJECTS {
            if doc.has(location) && json.value.get(key).is_none() {
                self.at(
                    severity,
                    json,
                    "locations",
                    format!("location `{location}` needs a `{key}` object{detail}"),
                    None,
                );
            }
        }
        if json.value.get("mobile").is_some_and(Value::is_object) && !doc.has("mobile_card") {
            self.at(
                Severity::Warning,
                json,
                "mobile",
                "a `mobile` object without the `mobile_card` location is ignored",
                None,
            );
        }
        let Some(mobile) = json.value.get("mobile").filter(|m| m.is_object()) else {
            return;
        };
        match (mobile.get("frame_url"), &doc.model.mobile) {
            (None, _) => self.at(
                Severity::Error,
                json,
                "mobile",
                "`frame_url` is missing",
                None,
            ),
            (Some(_), Some(m)) => match m.frame_url.as_deref() {
                Some(url) if !is_absolute_https(url) => self.at(
                    Severity::Error,
                    json,
                    "mobile.frame_url",
                    format!("must be an absolute https URL, found {url:?}"),
                    None,
                ),
                _ => {}
            },
            _ => {}
        }
        match (mobile.get("color"), &doc.model.mobile) {
            (None, _) => self.at(Severity::Error, json, "mobile", "`color` is missing", None),
            (Some(_), Some(m)) => match m.color.as_deref() {
                Some(color) if !is_hex_color(color) => self.at(
                    Severity::Error,
                    json,
                    "mobile.color",
                    format!("must be a #RRGGBB colour, found {color:?}"),
                    None,
                ),
                _ => {}
            },
            _ => {}
        }
    }

    fn check_settings(&mut self, doc: &Doc) {
        let json = &doc.file;
        let Some(Value::Object(fields)) = json.value.get("settings") else {
            return;
        };
        for (key, field) in fields {
            if !field.is_object() {
                continue; // a type issue already
            }
            let path = member(&member("settings", key), "type");
            match field.get("type") {
                None => self.at(
                    Severity::Error,
                    json,
                    &member("settings", key),
                    "has no `type`: the settings form cannot show it",
                    Some(format!("one of {}", rules::SETTING_TYPES.join(", "))),
                ),
                Some(Value::String(kind)) if !rules::SETTING_TYPES.contains(&kind.as_str()) => {
                    let suggestion = suggest::closest(kind, rules::SETTING_TYPES)
                        .map(|t| format!("did you mean `{t}`?"))
                        .unwrap_or_else(|| format!("one of {}", rules::SETTING_TYPES.join(", ")));
                    self.at(
                        Severity::Error,
                        json,
                        &path,
                        format!("`{kind}` is not a settings field type"),
                        Some(suggestion),
                    );
                }
                _ => {}
            }
        }
    }

    fn check_i18n(&mut self, doc: &Doc) {
        let mut references = Vec::new();
        for pattern in rules::I18N_REFERENCES {
            let segments: Vec<&str> = pattern.split('.').collect();
            strings_at(&doc.file.value, "", &segments, &mut references);
        }
        references.retain(|(_, key)| is_i18n_key(key));

        for locale in &doc.model.widget.locale {
            let i18n_file = format!("i18n/{locale}.json");
            if !self.files.contains(&i18n_file) {
                let path = doc
                    .file
                    .value
                    .pointer("/widget/locale")
                    .and_then(Value::as_array)
                    .and_then(|all| all.iter().position(|l| l == locale.as_str()))
                    .map_or("widget.locale".to_owned(), |i| element("widget.locale", i));
                self.at(
                    Severity::Error,
                    &doc.file,
                    &path,
                    format!("locale `{locale}` is declared but `{i18n_file}` is missing"),
                    None,
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
                    self.at(
                        Severity::Error,
                        &messages,
                        key,
                        format!("text `{key}` is not defined (manifest.json {path} refers to it)"),
                        None,
                    );
                }
            }
        }
    }

    fn check_logos(&mut self, doc: &Doc) {
        let needed: Vec<(rules::Logo, Option<&str>)> = rules::LOGOS
            .iter()
            .filter_map(|logo| match logo.needed {
                Needed::Always => Some((*logo, None)),
                Needed::With(locations) => doc.first_of(locations).map(|l| (*logo, Some(l))),
            })
            .collect();
        if !self.files.iter().any(|f| f.starts_with("images/")) {
            let worst = needed.iter().map(|(l, _)| l.missing);
            let severity = if worst.clone().any(|s| s == Severity::Error) {
                Severity::Error
            } else {
                Severity::Warning
            };
            let list: Vec<String> = needed
                .iter()
                .map(|(l, _)| format!("{}.png ({}x{})", l.name, l.width, l.height))
                .collect();
            self.on_file(
                severity,
                "images/",
                format!(
                    "is missing: the vendor asks this widget for {}",
                    list.join(", ")
                ),
            );
            return;
        }
        for logo in rules::LOGOS {
            let found = rules::IMAGE_EXTENSIONS
                .iter()
                .map(|ext| format!("images/{}.{ext}", logo.name))
                .find(|f| self.files.contains(f));
            let reason = needed
                .iter()
                .find(|(l, _)| l.name == logo.name)
                .map(|(_, why)| *why);
            let png = format!("images/{}.png", logo.name);
            match (found, reason) {
                (None, Some(why)) => {
                    let why = match why {
                        None => "every widget needs it".to_owned(),
                        Some(location) => format!("location `{location}` needs it"),
                    };
                    let message = format!("is missing: {why} ({}x{} px)", logo.width, logo.height);
                    self.on_file(logo.missing, &png, message);
                }
                (None, None) => {}
                (Some(file), _) => {
                    if file != png {
                        self.push(
                            Severity::Warning,
                            &file,
                            None,
                            None,
                            format!("the vendor's pages name this logo `{png}`"),
                            Some(format!("save it as {png}")),
                        );
                    }
                    self.check_image(&file, Some((logo.width, logo.height)));
                }
            }
        }
    }

    /// Format, file size and, when `want` says, pixel size of an image in the archive.
    fn check_image(&mut self, file: &str, want: Option<(u32, u32)>) {
        let Ok(bytes) = fs::read(self.dir.join(file)) else {
            self.on_file(Severity::Error, file, "cannot be read");
            return;
        };
        let len = bytes.len() as u64;
        if len > rules::MAX_IMAGE_BYTES {
            self.on_file(
                Severity::Warning,
                file,
                format!(
                    "is {} KB; the vendor accepts at most {} KB",
                    len.div_ceil(1024),
                    rules::MAX_IMAGE_BYTES / 1024
                ),
            );
        }
        let Some(sniffed) = image::sniff(&bytes) else {
            self.on_file(Severity::Error, file, "is not a PNG, JPEG or GIF image");
            return;
        };
        let extension = Path::new(file)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if !sniffed.format.named_by(&extension) {
            self.push(
                Severity::Warning,
                file,
                None,
                None,
                format!("is a {} image named .{extension}", sniffed.format),
                Some(format!("save it as a real .{extension}")),
            );
        }
        match (sniffed.size, want) {
            (None, _) => self.on_file(Severity::Warning, file, "its pixel size cannot be read"),
            (Some((w, h)), Some((width, height))) if (w, h) != (width, height) => self.on_file(
                Severity::Warning,
                file,
                format!("is {w}x{h} px; the vendor's rules want {width}x{height} px"),
            ),
            _ => {}
        }
    }

    /// `tour.tour_images`: `{locale: ["/images/tour_1.png", …]}`, paths from the archive root.
    fn check_tour(&mut self, doc: &Doc) {
        let json = &doc.file;
        let Some(images) = doc.get(&["tour", "tour_images"]) else {
            return;
        };
        let Value::Object(by_locale) = images else {
            let message = format!(
                "should be an object of image lists by locale, found {}",
                shown(images)
            );
            self.at(Severity::Error, json, "tour.tour_images", message, None);
            return;
        };
        for (locale, list) in by_locale {
            let list_path = member("tour.tour_images", locale);
            let Value::Array(paths) = list else {
                let message = format!("should be an array of image paths, found {}", shown(list));
                self.at(Severity::Error, json, &list_path, message, None);
                continue;
            };
            for (i, path) in paths.iter().enumerate() {
                let at = element(&list_path, i);
                let Some(path) = path.as_str() else {
                    let message = format!("should be an image path, found {}", shown(path));
                    self.at(Severity::Error, json, &at, message, None);
                    continue;
                };
                if path.starts_with("https://") || path.starts_with("http://") {
                    continue;
                }
                let file = path.trim_start_matches('/');
                if self.files.iter().any(|f| f == file) {
                    self.check_image(file, None);
                } else {
                    self.at(
                        Severity::Error,
                        json,
                        &at,
                        format!("`{path}` is not in the archive"),
                        None,
                    );
                }
            }
        }
    }
}

/// Collects the strings at `segments` (`*` is every member) under `value`, with their paths.
fn strings_at(value: &Value, path: &str, segments: &[&str], out: &mut Vec<(String, String)>) {
    let Some((first, rest)) = segments.split_first() else {
        if let Value::String(s) = value {
            out.push((path.to_owned(), s.clone()));
        }
        return;
    };
    let Value::Object(map) = value else {
        return;
    };
    if *first == "*" {
        for (key, child) in map {
            strings_at(child, &member(path, key), rest, out);
        }
    } else if let Some(child) = map.get(*first) {
        strings_at(child, &member(path, first), rest, out);
    }
}

/// A JSON value, shortened for a message.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
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

/// `amo-widget check [DIR] [--strict]`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = SEVERITY_POLICY)]
pub struct CheckArgs {
    /// The widget folder (the future archive root).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Treat every warning as an error (see the severity policy in --help).
    #[arg(long)]
    pub strict: bool,
}

impl CheckArgs {
    /// Prints the findings; fails when there are errors.
    pub fn run(self) -> ExitCode {
        let report = check_dir(
            &self.dir,
            CheckOptions {
                strict: self.strict,
            },
        );
        println!("{report}");
        if report.is_ok() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}
