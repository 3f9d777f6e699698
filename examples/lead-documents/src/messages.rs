//! What the widget says for each answer of the back end (plain Rust, tested natively).

use amocrm_widget::backend::BackendError;

/// Which kind of failure a message is about (the `data-error` attribute of the message).
pub fn kind(error: &BackendError) -> &'static str {
    match error {
        BackendError::Status { status: 401, .. } => "unauthorized",
        BackendError::Status { status: 403, .. } => "forbidden",
        BackendError::Status { .. } => "status",
        BackendError::Network(_) => "network",
        BackendError::Decode(_) => "decode",
        _ => "other",
    }
}

/// A sentence for the person looking at the lead.
///
/// ```
/// use amocrm_widget::backend::BackendError;
/// let expired = BackendError::Status { status: 401, reason: "expired at 1 (unix time), now is 2".into() };
/// assert!(lead_documents::messages::describe(&expired).starts_with("Your access to this lead has expired"));
/// ```
pub fn describe(error: &BackendError) -> String {
    match error {
        BackendError::Status { status: 401, .. } => {
            "Your access to this lead has expired or was refused: reopen the lead to renew it."
                .into()
        }
        BackendError::Status { status: 403, .. } => {
            "These documents belong to another account.".into()
        }
        BackendError::Status { status, reason } => amocrm_widget::text!(
            "The documents server answered ",
            *status,
            if reason.is_empty() { "" } else { ": " },
            reason,
            "."
        ),
        BackendError::Network(_) => {
            "The documents server cannot be reached. The rest of the page works; try again later."
                .into()
        }
        BackendError::Decode(_) => {
            "The documents server sent an answer this widget cannot read.".into()
        }
        other => other.message(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_has_its_own_words() {
        let status = |status, reason: &str| BackendError::Status {
            status,
            reason: reason.into(),
        };
        let cases = [
            (status(401, "expired"), "unauthorized", "Your access"),
            (
                status(403, "x"),
                "forbidden",
                "These documents belong to another account.",
            ),
            (
                status(503, "busy"),
                "status",
                "The documents server answered 503: busy.",
            ),
            (
                status(500, ""),
                "status",
                "The documents server answered 500.",
            ),
            (
                BackendError::Network("Failed to fetch".into()),
                "network",
                "The documents server cannot be reached.",
            ),
            (
                BackendError::Decode("invalid type".into()),
                "decode",
                "The documents server sent an answer",
            ),
        ];
        for (error, want_kind, want_start) in cases {
            assert_eq!(kind(&error), want_kind, "{error:?}");
            assert!(
                describe(&error).starts_with(want_start),
                "{error:?}: {}",
                describe(&error)
            );
        }
    }
}
