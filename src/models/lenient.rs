//! The leniency the vendor's partly garbled type text calls for, as `deserialize_with` helpers:
//! ids sent as strings or numbers, `null` where a list or a flag is expected, records whose
//! items leave their id to the key.

use crate::text::{js_number, push_int};
use serde::de::{self, Deserialize, Deserializer, MapAccess, Unexpected, Visitor};
use std::marker::PhantomData;

/// An id: documented as a string, sent as a number too.
struct Id(String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(IdVisitor).map(Id)
    }
}

struct IdVisitor;

impl Visitor<'_> for IdVisitor {
    type Value = String;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("an id (a string or a number)")
    }
    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        let mut text = String::new();
        push_int(&mut text, v, 0);
        Ok(text)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        match i64::try_from(v) {
            Ok(v) => self.visit_i64(v),
            Err(_) => Ok(js_number(v as f64)),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        if v.is_finite() {
            Ok(js_number(v))
        } else {
            Err(E::invalid_value(Unexpected::Float(v), &self))
        }
    }
}

/// A required id.
pub(crate) fn id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Id::deserialize(d).map(|id| id.0)
}

/// An optional id: `null`/`undefined` (and, with `#[serde(default)]`, a missing key) are `None`.
pub(crate) fn optional_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Id>::deserialize(d).map(|id| id.map(|id| id.0))
}

/// The id of a record's item: empty when `null` or absent (then [`Keyed`] puts the key in).
pub(crate) fn id_or_key<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    optional_id(d).map(Option::unwrap_or_default)
}

/// A list of ids; `null` is empty.
pub(crate) fn ids<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let ids = Option::<Vec<Id>>::deserialize(d)?.unwrap_or_default();
    Ok(ids.into_iter().map(|id| id.0).collect())
}

/// A flag; `null` is `false`.
pub(crate) fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Option::<bool>::deserialize(d).map(Option::unwrap_or_default)
}

/// An item of a record (`Record<string, T>`) whose id may be left to the record's key.
pub(crate) trait Keyed {
    /// Called with the item's key; sets the id when the item did not carry one.
    fn key_as_id(&mut self, key: &str);
}

/// A record in the host's key order; `null` is empty.
pub(crate) fn record<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Keyed,
{
    Option::<Record<T>>::deserialize(d).map(|r| r.map(|r| r.0).unwrap_or_default())
}

struct Record<T>(Vec<T>);

impl<'de, T: Deserialize<'de> + Keyed> Deserialize<'de> for Record<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(RecordVisitor(PhantomData))
    }
}

struct RecordVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de> + Keyed> Visitor<'de> for RecordVisitor<T> {
    type Value = Record<T>;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("a record (an object keyed by id)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let mut item: T = map.next_value()?;
            item.key_as_id(&key);
            items.push(item);
        }
        Ok(Record(items))
    }
}

/// A value the host sends either bare (a string or a number) or as an object.
pub(crate) trait FromBare: Sized {
    /// What the value may be, for error messages.
    const EXPECTING: &'static str;
    /// From a bare string, or from a number written as `String(n)` (`number` is then `true`).
    fn from_bare(text: String, number: bool) -> Option<Self>;
}

/// `M` from its object form (`M`'s own `Deserialize`) or from a bare value ([`FromBare`]).
pub(crate) struct BareOr<M>(pub M);

impl<'de, M: Deserialize<'de> + FromBare> Deserialize<'de> for BareOr<M> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(BareOrVisitor(PhantomData)).map(BareOr)
    }
}

impl<M: Keyed> Keyed for BareOr<M> {
    fn key_as_id(&mut self, key: &str) {
        self.0.key_as_id(key)
    }
}

struct BareOrVisitor<M>(PhantomData<M>);

impl<M: FromBare> BareOrVisitor<M> {
    fn bare<E: de::Error>(text: String, number: bool, got: Unexpected<'_>) -> Result<M, E> {
        M::from_bare(text, number).ok_or_else(|| E::invalid_type(got, &M::EXPECTING))
    }
}

impl<'de, M: Deserialize<'de> + FromBare> Visitor<'de> for BareOrVisitor<M> {
    type Value = M;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(M::EXPECTING)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<M, A::Error> {
        M::deserialize(de::value::MapAccessDeserializer::new(map))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<M, E> {
        Self::bare(v.to_owned(), false, Unexpected::Str(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<M, E> {
        Self::bare(IdVisitor.visit_i64(v)?, true, Unexpected::Signed(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<M, E> {
        Self::bare(IdVisitor.visit_u64(v)?, true, Unexpected::Unsigned(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<M, E> {
        Self::bare(IdVisitor.visit_f64(v)?, true, Unexpected::Float(v))
    }
}

/// A list whose items are bare or objects; `null` is empty.
pub(crate) fn list_of_bare_or<'de, D, M>(d: D) -> Result<Vec<M>, D::Error>
where
    D: Deserializer<'de>,
    M: Deserialize<'de> + FromBare,
{
    let items = Option::<Vec<BareOr<M>>>::deserialize(d)?.unwrap_or_default();
    Ok(items.into_iter().map(|item| item.0).collect())
}

/// A record whose items are bare or objects; `null` is empty.
pub(crate) fn record_of_bare_or<'de, D, M>(d: D) -> Result<Vec<M>, D::Error>
where
    D: Deserializer<'de>,
    M: Deserialize<'de> + FromBare + Keyed,
{
    let items = record::<D, BareOr<M>>(d)?;
    Ok(items.into_iter().map(|item| item.0).collect())
}
