//! Why a token was refused: one variant per reason.

use std::fmt;

fn at_byte(offset: Option<usize>) -> String {
    offset.map(|o| format!(" at byte {o}")).unwrap_or_default()
}

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

/// Why a token could not be read or was not accepted.
///
/// Reading ([`unverified_claims`](super::unverified_claims)) can fail with the malformed-input
/// variants only; the `server` feature's verifier adds the policy variants.
///
/// ```
/// use amocrm_widget::token::{unverified_claims, TokenError};
/// assert_eq!(unverified_claims("not-a-jwt"), Err(TokenError::NotAJwt { segments: 1 }));
/// // `?` turns it into the crate's one error type.
/// let error: amocrm_widget::Error = TokenError::Empty.into();
/// assert_eq!(error.to_string(), "the token is empty");
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
    #[error("the {segment} is not a JSON object: {reason}{}", at_byte(*.offset))]
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
    #[error("the signature does not match: wrong secret or altered token")]
    BadSignature,
    /// The verifier was given an empty secret.
    #[error("the secret is empty")]
    EmptySecret,
    /// A claim the verifier requires is absent.
    #[error("required claim `{0}` is missing")]
    MissingClaim(&'static str),
    /// `exp` (plus leeway) is in the past.
    #[error("expired at {exp} (unix time), now is {now}")]
    Expired {
        /// The token's `exp`.
        exp: i64,
        /// The verifier's clock.
        now: i64,
    },
    /// `nbf` (minus leeway) is in the future.
    #[error("not valid before {nbf} (unix time), now is {now}")]
    NotYetValid {
        /// The token's `nbf`.
        nbf: i64,
        /// The verifier's clock.
        now: i64,
    },
    /// `aud` is not the expected base URL.
    #[error("audience {found:?} is not the expected {expected:?}")]
    AudienceMismatch {
        /// The configured audience.
        expected: String,
        /// What the token carries.
        found: Vec<String>,
    },
    /// `iss` is not the expected account URL.
    #[error("issuer {found:?} is not the expected {expected:?}")]
    IssuerMismatch {
        /// The configured issuer.
        expected: String,
        /// What the token carries.
        found: String,
    },
    /// The account's subdomain is not the expected one.
    #[error("subdomain {found:?} is not the expected {expected:?}")]
    SubdomainMismatch {
        /// The configured subdomain.
        expected: String,
        /// The `subdomain` claim, or the first label of `iss`.
        found: String,
    },
    /// `client_uuid` is not this integration's.
    #[error("client_uuid {found:?} is not the expected {expected:?}")]
    ClientUuidMismatch {
        /// The configured integration UUID.
        expected: String,
        /// What the token carries.
        found: String,
    },
    /// This `jti` was already accepted: the disposable token is being replayed.
    #[error("token {jti} was already used")]
    Replayed {
        /// The replayed token id.
        jti: String,
    },
    /// The replay store is full of unexpired ids, so a new one cannot be remembered; refused
    /// rather than risk accepting a replay.
    #[error("the replay store is full ({capacity} unexpired token ids)")]
    ReplayStoreFull {
        /// The store's capacity.
        capacity: usize,
    },
    /// The JWT library refused the token for a reason the checks before it did not catch.
    #[error("rejected by the JWT library: {0}")]
    Rejected(String),
}
