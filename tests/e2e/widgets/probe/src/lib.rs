//! A widget for the end-to-end tests. Every lifecycle step is logged with `console.info` as
//! `probe:<step>:<token>`, so a test can check the order the shim produced. Each lead holds a
//! host subscription, a DOM listener on `document` and a timer, so leak checks have something to
//! count. The tokens `panic-init` and `panic-slot` make the matching callback panic (after the
//! lead's subscription is made), `panic-update` makes the subscription callback panic on the
//! next lead update from the host; `fail-init` and `fail-slot` make the callback return an error
//! with `?`, and `throw-update` makes the subscription callback call a host function that
//! throws (`window.__probeThrow`, which the test defines).

use amocrm_widget::lifecycle::{Host, LeadParams, Slot, Teardown, Widget, WidgetError};
use amocrm_widget::modules::Jquery;
use amocrm_widget::views::LeadView;
use amocrm_widget::WidgetSdk;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;

fn log(step: &str, token: &str) {
    web_sys::console::info_1(&format!("probe:{step}:{token}").into());
}

/// The probe widget; remembers the active lead's token for the slot.
pub struct Probe {
    sdk: WidgetSdk,
    token: String,
}

impl Widget for Probe {
    fn new(host: &Host) -> Result<Self, WidgetError> {
        // The host's jQuery is a function; report what the shim handed over. Asked for by type,
        // so the bundler adds it to the shim's dependencies without any Cargo.toml setting.
        let jquery = host.module::<Jquery>().is_ok_and(|m| m.is_function());
        log("new", if jquery { "jquery" } else { "no-jquery" });
        Ok(Probe {
            sdk: host.sdk()?,
            token: String::new(),
        })
    }

    fn init_lead(&mut self, params: LeadParams) -> Result<impl Teardown, WidgetError> {
        let token = params.token().as_str().to_owned();
        log("init", &token);
        let t = token.clone();
        let subscription = self.sdk.subscribe::<LeadView, _>(move |_| {
            log("lead-update", &t);
            if t == "panic-update" {
                panic!("probe panicked on demand in a subscription callback");
            }
            if t == "throw-update" {
                throw_from_host();
            }
        })?;
        if token == "panic-init" {
            panic!("probe panicked on demand in init_lead");
        }
        if token == "fail-init" {
            return Err("probe failed on demand in init_lead".into());
        }
        self.token = token.clone();
        let document = web_sys::window().and_then(|w| w.document());
        let listener = document.map(|d| {
            let t = token.clone();
            EventListener::new(&d, "probe-ping", move |_| log("ping", &t))
        });
        let timer = Timeout::new(3_600_000, || log("timer", ""));
        Ok((subscription, listener, timer, move || {
            log("init-destroyed", &token)
        }))
    }

    fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
        let slot = slot.content().clone();
        let token = self.token.clone();
        log("slot", &token);
        if token == "panic-slot" {
            panic!("probe panicked on demand in widgets_bar_slot");
        }
        if token == "fail-slot" {
            return Err("probe failed on demand in widgets_bar_slot".into());
        }
        slot.set_text_content(Some(&format!("probe {token}")));
        let t = token.clone();
        let click = EventListener::new(&slot, "click", move |_| log("click", &t));
        Ok((click, move || log("slot-destroyed", &token)))
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A host function that throws: no `catch`, so the exception unwinds through this crate's
    /// frames, as it would from any host function a widget calls.
    #[wasm_bindgen(js_namespace = window, js_name = __probeThrow)]
    fn throw_from_host();
}

amocrm_widget::export_widget!(Probe);
