//! Why a call to the widget's back end gave no value.

use std::fmt;

/// Why a call to the back end gave no value: one variant per thing to tell the user.
///
/// ```
/// use amocrm_widget::backend::BackendError;
/// let refused = BackendError::Status { status: 403, reason: "this belongs to another account".into() };
/// assert!(refused.is_forbidden());
/// assert_eq!(refused.to_string(), "the server answered 403: this belongs to another account");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BackendError {
    /// No answer: the server is down or unreachable, or the browser refused the answer (CORS:
    /// the server did not name the page's origin). The browser does not say which.
    Network(String),
    /// The server answered with a status outside 200–299, with its body as the reason (cut to
    /// [`REASON_MAX`](super::REASON_MAX) characters).
    Status {
        /// The HTTP status (401: the token was refused; 403: another account's data).
        status: u16,
        /// What the server said.
        reason: String,
    },
    /// The answer is not the JSON the widget expects (or a body to send cannot be encoded).
    Decode(String),
    /// The call was aborted: the lead or slot it belonged to was torn down. A call started
    /// with [`Client::spawn`](super::Client::spawn) never reports it.
    Aborted,
}

impl BackendError {
    /// The HTTP status, for [`Status`](Self::Status).
    pub fn status(&self) -> Option<u16> {
        match self {
            BackendError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// 401: the server refused the token (expired, not signed with the integration's secret).
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    /// 403: the token is valid, but for another account than the data's.
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(403)
    }
}

impl BackendError {
    /// The message [`Display`](fmt::Display) shows, built without `core::fmt`'s integer
    /// formatting (see [`text`](mod@crate::text)).
    pub fn message(&self) -> String {
        match self {
            BackendError::Network(detail) => crate::text!("the server cannot be reached: ", detail),
            BackendError::Status { status, reason } if reason.is_empty() => {
                crate::text!("the server answered ", *status)
            }
            BackendError::Status { status, reason } => {
                crate::text!("the server answered ", *status, ": ", reason)
            }
            BackendError::Decode(detail) => {
                crate::text!("the server's answer cannot be read: ", detail)
            }
            BackendError::Aborted => "the call was aborted".into(),
        }
    }
}

impl fmt::Display for BackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for BackendError {}
