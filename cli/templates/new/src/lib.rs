//! {{name}}: an amoCRM (Kommo) client-cabinet widget written in Rust.
//!
//! `amo-widget serve` shows it in a local cabinet and reloads it on every save;
//! `amo-widget build` makes the `personal_page.js` and `widget.zip` to upload.

use amocrm_widget::constants::Lang;
use amocrm_widget::lifecycle::{Host, LeadParams, Slot, Teardown, Widget, WidgetError};
use amocrm_widget::views::{LeadView, SysView};
use amocrm_widget::{text, WidgetSdk};
use web_sys::console;

/// The widget: it keeps the SDK instance the host gave it when the module was imported.
pub struct {{type}} {
    sdk: WidgetSdk,
}

impl Widget for {{type}} {
    fn new(host: &Host) -> Result<Self, WidgetError> {
        Ok(Self { sdk: host.sdk()? })
    }

    /// Runs when a lead opens; whatever it returns runs when the user leaves that lead. An
    /// error (`?`) is logged in the console with the crate's name, and the host goes on.
    fn init_lead(&mut self, params: LeadParams) -> Result<impl Teardown, WidgetError> {
        let token = if params.token().as_str().is_empty() { "empty" } else { "present" };
        // `text!` joins text and numbers like `format!("{}")` does, without bringing Rust's
        // formatting machinery (~1.5 KB gzipped) into the wasm.
        console::log_1(&text!("{{name}}: initLead, token ", token).into());
        Ok(|| console::log_1(&"{{name}}: left the lead".into()))
    }

    /// Renders into the widgets bar; whatever it returns runs when the host removes the slot.
    /// `slot.content()` is the widget's part of it, on hosts that put children of their own
    /// (a header) in the slot and on those that do not.
    fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
        let content = slot.content().clone();
        let greeting = match self.sdk.state::<SysView>() {
            Ok(Some(sys)) if sys.lang().ok() == Some(Lang::Ru) => "Привет из Rust!",
            _ => "Hello from Rust!",
        };
        let view = content.clone();
        // The guard unsubscribes when the slot's teardown drops it.
        let subscription = self.sdk.subscribe_with_initial::<LeadView, _>(move |lead| {
            let text = match lead {
                Ok(Some(lead)) => text!(
                    greeting,
                    " Lead #",
                    lead.id().unwrap_or_default(),
                    " has ",
                    lead.field_ids().map(|ids| ids.len()).unwrap_or(0),
                    " fields."
                ),
                Ok(None) => text!(greeting, " The lead is loading…"),
                Err(error) => text!("could not read the lead: ", error),
            };
            view.set_text_content(Some(&text));
        })?;
        Ok((subscription, move || content.set_text_content(None)))
    }
}

amocrm_widget::export_widget!({{type}});
