//! The `widget` object, ill-typed values, settings field types and the i18n texts the manifest
//! names.

use super::json_lines::{element, member};
use super::{rules, suggest, Checker, Doc, JsonFile, Severity};
use crate::widget_files::manifest::TypeIssue;
use serde_json::Value;
use std::collections::BTreeSet;

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

        let mut read = Vec::new();
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
            read.push(messages);
        }
        self.check_locales_agree(&read);
    }

    /// Every locale file has every text some other one has: a widget's `t!` refuses a key
    /// missing from any locale where the code uses it; here the unused ones are found too.
    fn check_locales_agree(&mut self, files: &[JsonFile]) {
        let keys: Vec<BTreeSet<String>> = files
            .iter()
            .map(|file| {
                let mut keys = BTreeSet::new();
                text_keys(&file.value, "", &mut keys);
                keys
            })
            .collect();
        let every: BTreeSet<&String> = keys.iter().flatten().collect();
        for (file, own) in files.iter().zip(&keys) {
            for key in every.iter().filter(|key| !own.contains(**key)) {
                // Named after the first file that has the key.
                let Some((other, _)) = files.iter().zip(&keys).find(|(_, k)| k.contains(*key))
                else {
                    continue;
                };
                let parent = key.rsplit_once('.').map_or("", |(parent, _)| parent);
                let at = if file.value.pointer(&pointer(parent)).is_some() {
                    parent
                } else {
                    ""
                };
                self.at(
                    Severity::Warning,
                    file,
                    at,
                    format!("text `{key}` is in {} but not here", other.name),
                    Some(
                        "translate it here, or remove it from the other locales; \
                         `i18n::locales!(strict)` makes this a compile error"
                            .into(),
                    ),
                );
            }
        }
    }
}

/// The keys of a locale file's texts, dotted (`slot.lead`); an object of plural forms (`one`,
/// `few`, `many`, `other`…) is one text, as `t!` reads it.
fn text_keys(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    const FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
    match value {
        Value::Object(members)
            if !prefix.is_empty()
                && !members.is_empty()
                && members
                    .iter()
                    .all(|(name, v)| FORMS.contains(&name.as_str()) && v.is_string()) =>
        {
            out.insert(prefix.to_owned());
        }
        Value::Object(members) => {
            for (name, member) in members {
                text_keys(member, &member_key(prefix, name), out);
            }
        }
        _ if !prefix.is_empty() => {
            out.insert(prefix.to_owned());
        }
        _ => {}
    }
}

fn member_key(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// A dotted key as a JSON pointer (`slot.lead` is `/slot/lead`).
fn pointer(key: &str) -> String {
    if key.is_empty() {
        return String::new();
    }
    key.split('.').map(|part| format!("/{part}")).collect()
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
