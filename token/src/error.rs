//! Why a token was refused: one variant per reason.

use std::fmt;

/// The three dot-separated parts of a JWT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    /// The JOSE header (`alg`, `typ`).
    Header,
    /// The claim set.
    Payload,
    /// The signature.
    Signature,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        })
    }
}

/// ` at byte N` when the reader knows where.
struct AtByte(Option<usize>);

impl fmt::Display for AtByte {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(offset) => write!(f, " at byte {offset}"),
            None => Ok(()),
        }
    }
}

fn at_byte(offset: Option<usize>) -> AtByte {
    AtByte(offset)
}

/// Why a token could not be read or was not accepted.
///
/// Reading ([`unverified_claims`](crate::unverified_claims)) can fail with the
/// malformed-input variants only; the policy variants exist only with the `server` feature,
/// whose verifier reports them (so a wasm widget, which never verifies, carries none of their
/// messages).
///
/// ```
/// use amocrm_widget_token::{unverified_claims, TokenError};
/// assert_eq!(unverified_claims("not-a-jwt"), Err(TokenError::NotAJwt { segments: 1 }));
/// assert_eq!(TokenError::Empty.to_string(), "the token is empty");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// The token is the empty string (the developer utils allow `token: ''`).
    #[error("the token is empty")]
    Empty,
    /// Longer than any token the host issues; refused before decoding anything.
    #[error("the token is {len} bytes long, more than the {max} bytes accepted")]
    TooLong {
        /// The token's length in bytes.
        len: usize,
        /// The most accepted.
        max: usize,
    },
    /// Not `header.payload.signature`.
    #[error("not a JWT: expected 3 dot-separated segments, found {segments}")]
    NotAJwt {
        /// How many segments there were.
        segments: usize,
    },
    /// A segment is not unpadded base64url.
    #[error("the {segment} is not base64url")]
    NotBase64 {
        /// Which segment.
        segment: Segment,
    },
    /// The header or payload is not a JSON object (or not UTF-8).
    #[error("the {segment} is not a JSON object: {reason}{}", at_byte(*offset))]
    NotJson {
        /// Which segment.
        segment: Segment,
        /// What the reader found.
        reason: &'static str,
        /// Where, in bytes from the start of the decoded segment, when known.
        offset: Option<usize>,
    },
    /// A claim the documents define has the wrong JSON type.
    #[error("claim `{claim}` should be {expected}")]
    InvalidClaim {
        /// The claim's name (`data.entity_id` for nested ones).
        claim: &'static str,
        /// The type the documents give it.
        expected: &'static str,
    },
    /// A claim appears twice; parsers disagree on which one wins, so neither is trusted.
    #[error("claim `{0}` appears more than once")]
    DuplicateClaim(String),
    /// The header names an algorithm other than HS256 (`none` and RS256 included).
    #[error("algorithm `{0}` is not accepted: only HS256 tokens are issued by amoCRM")]
    UnsupportedAlgorithm(String),
    /// The header has no `alg`.
    #[error("the header names no algorithm")]
    MissingAlgorithm,
    /// The HMAC does not match: wrong secret or altered token.
    #[cfg(feature = "server")]
    #[error("the signature does not match: wrong secret or altered token")]
    BadSignature,
    /// The verifier was given an empty secret.
    #[cfg(feature = "server")]
    #[error("the secret is empty")]
    EmptySecret,
    /// A claim the verifier requires is absent.
    #[cfg(feature = "server")]
    #[error("required claim `{0}` is missing")]
    MissingClaim(&'static str),
    /// `exp` (plus leeway) is in the past.
    #[cfg(feature = "server")]
    #[error("expired at {exp} (unix time), now is {now}")]
    Expired {
        /// The token's `exp`.
        exp: i64,
        /// The verifier's clock.
        now: i64,
    },
    /// `nbf` (minus leeway) is in the future.
    #[cfg(feature = "server")]
    #[error("not valid before {nbf} (unix time), now is {now}")]
    NotYetValid {
        /// The token's `nbf`.
        nbf: i64,
        /// The verifier's clock.
        now: i64,
    },
    /// `aud` is not the expected base URL.
    #[cfg(feature = "server")]
    #[error("audience {found:?} is not the expected {expected:?}")]
    AudienceMismatch {
        /// The configured audience.
        expected: String,
        /// What the token carries.
        found: Vec<String>,
    },
    /// `iss` is not the expected account URL.
    #[cfg(feature = "server")]
    #[error("issuer {found:?} is not the expected {expected:?}")]
    IssuerMismatch {
        /// The configured issuer.
        expected: String,
        /// What the token carries.
        found: String,
    },
    /// The account's subdomain is not the expected one.
    #[cfg(feature = "server")]
    #[error("subdomain {found:?} is not the expected {expected:?}")]
    SubdomainMismatch {
        /// The configured subdomain.
        expected: String,
        /// The `subdomain` claim, or the first label of `iss`.
        found: String,
    },
    /// `client_uuid` is not this integration's.
    #[cfg(feature = "server")]
    #[error("client_uuid {found:?} is not the expected {expected:?}")]
    ClientUuidMismatch {
        /// The configured integration UUID.
        expected: String,
        /// What the token carries.
        found: String,
    },
    /// This `jti` was already accepted: the disposable token is being replayed.
    #[cfg(feature = "server")]
    #[error("token {jti} was already used")]
    Replayed {
        /// The replayed token id.
        jti: String,
    },
    /// The replay store is full of unexpired ids, so a new one cannot be remembered; refused
    /// rather than risk accepting a replay.
    #[cfg(feature = "server")]
    #[error("the replay store is full ({capacity} unexpired token ids)")]
    ReplayStoreFull {
        /// The store's capacity.
        capacity: usize,
    },
    /// The shared replay store (Redis) could not be asked, so the token is refused rather
    /// than risk accepting a replay: a back end answers 503, never 200.
    #[cfg(feature = "server")]
    #[error("the replay store is unavailable: {0}")]
    ReplayStoreUnavailable(String),
    /// The JWT library refused the token for a reason the checks before it did not catch.
    #[cfg(feature = "server")]
    #[error("rejected by the JWT library: {0}")]
    Rejected(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The messages, word for word.
    #[test]
    fn messages() {
        let cases: Vec<(TokenError, &str)> = vec![
            (TokenError::Empty, "the token is empty"),
            (
                TokenError::TooLong {
                    len: 9000,
                    max: 8192,
                },
                "the token is 9000 bytes long, more than the 8192 bytes accepted",
            ),
            (
                TokenError::NotAJwt { segments: 1 },
                "not a JWT: expected 3 dot-separated segments, found 1",
            ),
            (
                TokenError::NotBase64 {
                    segment: Segment::Signature,
                },
                "the signature is not base64url",
            ),
            (
                TokenError::NotJson {
                    segment: Segment::Payload,
                    reason: "expected `:`",
                    offset: Some(12),
                },
                "the payload is not a JSON object: expected `:` at byte 12",
            ),
            (
                TokenError::NotJson {
                    segment: Segment::Header,
                    reason: "not UTF-8",
                    offset: None,
                },
                "the header is not a JSON object: not UTF-8",
            ),
            (
                TokenError::InvalidClaim {
                    claim: "exp",
                    expected: "a number",
                },
                "claim `exp` should be a number",
            ),
            (
                TokenError::DuplicateClaim("iss".into()),
                "claim `iss` appears more than once",
            ),
            (
                TokenError::UnsupportedAlgorithm("none".into()),
                "algorithm `none` is not accepted: only HS256 tokens are issued by amoCRM",
            ),
            (
                TokenError::MissingAlgorithm,
                "the header names no algorithm",
            ),
        ];
        for (error, message) in cases {
            assert_eq!(error.to_string(), message);
        }
    }

    #[cfg(feature = "server")]
    #[test]
    fn server_messages() {
        let cases: Vec<(TokenError, &str)> = vec![
            (
                TokenError::BadSignature,
                "the signature does not match: wrong secret or altered token",
            ),
            (TokenError::EmptySecret, "the secret is empty"),
            (
                TokenError::MissingClaim("jti"),
                "required claim `jti` is missing",
            ),
            (
                TokenError::Expired { exp: -5, now: 10 },
                "expired at -5 (unix time), now is 10",
            ),
            (
                TokenError::NotYetValid { nbf: 20, now: 10 },
                "not valid before 20 (unix time), now is 10",
            ),
            (
                TokenError::AudienceMismatch {
                    expected: "https://a.example".into(),
                    found: vec!["https://b.example".into(), "x\"y".into()],
                },
                r#"audience ["https://b.example", "x\"y"] is not the expected "https://a.example""#,
            ),
            (
                TokenError::IssuerMismatch {
                    expected: "a".into(),
                    found: "b\n".into(),
                },
                r#"issuer "b\n" is not the expected "a""#,
            ),
            (
                TokenError::SubdomainMismatch {
                    expected: "a".into(),
                    found: "b".into(),
                },
                r#"subdomain "b" is not the expected "a""#,
            ),
            (
                TokenError::ClientUuidMismatch {
                    expected: "a".into(),
                    found: "b".into(),
                },
                r#"client_uuid "b" is not the expected "a""#,
            ),
            (
                TokenError::Replayed { jti: "j-1".into() },
                "token j-1 was already used",
            ),
            (
                TokenError::ReplayStoreFull { capacity: 3 },
                "the replay store is full (3 unexpired token ids)",
            ),
            (
                TokenError::ReplayStoreUnavailable("connection refused".into()),
                "the replay store is unavailable: connection refused",
            ),
            (
                TokenError::Rejected("InvalidToken".into()),
                "rejected by the JWT library: InvalidToken",
            ),
        ];
        for (error, message) in cases {
            assert_eq!(error.to_string(), message);
        }
    }
}
