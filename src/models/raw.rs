//! A JSON-like value: what the host sent, before it is read into a model.

use wasm_bindgen::{JsCast, JsValue};

/// Any value the host can send, kept verbatim (key order preserved).
///
/// Field values of an unknown type, or of a shape this crate does not recognise, stay in this
/// form (see [`FieldValue::Raw`](super::FieldValue::Raw)).
///
/// ```
/// use amocrm_widget::models::RawValue;
/// let raw: RawValue = serde_json::from_str(r#"{"a": [1, "x", null]}"#).unwrap();
/// assert_eq!(raw.get("a").and_then(|a| a.as_array()).map(|a| a.len()), Some(3));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum RawValue {
    /// `null`, `undefined`, or a value JSON cannot hold (a function, a symbol).
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<RawValue>),
    /// An object, keys in the host's order.
    Object(Vec<(String, RawValue)>),
}

impl RawValue {
    /// The value under `key` of an object.
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        match self {
            RawValue::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            RawValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            RawValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[RawValue]> {
        match self {
            RawValue::Array(items) => Some(items),
            _ => None,
        }
    }

    /// `true` for [`RawValue::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, RawValue::Null)
    }

    /// Copies a JS value. Getters that throw and nesting deeper than 64 levels (or a cycle)
    /// are errors.
    pub(crate) fn from_js(value: &JsValue) -> Result<Self, String> {
        from_js(value, 0)
    }
}

const MAX_DEPTH: usize = 64;

fn from_js(value: &JsValue, depth: usize) -> Result<RawValue, String> {
    if depth > MAX_DEPTH {
        return Err(format!("nested deeper than {MAX_DEPTH} levels (a cycle?)"));
    }
    if let Some(b) = value.as_bool() {
        return Ok(RawValue::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        return Ok(RawValue::Number(n));
    }
    if let Some(s) = value.as_string() {
        return Ok(RawValue::String(s));
    }
    if let Some(array) = value.dyn_ref::<js_sys::Array>() {
        return array
            .iter()
            .map(|item| from_js(&item, depth + 1))
            .collect::<Result<_, _>>()
            .map(RawValue::Array);
    }
    if value.is_object() {
        let entries = crate::sys::object_entries(value).map_err(|e| {
            format!(
                "reading the object threw: {}",
                crate::error::describe_thrown(&e).0
            )
        })?;
        let mut out = Vec::with_capacity(entries.length() as usize);
        for pair in entries.iter() {
            let pair: js_sys::Array = pair.unchecked_into();
            let Some(key) = pair.get(0).as_string() else {
                continue;
            };
            out.push((key, from_js(&pair.get(1), depth + 1)?));
        }
        return Ok(RawValue::Object(out));
    }
    Ok(RawValue::Null)
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for RawValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

#[cfg(feature = "serde")]
struct RawVisitor;

#[cfg(feature = "serde")]
impl<'de> serde::de::Visitor<'de> for RawVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_none<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        serde::Deserialize::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawValue, E> {
        Ok(RawValue::String(v))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(RawValue::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut entries: Vec<(String, RawValue)> = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, RawValue>()? {
            // JSON objects keep the last duplicate key, like `JSON.parse`.
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = value,
                None => entries.push((key, value)),
            }
        }
        Ok(RawValue::Object(entries))
    }
}
