//! The guard that keeps a subscription alive and ends it exactly once.

use crate::ffi;
use crate::shim_link;
use crate::{Error, Result};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A live `methods.subscribe(..)`: dropping it silences the callback and calls the host's
/// unsubscribe function once.
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
    /// The function that ends the subscription (the host's, or the shim's wrapper around it).
    unsubscribe: js_sys::Function,
    /// Shared with the callback: `false` once this guard has unsubscribed.
    live: Rc<Cell<bool>>,
}

impl core::fmt::Debug for Subscription {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Subscription")
            .field("live", &self.live.get())
            .finish()
    }
}

/// The Rust side of a subscription callback: the author's function and the values that arrived
/// while it was running (a host that notifies from inside a notification).
struct Listener<F> {
    f: RefCell<F>,
    queued: RefCell<VecDeque<JsValue>>,
    live: Rc<Cell<bool>>,
}

impl<F: FnMut(JsValue)> Listener<F> {
    fn notify(&self, value: JsValue) {
        if !self.live.get() {
            return;
        }
        let Ok(mut f) = self.f.try_borrow_mut() else {
            // Re-entered: run it after the outer call returns, in order.
            self.queued.borrow_mut().push_back(value);
            return;
        };
        f(value);
        while self.live.get() {
            let Some(next) = self.queued.borrow_mut().pop_front() else {
                break;
            };
            f(next);
        }
        self.queued.borrow_mut().clear();
    }
}

impl Subscription {
    /// `methods.subscribe(entity, callback, options)`, with `f` as the callback.
    ///
    /// The callback handed to the host is owned by the JS garbage collector, not by this guard:
    /// a host that calls it after the unsubscribe (one that snapshots its listeners before
    /// notifying, or notifies from a queued microtask) finds a callback that does nothing,
    /// instead of a freed closure that throws into the host. A call made while the callback
    /// is running is delivered after it returns.
    pub(crate) fn start(
        methods: &ffi::Methods,
        entity: &str,
        options: &JsValue,
        f: impl FnMut(JsValue) + 'static,
    ) -> Result<Self> {
        let live = Rc::new(Cell::new(true));
        let listener = Listener {
            f: RefCell::new(f),
            queued: RefCell::new(VecDeque::new()),
            live: live.clone(),
        };
        let callback =
            Closure::<dyn Fn(JsValue)>::own_assert_unwind_safe(move |value| listener.notify(value))
                .into_js_value();
        let outcome = methods.subscribe(entity, &callback, options);
        let unsubscribe = match outcome {
            Ok(value) => value
                .dyn_into::<js_sys::Function>()
                .map_err(|_| Error::Shape {
                    what: "subscribe(..) result",
                    expected: "a function (the unsubscribe callback)",
                }),
            Err(thrown) => Err(Error::thrown("methods.subscribe", thrown)),
        };
        match unsubscribe {
            Ok(unsubscribe) => Ok(Self {
                unsubscribe: shim_link::track(unsubscribe),
                live,
            }),
            Err(error) => {
                // The host may hold the callback with no way to release it: make it inert.
                live.set(false);
                Err(error)
            }
        }
    }

    /// Unsubscribes now, reporting an error if the host's unsubscribe function throws.
    ///
    /// ```no_run
    /// # fn f(subscription: amocrm_widget::Subscription) -> amocrm_widget::Result<()> {
    /// subscription.unsubscribe()?;
    /// # Ok(()) }
    /// ```
    pub fn unsubscribe(mut self) -> Result<()> {
        self.end()
    }

    /// Stops owning the subscription: it stays active until JS code calls the returned function
    /// (the host's unsubscribe), and the callback is freed by the JS garbage collector once the
    /// host drops it (not leaked for the page's lifetime).
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
        // The callback keeps the shared flag (still live); this guard gets a flag of its own
        // that says "done", so its `Drop` neither silences nor unsubscribes.
        self.live = Rc::new(Cell::new(false));
        self.unsubscribe.clone()
    }

    /// Silences the callback, then calls the unsubscribe function once.
    fn end(&mut self) -> Result<()> {
        if !self.live.replace(false) {
            return Ok(());
        }
        self.unsubscribe
            .call0(&JsValue::UNDEFINED)
            .map(drop)
            .map_err(|e| Error::thrown("unsubscribe", e))
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let _ = self.end();
    }
}
