//! The guard that keeps a subscription alive and ends it exactly once.
//!
//! The host never holds a Rust closure of ours: it gets `dispatch.bind(null, id)`, a plain JS
//! function over the one dispatcher of this instance, and the author's callback lives in a
//! table here under `id`. Unsubscribing removes it from the table, so its memory is freed then
//! and there, not when the JS garbage collector happens to finalise a closure the host dropped;
//! a host that calls the bound function afterwards (one that snapshots its listeners before
//! notifying, or notifies from a queued microtask) finds no entry and nothing happens.

use crate::ffi;
use crate::shim_link;
use crate::{Error, Result};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A live `methods.subscribe(..)`: dropping it silences the callback, frees it, and calls the
/// host's unsubscribe function once.
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
    /// The callback's entry in [`LISTENERS`]; 0 once this guard has unsubscribed.
    id: u32,
}

impl core::fmt::Debug for Subscription {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Subscription")
            .field("live", &(self.id != 0))
            .finish()
    }
}

/// The Rust side of a subscription callback: the author's function and the values that arrived
/// while it was running (a host that notifies from inside a notification).
struct Listener<F: ?Sized> {
    live: Cell<bool>,
    queued: RefCell<Vec<JsValue>>,
    f: RefCell<F>,
}

type AnyListener = Listener<dyn FnMut(JsValue)>;

impl AnyListener {
    fn notify(&self, value: JsValue) {
        self.queued.borrow_mut().push(value);
        // Re-entered: the call running `f` delivers it after it returns, in order.
        let Ok(mut f) = self.f.try_borrow_mut() else {
            return;
        };
        while self.live.get() {
            let next = {
                let mut queued = self.queued.borrow_mut();
                if queued.is_empty() {
                    break;
                }
                queued.remove(0)
            };
            f(next);
        }
        // Unsubscribed meanwhile: what is left is never delivered.
        self.queued.borrow_mut().clear();
    }
}

/// The callbacks of this instance's live subscriptions, by the id bound into the function the
/// host holds, and the one dispatcher those functions call.
struct Listeners {
    next_id: u32,
    live: Vec<(u32, Rc<AnyListener>)>,
    dispatch: Option<js_sys::Function>,
}

// `const`-initialised: a lazily initialised thread-local (whose value needs dropping) brings std's
// lazy-storage and access-error code into every widget's wasm.
thread_local! {
    static LISTENERS: RefCell<Listeners> = const {
        RefCell::new(Listeners {
            next_id: 0,
            live: Vec::new(),
            dispatch: None,
        })
    };
}

/// What the host's function for subscription `id` runs: the callback, if still subscribed.
fn dispatch(id: u32, value: JsValue) {
    let listener = LISTENERS.with(|l| {
        let l = l.borrow();
        l.live
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, f)| f.clone())
    });
    // Called outside the borrow: the callback may subscribe or unsubscribe.
    if let Some(listener) = listener {
        listener.notify(value)
    }
}

/// Files `listener` under a fresh id; returns the id and the function to hand the host.
fn register(listener: Rc<AnyListener>) -> (u32, js_sys::Function) {
    LISTENERS.with(|l| {
        let mut l = l.borrow_mut();
        l.next_id = l.next_id.wrapping_add(1).max(1);
        let id = l.next_id;
        l.live.push((id, listener));
        // One closure per instance, captureless (nothing on the Rust heap), owned by the page.
        let dispatcher = l.dispatch.get_or_insert_with(|| {
            Closure::<dyn Fn(u32, JsValue)>::new(dispatch)
                .into_js_value()
                .unchecked_into()
        });
        let bound = dispatcher.bind1(&JsValue::NULL, &id.into());
        (id, bound.unchecked_into())
    })
}

/// Silences the callback `id` and frees it (at once, or when a call running it returns).
/// Returns whether it was still subscribed.
fn release(id: u32) -> bool {
    let listener = LISTENERS.with(|l| {
        let mut l = l.borrow_mut();
        let at = l.live.iter().position(|(i, _)| *i == id)?;
        Some(l.live.swap_remove(at).1)
    });
    listener.map(|l| l.live.set(false)).is_some()
}

/// What a forgotten subscription's function runs: the first call frees the callback and calls
/// the host's unsubscribe, later ones do nothing.
fn finish(id: u32, unsubscribe: js_sys::Function) -> core::result::Result<(), JsValue> {
    if release(id) {
        unsubscribe.call0(&JsValue::UNDEFINED)?;
    }
    Ok(())
}

impl Subscription {
    /// `methods.subscribe(entity, callback, options)`, with `f` as the callback.
    ///
    /// A call made while the callback is running is delivered after it returns; a call after
    /// the unsubscribe does nothing (see the module's documentation).
    pub(crate) fn start(
        methods: &ffi::Methods,
        entity: &str,
        options: &JsValue,
        f: impl FnMut(JsValue) + 'static,
    ) -> Result<Self> {
        let listener: Rc<AnyListener> = Rc::new(Listener {
            live: Cell::new(true),
            queued: RefCell::new(Vec::new()),
            f: RefCell::new(f),
        });
        let (id, callback) = register(listener);
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
                id,
            }),
            Err(error) => {
                // The host may hold the callback with no way to release it: make it inert.
                release(id);
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

    /// Stops owning the subscription: it stays active until JS code calls the returned
    /// function, whose first call frees the callback and calls the host's unsubscribe (later
    /// calls do nothing).
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
        thread_local! {
            static FINISH: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
        }
        let id = core::mem::take(&mut self.id);
        FINISH.with(|f| {
            let mut f = f.borrow_mut();
            // Captureless, as the dispatcher: bound to its arguments in JS, nothing of it on
            // the Rust heap per subscription.
            let finisher = f.get_or_insert_with(|| {
                Closure::<dyn Fn(u32, js_sys::Function) -> core::result::Result<(), JsValue>>::new(
                    finish,
                )
                .into_js_value()
                .unchecked_into()
            });
            finisher
                .bind2(&JsValue::NULL, &id.into(), &self.unsubscribe)
                .unchecked_into()
        })
    }

    /// Silences and frees the callback, then calls the unsubscribe function once.
    fn end(&mut self) -> Result<()> {
        let id = core::mem::take(&mut self.id);
        if id == 0 {
            return Ok(());
        }
        release(id);
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
