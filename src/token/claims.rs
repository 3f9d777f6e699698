//! The typed claim set shared by the `initLead` token and the mobile disposable token.

use super::json::{self, ClaimValue};
use super::{Segment, TokenError};
use std::collections::BTreeMap;

/// The claims of an amoCRM widget token, as documented for disposable tokens.
///
/// Every claim is optional here: the `initLead` token's claims are undocumented and the
/// vendor's own example omits `data`. The server verifier decides which are required.
/// Claims the documents do not name are kept in [`extra`](Self::extra).
///
/// ```
/// use amocrm_widget::token::Claims;
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
    /// use amocrm_widget::token::Audience;
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
    /// use amocrm_widget::token::{Claims, TokenError};
    /// assert_eq!(
    ///     Claims::from_json(r#"{"exp": "tomorrow"}"#),
    ///     Err(TokenError::InvalidClaim { claim: "exp", expected: "a unix timestamp" })
    /// );
    /// ```
    pub fn from_json(text: &str) -> Result<Claims, TokenError> {
        let value = json::parse(text).map_err(|e| TokenError::NotJson {
            segment: Segment::Payload,
            reason: e.reason,
            offset: Some(e.offset),
        })?;
        Claims::from_value(value)
    }

    pub(crate) fn from_value(value: ClaimValue) -> Result<Claims, TokenError> {
        let ClaimValue::Object(members) = value else {
            return Err(TokenError::NotJson {
                segment: Segment::Payload,
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
    /// use amocrm_widget::token::Claims;
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

/// `1594204245.75` -> `1594204245`: the whole seconds of a decimal fraction, floored, without
/// pulling float parsing (and its tables) into the wasm. Exponent forms are not timestamps
/// anyone sends and are refused.
fn whole_seconds(text: &str) -> Option<i64> {
    let (whole, fraction) = text.split_once('.')?;
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let negative = whole < 0 || whole == 0 && text.starts_with('-');
    let has_fraction = fraction.bytes().any(|b| b != b'0');
    Some(if negative && has_fraction {
        whole - 1
    } else {
        whole
    })
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
        ClaimValue::Number(n) => match n.as_i64() {
            Some(whole) => Ok(Some(whole)),
            None => whole_seconds(n.as_str()).map(Some).ok_or(invalid),
        },
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
    fn floors_fractional_timestamps_without_floats() {
        assert_eq!(whole_seconds("1594204245.75"), Some(1594204245));
        assert_eq!(whole_seconds("-1.5"), Some(-2));
        assert_eq!(whole_seconds("-0.5"), Some(-1));
        assert_eq!(whole_seconds("-2.000"), Some(-2));
        assert_eq!(whole_seconds("1.5e3"), None);
        assert_eq!(whole_seconds("12"), None);
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
