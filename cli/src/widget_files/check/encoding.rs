//! Text files must be UTF-8, and JSON without a byte order mark; JSON files must parse.

use super::json_lines::Lines;
use super::{Checker, JsonFile, Severity};
use serde_json::Value;
use std::fs;
use std::path::Path;

/// Files read as text: JSON must be UTF-8 without a byte order mark (the platform's PHP JSON
/// parser refuses one); the others are only expected to be UTF-8.
const TEXT_EXTENSIONS: &[&str] = &[
    "json", "js", "css", "html", "htm", "twig", "txt", "svg", "md",
];

impl Checker<'_> {
    pub(super) fn check_encoding(&mut self, file: &str) {
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
    pub(super) fn read_json(&mut self, file: &str) -> Option<JsonFile> {
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
}
