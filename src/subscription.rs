//! The guard that keeps a subscription alive and ends it exactly once.

use crate::{Error, Result};
use wasm_bindgen::prelude::*;

/// A live `methods.subscribe(..)`: dropping it calls the host's unsubscribe function once and
/// frees the Rust callback.
///
/// Dropping never panics: an unsubscribe function that throws is ignored in `Drop` (use
/// [`unsubscribe`](Self::unsubscribe) to see the error).
///
/// ```no_run
/// use amocrm_widget::views::SysView;
/// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
/// let subscription = sdk.subscribe::<SysView, _>(|_| {})?;
/// drop(subscription); // unsubscribed
/// # Ok(()) }
/// ```
#[must_use = "a Subscription unsubscribes as soon as it is dropped"]
pub struct Subscription {
    unsubscribe: js_sys::Function,
    /// `Some` while this guard still has to unsubscribe.
    callback: Option<Closure<dyn FnMut(JsValue)>>,
}

impl core::fmt::Debug for Subscription {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Subscription")
            .field("live", &self.callback.is_some())
            .finish()
    }
}

impl Subscription {
    pub(crate) fn new(
        unsubscribe: js_sys::Function,
        callback: Closure<dyn FnMut(JsValue)>,
    ) -> Self {
        Self {
            unsubscribe,
            callback: Some(callback),
        }
    }

    /// Unsubscribes now, reporting an error if the host's unsubscribe function throws.
    /// The Rust callback is freed either way.
    ///
    /// ```no_run
    /// # fn f(subscription: amocrm_widget::Subscription) -> amocrm_widget::Result<()> {
    /// subscription.unsubscribe()?;
    /// # Ok(()) }
    /// ```
    pub fn unsubscribe(mut self) -> Result<()> {
        self.end()
    }

    /// Stops owning the subscription: it stays active until the host drops the callback, and
    /// the Rust callback is then freed by the JS garbage collector (not leaked for the page's
    /// lifetime). Returns the host's unsubscribe function so JS code can still end it.
    ///
    /// Use it for a subscription that must outlive every Rust owner, e.g. one made in module
    /// set-up code. Prefer keeping the guard: only the guard guarantees the unsubscribe call.
    ///
    /// ```no_run
    /// # fn f(subscription: amocrm_widget::Subscription) {
    /// let unsubscribe: js_sys::Function = subscription.forget();
    /// # }
    /// ```
    pub fn forget(mut self) -> js_sys::Function {
        if let Some(callback) = self.callback.take() {
            // Hands the callback to the JS GC (a FinalizationRegistry frees the Rust side).
            drop(callback.into_js_value());
        }
        self.unsubscribe.clone()
    }

    /// Calls the host's unsubscribe function once, then frees the callback.
    fn end(&mut self) -> Result<()> {
        let Some(callback) = self.callback.take() else {
            return Ok(());
        };
        let result = self
            .unsubscribe
            .call0(&JsValue::UNDEFINED)
            .map(drop)
            .map_err(|e| Error::thrown("unsubscribe", e));
        drop(callback);
        result
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let _ = self.end();
    }
}
