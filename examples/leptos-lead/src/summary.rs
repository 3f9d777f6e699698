//! What the card shows, read from the host signals: plain strings, so the view stays simple and
//! a value of the wrong kind shows as absent instead of failing.

use amocrm_widget::constants::{FieldType, Lang};
use amocrm_widget::views::{LeadFieldsView, LeadView, SysView};
use amocrm_widget_leptos::{HostSignals, HostValue};
use leptos::prelude::With;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The card's lines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub name: String,
    pub budget: Option<String>,
    pub status: Option<String>,
    pub status_color: Option<String>,
    pub contact: Option<String>,
}

/// The labels in the account's language (`sys.lang`): Russian, or English for the others.
pub struct Labels {
    pub budget: &'static str,
    pub status: &'static str,
    pub contact: &'static str,
    lead: &'static str,
}

impl Labels {
    pub fn for_sys(sys: &HostValue<SysView>) -> Labels {
        match lang(sys) {
            Some(Lang::Ru) => Labels {
                budget: "Бюджет",
                status: "Этап",
                contact: "Контакт",
                lead: "Сделка",
            },
            _ => Labels {
                budget: "Budget",
                status: "Status",
                contact: "Contact",
                lead: "Lead",
            },
        }
    }
}

fn lang(sys: &HostValue<SysView>) -> Option<Lang> {
    sys.as_ref().ok()?.as_ref()?.lang().ok()
}

#[wasm_bindgen]
extern "C" {
    /// A lead object that may carry a `name` (the vendor's `LeadModel` lists none; a host that
    /// adds it gets it shown).
    type NamedLead;
    #[wasm_bindgen(method, getter, structural)]
    fn name(this: &NamedLead) -> JsValue;
}

impl Summary {
    /// Reads the signals it needs (and so subscribes the calling closure to them).
    pub fn read(host: HostSignals) -> Summary {
        host.sys.with(|sys| {
            host.lead.with(|lead| {
                host.lead_fields
                    .with(|fields| Summary::from_state(sys, lead, fields))
            })
        })
    }

    fn from_state(
        sys: &HostValue<SysView>,
        lead: &HostValue<LeadView>,
        fields: &HostValue<LeadFieldsView>,
    ) -> Summary {
        let labels = Labels::for_sys(sys);
        let Some(lead) = lead.as_ref().ok().and_then(Option::as_ref) else {
            return Summary {
                name: "—".into(),
                ..Summary::default()
            };
        };
        let name = lead
            .as_raw()
            .unchecked_ref::<NamedLead>()
            .name()
            .as_string()
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| [labels.lead, " #", &lead.id().unwrap_or_default()].concat());
        let status = lead.statuses().ok().and_then(|s| s.into_iter().next());
        Summary {
            name,
            budget: budget(sys, lead, fields),
            status: status.as_ref().and_then(|s| s.name().ok().flatten()),
            status_color: status.and_then(|s| s.color().ok().flatten()),
            contact: lead
                .contacts()
                .ok()
                .and_then(|contacts| contacts.into_iter().next())
                .and_then(|contact| contact.name().ok().flatten()),
        }
    }
}

/// The lead's `budget` field, grouped the account's way (the browser's `toLocaleString` in the
/// account's language) and followed by the account's currency symbol.
fn budget(
    sys: &HostValue<SysView>,
    lead: &LeadView,
    fields: &HostValue<LeadFieldsView>,
) -> Option<String> {
    let fields = fields.as_ref().ok()?.as_ref()?;
    let own = fields.select(&lead.field_ids().ok()?).ok()?;
    let field = own
        .into_iter()
        .find(|f| f.field_type().ok() == Some(FieldType::Budget))?;
    let value = field.raw_value().ok()?;
    // A numeric string converts as JavaScript's unary `+` does (the host's own reading):
    // Rust's `str::parse::<f64>` would add kilobytes of float parsing to the wasm.
    let amount = match value.as_f64() {
        Some(n) => n,
        None if value.as_string()?.trim().is_empty() => return None,
        None => value.unchecked_into_f64(),
    };
    if !amount.is_finite() {
        return None;
    }
    let lang = lang(sys);
    let locale = match &lang {
        Some(Lang::Unknown(_)) | None => "en",
        Some(lang) => lang.as_str(),
    };
    let text = js_sys::Number::from(amount).to_locale_string(locale);
    let text = String::from(text);
    let symbol = sys
        .as_ref()
        .ok()
        .and_then(Option::as_ref)
        .and_then(|sys| sys.currency_symbol().ok().flatten());
    Some(match symbol {
        Some(symbol) => [text.as_str(), "\u{a0}", &symbol].concat(),
        None => text,
    })
}
