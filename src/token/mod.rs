//! The JWTs the host hands a widget: the `initLead` token and the mobile disposable token.
//!
//! Both are HS256 JWTs signed with the integration's `client_secret`, with the same
//! [`Claims`]. In the browser a token can only be *read* ([`unverified_claims`]): the secret
//! must never ship to a client. Verification lives behind the native `server` feature
//! (`Verifier`), which does not compile for wasm32.

mod base64url;
mod claims;
mod decode;
mod error;
mod json;
#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
mod replay;
#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
mod verify;

pub use claims::{Audience, Claims, EntityData};
pub use decode::{unverified, unverified_claims, Unverified, MAX_TOKEN_LEN};
pub use error::{Segment, TokenError};
pub use json::{ClaimValue, JsonNumber};
#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
pub use replay::{InMemoryReplayGuard, ReplayGuard};
#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
pub use verify::Verifier;

#[cfg(all(feature = "server", target_arch = "wasm32"))]
compile_error!(
    "the `server` feature verifies tokens with the integration's secret and must never be \
     compiled to wasm32: the secret would ship to every browser. Enable it only in native \
     back-end crates."
);

use std::fmt;

/// The token the host passes to `initLead` (`params.token`), as received.
///
/// It is a JWT signed with the integration's `client_secret`; in the browser it can only be
/// read, never trusted. An empty string is valid: the developer utils allow `token: ''`.
///
/// ```
/// use amocrm_widget::token::LeadToken;
/// let token = LeadToken::new("foo");
/// assert_eq!(token.as_str(), "foo");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct LeadToken(String);

impl LeadToken {
    /// Wraps the raw token string.
    pub fn new(raw: impl Into<String>) -> Self {
        Self(raw.into())
    }

    /// The raw token, exactly as the host passed it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Consumes the wrapper, returning the raw token.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Reads the token's claims **without verifying the signature** (see [`unverified`]).
    ///
    /// Good for display and routing in the widget; a back end must verify the token itself.
    /// The developer utils' empty token gives [`TokenError::Empty`].
    ///
    /// ```
    /// use amocrm_widget::token::{LeadToken, TokenError};
    /// let token = LeadToken::new("eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjo4NzY1NDMyMX0.c2ln");
    /// assert_eq!(token.unverified_claims().unwrap().user_id, Some(87654321));
    /// assert_eq!(LeadToken::new("").unverified_claims(), Err(TokenError::Empty));
    /// ```
    pub fn unverified_claims(&self) -> Result<Claims, TokenError> {
        unverified_claims(&self.0)
    }
}

/// Shows the token as the host passed it: it is the widget's own bearer credential, and the
/// vendor's example logs it as is.
impl fmt::Display for LeadToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for LeadToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LeadToken").field(&self.0).finish()
    }
}
