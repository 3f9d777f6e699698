//! The `widget` object, ill-typed values, settings field types and the i18n texts the manifest
//! names.

use super::json_lines::{element, member};
use super::{rules, suggest, Checker, Doc, JsonFile, Severity};
use crate::widget_files::manifest::TypeIssue;
use serde_json::Value;

impl Checker<'_> {
    pub(super) fn type_issue(&mut self, json: &JsonFile, issue: &TypeIssue) {
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

    pub(super) fn check_widget(&mut self, doc: &Doc) {
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

    pub(super) fn check_settings(&mut self, doc: &Doc) {
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

    pub(super) fn check_i18n(&mut self, doc: &Doc) {
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
}

/// Collects the strings at `segments` (`*` is every member) under `value`, with their paths.
pub(super) fn strings_at(
    value: &Value,
    path: &str,
    segments: &[&str],
    out: &mut Vec<(String, String)>,
) {
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
pub(super) fn shown(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// Manifest texts that are i18n keys (`widget.name`, `settings.login`) rather than literal text.
pub(super) fn is_i18n_key(value: &str) -> bool {
    let mut parts = value.split('.');
    let valid = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    value.contains('.') && parts.all(valid)
}
