//! The typed claim set shared by the `initLead` token and the mobile disposable token.

use crate::value::{ClaimValue, JsonNumber};
use crate::TokenError;
use serde::de::{Deserialize, Deserializer, Error as _};
use std::collections::BTreeMap;

/// The claims of an amoCRM widget token, as documented for disposable tokens.
///
/// Every claim is optional here: the `initLead` token's claims are undocumented and the
/// vendor's own example omits `data`. The server verifier decides which are required.
/// Claims the documents do not name are kept in [`extra`](Self::extra).
///
/// ```
/// use amocrm_widget_token::Claims;
/// let claims = Claims::from_json(r#"{
///     "iss": "https://subdomain.amocrm.ru", "aud": "https://external.integration.io",
///     "jti": "d628f123-5123-473e-a123-ed123ef31f8f",
///     "iat": 1594204245, "nbf": 1594204245, "exp": 1594206045,
///     "account_id": 12345678, "user_id": 87654321, "subdomain": "subdomain",
///     "client_uuid": "0b0832f6-d123-4123-9123-e73f236833c",
///     "data": {"entity_type": "leads", "entity_id": 42}, "new_claim": [1]
/// }"#).unwrap();
/// assert_eq!(claims.account_id, Some(12345678));
/// assert_eq!(claims.data.as_ref().and_then(|d| d.entity_id), Some(42));
/// assert!(claims.extra.contains_key("new_claim"));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Claims {
    /// `iss`: the account URL, e.g. `https://subdomain.amocrm.ru`.
    pub iss: Option<String>,
    /// `aud`: the base URL derived from the integration's `redirect_uri`.
    pub aud: Option<Audience>,
    /// `jti`: the token's UUID.
    pub jti: Option<String>,
    /// `iat`: when the token was issued (unix seconds).
    pub iat: Option<i64>,
    /// `nbf`: when the token starts being valid (unix seconds).
    pub nbf: Option<i64>,
    /// `exp`: when the token expires (unix seconds).
    pub exp: Option<i64>,
    /// `account_id`: the account the request comes from.
    pub account_id: Option<i64>,
    /// `user_id`: the user the request is made as.
    pub user_id: Option<i64>,
    /// `client_uuid`: the integration's UUID.
    pub client_uuid: Option<String>,
    /// `subdomain`: the account's subdomain.
    pub subdomain: Option<String>,
    /// `data`: the entity the request comes from.
    pub data: Option<EntityData>,
    /// Every claim not named above, as sent.
    pub extra: BTreeMap<String, ClaimValue>,
}

/// The `aud` claim: one audience, or several (RFC 7519 allows both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// A single audience string (what amoCRM sends).
    One(String),
    /// An array of audiences.
    Many(Vec<String>),
}

impl Audience {
    /// Every audience listed.
    ///
    /// ```
    /// use amocrm_widget_token::Audience;
    /// assert_eq!(Audience::One("https://a.io".into()).as_slice(), ["https://a.io"]);
    /// ```
    pub fn as_slice(&self) -> &[String] {
        match self {
            Audience::One(one) => std::slice::from_ref(one),
            Audience::Many(many) => many,
        }
    }
}

/// The `data` claim: the entity a mobile card is opened on.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct EntityData {
    /// `entity_type`: the kind of entity (e.g. a lead or a customer card).
    pub entity_type: Option<String>,
    /// `entity_id`: the entity's id.
    pub entity_id: Option<i64>,
    /// Any other member of `data`, as sent.
    pub extra: BTreeMap<String, ClaimValue>,
}

impl Claims {
    /// Reads a claim set from its JSON text (a JWT payload, already base64url-decoded).
    ///
    /// This checks types, not authenticity.
    ///
    /// ```
    /// use amocrm_widget_token::{Claims, TokenError};
    /// assert_eq!(
    ///     Claims::from_json(r#"{"exp": "tomorrow"}"#),
    ///     Err(TokenError::InvalidClaim { claim: "exp", expected: "a unix timestamp" })
    /// );
    /// ```
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json(text: &str) -> Result<Claims, TokenError> {
        Claims::from_value(crate::read::parse_json(
            crate::Segment::Payload,
            text.as_bytes(),
        )?)
    }

