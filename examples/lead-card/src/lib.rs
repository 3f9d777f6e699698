//! A client-cabinet widget that shows the active lead in the widgets bar the way the cabinet
//! would: every field of every type in the account's date, time and currency formats, options
//! by label, multitext entries with their kind, addresses and legal entities in words, then the
//! contacts and the company. It follows the lead, its fields and `sys` live, and leaves the slot
//! empty and nothing subscribed when the host tears it down.
//!
//! - [`value`]: a field value as sent (`any`), asked one question at a time;
//! - [`mod@format`]: the formatting rules, by field type (tested natively);
//! - `card` (in the browser): the card read from the host's state through the SDK's zero-copy views;
//! - `render` (in the browser): the card into the slot, as text only.

pub mod format;
pub mod labels;
pub mod value;

#[cfg(target_arch = "wasm32")]
pub mod card;
#[cfg(target_arch = "wasm32")]
pub mod render;

#[cfg(target_arch = "wasm32")]
pub use widget::LeadCard;

#[cfg(target_arch = "wasm32")]
mod widget {
    use amocrm_widget::date::HostDateFormat;
    use amocrm_widget::lifecycle::{Host, LeadParams, Slot, Teardown, Widget, WidgetError};
    use amocrm_widget::modules::Dateformat;
    use amocrm_widget::views::{LeadFieldsView, LeadView, SysView};
    use amocrm_widget::WidgetSdk;
    use std::rc::Rc;
    use web_sys::HtmlElement;

    /// The widget: the SDK and the cabinet's `dateformat`, kept from import.
    pub struct LeadCard {
        sdk: WidgetSdk,
        dateformat: HostDateFormat,
    }

    /// One slot's card: what a re-render needs.
    struct Card {
        sdk: WidgetSdk,
        dateformat: js_sys::Function,
        element: HtmlElement,
    }

    impl Card {
        /// Reads the host's state afresh and redraws. A failure is shown in the slot and logged,
        /// never swallowed.
        fn render(&self) {
            let drawn = crate::card::build(&self.sdk, &self.dateformat)
                .map_err(|e| wasm_bindgen::JsValue::from_str(&crate::card::describe(&e)))
                .and_then(|card| crate::render::render(&self.element, &card));
            if let Err(error) = drawn {
                web_sys::console::error_2(&"lead-card: cannot show the lead:".into(), &error);
                self.element.set_text_content(Some("—"));
            }
        }
    }

    /// A subscription callback that redraws the card, whatever changed: the card is read from
    /// the host's state as a whole, so the lead, its fields and `sys` always agree.
    fn redraw<T>(card: &Rc<Card>) -> impl FnMut(amocrm_widget::Result<Option<T>>) + 'static {
        let card = card.clone();
        move |_| card.render()
    }

    impl Widget for LeadCard {
        fn new(host: &Host) -> Result<Self, WidgetError> {
            let dateformat = HostDateFormat::from_module(host.module::<Dateformat>()?)
                .map_err(|_| "the host's `dateformat` module is not a function")?;
            Ok(LeadCard {
                sdk: host.sdk()?,
                dateformat,
            })
        }

        fn init_lead(&mut self, _params: LeadParams) -> Result<impl Teardown, WidgetError> {
            // Everything the card needs comes with the slot, which the host gives after this.
            Ok(())
        }

        fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
            // The card goes into the slot's content; the host's own children stay as they are.
            let element = slot.content().clone();
            let card = Rc::new(Card {
                sdk: self.sdk.clone(),
                dateformat: self.dateformat.as_raw().clone(),
                element: element.clone(),
            });
            card.render();
            // Each error in words of our own: `?` on the SDK's error would bring the text of
            // every SDK error (and `core::fmt`) into the widget.
            let subscribe = |result: amocrm_widget::Result<amocrm_widget::Subscription>| {
                result.map_err(|e| WidgetError::from(crate::card::describe(&e)))
            };
            let subscriptions = (
                subscribe(self.sdk.subscribe::<LeadView, _>(redraw(&card)))?,
                subscribe(self.sdk.subscribe::<LeadFieldsView, _>(redraw(&card)))?,
                subscribe(self.sdk.subscribe::<SysView, _>(redraw(&card)))?,
            );
            Ok(move || {
                drop(subscriptions);
                element.set_text_content(None);
            })
        }
    }

    amocrm_widget::export_widget!(LeadCard);
}
