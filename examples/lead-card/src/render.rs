//! The card into the slot. Every name and value goes in with `textContent`, never as HTML: a
//! value `<img src=x onerror=…>` is shown as those characters and runs nothing.

use crate::card::Card;
use crate::format::Text;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};

/// The cabinet's look (the UI kit's tokens: PT Sans 15px, #363b44 text, #92989b secondary,
/// white blocks with the `0 2px 1px 0 #ededed` shadow, 4px radius), scoped to the card's classes.
const STYLE: &str = "\
.amo-lc{font:15px/1.4 'PT Sans',Arial,sans-serif;color:#363b44;background:#fff;border-radius:4px;\
box-shadow:0 2px 1px 0 #ededed;padding:12px 16px;box-sizing:border-box;min-width:260px}\
.amo-lc-head{display:flex;align-items:center;flex-wrap:wrap;gap:8px;padding-bottom:10px;\
border-bottom:1px solid #e3e3e3}\
.amo-lc-title{font-size:16px;font-weight:700}\
.amo-lc-status{font-size:13px;line-height:20px;padding:0 8px;border-radius:4px;background:#e5eeff}\
.amo-lc-h{margin:14px 0 2px;font-size:12px;font-weight:700;letter-spacing:.04em;\
text-transform:uppercase;color:#92989b}\
.amo-lc-sub{margin:6px 0 2px;font-weight:700}\
.amo-lc-row{display:flex;gap:12px;padding:6px 0;border-bottom:1px solid #f5f5f5}\
.amo-lc-row:last-child{border-bottom:0}\
.amo-lc-name{flex:0 0 42%;color:#6b6d72;overflow-wrap:anywhere}\
.amo-lc-val{flex:1;min-width:0;overflow-wrap:anywhere;white-space:pre-line}\
.amo-lc-note{display:inline-block;margin-left:6px;font-size:13px;color:#92989b}\
.amo-lc-empty{color:#92989b}";

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// An element whose text is set from a JS value.
    type TextTarget;
    /// `el.textContent = text` with the host's own string, not copied through the wasm.
    #[wasm_bindgen(method, setter = textContent)]
    fn set_text(this: &TextTarget, text: &JsValue);
}

/// Sets an element's text: the host's own string as it is, the card's through `&str`.
fn set_text(el: &Element, text: &Text<JsValue>) {
    match text {
        Text::Host(value) => el.unchecked_ref::<TextTarget>().set_text(value),
        Text::Owned(text) => el.set_text_content(Some(text)),
        Text::Static(text) => el.set_text_content(Some(text)),
    }
}

/// A new `tag` element of `class` with `text`, appended to `parent`.
fn child(
    doc: &Document,
    parent: &Element,
    tag: &str,
    class: &str,
    text: Option<&str>,
) -> Result<Element, JsValue> {
    let el = doc.create_element(tag)?;
    el.set_class_name(class);
    if text.is_some() {
        el.set_text_content(text);
    }
    parent.append_child(&el)?;
    Ok(el)
}

/// Replaces the slot's content with `card`.
pub fn render(slot: &HtmlElement, card: &Card) -> Result<(), JsValue> {
    let Some(doc) = slot.owner_document() else {
        return Ok(());
    };
    let root = doc.create_element("div")?;
    root.set_class_name("amo-lc");
    child(&doc, &root, "style", "", Some(STYLE))?;

    let head = child(&doc, &root, "div", "amo-lc-head", None)?;
    child(&doc, &head, "div", "amo-lc-title", Some(&card.title))?;
    if let Some((name, color)) = &card.status {
        let status = child(&doc, &head, "span", "amo-lc-status", Some(name))?;
        if let Some(color) = color {
            // Through the CSS object model: a colour the host got wrong is ignored, and nothing
            // else can be written into the style this way.
            let status: &HtmlElement = status.unchecked_ref();
            status.style().set_property("background-color", color)?;
        }
    }

    for section in &card.sections {
        if let Some(heading) = section.heading {
            child(&doc, &root, "div", "amo-lc-h", Some(heading))?;
        }
        if let Some(title) = &section.title {
            child(&doc, &root, "div", "amo-lc-sub", Some(title))?;
        }
        for field in &section.fields {
            let row = child(&doc, &root, "div", "amo-lc-row", None)?;
            let name = child(&doc, &row, "div", "amo-lc-name", None)?;
            name.unchecked_ref::<TextTarget>().set_text(&field.name);
            let value = child(&doc, &row, "div", "amo-lc-val", None)?;
            if field.lines.is_empty() {
                child(&doc, &value, "div", "amo-lc-empty", Some(card.labels.empty))?;
            }
            for line in &field.lines {
                let line_el = child(&doc, &value, "div", "amo-lc-line", None)?;
                set_text(&line_el, &line.text);
                if let Some(note) = &line.note {
                    let note_el = child(&doc, &line_el, "span", "amo-lc-note", None)?;
                    set_text(&note_el, note);
                }
            }
        }
    }
    slot.set_text_content(None);
    slot.append_child(&root)?;
    Ok(())
}
