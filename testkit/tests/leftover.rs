//! A test that fails with a widget mounted never drops it (the panic traps): the next test's
//! mount destroys it instead of failing too. wasm-bindgen-test runs a file's tests in reverse
//! name order, so `b_…` runs first; `a_…` checks that it did.
#![cfg(target_arch = "wasm32")]

mod widgets;

use amocrm_widget_testkit::{Cabinet, KitError};
use std::cell::RefCell;
use wasm_bindgen_test::*;
use widgets::LeadCard;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static LEFT_BEHIND: RefCell<Option<Cabinet>> = const { RefCell::new(None) };
}

#[wasm_bindgen_test]
#[should_panic(expected = "a failed assertion with the widget mounted")]
async fn b_a_failing_test_leaves_its_widget_mounted() {
    let cabinet = Cabinet::new().await.expect("cabinet");
    let widget = cabinet.mount::<LeadCard>().await.expect("mount");
    assert_eq!(cabinet.live_subscriptions(), 1);
    LEFT_BEHIND.with(|c| *c.borrow_mut() = Some(cabinet));
    let _keep = widget;
    panic!("a failed assertion with the widget mounted");
}

#[wasm_bindgen_test]
async fn a_the_next_test_mounts_anyway_and_the_old_widget_is_destroyed() -> Result<(), KitError> {
    let old = LEFT_BEHIND
        .with(|c| c.borrow_mut().take())
        .expect("b_… ran first (wasm-bindgen-test's reverse name order) and left its widget");
    assert_eq!(
        old.live_subscriptions(),
        1,
        "still mounted before the next mount"
    );
    let cabinet = Cabinet::new().await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    assert_eq!(
        old.live_subscriptions(),
        0,
        "the left-behind widget was destroyed"
    );
    assert!(widget.slot_text().starts_with("lead 3412001"));
    widget.assert_clean();
    Ok(())
}
