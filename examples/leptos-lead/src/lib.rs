//! A lead summary in the widgets bar, as a Leptos view: the lead's name, its budget in the
//! account's currency, its status and its main contact, kept up to date by host signals
//! (`amocrm_widget_leptos::HostSignals`) and unmounted with the slot.

mod summary;

use amocrm_widget::lifecycle::{Host, LeadParams, Slot, Teardown, Widget, WidgetError};
use amocrm_widget::WidgetSdk;
use amocrm_widget_leptos::{try_mount_in_slot, HostSignals};
use leptos::prelude::*;
use summary::{Labels, Summary};

/// The widget: the SDK it was started with. Everything else lives in the mounted view.
pub struct LeptosLead {
    sdk: WidgetSdk,
}

impl Widget for LeptosLead {
    fn new(host: &Host) -> Result<Self, WidgetError> {
        Ok(LeptosLead { sdk: host.sdk()? })
    }

    fn init_lead(&mut self, _params: LeadParams) -> Result<impl Teardown, WidgetError> {
        // The view follows the `lead` signal: nothing to set up per lead.
        Ok(())
    }

    fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
        let sdk = self.sdk.clone();
        let mounted = try_mount_in_slot(slot, move || {
            let host = HostSignals::new(&sdk)?;
            Ok::<_, amocrm_widget_leptos::Error>(view! { <LeadSummary host/> })
        });
        // Messages of its own rather than `?` on the error, whose `Display` would bring the text
        // of every SDK error (tokens included) into the widget's wasm.
        mounted.map_err(|error| {
            match error {
                amocrm_widget_leptos::Error::NoOwner => "no reactive owner for the host signals",
                _ => "the host refused a subscription to its state",
            }
            .into()
        })
    }
}

const DOT: &str =
    "display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:6px;background:";

/// The summary card. Each line reads only the signals it needs, so a budget change re-renders
/// the budget's text node and nothing else.
#[component]
fn LeadSummary(host: HostSignals) -> impl IntoView {
    let labels = move || host.sys.with(Labels::for_sys);
    let summary = move || Summary::read(host);
    let name = move || summary().name;
    let budget = move || summary().budget.unwrap_or_else(|| "—".into());
    let status = move || summary().status.unwrap_or_else(|| "—".into());
    let dot = move || {
        let color = summary().status_color.unwrap_or_else(|| "#c5c5c5".into());
        [DOT, &color].concat()
    };
    let contact = move || summary().contact.unwrap_or_else(|| "—".into());
    view! {
        <section class="leptos-lead" style="font:15px 'PT Sans',Arial,sans-serif;color:#363b44">
            <h3 data-part="name" style="margin:0 0 8px;font-size:15px">{name}</h3>
            <dl style="display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:0">
                <dt style="color:#92989b">{move || labels().budget}</dt>
                <dd data-part="budget" style="margin:0">{budget}</dd>
                <dt style="color:#92989b">{move || labels().status}</dt>
                <dd data-part="status" style="margin:0">
                    <span data-part="status-color" style=dot></span>
                    {status}
                </dd>
                <dt style="color:#92989b">{move || labels().contact}</dt>
                <dd data-part="contact" style="margin:0">{contact}</dd>
            </dl>
        </section>
    }
}

amocrm_widget::export_widget!(LeptosLead);
