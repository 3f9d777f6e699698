//! `LeadFieldsModel`: the custom fields of the lead, its contacts and its company.

use super::{object, optional_id, optional_string, record, string, FromRaw, RawValue};
use crate::constants::{FieldType, LeadFieldSource};

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
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct LeadFields {
    /// Every field.
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
#[derive(Clone, Debug, PartialEq)]
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
    SmartAddress(RawValue),
    /// `legalEntity`: company requisites, kept as sent (they vary by country).
    LegalEntity(RawValue),
    /// `birthday`.
    Birthday(DateValue),
    /// `dateTime`.
    DateTime(DateValue),
    /// `multitext`: phones, e-mails…
    Multitext(Vec<MultitextItem>),
    /// `budget`.
    Budget(f64),
    /// An unknown field type, or a shape not recognised for the type: the value as sent.
    Raw(RawValue),
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
    /// Milliseconds since the epoch, for [`date::format_at_offset`](crate::date::format_at_offset)
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
fn scalar(v: &RawValue) -> &RawValue {
    match v {
        RawValue::Array(items) if items.len() == 1 => scalar(&items[0]),
        RawValue::Object(_) => match v.get("value") {
            Some(inner) => scalar(inner),
            None => v,
        },
        _ => v,
    }
}

fn text(v: &RawValue) -> Option<String> {
    match scalar(v) {
        RawValue::String(s) => Some(s.clone()),
        RawValue::Number(n) => Some(crate::date::js_number(*n)),
        _ => None,
    }
}

fn number(v: &RawValue) -> Option<f64> {
    match scalar(v) {
        RawValue::Number(n) => Some(*n),
        RawValue::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn checkbox(v: &RawValue) -> Option<bool> {
    match scalar(v) {
        RawValue::Bool(b) => Some(*b),
        RawValue::Number(n) => Some(*n != 0.0),
        RawValue::String(s) => match s.as_str() {
            "1" | "true" | "Y" => Some(true),
            "0" | "false" | "N" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

fn date(v: &RawValue) -> Option<DateValue> {
    match scalar(v) {
        RawValue::Number(n) => Some(DateValue::Timestamp(*n)),
        RawValue::String(s) => Some(match s.trim().parse::<f64>() {
            Ok(n) => DateValue::Timestamp(n),
            Err(_) => DateValue::Text(s.clone()),
        }),
        _ => None,
    }
}

fn first_id(v: &RawValue, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| v.get(k))
        .and_then(|id| super::id_of(id, "").ok())
}

fn choice(v: &RawValue) -> Option<Choice> {
    let v = match v {
        RawValue::Array(items) if items.len() == 1 => &items[0],
        other => other,
    };
    match v {
        RawValue::Object(_) => Some(Choice {
            id: first_id(v, &["id", "enumId", "enum_id", "enum"]),
            value: text(v.get("value")?)?,
        }),
        other => Some(Choice {
            id: None,
            value: text(other)?,
        }),
    }
}

fn list<T>(v: &RawValue, item: fn(&RawValue) -> Option<T>) -> Option<Vec<T>> {
    match v {
        RawValue::Array(items) => items.iter().map(item).collect(),
        single => item(single).map(|one| vec![one]),
    }
}

fn multitext_item(v: &RawValue) -> Option<MultitextItem> {
    match v {
        RawValue::Object(_) => Some(MultitextItem {
            value: text(v.get("value")?)?,
            kind: ["enumCode", "enum_code", "enum", "type"]
                .iter()
                .find_map(|k| v.get(k).and_then(text)),
        }),
        other => Some(MultitextItem {
            value: text(other)?,
            kind: None,
        }),
    }
}

impl FieldValue {
    /// Reads `value` as the value of a field of type `field_type`.
    pub fn from_raw(field_type: &FieldType, value: &RawValue) -> FieldValue {
        let empty = match value {
            RawValue::Null => true,
            RawValue::Array(items) => items.is_empty(),
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

impl FromRaw for LeadFields {
    fn from_raw(v: &RawValue, path: &str) -> Result<Self, String> {
        object(v, path)?;
        let fields = record(v, path, |key, f, path| {
            object(f, path)?;
            let field_type = FieldType::from(string(f, "type", path)?);
            Ok(Field {
                id: optional_id(f, "id", path)?.unwrap_or_else(|| key.to_owned()),
                name: string(f, "name", path)?,
                source: optional_string(f, "source", path)?.map(LeadFieldSource::from),
                value: FieldValue::from_raw(&field_type, f.get("value").unwrap_or(&RawValue::Null)),
                field_type,
            })
        })?;
        Ok(LeadFields { fields })
    }
}

super::model!(LeadFields, LeadFields, "leadFields");
