//! The kit in headless Chromium: mounting, state, leads, teardowns, leak detection, tokens,
//! faults. Tests in this file run one after another in one WebAssembly instance.
#![cfg(target_arch = "wasm32")]

mod widgets;

use amocrm_widget_testkit::{Cabinet, Fault, HostMethod, KitError, SlotShape, Token};
use serde_json::json;
use wasm_bindgen_test::*;
use widgets::{ErrorShower, Later, LeadCard, Leaky, Reader, LEAD_TEARDOWNS, SLOT_TEARDOWNS};

wasm_bindgen_test_configure!(run_in_browser);

fn counts() -> (u32, u32) {
    (
        LEAD_TEARDOWNS.with(|n| n.get()),
        SLOT_TEARDOWNS.with(|n| n.get()),
    )
}

#[wasm_bindgen_test]
async fn mounts_through_the_shim_and_renders_the_fixture_lead() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    let text = widget.slot_text();
    assert!(
        text.starts_with("lead 3412001 with 15 fields, ru"),
        "{text}"
    );
    assert_eq!(widget.lifecycle(), ["initLead", "registerWidgetsBarSlot"]);
    assert_eq!(widget.slot().class_name(), "js-widget-bar-item-container");
    // The real shim ran: its counters say one instance, one tracked subscription.
    let stats = widget.shim_stats();
    assert_eq!(stats["instances"], 1, "{stats}");
    assert_eq!(stats["subscriptions"], 1, "{stats}");
    assert_eq!(widget.live_subscriptions(), 1);
    assert!(widget.console_errors().is_empty(), "{:?}", widget.console());
    widget.assert_clean();
    Ok(())
}

/// A host whose slot carries its own header and a content child: the widget renders into the
/// child (found by `GLOBAL_CLASS_NAMES.widgetBarItemContent`), its teardown empties only that,
/// and the header stays as the host made it, across a lead switch too.
#[wasm_bindgen_test]
async fn in_a_slot_with_a_content_child_the_widget_renders_there_and_the_header_stays(
) -> Result<(), KitError> {
    let cabinet = Cabinet::builder()
        .slot_shape(SlotShape::Content)
        .build()
        .await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    for lead in ["3412001", "3412002"] {
        if lead != "3412001" {
            widget.switch_lead(lead)?;
        }
        let slot = widget.slot();
        let content = widget.content();
        assert_eq!(content.class_name(), "js-widget-bar-item-content");
        assert!(!content.is_same_node(Some(&slot)));
        let shown = content.text_content().unwrap_or_default();
        assert!(shown.starts_with(&format!("lead {lead} with")), "{shown}");
        assert_eq!(slot.child_element_count(), 2, "{}", slot.inner_html());
        let header = slot.first_element_child().expect("the host's header");
        assert_eq!(header.class_name(), SlotShape::HEADER_CLASS);
        assert_eq!(
            header.text_content().as_deref(),
            Some(SlotShape::HEADER_TEXT)
        );
        assert_eq!(header.child_element_count(), 0, "{}", header.inner_html());
    }
    let slot = widget.slot();
    let content = widget.content();
    widget.destroy();
    assert!(!content.has_child_nodes(), "{}", content.inner_html());
    let header = slot.first_element_child().expect("the host's header");
    assert_eq!(
        header.text_content().as_deref(),
        Some(SlotShape::HEADER_TEXT)
    );
    widget.assert_clean();
    Ok(())
}

