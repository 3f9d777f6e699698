//! Host modules through the real requirejs 2.3.8, with the emulation's modules registered.
#![cfg(target_arch = "wasm32")]

use amocrm_widget::modules::{self, HostModule, ImportModules};
use amocrm_widget::views::SysView;
use amocrm_widget::{Error, WidgetSdk};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const REQUIRE_JS: &str = include_str!("../node_modules/requirejs/require.js");

#[wasm_bindgen(inline_js = "
export function installRequirejs(source) {
  if (typeof globalThis.requirejs !== 'function') (0, eval)(source);
  return typeof globalThis.require === 'function';
}
export function defineModule(name, value) {
  globalThis.define(name, [], () => value);
}
")]
extern "C" {
    #[wasm_bindgen(js_name = installRequirejs)]
    fn install_requirejs(source: &str) -> bool;
    #[wasm_bindgen(js_name = defineModule)]
    fn define_module(name: &str, value: &JsValue);
}

#[wasm_bindgen(module = "/host-emulation/amocrm-host.js")]
extern "C" {
    type Host;
    #[wasm_bindgen(js_name = createHost)]
    fn create_host(options: &JsValue) -> Host;
    #[wasm_bindgen(method, js_name = registerModules)]
    fn register_modules(this: &Host, define: &JsValue, require: &JsValue, extra: &JsValue);
}

fn global(name: &str) -> JsValue {
    js_sys::Reflect::get(&js_sys::global(), &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// One page, one loader: register the host's modules once.
fn set_up() -> Host {
    assert!(install_requirejs(REQUIRE_JS), "requirejs did not install");
    let host = create_host(&JsValue::UNDEFINED);
    if global("__amocrmHostRegistered").is_undefined() {
        let extra = js_sys::Object::new();
        js_sys::Reflect::set(&extra, &"lodash".into(), &"lodash stand-in".into()).unwrap();
        host.register_modules(&global("define"), &global("require"), &extra);
        js_sys::Reflect::set(
            &js_sys::global(),
            &"__amocrmHostRegistered".into(),
            &true.into(),
        )
        .unwrap();
    }
    host
}

#[wasm_bindgen_test]
async fn amocrm_sdk_loads_through_requirejs() {
    set_up();
    let module = modules::load(&HostModule::AmocrmSdk)
        .await
        .expect("amocrm-sdk");
    let sdk = WidgetSdk::new(&module).expect("init");
    let sys = sdk.state::<SysView>().unwrap().expect("sys");
    assert_eq!(sys.lang().unwrap().as_str(), "ru");
}

#[wasm_bindgen_test]
async fn from_host_loads_and_initialises() {
    set_up();
    let sdk = WidgetSdk::from_host().await.expect("from_host");
    assert_eq!(
        sdk.router_query().unwrap().lead_id.as_deref(),
        Some("3412001")
    );
}

#[wasm_bindgen_test]
async fn import_modules_is_requirejs_in_a_promise() {
    set_up();
    define_module("my-widget-helper", &JsValue::from_str("helper"));
    let import = ImportModules::from_raw(modules::load(&HostModule::ImportModules).await.unwrap())
        .expect("a function");
    let loaded = import
        .import_async(&["lodash", "my-widget-helper"])
        .await
        .expect("both modules");
    assert_eq!(loaded.len(), 2);
    assert_eq!(loaded[0].as_string().as_deref(), Some("lodash stand-in"));
    assert_eq!(loaded[1].as_string().as_deref(), Some("helper"));
}

#[wasm_bindgen_test]
async fn require_all_keeps_the_order() {
    set_up();
    let all = modules::require_all(&[HostModule::Lodash, HostModule::AmocrmSdk]).unwrap();
    let array: js_sys::Array = wasm_bindgen_futures::JsFuture::from(all)
        .await
        .unwrap()
        .into();
    assert_eq!(array.get(0).as_string().as_deref(), Some("lodash stand-in"));
    assert!(array.get(1).is_function());
}

#[wasm_bindgen_test]
async fn a_missing_module_is_a_typed_error() {
    set_up();
    match modules::load(&HostModule::from("no-such-module-anywhere")).await {
        Err(Error::Module { module, message }) => {
            assert_eq!(module, "no-such-module-anywhere");
            assert!(!message.is_empty());
        }
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
fn import_modules_must_be_a_function() {
    assert!(matches!(
        ImportModules::from_raw(JsValue::from_str("nope")),
        Err(Error::Shape { .. })
    ));
}
