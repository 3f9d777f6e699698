//! What the JavaScript shim hands this instance when it starts: its reporter and its registry of
//! live unsubscribe functions.
//!
//! The lifecycle runtime installs the link; lower layers (a [`Subscription`](crate::Subscription))
//! only read it. Kept at the bottom of the crate so that neither has to reach into the other.

use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

/// `report(kind, message)` logs once with the crate's name; `track(unsubscribe)` remembers a host
/// subscription so the shim can release it if the instance crashes.
struct Shim {
    report: js_sys::Function,
    track: js_sys::Function,
}

// `const`-initialised: a lazily initialised thread-local (whose value needs dropping) brings std's
// lazy-storage and access-error code into every widget's wasm.
thread_local! {
    static SHIM: RefCell<Option<Shim>> = const { RefCell::new(None) };
}

/// Links this instance to the shim that started it.
// Called once, from the generic `start` that each widget instantiates; left to the optimiser, it
// stays a function of its own and every widget's code grows (28 bytes in `hello`).
#[inline(always)]
pub(crate) fn install(report: js_sys::Function, track: js_sys::Function) {
    let _ = SHIM.try_with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = Some(Shim { report, track });
        }
    });
}

/// Hands `message` to the shim's reporter, which logs it once with the widget's crate name
/// (`kind` is `"panic"`, `"start"` for a widget that could not be created, or `"error"`).
///
/// Never panics: it runs inside the panic hook, where a second panic would lose the message.
pub(crate) fn report(kind: &str, message: &str) {
    let _ = SHIM.try_with(|cell| {
        if let Ok(slot) = cell.try_borrow() {
            if let Some(shim) = slot.as_ref() {
                let _ = shim
                    .report
                    .call2(&JsValue::NULL, &kind.into(), &message.into());
            }
        }
    });
}

/// Hands the host's unsubscribe function to the shim, which releases it itself if this instance
/// crashes; returns the function to call instead (it unsubscribes once). Outside the shim (the
/// SDK's own tests) the host's function is used as it is.
pub(crate) fn track(unsubscribe: js_sys::Function) -> js_sys::Function {
    let tracked = SHIM.try_with(|cell| {
        let shim = cell.try_borrow().ok()?;
        let release = shim
            .as_ref()?
            .track
            .call1(&JsValue::NULL, &unsubscribe)
            .ok()?;
        release.dyn_into::<js_sys::Function>().ok()
    });
    match tracked {
        Ok(Some(release)) => release,
        _ => unsubscribe,
    }
}
