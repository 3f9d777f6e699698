//! Small widgets the kit's own tests mount.
#![allow(dead_code)]

use amocrm_widget::lifecycle::{Host, LeadParams, Slot, Teardown, Widget, WidgetError};
use amocrm_widget::views::{LeadView, SysView};
use amocrm_widget::WidgetSdk;
use std::cell::Cell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// How many times each kind of teardown ran, as the widget saw it.
    pub static LEAD_TEARDOWNS: Cell<u32> = const { Cell::new(0) };
    pub static SLOT_TEARDOWNS: Cell<u32> = const { Cell::new(0) };
}

/// Renders the lead it follows, the account's language and the token's account.
pub struct LeadCard {
    sdk: WidgetSdk,
    account: String,
}

impl Widget for LeadCard {
    fn new(host: &Host) -> Result<Self, WidgetError> {
        Ok(LeadCard {
            sdk: host.sdk()?,
            account: String::new(),
        })
    }

    fn init_lead(&mut self, params: LeadParams) -> Result<impl Teardown, WidgetError> {
        self.account = match params.token().unverified_claims() {
            Ok(claims) => format!(
                "account {} user {}",
                claims.account_id.unwrap_or_default(),
                claims.user_id.unwrap_or_default()
            ),
            Err(e) => format!("no token: {e}"),
        };
        Ok(|| LEAD_TEARDOWNS.with(|n| n.set(n.get() + 1)))
    }

    fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
        let slot = slot.content().clone();
        let lang = match self.sdk.state::<SysView>()? {
            Some(sys) => sys.lang()?.as_str().to_string(),
            None => "none".into(),
        };
        let view = slot.clone();
        let account = self.account.clone();
        let subscription = self
            .sdk
            .subscribe_with_initial::<LeadView, _>(move |lead| {
                let text = match lead {
                    Ok(Some(lead)) => format!(
                        "lead {} with {} fields, {lang}, {account}",
                        lead.id().unwrap_or_default(),
                        lead.field_ids().map(|ids| ids.len()).unwrap_or(0)
                    ),
                    Ok(None) => "no lead".into(),
                    Err(e) => format!("bad lead: {e}"),
                };
                view.set_text_content(Some(&text));
            })?;
        // A listener on the document, removed by the teardown: the clean widget's listeners
        // must not be reported.
        let listener = Closure::<dyn FnMut()>::new(|| {});
        let document = slot.owner_document().ok_or("no document")?;
        document
            .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref())
            .map_err(|_| "addEventListener failed")?;
        Ok((subscription, move || {
            let _ = document
                .remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            slot.set_text_content(None);
            SLOT_TEARDOWNS.with(|n| n.set(n.get() + 1));
        }))
    }
}

/// Leaves a subscription and a window listener behind on purpose.
pub struct Leaky {
    sdk: WidgetSdk,
}

impl Widget for Leaky {
    fn new(host: &Host) -> Result<Self, WidgetError> {
        Ok(Leaky { sdk: host.sdk()? })
    }

    fn init_lead(&mut self, _params: LeadParams) -> Result<impl Teardown, WidgetError> {
        Ok(())
    }

    fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
        let slot = slot.content().clone();
        slot.set_text_content(Some("leaky"));
        // `forget` keeps the host subscription for the page's lifetime.
        let _ = self.sdk.subscribe::<SysView, _>(|_| {})?.forget();
        let listener = Closure::<dyn FnMut()>::new(|| {});
        web_sys::window()
            .ok_or("no window")?
            .add_event_listener_with_callback("resize", listener.as_ref().unchecked_ref())
            .map_err(|_| "addEventListener failed")?;
        listener.forget();
        Ok(())
    }
}

/// Reads state with `?` in its slot: a broken host method becomes a reported, typed error.
pub struct Reader {
    sdk: WidgetSdk,
}

impl Widget for Reader {
    fn new(host: &Host) -> Result<Self, WidgetError> {
        Ok(Reader { sdk: host.sdk()? })
    }

    fn init_lead(&mut self, _params: LeadParams) -> Result<impl Teardown, WidgetError> {
        Ok(())
    }

    fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
        let slot = slot.content().clone();
        let text = match self.sdk.state::<SysView>()? {
            Some(sys) => format!("currency {}", sys.currency_symbol()?.unwrap_or_default()),
            None => "sys not loaded".to_string(),
        };
        slot.set_text_content(Some(&text));
        Ok(())
    }
}

/// Panics when its slot is rendered.
pub struct Panicky;

impl Widget for Panicky {
    fn new(_host: &Host) -> Result<Self, WidgetError> {
        Ok(Panicky)
    }

    fn init_lead(&mut self, _params: LeadParams) -> Result<impl Teardown, WidgetError> {
        Ok(())
    }

    fn widgets_bar_slot(&mut self, _slot: Slot) -> Result<impl Teardown, WidgetError> {
        let fields: Vec<u32> = Vec::new();
        if fields.is_empty() {
            panic!("the widget panicked on purpose");
        }
        Ok(())
    }
}

/// Shows which typed error reading `sys` gave, instead of failing.
pub struct ErrorShower {
    sdk: WidgetSdk,
}

impl Widget for ErrorShower {
    fn new(host: &Host) -> Result<Self, WidgetError> {
        Ok(ErrorShower { sdk: host.sdk()? })
    }

    fn init_lead(&mut self, _params: LeadParams) -> Result<impl Teardown, WidgetError> {
        Ok(())
    }

    fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
        let slot = slot.content().clone();
        let text = match self.sdk.state::<SysView>() {
            Ok(Some(_)) => "sys".to_string(),
            Ok(None) => "sys not loaded".to_string(),
            Err(amocrm_widget::Error::Host { call, message, .. }) => {
                format!("Error::Host in {call}: {message}")
            }
            Err(other) => format!("another error: {other}"),
        };
        slot.set_text_content(Some(&text));
        Ok(())
    }
}

/// Renders its slot from a spawned future, after the callback returned.
pub struct Later;

impl Widget for Later {
    fn new(_host: &Host) -> Result<Self, WidgetError> {
        Ok(Later)
    }

    fn init_lead(&mut self, _params: LeadParams) -> Result<impl Teardown, WidgetError> {
        Ok(())
    }

    fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
        let slot = slot.content().clone();
        let view = slot.clone();
        wasm_bindgen_futures::spawn_local(async move {
            view.set_text_content(Some("rendered later"));
        });
        Ok(move || slot.set_text_content(None))
    }
}
