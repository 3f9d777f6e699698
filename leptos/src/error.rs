//! The crate's one error type.

/// Why host signals could not be made.
///
/// ```
/// use amocrm_widget_leptos::Error;
/// assert_eq!(
///     Error::NoOwner.to_string(),
///     "host signals need a reactive owner: create them inside mount_in_slot's view function"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// Signals were asked for outside any reactive owner: nothing would end their
    /// subscriptions, so none were made.
    #[error(
        "host signals need a reactive owner: create them inside mount_in_slot's view function"
    )]
    NoOwner,
    /// The host refused the subscription (`methods.subscribe` threw or returned no function).
    #[error(transparent)]
    Host(#[from] amocrm_widget::Error),
}
