//! leptos-lead in the test kit's fake cabinet: the real shim and lifecycle drive the widget,
//! the one host emulation feeds it. Mount, live updates, lead switch, teardown, and 200 lead
//! switches without growth. Tests in this file run one after another in one wasm instance.
#![cfg(target_arch = "wasm32")]

use amocrm_widget_testkit::{Cabinet, KitError, Mounted, SlotShape};
use leptos_lead::LeptosLead;
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The browser's grouping space for `ru` and the space before the currency symbol.
const NB: char = '\u{a0}';

/// Leptos applies a signal change in effects it runs on a later turn of the event loop.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("a browser window");
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("a timer resolves");
}

/// The card's line `part` (`name`, `budget`, `status`, `contact`).
fn part(widget: &Mounted, part: &str) -> String {
    widget
        .content()
        .query_selector(&format!("[data-part=\"{part}\"]"))
        .ok()
        .flatten()
        .and_then(|el| el.text_content())
        .map(|text| text.trim().to_owned())
        .unwrap_or_else(|| panic!("no {part} in {}", widget.slot_text()))
}

fn budget_field(
    cabinet: &Cabinet,
    value: serde_json::Value,
) -> Result<serde_json::Value, KitError> {
    let mut fields = cabinet.state("leadFields")?;
    fields["24"]["value"] = value;
    Ok(fields)
}

#[wasm_bindgen_test]
async fn mounts_the_summary_of_the_open_lead() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let mut widget = cabinet.mount::<LeptosLead>().await?;
    assert_eq!(part(&widget, "name"), "Сделка #3412001");
    assert_eq!(part(&widget, "budget"), format!("150{NB}000{NB}₽"));
    assert_eq!(part(&widget, "status"), "Успешно реализовано");
    assert_eq!(part(&widget, "contact"), "Иван Петров");
    assert_eq!(
        widget.live_subscriptions(),
        4,
        "sys, lead, leadFields, authors"
    );
    assert!(widget.console_errors().is_empty(), "{:?}", widget.console());
    widget.assert_clean();
    Ok(())
}

