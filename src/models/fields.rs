//! `LeadFieldsModel`: the custom fields of the lead, its contacts and its company.

use super::lenient::{self, Keyed};
use crate::constants::{FieldType, LeadFieldSource};
use crate::text::js_number;
use serde::Deserialize;
use serde_json::Value;

/// `leadFields` (`LeadFieldsModel`): every field, in the host's order.
///
/// ```
/// use amocrm_widget::models::{FieldValue, LeadFields};
/// let fields: LeadFields = serde_json::from_str(r#"{
///     "1": {"id": "1", "name": "Budget", "type": "budget", "value": 1500},
///     "2": {"id": "2", "name": "Site", "type": "url", "value": "https://example.com"},
///     "3": {"id": "3", "name": "New", "type": "chainedList", "value": [1, 2]}
/// }"#).unwrap();
/// assert_eq!(fields.get("1").map(|f| &f.value), Some(&FieldValue::Budget(1500.0)));
/// assert!(matches!(fields.get("3").map(|f| &f.value), Some(FieldValue::Raw(_))));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(transparent)]
#[non_exhaustive]
pub struct LeadFields {
    /// Every field.
    #[serde(deserialize_with = "lenient::record")]
    pub fields: Vec<Field>,
}

impl LeadFields {
    /// The field with id `id`.
    pub fn get(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The fields whose ids are listed in `ids` (e.g. [`Lead::field_ids`](super::Lead::field_ids)), in that order.
    pub fn select<'a>(&'a self, ids: &'a [String]) -> impl Iterator<Item = &'a Field> + 'a {
        ids.iter().filter_map(|id| self.get(id))
    }
}

/// One custom field.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "WireField")]
#[non_exhaustive]
pub struct Field {
    /// `id`, or the record key when absent.
    pub id: String,
    /// `name`.
    pub name: String,
    /// `type`.
    pub field_type: FieldType,
    /// `source`: whose field it is, when the host says.
    pub source: Option<LeadFieldSource>,
    /// `value`, typed by `field_type`.
    pub value: FieldValue,
}

/// A field as sent, before its value is typed by its type.
#[derive(Deserialize)]
struct WireField {
    #[serde(default, deserialize_with = "lenient::id_or_key")]
    id: String,
    name: String,
    #[serde(rename = "type")]
    field_type: FieldType,
    source: Option<LeadFieldSource>,
    #[serde(default)]
    value: Value,
}

impl From<WireField> for Field {
    fn from(wire: WireField) -> Self {
        Field {
            value: FieldValue::from_value(&wire.field_type, &wire.value),
            id: wire.id,
            name: wire.name,
            field_type: wire.field_type,
            source: wire.source,
        }
    }
}

impl Keyed for Field {
    fn key_as_id(&mut self, key: &str) {
        if self.id.is_empty() {
            key.clone_into(&mut self.id);
        }
    }
}

/// A field's value, typed by the field's type.
///
/// The vendor documents the value as `any`; common shapes are accepted (a bare value, a
/// one-element array, `{ value }`). A value of an unknown field type, or of a shape not
/// recognised for its type, is kept verbatim in [`FieldValue::Raw`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum FieldValue {
    /// No value (`null`, missing, empty array).
    Empty,
    /// `text`.
    Text(String),
    /// `numeric`.
    Numeric(f64),
    /// `checkbox`.
    Checkbox(bool),
    /// `date`.
    Date(DateValue),
    /// `select`.
    Select(Choice),
    /// `multiselect`.
    Multiselect(Vec<Choice>),
    /// `url`.
    Url(String),
    /// `textarea`.
    Textarea(String),
    /// `radiobutton`.
    Radiobutton(Choice),
    /// `streetaddress`.
    StreetAddress(String),
    /// `smartAddress`: a structured address, kept as sent (its parts vary by country).
    SmartAddress(Value),
    /// `legalEntity`: company requisites, kept as sent (they vary by country).
    LegalEntity(Value),
    /// `birthday`.
    Birthday(DateValue),
    /// `dateTime`.
    DateTime(DateValue),
    /// `multitext`: phones, e-mails…
    Multitext(Vec<MultitextItem>),
    /// `budget`.
    Budget(f64),
    /// An unknown field type, or a shape not recognised for the type: the value as sent.
    Raw(Value),
}

/// A date value: a Unix timestamp (seconds, as amoCRM stores them) or a date string.
#[derive(Clone, Debug, PartialEq)]
pub enum DateValue {
    /// Seconds since the epoch.
    Timestamp(f64),
    /// A date the host sent as text.
    Text(String),
}

impl DateValue {
    /// Milliseconds since the epoch, for `date::format_at_offset` (feature `dateformat`)
    /// or `js_sys::Date::new`; `None` for text.
    pub fn as_millis(&self) -> Option<f64> {
        match self {
            DateValue::Timestamp(s) => Some(s * 1000.0),
            DateValue::Text(_) => None,
        }
    }
}

