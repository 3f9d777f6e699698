//! The state behind the exports that [`export_widget!`](crate::export_widget) generates.
//!
//! Reached only through [`__private`](super::__private): the generated exports call these
//! functions, and the JavaScript shim calls the exports. The shim serialises every call (its
//! queue), so nothing here is re-entered in normal use; a re-entrant call is refused with a
//! report rather than a panic.

use super::{Host, LeadParams, Slot, Teardown, Widget, WidgetError};
use crate::shim_link::{self, report};
use crate::token::LeadToken;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

/// A [`Widget`] with its teardown types erased, so one static can hold any widget.
trait AnyWidget {
    fn init_lead(&mut self, params: LeadParams) -> Result<Box<dyn Teardown>, WidgetError>;
    fn widgets_bar_slot(&mut self, slot: Slot) -> Result<Box<dyn Teardown>, WidgetError>;
}

impl<W: Widget> AnyWidget for W {
    fn init_lead(&mut self, params: LeadParams) -> Result<Box<dyn Teardown>, WidgetError> {
        Widget::init_lead(self, params).map(|t| Box::new(t) as Box<dyn Teardown>)
    }

    fn widgets_bar_slot(&mut self, slot: Slot) -> Result<Box<dyn Teardown>, WidgetError> {
        Widget::widgets_bar_slot(self, slot).map(|t| Box::new(t) as Box<dyn Teardown>)
    }
}

/// The running widget, with what its host said about the slot (the content class its SDK
/// reported, see [`Slot`]).
struct Instance {
    widget: Box<dyn AnyWidget>,
    content_class: Option<JsValue>,
}

/// Teardowns not yet run, by the id the shim holds. Ids are never reused within an instance,
/// so a stale or repeated id from the shim finds nothing and does nothing.
#[derive(Default)]
struct Pending {
    next_id: u32,
    items: Vec<(u32, Box<dyn Teardown>)>,
}

// All `const`-initialised: a lazily initialised thread-local (whose value needs dropping) brings
// std's lazy-storage and access-error code into every widget's wasm.
thread_local! {
    static WIDGET: RefCell<Option<Instance>> = const { RefCell::new(None) };
    static PENDING: RefCell<Pending> = const {
        RefCell::new(Pending {
            next_id: 0,
            items: Vec::new(),
        })
    };
    static HOOKED: Cell<bool> = const { Cell::new(false) };
}

/// With `panic = "abort"` a panic traps right after the hook returns; the hook is the only
/// chance to hand the Rust message to the shim, which then retires this instance.
fn install_panic_hook() {
    if HOOKED.with(|h| h.replace(true)) {
        return;
    }
    std::panic::set_hook(Box::new(|info| report("panic", &panic_message(info))));
}

/// The hook's text, exactly as `PanicHookInfo`'s `Display` writes it (`panicked at
/// src/lib.rs:7:9:` and the message) but without `format!`'s machinery in every widget.
fn panic_message(info: &std::panic::PanicHookInfo<'_>) -> String {
    let mut text = String::from("panicked at ");
    if let Some(location) = info.location() {
        text.push_str(location.file());
        text.push(':');
        crate::text::push_int(&mut text, location.line().into(), 0);
        text.push(':');
        crate::text::push_int(&mut text, location.column().into(), 0);
    }
    // `PanicHookInfo::payload_as_str` (Rust 1.91, above the crate's MSRV).
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
    if let Some(message) = message {
        text.push_str(":\n");
        text.push_str(message);
    }
    text
}

