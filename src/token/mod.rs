//! The JWTs the host hands a widget: the `initLead` token and the mobile disposable token.

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
