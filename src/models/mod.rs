//! Owned models of the host's entities (feature `serde`).
//!
//! Read leniently, as the vendor's own type text is partly garbled: unknown keys are ignored,
//! missing optional keys are fine, ids are accepted as strings or numbers, unknown field types
//! keep their raw value. What cannot be read is an [`Error::Decode`](crate::Error::Decode)
//! naming the path (`lead.company.fieldIds[1]: …`), never a panic.
//!
//! Each model implements [`Entity`](crate::Entity) (decoded straight from the JS value, without
//! serde's machinery in the wasm) and `serde::Deserialize` (for JSON, e.g. fixtures or a back end).

mod authors;
mod fields;
mod lead;
mod raw;
mod sys;

pub use authors::{Author, Authors};
pub use fields::{Choice, DateValue, Field, FieldValue, LeadFields, MultitextItem};
pub use lead::{Company, Contact, Lead, Status};
pub use raw::RawValue;
pub use sys::Sys;

/// Reading a model out of a [`RawValue`]; errors are `path: what`.
pub(crate) trait FromRaw: Sized {
    fn from_raw(value: &RawValue, path: &str) -> Result<Self, String>;
}

/// Implements `Entity` and `Deserialize` for a model through [`FromRaw`].
macro_rules! model {
    ($model:ty, $key:ident, $name:literal) => {
        impl crate::Entity for $model {
            const KEY: crate::constants::StateEntity = crate::constants::StateEntity::$key;
            fn decode(value: wasm_bindgen::JsValue) -> crate::Result<Self> {
                let raw = crate::models::RawValue::from_js(&value)
                    .map_err(|m| crate::Error::decode($name, m))?;
                <$model as crate::models::FromRaw>::from_raw(&raw, $name)
                    .map_err(|m| crate::Error::decode($name, m))
            }
        }

        impl<'de> serde::Deserialize<'de> for $model {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <crate::models::RawValue as serde::Deserialize>::deserialize(d)?;
                <$model as crate::models::FromRaw>::from_raw(&raw, $name)
                    .map_err(<D::Error as serde::de::Error>::custom)
            }
        }
    };
}
pub(crate) use model;

/// The wire enums' `Deserialize`: a string, nothing else.
pub(crate) fn deserialize_wire_string<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<String, D::Error> {
    <String as serde::Deserialize>::deserialize(d)
}

// Small readers shared by the models. Each takes the value and the path for the message.

pub(crate) fn object<'a>(v: &'a RawValue, path: &str) -> Result<&'a [(String, RawValue)], String> {
    match v {
        RawValue::Object(entries) => Ok(entries),
        _ => Err(format!("{path}: expected an object")),
    }
}

fn key<'a>(v: &'a RawValue, k: &str) -> &'a RawValue {
    const NULL: &RawValue = &RawValue::Null;
    v.get(k).unwrap_or(NULL)
}

pub(crate) fn string(v: &RawValue, k: &str, path: &str) -> Result<String, String> {
    match key(v, k) {
        RawValue::String(s) => Ok(s.clone()),
        RawValue::Null => Err(format!("{path}.{k}: missing")),
        _ => Err(format!("{path}.{k}: expected a string")),
    }
}

pub(crate) fn optional_string(v: &RawValue, k: &str, path: &str) -> Result<Option<String>, String> {
    match key(v, k) {
        RawValue::Null => Ok(None),
        RawValue::String(s) => Ok(Some(s.clone())),
        _ => Err(format!("{path}.{k}: expected a string")),
    }
}

pub(crate) fn id_of(v: &RawValue, path: &str) -> Result<String, String> {
    match v {
        RawValue::String(s) => Ok(s.clone()),
        RawValue::Number(n) if n.is_finite() => Ok(crate::date::js_number(*n)),
        _ => Err(format!("{path}: expected an id (string or number)")),
    }
}

pub(crate) fn id(v: &RawValue, k: &str, path: &str) -> Result<String, String> {
    match key(v, k) {
        RawValue::Null => Err(format!("{path}.{k}: missing")),
        other => id_of(other, &format!("{path}.{k}")),
    }
}

pub(crate) fn optional_id(v: &RawValue, k: &str, path: &str) -> Result<Option<String>, String> {
    match key(v, k) {
        RawValue::Null => Ok(None),
        other => id_of(other, &format!("{path}.{k}")).map(Some),
    }
}

pub(crate) fn flag(v: &RawValue, k: &str, path: &str) -> Result<bool, String> {
    match key(v, k) {
        RawValue::Null => Ok(false),
        RawValue::Bool(b) => Ok(*b),
        _ => Err(format!("{path}.{k}: expected a boolean")),
    }
}

pub(crate) fn ids(v: &RawValue, k: &str, path: &str) -> Result<Vec<String>, String> {
    match key(v, k) {
        RawValue::Null => Ok(Vec::new()),
        RawValue::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| id_of(item, &format!("{path}.{k}[{i}]")))
            .collect(),
        _ => Err(format!("{path}.{k}: expected an array of ids")),
    }
}

/// A record (`Record<string, T>`) read in the host's key order; `null`/missing is empty.
pub(crate) fn record<T>(
    v: &RawValue,
    path: &str,
    mut item: impl FnMut(&str, &RawValue, &str) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    match v {
        RawValue::Null => Ok(Vec::new()),
        RawValue::Object(entries) => entries
            .iter()
            .map(|(k, value)| item(k, value, &format!("{path}.{k}")))
            .collect(),
        _ => Err(format!("{path}: expected an object (a record)")),
    }
}
