//! Zero-copy views over the host's objects: each getter reads one property when called.
//!
//! The cheap path for small widgets: no serde, no copy of the whole model, typed values.
//! Every entity has a view, and each view has a getter for every field of the matching model
//! (feature `serde`, module `models`), with the same name and the same optionality:
//! [`SysView::currency_symbol`] and `models::Sys::currency_symbol` are both optional,
//! [`LeadView::company`] and `models::Lead::company` both `None` for `null`. A field's value is
//! the one difference: the view hands it over untouched ([`FieldView::raw_value`]), the model
//! types it by the field's type.

mod authors;
mod constants;
mod fields;
mod lead;
mod query;
mod sys;

pub use authors::{AuthorView, AuthorsView};
pub use constants::{ClassNames, Constants};
pub use fields::{FieldView, LeadFieldsView};
pub use lead::{CompanyView, ContactView, LeadView, StatusView};
pub use query::RouterQuery;
pub use sys::SysView;

use crate::{Error, Result};
use wasm_bindgen::{JsCast, JsValue};

/// A getter's value: `Err` when the getter threw.
fn read(call: &'static str, got: core::result::Result<JsValue, JsValue>) -> Result<JsValue> {
    got.map_err(|e| Error::thrown(call, e))
}

fn absent(value: &JsValue) -> bool {
    value.is_null() || value.is_undefined()
}

/// A required string.
fn string(entity: &'static str, key: &str, value: JsValue) -> Result<String> {
    value.as_string().ok_or_else(|| {
        Error::decode(
            entity,
            crate::text::concat(&["`", key, "` is not a string"]),
        )
    })
}

/// An optional string: `null`/`undefined` are `None`.
fn optional_string(entity: &'static str, key: &str, value: JsValue) -> Result<Option<String>> {
    if absent(&value) {
        Ok(None)
    } else {
        string(entity, key, value).map(Some)
    }
}

/// An id: documented as a string, accepted as a number too.
fn id(entity: &'static str, key: &str, value: JsValue) -> Result<String> {
    match value.as_f64() {
        Some(n) if n.is_finite() => Ok(crate::text::js_number(n)),
        _ => value.as_string().ok_or_else(|| {
            Error::decode(
                entity,
                crate::text::concat(&["`", key, "` is not an id (string or number)"]),
            )
        }),
    }
}

fn optional_id(entity: &'static str, key: &str, value: JsValue) -> Result<Option<String>> {
    if absent(&value) {
        Ok(None)
    } else {
        id(entity, key, value).map(Some)
    }
}

/// An id that the record key stands in for when absent.
fn id_or_key(entity: &'static str, key: &str, value: JsValue, record_key: &str) -> Result<String> {
    Ok(optional_id(entity, key, value)?.unwrap_or_else(|| record_key.to_owned()))
}

/// A list of ids; `null`/`undefined` are empty.
fn ids(entity: &'static str, key: &str, value: JsValue) -> Result<Vec<String>> {
    if absent(&value) {
        return Ok(Vec::new());
    }
    let array: js_sys::Array = value.dyn_into().map_err(|_| {
        Error::decode(
            entity,
            crate::text::concat(&["`", key, "` is not an array"]),
        )
    })?;
    array.iter().map(|v| id(entity, key, v)).collect()
}

/// A flag; `null`/`undefined` are `false`.
fn flag(entity: &'static str, key: &str, value: JsValue) -> Result<bool> {
    if absent(&value) {
        return Ok(false);
    }
    value.as_bool().ok_or_else(|| {
        Error::decode(
            entity,
            crate::text::concat(&["`", key, "` is not a boolean"]),
        )
    })
}

/// Checks that an entity is an object before viewing it.
fn entity_object<T: JsCast>(entity: &'static str, value: JsValue) -> Result<T> {
    if value.is_object() {
        Ok(value.unchecked_into())
    } else {
        Err(Error::decode(entity, "expected an object"))
    }
}

/// `[key, value]` pairs of a host object.
fn entries(call: &'static str, object: &JsValue) -> Result<Vec<(String, JsValue)>> {
    let array = crate::ffi::object_entries(object).map_err(|e| Error::thrown(call, e))?;
    Ok(array
        .iter()
        .filter_map(|pair| {
            let pair: js_sys::Array = pair.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1)))
        })
        .collect())
}

/// `[key, value]` pairs of a record (`Record<string, T>`); `null`/`undefined` are empty.
fn record(entity: &'static str, key: &str, value: JsValue) -> Result<Vec<(String, JsValue)>> {
    if absent(&value) {
        return Ok(Vec::new());
    }
    if !value.is_object() {
        return Err(Error::decode(
            entity,
            crate::text::concat(&["`", key, "` is not an object (a record)"]),
        ));
    }
    entries(entity, &value)
}

/// Implements `Entity` and `as_raw` for a view of a whole entity.
macro_rules! view_entity {
    ($view:ident, $object:ty, $key:ident) => {
        impl crate::Entity for $view {
            const KEY: crate::constants::StateEntity = crate::constants::StateEntity::$key;
            fn decode(value: wasm_bindgen::JsValue) -> crate::Result<Self> {
                Ok(Self {
                    raw: super::entity_object::<$object>(<Self as crate::Entity>::NAME, value)?,
                })
            }
        }

        impl $view {
            /// The host's object, for what this view does not cover.
            pub fn as_raw(&self) -> &wasm_bindgen::JsValue {
                &self.raw
            }
        }
    };
}
use view_entity;
