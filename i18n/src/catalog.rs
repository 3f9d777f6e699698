//! The widget folder's `i18n/<locale>.json` files, read and checked once per macro call.

use crate::plural::{Form, Rule};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every locale file of one widget, in the order the generated `Locale` numbers them.
pub struct Catalog {
    /// The `i18n` directory as messages name it, relative to the crate.
    pub shown_dir: String,
    pub locales: Vec<LocaleFile>,
    /// Index into `locales` of the manifest's default locale (its `widget.locale` list's first
    /// entry with a file), else English, else the first file.
    pub default: usize,
    /// `manifest.json`, when there is one (tracked for rebuilds).
    pub manifest: Option<PathBuf>,
}

pub struct LocaleFile {
    pub code: String,
    pub path: PathBuf,
    pub messages: BTreeMap<String, Message>,
}

impl LocaleFile {
    pub fn shown_path(&self, catalog: &Catalog) -> String {
        format!("{}/{}.json", catalog.shown_dir, self.code)
    }
}

/// One key's text in one locale.
pub enum Message {
    Text(Template),
    /// Plural forms by CLDR category.
    Plural(BTreeMap<Form, Template>),
}

/// A text with `{name}` placeholders; `{{` and `}}` are literal braces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub pieces: Vec<Piece>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Placeholder(String),
}

impl Template {
    pub fn parse(text: &str) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) if c == '_' || c.is_ascii_alphanumeric() => name.push(c),
                            Some(c) => {
                                return Err(format!(
                                    "`{{{name}{c}`: a placeholder is a name of letters, digits \
                                     and `_` (write `{{{{` for a literal brace)"
                                ))
                            }
                            None => {
                                return Err(format!(
                                    "`{{{name}` is not closed (write `{{{{` for a literal brace)"
                                ))
                            }
                        }
                    }
                    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
                        return Err(format!("`{{{name}}}` is not a placeholder name"));
                    }
                    if !literal.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Placeholder(name));
                }
                '}' => return Err("a lone `}` (write `}}` for a literal brace)".into()),
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        Ok(Template { pieces })
    }

    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Placeholder(name) => Some(name.as_str()),
            Piece::Text(_) => None,
        })
    }

    /// The text when it has no placeholders.
    pub fn plain(&self) -> Option<String> {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Placeholder(_) => return None,
            }
        }
        Some(out)
    }
}

impl Message {
    pub fn templates(&self) -> Vec<&Template> {
        match self {
            Message::Text(t) => vec![t],
            Message::Plural(forms) => forms.values().collect(),
        }
    }
}

/// Where the widget's files are: `[package.metadata.amo-widget] widget-dir` (as the CLI reads
/// it), `widget` otherwise; `dir` (relative to the crate) names the `i18n` directory instead.
pub fn locate(dir: Option<&str>) -> Result<(PathBuf, String, Option<PathBuf>), String> {
    let crate_dir = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR")
            .ok_or("CARGO_MANIFEST_DIR is not set: build with cargo")?,
    );
    if let Some(dir) = dir {
        let shown = dir.trim_end_matches('/').to_string();
        let dir = crate_dir.join(dir);
        // A widget folder's layout: the manifest beside the `i18n` directory.
        let manifest = dir.join("..").join("manifest.json");
        return Ok((dir, shown, manifest.is_file().then_some(manifest)));
    }
    let widget_dir = widget_dir(&crate_dir)?;
    let manifest = crate_dir.join(&widget_dir).join("manifest.json");
    let shown = format!("{}/i18n", widget_dir.trim_end_matches('/'));
    Ok((
        crate_dir.join(&widget_dir).join("i18n"),
        shown,
        manifest.is_file().then_some(manifest),
    ))
}

fn widget_dir(crate_dir: &Path) -> Result<String, String> {
    let path = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc: toml::Table = toml::from_str(&text).map_err(|e| format!("Cargo.toml: {e}"))?;
    let configured = doc
        .get("package")
        .and_then(|p| p.get("metadata"))
        .and_then(|m| m.get("amo-widget"))
        .and_then(|a| a.get("widget-dir"))
        .and_then(|d| d.as_str());
    Ok(configured.unwrap_or("widget").to_string())
}

impl Catalog {
    pub fn load(dir: Option<&str>) -> Result<Catalog, String> {
        let (dir, shown_dir, manifest) = locate(dir)?;
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            format!(
                "{shown_dir}: {e}; a widget keeps its translations there, one \
                 `<locale>.json` per language (`ru.json`, `en.json`)"
            )
        })?;
        let mut locales = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| format!("{shown_dir}: {e}"))?.path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let Some(code) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let code = code.to_string();
            let shown = format!("{shown_dir}/{code}.json");
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{shown}: {e}"))?;
            let value: Value =
                serde_json::from_str(&text).map_err(|e| format!("{shown} is not JSON: {e}"))?;
            let mut messages = BTreeMap::new();
            flatten(&value, String::new(), &mut messages, &shown)?;
            locales.push(LocaleFile {
                code,
                path,
                messages,
            });
        }
        if locales.is_empty() {
            return Err(format!(
                "{shown_dir} has no `<locale>.json` file (`ru.json`, `en.json`…)"
            ));
        }
        locales.sort_by(|a, b| a.code.cmp(&b.code));
        let default = default_locale(manifest.as_deref(), &locales)?;
        Ok(Catalog {
            shown_dir,
            locales,
            default,
            manifest,
        })
    }

    /// `(key, locales that lack it)` for every key some locale has and another has not.
    pub fn gaps(&self) -> Vec<(String, Vec<&LocaleFile>)> {
        let mut keys: Vec<&String> = self
            .locales
            .iter()
            .flat_map(|l| l.messages.keys())
            .collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .filter_map(|key| {
                let missing: Vec<&LocaleFile> = self
                    .locales
                    .iter()
                    .filter(|l| !l.messages.contains_key(key))
                    .collect();
                (!missing.is_empty()).then(|| (key.clone(), missing))
            })
            .collect()
    }
}

