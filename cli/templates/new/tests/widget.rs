//! The widget in a browser, against the emulated host (`tests/host/amocrm-host.js`, the same
//! emulation `amo-widget serve` runs): `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

use amocrm_widget::lifecycle::runtime;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/host/amocrm-host.js")]
extern "C" {
    type EmulatedHost;
    #[wasm_bindgen(js_name = createHost)]
    fn create_host() -> EmulatedHost;
    #[wasm_bindgen(method, getter, js_name = initAmocrmWidgetSdk)]
    fn sdk_module(this: &EmulatedHost) -> JsValue;
    #[wasm_bindgen(method, js_name = setState)]
    fn set_state(this: &EmulatedHost, entity: &str, value: JsValue);
    #[wasm_bindgen(method, js_name = getStateSnapshot)]
    fn snapshot(this: &EmulatedHost) -> JsValue;
    #[wasm_bindgen(method, js_name = liveSubscriptions)]
    fn live_subscriptions(this: &EmulatedHost) -> u32;
}

fn slot() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    el.set_class_name("js-widget-bar-item-container");
    document.body().unwrap().append_child(&el).unwrap();
    el.dyn_into().unwrap()
}

#[wasm_bindgen_test]
fn renders_the_lead_follows_it_and_cleans_up() {
    let host = create_host();
    let report = js_sys::Function::new_with_args("level, message", "throw new Error(message)");
    // The bundle's shim tracks subscriptions to release them after a crash; here, as they are.
    let track = js_sys::Function::new_with_args("unsubscribe", "return unsubscribe");
    assert!(runtime::start::<{{crate}}::{{type}}>(
        host.sdk_module(),
        js_sys::Map::new(),
        report,
        track
    ));

    let lead_teardown = runtime::init_lead(String::new(), JsValue::NULL);
    let el = slot();
    let slot_teardown = runtime::widgets_bar_slot(el.clone().into());
    let text = el.text_content().unwrap_or_default();
    assert!(text.contains("Lead #3412001"), "{text}");

    // A state change reaches the open slot through the subscription.
    let lead = js_sys::Reflect::get(&host.snapshot(), &"lead".into()).unwrap();
    js_sys::Reflect::set(&lead, &"id".into(), &"77".into()).unwrap();
    host.set_state("lead", lead);
    let text = el.text_content().unwrap_or_default();
    assert!(text.contains("Lead #77"), "{text}");

    runtime::teardown(slot_teardown);
    runtime::teardown(lead_teardown);
    assert_eq!(host.live_subscriptions(), 0, "the slot's teardown unsubscribed");
    assert_eq!(el.text_content().unwrap_or_default(), "");
}
