//! Claim values of any JSON type, kept as sent (member order, duplicates, integers exact).

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A JSON value from a token, as the host sent it.
///
/// Claims this crate does not name are kept as `ClaimValue`s in
/// [`Claims::extra`](crate::Claims::extra). Objects keep their members in order, duplicates
/// included, so that [`Claims`](crate::Claims) can refuse duplicates instead of silently
/// picking one.
///
/// ```
/// use amocrm_widget_token::ClaimValue;
/// let v: ClaimValue = serde_json::from_str(r#"{"a":[1,-2,0.5,"x",null,true]}"#).unwrap();
/// assert_eq!(v.to_string(), r#"{"a":[1,-2,0.5,"x",null,true]}"#);
/// assert_eq!(ClaimValue::String("ru".into()).as_str(), Some("ru"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimValue {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(JsonNumber),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<ClaimValue>),
    /// An object, members in the order they were sent.
    Object(Vec<(String, ClaimValue)>),
}

/// A JSON number: integers in the `i64`/`u64` range exactly, anything else as `f64`.
///
/// 64-bit ids survive both readers: natively `serde_json` reads them as integers, and in the
/// browser the SDK's reviver turns integers beyond 2^53 into `BigInt`s from their source text.
///
/// ```
/// use amocrm_widget_token::{ClaimValue, Claims};
/// let claims = Claims::from_json(r#"{"big": 12345678901234567890, "id": 9007199254740993}"#).unwrap();
/// let ClaimValue::Number(big) = &claims.extra["big"] else { panic!() };
/// assert_eq!(big.to_string(), "12345678901234567890");
/// assert_eq!(big.as_i64(), None);
/// let ClaimValue::Number(id) = &claims.extra["id"] else { panic!() };
/// assert_eq!(id.as_i64(), Some(9007199254740993));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum JsonNumber {
    /// An integer that fits `i64`.
    Int(i64),
    /// An integer above `i64::MAX` that fits `u64`.
    UInt(u64),
    /// Any other number (fractions, exponents, integers beyond 64 bits).
    Float(f64),
}

impl JsonNumber {
    /// The value as an `i64` when it is an integer in range (`5.0` is not).
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            JsonNumber::Int(n) => Some(n),
            JsonNumber::UInt(_) | JsonNumber::Float(_) => None,
        }
    }

    /// The value as an `f64` (may round).
    pub fn as_f64(&self) -> f64 {
        match *self {
            JsonNumber::Int(n) => n as f64,
            JsonNumber::UInt(n) => n as f64,
            JsonNumber::Float(f) => f,
        }
    }
}

impl fmt::Display for JsonNumber {
    /// Writes the number as JSON (non-finite floats, which JSON cannot carry, as `null`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            JsonNumber::Int(n) => fmt::Display::fmt(&n, f),
            JsonNumber::UInt(n) => fmt::Display::fmt(&n, f),
            JsonNumber::Float(x) if x.is_finite() => fmt::Display::fmt(&x, f),
            JsonNumber::Float(_) => f.write_str("null"),
        }
    }
}

impl ClaimValue {
    /// The string, when the value is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            ClaimValue::String(s) => Some(s),
            _ => None,
        }
    }
}

fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if u32::from(c) < 0x20 => write!(f, "\\u{:04x}", u32::from(c))?,
            c => fmt::Write::write_char(f, c)?,
        }
    }
    f.write_str("\"")
}

impl fmt::Display for ClaimValue {
    /// Writes compact JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClaimValue::Null => f.write_str("null"),
            ClaimValue::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            ClaimValue::Number(n) => fmt::Display::fmt(n, f),
            ClaimValue::String(s) => write_string(f, s),
            ClaimValue::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    fmt::Display::fmt(item, f)?;
                }
                f.write_str("]")
            }
            ClaimValue::Object(members) => {
                f.write_str("{")?;
                for (i, (name, value)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write_string(f, name)?;
                    f.write_str(":")?;
                    fmt::Display::fmt(value, f)?;
                }
                f.write_str("}")
            }
        }
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = ClaimValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<ClaimValue, E> {
        Ok(ClaimValue::Null)
    }

    fn visit_none<E>(self) -> Result<ClaimValue, E> {
        Ok(ClaimValue::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<ClaimValue, D::Error> {
        ClaimValue::deserialize(d)
    }

    fn visit_bool<E>(self, b: bool) -> Result<ClaimValue, E> {
        Ok(ClaimValue::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<ClaimValue, E> {
        Ok(ClaimValue::Number(JsonNumber::Int(n)))
    }

    fn visit_u64<E>(self, n: u64) -> Result<ClaimValue, E> {
        Ok(ClaimValue::Number(match i64::try_from(n) {
            Ok(n) => JsonNumber::Int(n),
            Err(_) => JsonNumber::UInt(n),
        }))
    }

    fn visit_f64<E>(self, x: f64) -> Result<ClaimValue, E> {
        Ok(ClaimValue::Number(JsonNumber::Float(x)))
    }

    fn visit_str<E>(self, s: &str) -> Result<ClaimValue, E> {
        Ok(ClaimValue::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<ClaimValue, E> {
        Ok(ClaimValue::String(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ClaimValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(ClaimValue::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ClaimValue, A::Error> {
        let mut members = Vec::new();
        while let Some((name, value)) = map.next_entry::<String, ClaimValue>()? {
            members.push((name, value));
        }
        Ok(ClaimValue::Object(members))
    }
}

impl<'de> Deserialize<'de> for ClaimValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}