/// A host whose slot holds its own header and a content child: the view mounts into the child,
/// the header stays, and unmounting empties only the child. In the documented shape the view
/// mounts into the slot element itself.
#[wasm_bindgen_test]
async fn mounts_into_the_hosts_content_child_or_the_slot() -> Result<(), KitError> {
    let cabinet = Cabinet::builder()
        .slot_shape(SlotShape::Content)
        .build()
        .await?;
    let mut widget = cabinet.mount::<LeptosLead>().await?;
    let (slot, content) = (widget.slot(), widget.content());
    assert_eq!(content.class_name(), "js-widget-bar-item-content");
    assert_eq!(part(&widget, "name"), "Сделка #3412001");
    assert_eq!(slot.child_element_count(), 2, "{}", slot.inner_html());
    let header = slot.first_element_child().expect("the host's header");
    assert_eq!(header.class_name(), SlotShape::HEADER_CLASS);
    assert_eq!(header.inner_html(), SlotShape::HEADER_TEXT);
    assert!(content
        .query_selector("[data-part]")
        .ok()
        .flatten()
        .is_some());
    widget.destroy();
    assert!(!content.has_child_nodes(), "{}", content.inner_html());
    assert_eq!(header.inner_html(), SlotShape::HEADER_TEXT);
    widget.assert_clean();

    let cabinet = Cabinet::builder()
        .slot_shape(SlotShape::Element)
        .build()
        .await?;
    let mut widget = cabinet.mount::<LeptosLead>().await?;
    let slot = widget.slot();
    assert!(widget.content().is_same_node(Some(&slot)));
    assert_eq!(part(&widget, "name"), "Сделка #3412001");
    let first = slot.first_element_child().map(|e| e.class_name());
    assert_ne!(first.as_deref(), Some(SlotShape::HEADER_CLASS));
    widget.destroy();
    assert!(!slot.has_child_nodes(), "{}", slot.inner_html());
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn follows_the_host_state_live() -> Result<(), KitError> {
    let cabinet = Cabinet::builder().lang("en").build().await?;
    let mut widget = cabinet.mount::<LeptosLead>().await?;
    assert_eq!(part(&widget, "name"), "Lead #3412001");
    let card = widget.slot().first_element_child();

    widget.set_state("leadFields", budget_field(&cabinet, json!("98765.5"))?)?;
    settle().await;
    assert_eq!(part(&widget, "budget"), format!("98,765.5{NB}₽"));

    let mut sys = cabinet.state("sys")?;
    sys["currencySymbol"] = json!("$");
    widget.set_state("sys", sys)?;
    let mut lead = cabinet.state("lead")?;
    lead["statuses"] = json!([{ "id": "143", "name": "Closed - lost", "color": "#D5D8DB" }]);
    lead["contacts"] = json!({ "9002": { "id": "9002", "name": "Jane Roe" } });
    widget.set_state("lead", lead)?;
    settle().await;
    assert_eq!(part(&widget, "budget"), format!("98,765.5{NB}$"));
    assert_eq!(part(&widget, "status"), "Closed - lost");
    assert_eq!(part(&widget, "contact"), "Jane Roe");
    // Updated in place: the card element is the one first mounted.
    assert_eq!(widget.slot().first_element_child(), card);

    // A value of the wrong kind shows as absent.
    widget.set_state(
        "leadFields",
        budget_field(&cabinet, json!({ "odd": true }))?,
    )?;
    settle().await;
    assert_eq!(part(&widget, "budget"), "—");
    assert!(widget.console_errors().is_empty(), "{:?}", widget.console());
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn a_lead_switch_shows_the_next_lead_and_teardown_leaves_nothing() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let mut widget = cabinet.mount::<LeptosLead>().await?;
    let first_slot = widget.slot();
    widget.switch_lead("3412002")?;
    // The host removed the old slot after its destructor: the view had already left it.
    assert_eq!(first_slot.child_element_count(), 0);
    assert_eq!(part(&widget, "name"), "Сделка #3412002");
    assert_eq!(part(&widget, "status"), "Закрыто и не реализовано");
    assert_eq!(part(&widget, "contact"), "—");
    assert_eq!(widget.live_subscriptions(), 4);

    let last_slot = widget.slot();
    widget.destroy();
    assert_eq!(
        last_slot.child_element_count(),
        0,
        "the view left nodes in its slot"
    );
    // Published after the teardown: reaches nothing, breaks nothing.
    cabinet.set_state("leadFields", budget_field(&cabinet, json!(1))?)?;
    settle().await;
    assert_eq!(widget.live_subscriptions(), 0);
    widget.assert_clean();
    Ok(())
}

/// What must not grow with the number of lead switches.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Footprint {
    subscriptions: u32,
    listeners: usize,
    elements: u32,
    externrefs: u32,
    wasm_memory: f64,
}

fn footprint(widget: &Mounted) -> Footprint {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let buffer: js_sys::ArrayBuffer = memory.buffer().unchecked_into();
    Footprint {
        subscriptions: widget.live_subscriptions(),
        listeners: widget.listeners_left().len(),
        elements: document.get_elements_by_tag_name("*").length(),
        externrefs: wasm_bindgen::externref_heap_live_count(),
        wasm_memory: buffer.byte_length() as f64,
    }
}

#[wasm_bindgen_test]
async fn two_hundred_lead_switches_do_not_grow_anything() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let mut widget = cabinet.mount::<LeptosLead>().await?;
    let leads = ["3412002", "3412001"];
    let switch = |widget: &mut Mounted, n: usize| -> Result<(), KitError> {
        for i in 0..n {
            widget.switch_lead(leads[i % 2])?;
        }
        Ok(())
    };
    // Warm-up: Leptos' arenas, the allocator's size classes and the glue's tables settle.
    switch(&mut widget, 20)?;
    settle().await;
    let warm = footprint(&widget);
    switch(&mut widget, 100)?;
    settle().await;
    let middle = footprint(&widget);
    switch(&mut widget, 100)?;
    settle().await;
    let late = footprint(&widget);
    assert_eq!(warm.subscriptions, 4);
    // Wasm memory only grows (pages are never given back): the allocator's free lists fill up
    // over the first switches, then the next 100 reuse them.
    let same_memory = |f: &Footprint| Footprint {
        wasm_memory: warm.wasm_memory,
        ..*f
    };
    assert_eq!(same_memory(&middle), warm, "after 100 more switches");
    assert_eq!(same_memory(&late), warm, "after 200 more switches");
    assert_eq!(late.wasm_memory, middle.wasm_memory, "wasm memory grew");
    assert_eq!(part(&widget, "name"), "Сделка #3412001");
    widget.assert_clean();
    Ok(())
}
