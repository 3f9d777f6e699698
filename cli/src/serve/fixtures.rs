//! The cabinet's data: an account (`sys`), leads, their fields and authors, from a JSON file the
//! author can replace (`--fixtures FILE`), or the default embedded in the binary.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::path::Path;

/// The default fixtures: three leads, all 16 field types, contacts and companies.
pub const DEFAULT_FIXTURES: &str = include_str!("../../cabinet/fixtures.json");

/// Why a fixtures file was refused; the message is located (`file:line:column`) when it can be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FixturesError(pub String);

/// The shape the cabinet needs. Keys it does not know are kept (the page passes them through).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Shape {
    sys: Map<String, Value>,
    leads: IndexMap<String, Lead>,
    lead_fields: IndexMap<String, Map<String, Value>>,
    #[serde(default)]
    #[allow(dead_code)] // only its shape is checked
    authors: IndexMap<String, Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Lead {
    #[serde(default)]
    field_ids: Vec<Value>,
}

/// Checks fixtures text and returns it normalised (compact JSON), or a located error.
///
/// ```
/// use amo_widget::serve::fixtures::{parse, DEFAULT_FIXTURES};
/// assert!(parse(DEFAULT_FIXTURES, "default").is_ok());
/// let err = parse("{\n  \"sys\": {},\n}", "f.json").unwrap_err();
/// assert_eq!(err.to_string(), "f.json:3:1: trailing comma");
/// ```
pub fn parse(text: &str, origin: &str) -> Result<String, FixturesError> {
    let located = |e: serde_json::Error| {
        let text = e.to_string();
        // serde_json ends its message with the position, which the prefix already gives.
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = text.strip_suffix(&suffix).unwrap_or(&text);
        FixturesError(format!("{origin}:{}:{}: {message}", e.line(), e.column()))
    };
    let shape: Shape = serde_json::from_str(text).map_err(located)?;
    if shape.leads.is_empty() {
        return Err(FixturesError(format!(
            "{origin}: `leads` is empty: the cabinet needs at least one lead to open"
        )));
    }
    let _ = &shape.sys;
    for (id, lead) in &shape.leads {
        for field in &lead.field_ids {
            let key = match field {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if !shape.lead_fields.contains_key(&key) {
                return Err(FixturesError(format!(
                    "{origin}: lead {id} lists field {key}, which `leadFields` does not have"
                )));
            }
        }
    }
    let value: Value = serde_json::from_str(text).map_err(located)?;
    Ok(value.to_string())
}

/// Reads and checks a fixtures file.
pub(crate) fn load(path: &Path) -> Result<String, FixturesError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| FixturesError(format!("{}: {e}", path.display())))?;
    parse(&text, &path.display().to_string())
}