/// Creates the widget. Returns `false` (after reporting why) if it could not be created.
pub fn start<W: Widget>(
    sdk_factory: JsValue,
    modules: js_sys::Map,
    reporter: js_sys::Function,
    tracker: js_sys::Function,
) -> bool {
    shim_link::install(reporter, tracker);
    install_panic_hook();
    let host = Host {
        sdk_factory,
        modules,
        content_class: Cell::new(None),
    };
    match W::new(&host) {
        Ok(widget) => {
            let instance = Instance {
                widget: Box::new(widget),
                content_class: host.content_class.take(),
            };
            WIDGET.with(|w| *w.borrow_mut() = Some(instance));
            true
        }
        Err(error) => {
            report(
                "start",
                &crate::text::concat(&["the widget could not start: ", error.message()]),
            );
            false
        }
    }
}

fn with_widget(
    what: &str,
    f: impl FnOnce(&mut Instance) -> Result<Box<dyn Teardown>, WidgetError>,
) -> Option<Box<dyn Teardown>> {
    let outcome = WIDGET.with(|w| match w.try_borrow_mut() {
        Ok(mut slot) => match slot.as_mut() {
            Some(instance) => f(instance).map_err(|e| e.0),
            None => Err("the widget has not started".into()),
        },
        Err(_) => Err("called from inside another widget callback".into()),
    });
    match outcome {
        Ok(teardown) => Some(teardown),
        Err(why) => {
            report("error", &crate::text::concat(&[what, " failed: ", &why]));
            None
        }
    }
}

fn keep(teardown: Box<dyn Teardown>) -> u32 {
    PENDING.with(|p| {
        let mut p = p.borrow_mut();
        p.next_id = p.next_id.wrapping_add(1).max(1);
        let id = p.next_id;
        p.items.push((id, teardown));
        id
    })
}

/// Runs `init_lead`; returns the id of its teardown, or 0 if it did not run or failed.
pub fn init_lead(token: String, params: JsValue) -> u32 {
    let params = LeadParams {
        token: LeadToken::new(token),
        raw: params,
    };
    with_widget("init_lead", |w| w.widget.init_lead(params)).map_or(0, keep)
}

/// Runs `widgets_bar_slot`; returns the id of its teardown, or 0 if it did not run or failed.
///
/// The shim passes only elements (`nodeType` 1); they are not checked with `instanceof`, which
/// refuses an element made by another same-origin document, such as an iframe's.
pub fn widgets_bar_slot(el: JsValue) -> u32 {
    // The shim has already refused (and logged) anything that is not an element.
    if !el.is_object() {
        return 0;
    }
    let slot: HtmlElement = el.unchecked_into();
    with_widget("widgets_bar_slot", |w| {
        let slot = Slot::new(slot, w.content_class.as_ref());
        w.widget.widgets_bar_slot(slot)
    })
    .map_or(0, keep)
}

/// Runs the teardown `id` if it has not run yet. Unknown ids are ignored.
pub fn teardown(id: u32) {
    let found = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        let at = p.items.iter().position(|(i, _)| *i == id)?;
        Some(p.items.swap_remove(at).1)
    });
    // Run outside the borrow: a teardown may call back into the host, and from there into us.
    if let Some(t) = found {
        t.teardown();
    }
}

/// How many teardowns are waiting to run (for leak checks).
pub fn pending() -> u32 {
    PENDING.with(|p| p.borrow().items.len() as u32)
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    /// `panic_message` writes what `info.to_string()` writes, for every kind of payload.
    #[test]
    fn panic_message_is_the_hook_infos_display() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Ok(mut seen) = sink.lock() {
                seen.push((info.to_string(), super::panic_message(info)));
            }
        }));
        let n = 7;
        let _ = std::panic::catch_unwind(|| panic!("formatted {n}"));
        let _ = std::panic::catch_unwind(|| panic!("static"));
        let _ = std::panic::catch_unwind(|| std::panic::panic_any(5_u8));
        std::panic::set_hook(previous);
        let seen = seen.lock().map(|s| s.clone()).unwrap_or_default();
        assert_eq!(seen.len(), 3);
        for (std_text, ours) in seen {
            assert!(std_text.starts_with("panicked at src/lifecycle/runtime.rs:"));
            assert_eq!(ours, std_text);
        }
    }
}
