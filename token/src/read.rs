//! Reading a token without verifying it: for display and routing, never a basis for trust.

use crate::{ClaimValue, Claims, Segment, TokenError};

/// The longest token accepted, in bytes. amoCRM's tokens are a few hundred bytes; anything
/// longer is refused before a single byte is decoded, so a hostile megabyte costs nothing.
pub const MAX_TOKEN_LEN: usize = 8 * 1024;

/// A token read without checking its signature: what it *claims*, nothing more.
///
/// ```
/// # #[cfg(not(target_arch = "wasm32"))] {
/// use amocrm_widget_token::unverified;
/// // {"alg":"HS256","typ":"JWT"} . {"account_id":1} . (signature)
/// let read = unverified("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY2NvdW50X2lkIjoxfQ.c2ln").unwrap();
/// assert_eq!(read.algorithm.as_deref(), Some("HS256"));
/// assert_eq!(read.claims.account_id, Some(1));
/// # }
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

impl Unverified {
    /// Builds the reading from the parsed header and payload, however they were parsed (the
    /// SDK parses them with the browser's `JSON.parse`). Duplicate `alg`/`typ` and claims are
    /// refused, so a parser that keeps duplicates must hand them over as they came.
    ///
    /// ```
    /// use amocrm_widget_token::{ClaimValue, TokenError, Unverified};
    /// let header = ClaimValue::Object(vec![("alg".into(), ClaimValue::String("HS256".into()))]);
    /// let read = Unverified::from_values(header, ClaimValue::Object(vec![])).unwrap();
    /// assert_eq!(read.algorithm.as_deref(), Some("HS256"));
    /// assert!(matches!(
    ///     Unverified::from_values(ClaimValue::Null, ClaimValue::Object(vec![])),
    ///     Err(TokenError::NotJson { .. })
    /// ));
    /// ```
    pub fn from_values(header: ClaimValue, payload: ClaimValue) -> Result<Self, TokenError> {
        let (algorithm, typ) = read_header(header)?;
        Ok(Unverified {
            algorithm,
            typ,
            claims: Claims::from_value(payload)?,
        })
    }
}

/// The three segments of a token that passed the cheap structural checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Segments<'a> {
    /// The base64url header.
    pub header: &'a str,
    /// The base64url claim set.
    pub payload: &'a str,
    /// The base64url signature.
    pub signature: &'a str,
}

/// Checks length and shape without allocating or decoding: the first step of every reader.
///
/// ```
/// use amocrm_widget_token::{split, TokenError, MAX_TOKEN_LEN};
/// assert_eq!(split("a.b.c").unwrap().payload, "b");
/// assert_eq!(split(""), Err(TokenError::Empty));
/// assert_eq!(split("a.b"), Err(TokenError::NotAJwt { segments: 2 }));
/// let huge = "a".repeat(MAX_TOKEN_LEN + 1);
/// assert_eq!(split(&huge), Err(TokenError::TooLong { len: MAX_TOKEN_LEN + 1, max: MAX_TOKEN_LEN }));
/// ```
pub fn split(token: &str) -> Result<Segments<'_>, TokenError> {
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

/// Whether `segment` is canonical unpadded base64url (RFC 4648 §5): only `A-Z a-z 0-9 - _`,
/// a length that some byte string encodes to, and zero spare bits in the last character.
///
/// Browsers' `atob` is laxer (it skips spaces and ignores spare bits), so the SDK checks this
/// first and two spellings of one token cannot both be read.
///
/// ```
/// use amocrm_widget_token::is_base64url;
/// assert!(is_base64url("e30"));
/// assert!(!is_base64url("e31")); // spare bits set
/// assert!(!is_base64url("e30=") && !is_base64url("e3 0") && !is_base64url("a"));
/// ```
pub fn is_base64url(segment: &str) -> bool {
    fn sextet(byte: u8) -> Option<u8> {
        Some(match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        })
    }
    let bytes = segment.as_bytes();
    let spare_mask = match bytes.len() % 4 {
        0 => 0,
        1 => return false,
        2 => 0b1111,
        _ => 0b11,
    };
    let mut last = 0;
    for &b in bytes {
        match sextet(b) {
            Some(v) => last = v,
            None => return false,
        }
    }
    last & spare_mask == 0
}