/// The documented slot, an empty element: the widget renders into the element itself.
#[wasm_bindgen_test]
async fn in_a_slot_without_a_content_child_the_widget_renders_into_the_element(
) -> Result<(), KitError> {
    let cabinet = Cabinet::builder()
        .slot_shape(SlotShape::Element)
        .build()
        .await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    let slot = widget.slot();
    assert!(widget.content().is_same_node(Some(&slot)));
    assert_eq!(slot.child_element_count(), 0, "{}", slot.inner_html());
    assert!(
        widget
            .slot_text()
            .starts_with("lead 3412001 with 15 fields"),
        "{}",
        widget.slot_text()
    );
    widget.destroy();
    assert!(!slot.has_child_nodes(), "{}", slot.inner_html());
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn a_state_change_re_renders_and_the_builder_sets_the_language() -> Result<(), KitError> {
    let cabinet = Cabinet::builder().lang("en").build().await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    assert!(
        widget.slot_text().contains(", en,"),
        "{}",
        widget.slot_text()
    );
    let mut lead = cabinet.state("lead")?;
    lead["fieldIds"] = json!(["10"]);
    widget.set_state("lead", lead)?;
    assert!(
        widget.slot_text().starts_with("lead 3412001 with 1 fields"),
        "{}",
        widget.slot_text()
    );
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn switching_leads_runs_each_teardown_once_before_the_next_lead() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let before = counts();
    let mut widget = cabinet.mount::<LeadCard>().await?;
    widget.switch_lead("3412002")?;
    assert_eq!(
        counts(),
        (before.0 + 1, before.1 + 1),
        "the first lead's teardowns ran"
    );
    assert!(widget.slot_text().starts_with("lead 3412002 with 2 fields"));
    assert_eq!(widget.active_lead().as_deref(), Some("3412002"));
    assert_eq!(
        widget.lifecycle(),
        [
            "initLead",
            "registerWidgetsBarSlot",
            "registerWidgetsBarSlot:destroy",
            "initLead:destroy",
            "initLead",
            "registerWidgetsBarSlot"
        ]
    );
    widget.destroy();
    widget.destroy();
    assert_eq!(counts(), (before.0 + 2, before.1 + 2));
    let teardowns = widget.teardowns();
    assert_eq!((teardowns.created, teardowns.ran_once), (4, 4));
    assert!(widget.try_slot().is_none());
    assert!(widget.check_clean().is_ok());
    assert!(matches!(
        widget.open_lead("3412001"),
        Err(KitError::Destroyed)
    ));
    Ok(())
}

#[wasm_bindgen_test]
async fn an_unknown_lead_or_entity_is_a_typed_error() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    match widget.open_lead("404") {
        Err(KitError::UnknownLead { id, known }) => {
            assert_eq!(id, "404");
            assert_eq!(known, "3412001, 3412002");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        cabinet.set_state("nonsense", json!({})),
        Err(KitError::Host(_))
    ));
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn a_second_live_mount_is_refused_and_mounting_after_destroy_works() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let mut first = cabinet.mount::<LeadCard>().await?;
    assert!(matches!(
        cabinet.mount::<Reader>().await,
        Err(KitError::AlreadyMounted)
    ));
    first.assert_clean();
    let mut second = cabinet.mount::<Reader>().await?;
    assert_eq!(second.slot_text(), "currency ₽");
    second.assert_clean();
    drop(first);
    // Dropping a mounted widget destroys it.
    let other = Cabinet::new().await?;
    let third = other.mount::<LeadCard>().await?;
    drop(third);
    assert_eq!(other.live_subscriptions(), 0);
    Ok(())
}

#[wasm_bindgen_test]
async fn the_leak_check_catches_a_leaky_widget() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let mut widget = cabinet.mount::<Leaky>().await?;
    assert_eq!(widget.slot_text(), "leaky");
    let leaks = widget
        .check_clean()
        .expect_err("the leaky widget must not pass");
    assert_eq!(leaks.live_subscriptions, 1, "{leaks}");
    assert_eq!(leaks.listeners, ["resize on window"], "{leaks}");
    assert!(leaks.teardowns.not_run.is_empty(), "{leaks}");
    assert!(leaks
        .to_string()
        .contains("1 host subscription(s) still live"));
    Ok(())
}

#[wasm_bindgen_test]
async fn an_allowed_listener_is_not_a_leak_but_the_subscription_still_is() -> Result<(), KitError> {
    let cabinet = Cabinet::builder()
        .allow_listener("resize on window")
        .build()
        .await?;
    let mut widget = cabinet.mount::<Leaky>().await?;
    let leaks = widget
        .check_clean()
        .expect_err("the subscription is still a leak");
    assert!(leaks.listeners.is_empty(), "{leaks}");
    assert_eq!(widget.listeners_left(), ["resize on window"]);
    assert_eq!(leaks.live_subscriptions, 1);
    Ok(())
}

