//! Reading a token without verifying it: safe in the browser, never a basis for trust.

use super::json::{self, ClaimValue};
use super::{base64url, Claims, Segment, TokenError};

/// The longest token accepted, in bytes. amoCRM's tokens are a few hundred bytes; anything
/// longer is refused before a single byte is decoded, so a hostile megabyte costs nothing.
pub const MAX_TOKEN_LEN: usize = 8 * 1024;

/// A token read without checking its signature: what it *claims*, nothing more.
///
/// ```
/// use amocrm_widget::token::unverified;
/// // {"alg":"HS256","typ":"JWT"} . {"account_id":1} . (signature)
/// let read = unverified("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY2NvdW50X2lkIjoxfQ.c2ln").unwrap();
/// assert_eq!(read.algorithm.as_deref(), Some("HS256"));
/// assert_eq!(read.claims.account_id, Some(1));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Unverified {
    /// The header's `alg`, as claimed.
    pub algorithm: Option<String>,
    /// The header's `typ`, as claimed.
    pub typ: Option<String>,
    /// The claim set, as claimed.
    pub claims: Claims,
}

/// The three segments of a token that passed the cheap structural checks.
pub(crate) struct Segments<'a> {
    pub(crate) header: &'a str,
    pub(crate) payload: &'a str,
    pub(crate) signature: &'a str,
}

/// Checks length and shape without allocating.
pub(crate) fn split(token: &str) -> Result<Segments<'_>, TokenError> {
    if token.is_empty() {
        return Err(TokenError::Empty);
    }
    if token.len() > MAX_TOKEN_LEN {
        return Err(TokenError::TooLong {
            len: token.len(),
            max: MAX_TOKEN_LEN,
        });
    }
    let mut parts = token.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(header), Some(payload), Some(signature), None) => Ok(Segments {
            header,
            payload,
            signature,
        }),
        _ => Err(TokenError::NotAJwt {
            segments: token.split('.').count(),
        }),
    }
}

fn decode_json(segment: Segment, text: &str) -> Result<ClaimValue, TokenError> {
    let bytes = base64url::decode(text).map_err(|_| TokenError::NotBase64 { segment })?;
    let text = String::from_utf8(bytes).map_err(|_| TokenError::NotJson {
        segment,
        reason: "not UTF-8",
        offset: None,
    })?;
    json::parse(&text).map_err(|e| TokenError::NotJson {
        segment,
        reason: e.reason,
        offset: Some(e.offset),
    })
}

/// Reads the header's `alg` and `typ`; other header members are ignored.
fn header(segment: &str) -> Result<(Option<String>, Option<String>), TokenError> {
    let ClaimValue::Object(members) = decode_json(Segment::Header, segment)? else {
        return Err(TokenError::NotJson {
            segment: Segment::Header,
            reason: "the header is not an object",
            offset: None,
        });
    };
    let (mut alg, mut typ) = (None, None);
    for (name, value) in members {
        let slot = match name.as_str() {
            "alg" => &mut alg,
            "typ" => &mut typ,
            _ => continue,
        };
        if slot.is_some() {
            return Err(TokenError::DuplicateClaim(["header.", &name].concat()));
        }
        match value {
            ClaimValue::String(s) => *slot = Some(s),
            _ => {
                return Err(TokenError::NotJson {
                    segment: Segment::Header,
                    reason: "`alg` and `typ` must be strings",
                    offset: None,
                })
            }
        }
    }
    Ok((alg, typ))
}

/// Reads a token's header and claims **without verifying the signature**.
///
/// Use it to show or route on what a token says; never to decide what a user may do. Errors
/// are typed: an empty, oversized, truncated, non-base64 or non-JSON token each has its own
/// [`TokenError`] variant.
///
/// ```
/// use amocrm_widget::token::{unverified, Segment, TokenError};
/// assert_eq!(unverified("a.b"), Err(TokenError::NotAJwt { segments: 2 }));
/// assert_eq!(unverified("a!.b.c"), Err(TokenError::NotBase64 { segment: Segment::Header }));
/// ```
pub fn unverified(token: &str) -> Result<Unverified, TokenError> {
    let segments = split(token)?;
    let (algorithm, typ) = header(segments.header)?;
    let claims = Claims::from_value(decode_json(Segment::Payload, segments.payload)?)?;
    base64url::decode(segments.signature).map_err(|_| TokenError::NotBase64 {
        segment: Segment::Signature,
    })?;
    Ok(Unverified {
        algorithm,
        typ,
        claims,
    })
}

/// The claims of a token, **not verified**: see [`unverified`].
///
/// ```
/// use amocrm_widget::token::unverified_claims;
/// let claims = unverified_claims(
///     "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjo4NzY1NDMyMX0.c2ln",
/// ).unwrap();
/// assert_eq!(claims.user_id, Some(87654321));
/// ```
pub fn unverified_claims(token: &str) -> Result<Claims, TokenError> {
    unverified(token).map(|read| read.claims)
}
