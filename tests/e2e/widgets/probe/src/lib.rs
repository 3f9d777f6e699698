//! A widget for the end-to-end tests. Every lifecycle step is logged with `console.info` as
//! `probe:<step>:<token>`, so a test can check the order the shim produced. Each lead holds a
//! host subscription, a DOM listener on `document` and a timer, so leak checks have something to
//! count. The tokens `panic-init` and `panic-slot` make the matching callback panic (after the
//! lead's subscription is made), `panic-update` makes the subscription callback panic on the
//! next lead update from the host.

use amocrm_widget::lifecycle::{Host, Lead, StartError, Teardown, Widget};
use amocrm_widget::views::LeadView;
use amocrm_widget::WidgetSdk;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use web_sys::HtmlElement;

fn log(step: &str, token: &str) {
    web_sys::console::info_1(&format!("probe:{step}:{token}").into());
}

/// The probe widget; remembers the active lead's token for the slot.
pub struct Probe {
    sdk: WidgetSdk,
    token: String,
}

impl Widget for Probe {
    fn new(host: &Host) -> Result<Self, StartError> {
        // The host's jQuery is a function; report what the shim handed over.
        let jquery = host.module("jquery").is_some_and(|m| m.is_function());
        log("new", if jquery { "jquery" } else { "no-jquery" });
        Ok(Probe {
            sdk: host.sdk()?,
            token: String::new(),
        })
    }

    fn init_lead(&mut self, lead: Lead) -> impl Teardown {
        let token = lead.token().as_str().to_owned();
        log("init", &token);
        let t = token.clone();
        let subscription = self.sdk.subscribe::<LeadView, _>(move |_| {
            log("lead-update", &t);
            if t == "panic-update" {
                panic!("probe panicked on demand in a subscription callback");
            }
        });
        if token == "panic-init" {
            panic!("probe panicked on demand in init_lead");
        }
        self.token = token.clone();
        let document = web_sys::window().and_then(|w| w.document());
        let listener = document.map(|d| {
            let t = token.clone();
            EventListener::new(&d, "probe-ping", move |_| log("ping", &t))
        });
        let timer = Timeout::new(3_600_000, || log("timer", ""));
        (subscription, listener, timer, move || {
            log("init-destroyed", &token)
        })
    }

    fn widgets_bar_slot(&mut self, slot: HtmlElement) -> impl Teardown {
        let token = self.token.clone();
        log("slot", &token);
        if token == "panic-slot" {
            panic!("probe panicked on demand in widgets_bar_slot");
        }
        slot.set_text_content(Some(&format!("probe {token}")));
        let t = token.clone();
        let click = EventListener::new(&slot, "click", move |_| log("click", &t));
        (click, move || log("slot-destroyed", &token))
    }
}

amocrm_widget::export_widget!(Probe);