/// Reads the header's `alg` and `typ`; other header members are ignored.
fn read_header(header: ClaimValue) -> Result<(Option<String>, Option<String>), TokenError> {
    let ClaimValue::Object(members) = header else {
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

/// Parses a decoded segment with serde_json, keeping duplicate members for the checks above.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn parse_json(segment: Segment, bytes: &[u8]) -> Result<ClaimValue, TokenError> {
    let text = std::str::from_utf8(bytes).map_err(|_| TokenError::NotJson {
        segment,
        reason: "not UTF-8",
        offset: None,
    })?;
    serde_json::from_str(text).map_err(|e| TokenError::NotJson {
        segment,
        reason: match e.classify() {
            serde_json::error::Category::Eof => "unexpected end of input",
            serde_json::error::Category::Syntax => "invalid JSON syntax",
            serde_json::error::Category::Data | serde_json::error::Category::Io => {
                "unreadable JSON"
            }
        },
        offset: byte_offset(text, e.line(), e.column()),
    })
}

/// serde_json reports 1-based line and column (in bytes); the error carries a byte offset.
#[cfg(not(target_arch = "wasm32"))]
fn byte_offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    Some((line_start + column).saturating_sub(1).min(text.len()))
}

#[cfg(not(target_arch = "wasm32"))]
fn decode_json(segment: Segment, text: &str) -> Result<ClaimValue, TokenError> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| TokenError::NotBase64 { segment })?;
    parse_json(segment, &bytes)
}

/// Reads a token's header and claims **without verifying the signature**.
///
/// Use it to show or route on what a token says; never to decide what a user may do. Errors
/// are typed: an empty, oversized, truncated, non-base64 or non-JSON token each has its own
/// [`TokenError`] variant. Native only: in a widget the SDK reads tokens with the browser's
/// own decoders (`amocrm_widget::token`).
///
/// ```
/// use amocrm_widget_token::{unverified, Segment, TokenError};
/// assert_eq!(unverified("a.b"), Err(TokenError::NotAJwt { segments: 2 }));
/// assert_eq!(unverified("a!.b.c"), Err(TokenError::NotBase64 { segment: Segment::Header }));
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn unverified(token: &str) -> Result<Unverified, TokenError> {
    let segments = split(token)?;
    let header = decode_json(Segment::Header, segments.header)?;
    let payload = decode_json(Segment::Payload, segments.payload)?;
    let read = Unverified::from_values(header, payload)?;
    if !is_base64url(segments.signature) {
        return Err(TokenError::NotBase64 {
            segment: Segment::Signature,
        });
    }
    Ok(read)
}

/// The claims of a token, **not verified**: see [`unverified`].
///
/// ```
/// use amocrm_widget_token::unverified_claims;
/// let claims = unverified_claims(
///     "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjo4NzY1NDMyMX0.c2ln",
/// ).unwrap();
/// assert_eq!(claims.user_id, Some(87654321));
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn unverified_claims(token: &str) -> Result<Claims, TokenError> {
    unverified(token).map(|read| read.claims)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn base64url_agrees_with_the_base64_crate() {
        use base64::Engine as _;
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let alphabet = "Aa0-_+/= .QgEw";
        // Every string of up to 4 characters over a mix of valid and invalid characters.
        let chars: Vec<char> = alphabet.chars().collect();
        let mut strings = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| chars.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        for s in &strings {
            assert_eq!(is_base64url(s), engine.decode(s).is_ok(), "{s:?}");
        }
    }

    #[test]
    fn json_errors_point_at_the_byte() {
        assert_eq!(byte_offset("{\"a\" 1}", 1, 6), Some(5));
        assert_eq!(byte_offset("{\n\"a\" 1}", 2, 5), Some(6));
    }
}
