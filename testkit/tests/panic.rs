//! A widget that panics: the shim contains it as in a real cabinet, and the trap poisons this
//! test binary's instance, so later mounts are refused. Its own file, its own instance.
#![cfg(target_arch = "wasm32")]

mod widgets;

use amocrm_widget_testkit::{Cabinet, KitError};
use wasm_bindgen_test::*;
use widgets::{LeadCard, Panicky};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_panic_is_contained_reported_and_poisons_later_mounts() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let mut widget = cabinet.mount::<Panicky>().await?;
    let crashed = widget.crashed().expect("the trap went through the exports");
    // Each engine words the trap its own way: Chromium `unreachable`, Firefox `unreachable
    // executed`, WebKit `Unreachable code should not be executed`.
    assert!(crashed.to_lowercase().contains("unreachable"), "{crashed}");
    let errors = widget.console_errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("amocrm widget panic: panicked at") && e.contains("on purpose")),
        "{errors:?}"
    );
    assert!(
        widget.host_errors().is_empty(),
        "nothing was thrown into the host"
    );
    // The host keeps working.
    cabinet.set_state("authors", serde_json::json!({}))?;
    let leaks = widget.check_clean().expect_err("a crash is not clean");
    assert!(leaks.crashed.is_some());
    drop(widget);

    match cabinet.mount::<LeadCard>().await {
        Err(KitError::Poisoned(why)) => {
            assert!(why.to_lowercase().contains("unreachable"), "{why}")
        }
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("a poisoned instance mounted again"),
    }
    Ok(())
}
