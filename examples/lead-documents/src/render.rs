//! The list or the message, drawn into the slot as text only (`textContent`).

use crate::messages;
use crate::Document;
use amocrm_widget::backend::BackendError;
use amocrm_widget::lifecycle::Teardown;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlElement};

/// What the widget drew into the slot content: removed when the slot goes.
pub struct Drawn(pub HtmlElement);

fn replace(content: &HtmlElement, tag: &str, part: &str) -> Result<Element, JsValue> {
    let document = content
        .owner_document()
        .ok_or_else(|| JsValue::from_str("the slot is in no document"))?;
    let element = document.create_element(tag)?;
    element.set_attribute("data-part", part)?;
    content.set_text_content(None);
    content.append_child(&element)?;
    Ok(element)
}

/// "Loading…" while the server is asked.
pub fn loading(content: &HtmlElement) -> Result<(), JsValue> {
    replace(content, "p", "loading")?.set_text_content(Some("Loading documents…"));
    Ok(())
}

/// A message of `kind` (the `data-error` attribute).
pub fn message(content: &HtmlElement, kind: &str, text: &str) -> Result<(), JsValue> {
    let element = replace(content, "p", "message")?;
    element.set_attribute("data-error", kind)?;
    element.set_text_content(Some(text));
    Ok(())
}

/// The server's answer: the list, "no documents", or what went wrong.
pub fn answer(
    content: &HtmlElement,
    answer: Result<Vec<Document>, BackendError>,
) -> Result<(), JsValue> {
    let documents = match answer {
        Ok(documents) => documents,
        Err(error) => {
            return message(content, messages::kind(&error), &messages::describe(&error));
        }
    };
    if documents.is_empty() {
        replace(content, "p", "empty")?.set_text_content(Some("No documents for this lead."));
        return Ok(());
    }
    let list = replace(content, "ul", "documents")?;
    let document = content
        .owner_document()
        .ok_or_else(|| JsValue::from_str("the slot is in no document"))?;
    for item in documents {
        let li = document.create_element("li")?;
        li.set_attribute("data-id", &amocrm_widget::text!(item.id))?;
        li.set_text_content(Some(&item.title));
        list.append_child(&li)?;
    }
    Ok(())
}

impl Teardown for Drawn {
    fn teardown(self: Box<Self>) {
        self.0.set_text_content(None);
    }
}
