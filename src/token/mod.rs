//! The JWTs the host hands a widget: the `initLead` token and the mobile disposable token.
//!
//! Both are HS256 JWTs signed with the integration's `client_secret`, with the same
//! [`Claims`] (from the pure-Rust `amocrm-widget-token` crate, re-exported here). In the
//! browser a token can only be *read* ([`unverified_claims`]), with the browser's own `atob`
//! and `JSON.parse`: no JSON or base64 code ships in the widget's wasm. The secret must never
//! ship to a client: verification lives in `amocrm-widget-token` (feature `server`), which a
//! back end depends on and which refuses to compile it for wasm32.

#[cfg(target_arch = "wasm32")]
mod browser;

/// Natively (tests, tools) the token crate's own reader does the same job.
#[cfg(not(target_arch = "wasm32"))]
pub use amocrm_widget_token::{unverified, unverified_claims};
pub use amocrm_widget_token::{
    Audience, ClaimValue, Claims, EntityData, JsonNumber, Segment, TokenError, Unverified,
    MAX_TOKEN_LEN,
};
#[cfg(target_arch = "wasm32")]
pub use browser::{unverified, unverified_claims};

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