fn default_locale(manifest: Option<&Path>, locales: &[LocaleFile]) -> Result<usize, String> {
    let position = |code: &str| locales.iter().position(|l| l.code == code);
    if let Some(path) = manifest {
        let text = std::fs::read_to_string(path).map_err(|e| format!("manifest.json: {e}"))?;
        if let Ok(doc) = serde_json::from_str::<Value>(&text) {
            let listed = doc
                .get("widget")
                .and_then(|w| w.get("locale"))
                .and_then(|l| l.as_array());
            for code in listed.into_iter().flatten().filter_map(|c| c.as_str()) {
                if let Some(index) = position(code) {
                    return Ok(index);
                }
            }
        }
    }
    Ok(position("en").unwrap_or(0))
}

/// Nested objects become dotted keys (`{"card": {"title": …}}` is `card.title`); an object
/// whose members are all CLDR plural categories is one plural message.
fn flatten(
    value: &Value,
    prefix: String,
    out: &mut BTreeMap<String, Message>,
    file: &str,
) -> Result<(), String> {
    let at = |key: &str| {
        if key.is_empty() {
            "the top level".to_string()
        } else {
            format!("`{key}`")
        }
    };
    match value {
        Value::String(text) => {
            let template =
                Template::parse(text).map_err(|e| format!("{file}, {}: {e}", at(&prefix)))?;
            out.insert(prefix, Message::Text(template));
        }
        Value::Object(members) if !prefix.is_empty() && is_plural(members) => {
            let mut forms = BTreeMap::new();
            for (name, text) in members {
                let form = Form::from_name(name).expect("checked by is_plural");
                let text = text.as_str().ok_or_else(|| {
                    format!("{file}, `{prefix}.{name}`: a plural form is a string")
                })?;
                let template =
                    Template::parse(text).map_err(|e| format!("{file}, `{prefix}.{name}`: {e}"))?;
                forms.insert(form, template);
            }
            out.insert(prefix, Message::Plural(forms));
        }
        Value::Object(members) => {
            for (name, member) in members {
                let key = if prefix.is_empty() {
                    name.clone()
                } else {
                    format!("{prefix}.{name}")
                };
                flatten(member, key, out, file)?;
            }
        }
        _ => {
            return Err(format!(
                "{file}, {}: a text is a string, a group an object",
                at(&prefix)
            ))
        }
    }
    Ok(())
}

fn is_plural(members: &serde_json::Map<String, Value>) -> bool {
    !members.is_empty()
        && members
            .iter()
            .all(|(name, value)| Form::from_name(name).is_some() && value.is_string())
}

/// The plural rule of a locale file (by its code's language part: `pt-BR` is `pt`).
pub fn rule_of(locale: &LocaleFile) -> Rule {
    Rule::for_code(&locale.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_placeholders_and_keep_escaped_braces() {
        let t = Template::parse("Lead #{id}: {{draft}} {count} fields").unwrap();
        assert_eq!(
            t.pieces,
            [
                Piece::Text("Lead #".into()),
                Piece::Placeholder("id".into()),
                Piece::Text(": {draft} ".into()),
                Piece::Placeholder("count".into()),
                Piece::Text(" fields".into()),
            ]
        );
        assert_eq!(
            Template::parse("plain").unwrap().plain().as_deref(),
            Some("plain")
        );
        assert!(Template::parse("{open").unwrap_err().contains("not closed"));
        assert!(Template::parse("a } b").unwrap_err().contains("lone"));
        assert!(Template::parse("{a b}")
            .unwrap_err()
            .contains("placeholder"));
        assert!(Template::parse("{1}")
            .unwrap_err()
            .contains("not a placeholder"));
    }

    #[test]
    fn nested_objects_are_dotted_keys_and_category_objects_plurals() {
        let value: Value = serde_json::from_str(
            r#"{"card": {"title": "T", "fields": {"one": "{count} field", "other": "{count} fields"}},
                "widget": {"name": "N"}}"#,
        )
        .unwrap();
        let mut out = BTreeMap::new();
        flatten(&value, String::new(), &mut out, "en.json").unwrap();
        assert_eq!(
            out.keys().collect::<Vec<_>>(),
            ["card.fields", "card.title", "widget.name"]
        );
        assert!(matches!(out["card.fields"], Message::Plural(ref f) if f.len() == 2));
        let bad: Value = serde_json::from_str(r#"{"a": 1}"#).unwrap();
        let err = flatten(&bad, String::new(), &mut BTreeMap::new(), "en.json").unwrap_err();
        assert!(err.contains("en.json, `a`"), "{err}");
    }
}
