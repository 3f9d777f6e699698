//! The widget in headless Chromium, mounted by the test kit in a fake client cabinet through the
//! same shim and lifecycle as in a real one: `amo-widget test` (or `wasm-pack test --headless
//! --chrome`).
#![cfg(target_arch = "wasm32")]

use amocrm_widget_testkit::{Cabinet, KitError, SlotShape};
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn renders_the_lead_follows_it_and_cleans_up() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let mut widget = cabinet.mount::<{{crate}}::{{type}}>().await?;
    // The fixture account is in Russian: the texts of widget/i18n/ru.json.
    let text = widget.slot_text();
    assert!(text.contains("В сделке №3412001"), "{text}");

    // A state change reaches the open slot through the subscription.
    let mut lead = cabinet.state("lead")?;
    lead["id"] = json!("77");
    widget.set_state("lead", lead)?;
    assert!(widget.slot_text().contains("В сделке №77"), "{}", widget.slot_text());

    // Switching leads: the old lead's teardowns run, then the new lead renders (Russian's
    // plural: 2 поля, 15 полей).
    widget.switch_lead("3412002")?;
    assert!(widget.slot_text().ends_with("В сделке №3412002 2 поля."), "{}", widget.slot_text());
    assert!(widget.console_errors().is_empty(), "{:?}", widget.console_errors());

    // Destroyed: every teardown ran once, no subscription or DOM listener is left.
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn speaks_each_language_it_ships_and_follows_a_switch_live() -> Result<(), KitError> {
    let cabinet = Cabinet::builder().lang("en").build().await?;
    let mut widget = cabinet.mount::<{{crate}}::{{type}}>().await?;
    assert!(widget.slot_text().contains("Lead #3412001 has"), "{}", widget.slot_text());
    // The documented slot has nothing in it: the widget renders into the element itself.
    assert!(widget.content().is_same_node(Some(&widget.slot())));

    // The cabinet's language changes while the slot is open: the `sys` subscription re-renders.
    let mut sys = cabinet.state("sys")?;
    sys["lang"] = json!("ru");
    widget.set_state("sys", sys.clone())?;
    assert!(widget.slot_text().contains("В сделке №3412001"), "{}", widget.slot_text());

    // A language the widget does not ship: the manifest's default locale (the first of its
    // `locale` list, `en`).
    sys["lang"] = json!("es");
    widget.set_state("sys", sys)?;
    assert!(widget.slot_text().contains("Lead #3412001 has"), "{}", widget.slot_text());
    widget.assert_clean();
    Ok(())
}

/// Hosts that put a header of their own in the slot, beside a content child: the widget renders
/// into the child and leaves the header as the host made it.
#[wasm_bindgen_test]
async fn renders_into_the_hosts_content_child_and_leaves_its_header() -> Result<(), KitError> {
    let cabinet = Cabinet::builder().slot_shape(SlotShape::Content).build().await?;
    let mut widget = cabinet.mount::<{{crate}}::{{type}}>().await?;
    let content = widget.content();
    let text = content.text_content().unwrap_or_default();
    assert!(text.contains("В сделке №3412001"), "{text}");
    let header = widget.slot().first_element_child().expect("the host's header");
    assert_eq!(header.text_content().as_deref(), Some(SlotShape::HEADER_TEXT));
    widget.destroy();
    assert!(!content.has_child_nodes(), "the teardown empties the content");
    assert_eq!(header.text_content().as_deref(), Some(SlotShape::HEADER_TEXT));
    widget.assert_clean();
    Ok(())
}