    /// Reads a claim set from an already parsed JSON value: refuses duplicate claims and
    /// claims of the wrong type, keeps unknown ones.
    ///
    /// ```
    /// use amocrm_widget_token::{ClaimValue, Claims, JsonNumber, TokenError};
    /// let value = ClaimValue::Object(vec![
    ///     ("exp".into(), ClaimValue::Number(JsonNumber::Int(1))),
    ///     ("exp".into(), ClaimValue::Number(JsonNumber::Int(2))),
    /// ]);
    /// assert_eq!(Claims::from_value(value), Err(TokenError::DuplicateClaim("exp".into())));
    /// ```
    pub fn from_value(value: ClaimValue) -> Result<Claims, TokenError> {
        let ClaimValue::Object(members) = value else {
            return Err(TokenError::NotJson {
                segment: crate::Segment::Payload,
                reason: "the claim set is not an object",
                offset: None,
            });
        };
        if let Some(name) = duplicate(&members) {
            return Err(TokenError::DuplicateClaim(name.to_owned()));
        }
        let mut claims = Claims::default();
        for (name, value) in members {
            match name.as_str() {
                "iss" => claims.iss = string(value, "iss")?,
                "aud" => claims.aud = audience(value)?,
                "jti" => claims.jti = string(value, "jti")?,
                "iat" => claims.iat = timestamp(value, "iat")?,
                "nbf" => claims.nbf = timestamp(value, "nbf")?,
                "exp" => claims.exp = timestamp(value, "exp")?,
                "account_id" => claims.account_id = id(value, "account_id")?,
                "user_id" => claims.user_id = id(value, "user_id")?,
                "client_uuid" => claims.client_uuid = string(value, "client_uuid")?,
                "subdomain" => claims.subdomain = string(value, "subdomain")?,
                "data" => claims.data = entity_data(value)?,
                _ => {
                    claims.extra.insert(name, value);
                }
            }
        }
        Ok(claims)
    }

    /// The audiences listed in `aud` (empty when absent).
    pub fn audiences(&self) -> &[String] {
        self.aud
            .as_ref()
            .map(Audience::as_slice)
            .unwrap_or_default()
    }

    /// The account's subdomain: the `subdomain` claim, else the first label of `iss`'s host.
    ///
    /// ```
    /// use amocrm_widget_token::Claims;
    /// let claims = Claims::from_json(r#"{"iss": "https://acme.amocrm.ru"}"#).unwrap();
    /// assert_eq!(claims.account_subdomain(), Some("acme"));
    /// ```
    pub fn account_subdomain(&self) -> Option<&str> {
        if let Some(subdomain) = &self.subdomain {
            return Some(subdomain);
        }
        let iss = self.iss.as_deref()?;
        let host = iss.split_once("://").map_or(iss, |(_, rest)| rest);
        let host = host.split(['/', ':', '?', '#']).next()?;
        host.split('.').next().filter(|label| !label.is_empty())
    }
}

/// Reads the claim set like [`Claims::from_value`]; its typed error becomes the
/// deserializer's error, with the same message.
impl<'de> Deserialize<'de> for Claims {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Claims::from_value(ClaimValue::deserialize(d)?).map_err(D::Error::custom)
    }
}

/// The first member name that appears twice. Claim sets are small (the token is at most
/// 8 KiB), and a scan costs less wasm than a set.
fn duplicate(members: &[(String, ClaimValue)]) -> Option<&str> {
    members.iter().enumerate().find_map(|(i, (name, _))| {
        members[..i]
            .iter()
            .any(|(earlier, _)| earlier == name)
            .then_some(name.as_str())
    })
}

/// `1594204245.75` -> `1594204245`: whole seconds, floored; `None` outside `i64`'s range.
fn whole_seconds(x: f64) -> Option<i64> {
    let floor = x.floor();
    // `i64::MAX as f64` rounds up to 2^63, itself out of range.
    (floor.is_finite() && floor >= i64::MIN as f64 && floor < i64::MAX as f64)
        .then_some(floor as i64)
}

fn string(value: ClaimValue, claim: &'static str) -> Result<Option<String>, TokenError> {
    match value {
        ClaimValue::Null => Ok(None),
        ClaimValue::String(s) => Ok(Some(s)),
        _ => Err(TokenError::InvalidClaim {
            claim,
            expected: "a string",
        }),
    }
}