/// An option of a `select`, `multiselect` or `radiobutton` field.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// The option's id (`id`, `enumId` or `enum_id`), when sent.
    pub id: Option<String>,
    /// The option's text.
    pub value: String,
}

/// One value of a `multitext` field.
#[derive(Clone, Debug, PartialEq)]
pub struct MultitextItem {
    /// The text (a phone number, an e-mail…).
    pub value: String,
    /// Its kind (`enumCode`, `enum_code`, `enum` or `type`: `WORK`, `MOB`…), when sent.
    pub kind: Option<String>,
}

/// Unwraps the usual envelopes: `[x]` and `{ value: x }`.
fn scalar(v: &Value) -> &Value {
    match v {
        Value::Array(items) if items.len() == 1 => scalar(&items[0]),
        Value::Object(map) => match map.get("value") {
            Some(inner) => scalar(inner),
            None => v,
        },
        _ => v,
    }
}

fn text(v: &Value) -> Option<String> {
    match scalar(v) {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => n.as_f64().map(js_number),
        _ => None,
    }
}

fn number(v: &Value) -> Option<f64> {
    match scalar(v) {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn checkbox(v: &Value) -> Option<bool> {
    match scalar(v) {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_f64().map(|n| n != 0.0),
        Value::String(s) => match s.as_str() {
            "1" | "true" | "Y" => Some(true),
            "0" | "false" | "N" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

fn date(v: &Value) -> Option<DateValue> {
    match scalar(v) {
        Value::Number(n) => n.as_f64().map(DateValue::Timestamp),
        Value::String(s) => Some(match s.trim().parse::<f64>() {
            Ok(n) => DateValue::Timestamp(n),
            Err(_) => DateValue::Text(s.clone()),
        }),
        _ => None,
    }
}

fn first_id(v: &Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match v.get(k)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => n.as_f64().map(js_number),
        _ => None,
    })
}

fn choice(v: &Value) -> Option<Choice> {
    let v = match v {
        Value::Array(items) if items.len() == 1 => &items[0],
        other => other,
    };
    match v {
        Value::Object(map) => Some(Choice {
            id: first_id(v, &["id", "enumId", "enum_id", "enum"]),
            value: text(map.get("value")?)?,
        }),
        other => Some(Choice {
            id: None,
            value: text(other)?,
        }),
    }
}

fn list<T>(v: &Value, item: fn(&Value) -> Option<T>) -> Option<Vec<T>> {
    match v {
        Value::Array(items) => items.iter().map(item).collect(),
        single => item(single).map(|one| vec![one]),
    }
}

fn multitext_item(v: &Value) -> Option<MultitextItem> {
    match v {
        Value::Object(map) => Some(MultitextItem {
            value: text(map.get("value")?)?,
            kind: ["enumCode", "enum_code", "enum", "type"]
                .iter()
                .find_map(|k| map.get(*k).and_then(text)),
        }),
        other => Some(MultitextItem {
            value: text(other)?,
            kind: None,
        }),
    }
}

impl FieldValue {
    /// Types `value` as the value of a field of type `field_type`.
    ///
    /// ```
    /// use amocrm_widget::constants::FieldType;
    /// use amocrm_widget::models::{Choice, FieldValue};
    /// let value = serde_json::json!([{"id": 301, "value": "Pro"}]);
    /// assert_eq!(
    ///     FieldValue::from_value(&FieldType::Select, &value),
    ///     FieldValue::Select(Choice { id: Some("301".into()), value: "Pro".into() }),
    /// );
    /// ```
    pub fn from_value(field_type: &FieldType, value: &Value) -> FieldValue {
        let empty = match value {
            Value::Null => true,
            Value::Array(items) => items.is_empty(),
            _ => false,
        };
        if empty {
            return FieldValue::Empty;
        }
        use FieldType as T;
        let typed = match field_type {
            T::Text => text(value).map(FieldValue::Text),
            T::Numeric => number(value).map(FieldValue::Numeric),
            T::Checkbox => checkbox(value).map(FieldValue::Checkbox),
            T::Date => date(value).map(FieldValue::Date),
            T::Select => choice(value).map(FieldValue::Select),
            T::Multiselect => list(value, choice).map(FieldValue::Multiselect),
            T::Url => text(value).map(FieldValue::Url),
            T::Textarea => text(value).map(FieldValue::Textarea),
            T::Radiobutton => choice(value).map(FieldValue::Radiobutton),
            T::Streetaddress => text(value).map(FieldValue::StreetAddress),
            T::SmartAddress => Some(FieldValue::SmartAddress(value.clone())),
            T::LegalEntity => Some(FieldValue::LegalEntity(value.clone())),
            T::Birthday => date(value).map(FieldValue::Birthday),
            T::DateTime => date(value).map(FieldValue::DateTime),
            T::Multitext => list(value, multitext_item).map(FieldValue::Multitext),
            T::Budget => number(value).map(FieldValue::Budget),
            _ => None,
        };
        typed.unwrap_or_else(|| FieldValue::Raw(value.clone()))
    }
}

super::model!(LeadFields, LeadFields);