#[wasm_bindgen_test]
#[should_panic(expected = "DOM listeners left: resize on window")]
async fn assert_clean_panics_on_a_leak() {
    let cabinet = Cabinet::new().await.expect("cabinet");
    let mut widget = cabinet.mount::<Leaky>().await.expect("mount");
    widget.assert_clean();
}

#[wasm_bindgen_test]
async fn tokens_reach_the_widget_and_read_back_through_the_sdk() -> Result<(), KitError> {
    let cabinet = Cabinet::builder()
        .token(|lead| Token::for_lead(lead).account_id(4242).user_id(7).mint())
        .build()
        .await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    assert!(
        widget.slot_text().ends_with("account 4242 user 7"),
        "{}",
        widget.slot_text()
    );
    widget.assert_clean();

    let cabinet = Cabinet::builder()
        .token(|_| "not a jwt".into())
        .build()
        .await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    assert!(
        widget.slot_text().contains("no token: "),
        "{}",
        widget.slot_text()
    );
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn a_throwing_host_method_is_a_reported_error_and_the_page_keeps_working(
) -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    cabinet.break_method(
        HostMethod::GetState,
        Fault::Throws("the cabinet is down".into()),
    );
    let mut widget = cabinet.mount::<Reader>().await?;
    assert_eq!(widget.slot_text(), "");
    let errors = widget.console_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("amocrm widget kit: widgets_bar_slot failed: "),
        "{errors:?}"
    );
    assert!(errors[0].contains("the cabinet is down"), "{errors:?}");
    assert!(
        widget.host_errors().is_empty(),
        "nothing was thrown into the host"
    );
    assert!(widget.crashed().is_none());

    cabinet.repair(HostMethod::GetState);
    widget.switch_lead("3412002")?;
    assert_eq!(widget.slot_text(), "currency ₽");
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn a_host_method_returning_null_is_handled() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    cabinet.break_method(HostMethod::GetState, Fault::ReturnsNull);
    let mut widget = cabinet.mount::<Reader>().await?;
    assert_eq!(widget.slot_text(), "sys not loaded");
    widget.assert_clean();

    // `subscribe` answering null: the widget's `?` reports it; nothing leaks.
    let cabinet = Cabinet::new().await?;
    cabinet.break_method(HostMethod::Subscribe, Fault::ReturnsNull);
    let mut widget = cabinet.mount::<LeadCard>().await?;
    let errors = widget.console_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("widgets_bar_slot failed"), "{errors:?}");
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn a_widget_that_cannot_start_is_reported_once() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    cabinet.break_method(HostMethod::InitAmocrmWidgetSdk, Fault::ReturnsNull);
    let mut widget = cabinet.mount::<LeadCard>().await?;
    let errors = widget.console_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("the widget could not start"),
        "{errors:?}"
    );
    assert_eq!(widget.slot_text(), "");
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn the_widget_sees_a_throwing_host_method_as_a_typed_error() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    cabinet.break_method(
        HostMethod::GetState,
        Fault::ThrowsValue(json!("a bare string")),
    );
    let mut widget = cabinet.mount::<ErrorShower>().await?;
    assert_eq!(
        widget.slot_text(),
        "Error::Host in methods.getState: a bare string"
    );
    assert!(widget.console_errors().is_empty());
    cabinet.repair(HostMethod::GetState);
    widget.switch_lead("3412002")?;
    assert_eq!(widget.slot_text(), "sys");
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn next_tick_lets_asynchronous_rendering_finish() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let mut widget = cabinet.mount::<Later>().await?;
    assert_eq!(widget.slot_text(), "", "not yet: the future has not run");
    amocrm_widget_testkit::next_tick().await;
    assert_eq!(widget.slot_text(), "rendered later");
    widget.assert_clean();
    Ok(())
}
