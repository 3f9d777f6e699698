//! {{name}}: an amoCRM (Kommo) client-cabinet widget written in Rust.
//!
//! `amo-widget serve` shows it in a local cabinet and reloads it on every save;
//! `amo-widget build` makes the `personal_page.js` and `widget.zip` to upload.

use amocrm_widget::lifecycle::{Host, LeadParams, Slot, Teardown, Widget, WidgetError};
use amocrm_widget::views::{LeadView, SysView};
use amocrm_widget::{text, WidgetSdk};
use web_sys::console;

// `Locale` and `t!` from `widget/i18n/*.json`: a key missing from a locale file, a placeholder
// without its value or a plural form a language needs is a compile error.
amocrm_widget::i18n::locales!();

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
        let render = {
            let (sdk, view) = (self.sdk.clone(), content.clone());
            move || view.set_text_content(Some(&slot_text(&sdk)))
        };
        // The text follows the lead and the cabinet's language; each guard unsubscribes when
        // the slot's teardown drops it.
        let on_lead = self.sdk.subscribe_with_initial::<LeadView, _>({
            let render = render.clone();
            move |_| render()
        })?;
        let on_sys = self.sdk.subscribe::<SysView, _>(move |_| render())?;
        Ok((on_lead, on_sys, move || content.set_text_content(None)))
    }
}

/// The slot's text, in the cabinet's language (`sys.lang`) or the manifest's default locale.
fn slot_text(sdk: &WidgetSdk) -> String {
    let locale = match sdk.state::<SysView>() {
        Ok(Some(sys)) => sys.lang().map_or(Locale::DEFAULT, |lang| Locale::for_lang(&lang)),
        _ => Locale::DEFAULT,
    };
    match sdk.state::<LeadView>() {
        Ok(Some(lead)) => t!(
            locale,
            "slot.lead",
            id = lead.id().unwrap_or_default(),
            count = lead.field_ids().map(|ids| ids.len()).unwrap_or(0)
        ),
        Ok(None) => t!(locale, "slot.loading").into(),
        Err(error) => t!(locale, "slot.error", error = error),
    }
}

amocrm_widget::export_widget!({{type}});
