//! examples/lead-card's decode-and-format step alone, for `cargo xtask bench lead-card`:
//! `leadFields` into formatted lines, timed against the same work in plain JavaScript
//! (`format.js` beside this crate) in the same page. Kept out of the example, which ships.

#![cfg(target_arch = "wasm32")]

use amocrm_widget::views::{LeadFieldsView, SysView};
use amocrm_widget::Entity;
use lead_card::card::{describe, Account, FieldOut};
use wasm_bindgen::prelude::*;

fn formatted(
    fields: JsValue,
    sys: JsValue,
    dateformat: &js_sys::Function,
) -> Result<Vec<FieldOut>, JsValue> {
    let error = |e: amocrm_widget::Error| JsValue::from_str(&describe(&e));
    let sys = SysView::decode(sys).map_err(error)?;
    let fields = LeadFieldsView::decode(fields).map_err(error)?;
    Account::new(Some(&sys), dateformat)
        .all_fields(&fields)
        .map_err(error)
}

/// Decodes and formats every field; returns the number of lines, so nothing is optimised away.
#[wasm_bindgen(js_name = formatFields)]
pub fn format_fields(
    fields: JsValue,
    sys: JsValue,
    dateformat: &js_sys::Function,
) -> Result<u32, JsValue> {
    let out = formatted(fields, sys, dateformat)?;
    Ok(out.iter().map(|f| f.lines.len() as u32).sum())
}

/// The same, as text (`name: line (note) | line`, one field a line), to check that the Rust
/// and the JavaScript formatters agree before they are timed.
#[wasm_bindgen(js_name = formatFieldsText)]
pub fn format_fields_text(
    fields: JsValue,
    sys: JsValue,
    dateformat: &js_sys::Function,
) -> Result<String, JsValue> {
    let mut text = String::new();
    for field in formatted(fields, sys, dateformat)? {
        text.push_str(&field.name.as_string().unwrap_or_default());
        text.push(':');
        for (i, line) in field.lines.iter().enumerate() {
            text.push_str(if i == 0 { " " } else { " | " });
            text.push_str(&line.text.to_text());
            if let Some(note) = &line.note {
                text.push_str(" (");
                text.push_str(&note.to_text());
                text.push(')');
            }
        }
        text.push('\n');
    }
    Ok(text)
}