fn audience(value: ClaimValue) -> Result<Option<Audience>, TokenError> {
    let invalid = TokenError::InvalidClaim {
        claim: "aud",
        expected: "a string or an array of strings",
    };
    match value {
        ClaimValue::Null => Ok(None),
        ClaimValue::String(s) => Ok(Some(Audience::One(s))),
        ClaimValue::Array(items) => items
            .into_iter()
            .map(|item| match item {
                ClaimValue::String(s) => Ok(s),
                _ => Err(invalid.clone()),
            })
            .collect::<Result<_, _>>()
            .map(|many| Some(Audience::Many(many))),
        _ => Err(invalid),
    }
}

/// NumericDate (RFC 7519 §2) allows fractions; whole seconds are enough for every check.
fn timestamp(value: ClaimValue, claim: &'static str) -> Result<Option<i64>, TokenError> {
    let invalid = TokenError::InvalidClaim {
        claim,
        expected: "a unix timestamp",
    };
    match value {
        ClaimValue::Null => Ok(None),
        ClaimValue::Number(JsonNumber::Int(whole)) => Ok(Some(whole)),
        ClaimValue::Number(JsonNumber::Float(x)) => whole_seconds(x).map(Some).ok_or(invalid),
        _ => Err(invalid),
    }
}

/// Ids are documented as integers; a decimal string is accepted too, since JSON producers
/// often quote 64-bit ids.
fn id(value: ClaimValue, claim: &'static str) -> Result<Option<i64>, TokenError> {
    let parsed = match &value {
        ClaimValue::Null => return Ok(None),
        ClaimValue::Number(n) => n.as_i64(),
        ClaimValue::String(s) => s.parse().ok(),
        _ => None,
    };
    parsed.map(Some).ok_or(TokenError::InvalidClaim {
        claim,
        expected: "an integer id",
    })
}

fn entity_data(value: ClaimValue) -> Result<Option<EntityData>, TokenError> {
    let members = match value {
        ClaimValue::Null => return Ok(None),
        ClaimValue::Object(members) => members,
        // PHP encodes an empty associative array as `[]`.
        ClaimValue::Array(items) if items.is_empty() => return Ok(Some(EntityData::default())),
        _ => {
            return Err(TokenError::InvalidClaim {
                claim: "data",
                expected: "an object",
            })
        }
    };
    if let Some(name) = duplicate(&members) {
        return Err(TokenError::DuplicateClaim(["data.", name].concat()));
    }
    let mut data = EntityData::default();
    for (name, value) in members {
        match name.as_str() {
            "entity_type" => data.entity_type = string(value, "data.entity_type")?,
            "entity_id" => data.entity_id = id(value, "data.entity_id")?,
            _ => {
                data.extra.insert(name, value);
            }
        }
    }
    Ok(Some(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors_fractional_timestamps() {
        assert_eq!(whole_seconds(1594204245.75), Some(1594204245));
        assert_eq!(whole_seconds(-1.5), Some(-2));
        assert_eq!(whole_seconds(-0.5), Some(-1));
        assert_eq!(whole_seconds(1.5e3), Some(1500));
        assert_eq!(whole_seconds(1e19), None);
        assert_eq!(whole_seconds(f64::NAN), None);
    }

    #[test]
    fn deserializes_through_serde() {
        let claims: Claims = serde_json::from_str(r#"{"exp":5,"x":{"y":[1]}}"#).unwrap();
        assert_eq!(claims.exp, Some(5));
        assert_eq!(claims.extra["x"].to_string(), r#"{"y":[1]}"#);
        let dup = serde_json::from_str::<Claims>(r#"{"exp":5,"exp":6}"#).unwrap_err();
        assert!(
            dup.to_string()
                .contains("claim `exp` appears more than once"),
            "{dup}"
        );
    }

    #[test]
    fn refuses_duplicate_claims_at_both_levels() {
        assert_eq!(
            Claims::from_json(r#"{"a":1,"b":2,"a":3}"#),
            Err(TokenError::DuplicateClaim("a".into()))
        );
        assert_eq!(
            Claims::from_json(r#"{"data":{"entity_id":1,"entity_id":2}}"#),
            Err(TokenError::DuplicateClaim("data.entity_id".into()))
        );
    }
}
