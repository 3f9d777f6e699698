//! The bindings against the host emulation, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use amocrm_widget::constants::{DateFormat, FieldType, Lang, StateEntity, TimeFormat};
use amocrm_widget::models::{FieldValue, Lead, LeadFields, Sys};
use amocrm_widget::views::{LeadFieldsView, LeadView, SysView};
use amocrm_widget::{Entity, Error, WidgetSdk};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/host-emulation/amocrm-host.js")]
extern "C" {
    type Host;
    #[wasm_bindgen(js_name = createHost)]
    fn create_host(options: &JsValue) -> Host;
    #[wasm_bindgen(method, getter, js_name = initAmocrmWidgetSdk)]
    fn init_fn(this: &Host) -> JsValue;
    #[wasm_bindgen(method, js_name = liveSubscriptions)]
    fn live(this: &Host) -> u32;
    #[wasm_bindgen(method, js_name = setState)]
    fn set_state(this: &Host, entity: &str, value: &JsValue);
    #[wasm_bindgen(method, js_name = setRouterQuery)]
    fn set_router_query(this: &Host, value: &JsValue);
    #[wasm_bindgen(method, js_name = breakMethod)]
    fn break_method(this: &Host, method: &str, thrown: &JsValue);
    #[wasm_bindgen(method)]
    fn repair(this: &Host, method: &str);
    #[wasm_bindgen(method, getter)]
    fn stats(this: &Host) -> JsValue;
}

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("test JSON")
}

fn host() -> (Host, WidgetSdk) {
    let host = create_host(&JsValue::UNDEFINED);
    let sdk = WidgetSdk::new(&host.init_fn()).expect("init");
    (host, sdk)
}

fn empty_host() -> (Host, WidgetSdk) {
    let host = create_host(&json(r#"{"state": {}}"#));
    let sdk = WidgetSdk::new(&host.init_fn()).expect("init");
    (host, sdk)
}

fn stat(host: &Host, key: &str) -> f64 {
    js_sys::Reflect::get(&host.stats(), &key.into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(f64::NAN)
}

#[wasm_bindgen_test]
fn init_requires_a_function_and_a_supported_version() {
    let host = create_host(&JsValue::UNDEFINED);
    assert!(matches!(
        WidgetSdk::new(&JsValue::from_str("not a function")),
        Err(Error::Shape { .. })
    ));
    match WidgetSdk::with_version(&host.init_fn(), "9.9.9") {
        Err(Error::Host {
            call,
            message,
            name,
        }) => {
            assert_eq!(call, "initAmocrmWidgetSdk");
            assert!(message.contains("unsupported version 9.9.9"), "{message}");
            assert_eq!(name.as_deref(), Some("Error"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(stat(&host, "inits"), 0.0);
    WidgetSdk::new(&host.init_fn()).expect("1.0.0 is supported");
    assert_eq!(stat(&host, "inits"), 1.0);
}

#[wasm_bindgen_test]
fn null_entities_are_none() {
    let (_host, sdk) = empty_host();
    assert!(sdk.state::<SysView>().unwrap().is_none());
    assert!(sdk.state::<LeadView>().unwrap().is_none());
    assert!(sdk.state::<Sys>().unwrap().is_none());
    assert!(sdk.state::<Lead>().unwrap().is_none());
    assert!(sdk.state::<LeadFields>().unwrap().is_none());
    assert!(sdk
        .state::<amocrm_widget::models::Authors>()
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
fn views_read_the_fixture_account() {
    let (_host, sdk) = host();
    let sys = sdk.state::<SysView>().unwrap().expect("sys loaded");
    assert_eq!(sys.date_format().unwrap(), DateFormat::RussianNormal);
    assert_eq!(sys.time_format().unwrap(), TimeFormat::TwentyFour);
    assert_eq!(sys.lang().unwrap(), Lang::Ru);
    assert_eq!(sys.currency_symbol().unwrap().as_deref(), Some("₽"));
    assert!(!sys.is_removal_available().unwrap());
    let lead = sdk.state::<LeadView>().unwrap().expect("lead loaded");
    assert_eq!(lead.id().unwrap(), "3412001");
    assert!(lead.is_lead_loaded().unwrap());
    assert_eq!(lead.field_ids().unwrap().len(), 15);
    assert!(lead.company().unwrap().is_some());
    let fields = sdk.state::<LeadFieldsView>().unwrap().expect("fields");
    let budget = fields.get("24").unwrap().expect("budget field");
    assert_eq!(budget.field_type().unwrap(), FieldType::Budget);
    assert_eq!(budget.raw_value().unwrap().as_f64(), Some(150000.0));
    assert!(fields.get("nope").unwrap().is_none());
}

#[wasm_bindgen_test]
fn models_decode_every_fixture_field_type() {
    let (_host, sdk) = host();
    let sys = sdk.state::<Sys>().unwrap().expect("sys");
    assert_eq!(sys.page_title.as_deref(), Some("Кабинет клиента"));
    let lead = sdk.state::<Lead>().unwrap().expect("lead");
    assert_eq!(lead.company.as_ref().map(|c| c.id.as_str()), Some("8001"));
    assert_eq!(lead.contacts.len(), 1);
    let fields = sdk.state::<LeadFields>().unwrap().expect("fields");
    let types: std::collections::BTreeSet<_> = fields
        .fields
        .iter()
        .map(|f| f.field_type.as_str().to_owned())
        .collect();
    assert_eq!(types.len(), 16);
    for field in &fields.fields {
        assert!(
            !matches!(field.value, FieldValue::Raw(_) | FieldValue::Empty),
            "{} ({}) not typed: {:?}",
            field.name,
            field.field_type,
            field.value
        );
    }
}

#[wasm_bindgen_test]
fn dropping_a_subscription_unsubscribes_once() {
    let (host, sdk) = host();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let s = seen.clone();
    let subscription = sdk
        .subscribe::<LeadView, _>(move |lead| {
            s.borrow_mut().push(lead.unwrap().map(|l| l.id().unwrap()));
        })
        .unwrap();
    let s2 = sdk.subscribe::<Sys, _>(|_| {}).unwrap();
    assert_eq!(host.live(), 2);
    assert!(
        seen.borrow().is_empty(),
        "no initial call without withInitialResult"
    );
    host.set_state("lead", &json(r#"{"id": "7", "isLeadLoaded": true}"#));
    host.set_state("lead", &JsValue::NULL);
    assert_eq!(*seen.borrow(), [Some("7".to_owned()), None]);
    drop(subscription);
    assert_eq!(host.live(), 1);
    host.set_state("lead", &json(r#"{"id": "8"}"#));
    assert_eq!(seen.borrow().len(), 2, "no call after drop");
    s2.unsubscribe().unwrap();
    assert_eq!(host.live(), 0);
    assert_eq!(stat(&host, "unsubscribes"), 2.0);
    assert_eq!(stat(&host, "repeatedUnsubscribes"), 0.0);
}

/// The callback is freed at the unsubscribe, not when the JS garbage collector finalises what
/// the host held: a widget switching leads all day must not grow between collections.
#[wasm_bindgen_test]
fn the_callback_is_freed_at_the_unsubscribe() {
    let (host, sdk) = host();
    let captured = Rc::new(());
    let held = captured.clone();
    let dropped = sdk
        .subscribe::<LeadView, _>(move |_| {
            let _held = &held;
        })
        .unwrap();
    let held = captured.clone();
    let unsubscribed = sdk
        .subscribe::<Sys, _>(move |_| {
            let _held = &held;
        })
        .unwrap();
    let held = captured.clone();
    let forgotten = sdk
        .subscribe::<LeadView, _>(move |_| {
            let _held = &held;
        })
        .unwrap()
        .forget();
    assert_eq!(Rc::strong_count(&captured), 4);
    drop(dropped);
    unsubscribed.unsubscribe().unwrap();
    assert_eq!(
        Rc::strong_count(&captured),
        2,
        "freed by drop and unsubscribe"
    );
    forgotten.call0(&JsValue::UNDEFINED).unwrap();
    assert_eq!(
        Rc::strong_count(&captured),
        1,
        "freed by the forgotten one's function"
    );
    assert_eq!(host.live(), 0);
    // Calling the returned function again does nothing.
    forgotten.call0(&JsValue::UNDEFINED).unwrap();
    assert_eq!(stat(&host, "repeatedUnsubscribes"), 0.0);
}

#[wasm_bindgen_test]
fn with_initial_result_fires_before_returning() {
    let (host, sdk) = host();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let s = seen.clone();
    let subscription = sdk
        .subscribe_with_initial::<Sys, _>(move |sys| {
            s.borrow_mut().push(sys.unwrap().map(|s| s.lang))
        })
        .unwrap();
    assert_eq!(*seen.borrow(), [Some(Lang::Ru)]);
    host.set_state(
        "sys",
        &json(r#"{"dateFormat": "dd/mm/yyyy", "timeFormat": "h:MM TT", "lang": "pt"}"#),
    );
    assert_eq!(*seen.borrow(), [Some(Lang::Ru), Some(Lang::Pt)]);
    drop(subscription);
    assert_eq!(host.live(), 0);
}

#[wasm_bindgen_test]
fn forget_hands_the_subscription_to_js() {
    let (host, sdk) = host();
    let count = Rc::new(RefCell::new(0));
    let c = count.clone();
    let unsubscribe = sdk
        .subscribe::<LeadView, _>(move |_| *c.borrow_mut() += 1)
        .unwrap()
        .forget();
    assert_eq!(host.live(), 1, "a forgotten subscription stays active");
    host.set_state("lead", &JsValue::NULL);
    assert_eq!(*count.borrow(), 1);
    unsubscribe.call0(&JsValue::UNDEFINED).unwrap();
    assert_eq!(host.live(), 0);
}

#[wasm_bindgen_test]
fn a_payload_that_does_not_decode_reaches_the_callback_as_an_error() {
    let (host, sdk) = host();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let s = seen.clone();
    let _subscription = sdk
        .subscribe::<Lead, _>(move |lead| s.borrow_mut().push(lead.map(|l| l.map(|l| l.id))))
        .unwrap();
    host.set_state("lead", &json(r#"{"id": {"not": "an id"}}"#));
    host.set_state("lead", &JsValue::from_str("a string, not a lead"));
    host.set_state("lead", &json(r#"{"id": 42}"#));
    let seen = seen.borrow();
    assert!(
        matches!(&seen[0], Err(Error::Decode { entity: "lead", message }) if message.contains("lead.id")),
        "{:?}",
        seen[0]
    );
    assert!(
        matches!(&seen[1], Err(Error::Decode { entity: "lead", .. })),
        "{:?}",
        seen[1]
    );
    assert_eq!(seen[2], Ok(Some("42".to_owned())));
    // The view path reports the same way.
    host.set_state("sys", &json("5"));
    assert!(matches!(
        sdk.state::<SysView>(),
        Err(Error::Decode { entity: "sys", .. })
    ));
    host.set_state("sys", &json(r#"{"lang": 5}"#));
    let sys = sdk.state::<SysView>().unwrap().unwrap();
    assert!(matches!(sys.lang(), Err(Error::Decode { .. })));
}

#[wasm_bindgen_test]
fn router_query_is_typed() {
    let (host, sdk) = host();
    let query = sdk.router_query().unwrap();
    assert_eq!(query.lead_id.as_deref(), Some("3412001"));
    assert_eq!(query.account_id.as_deref(), Some("29001"));
    host.set_router_query(&json("{}"));
    let query = sdk.router_query().unwrap();
    assert_eq!((query.lead_id, query.account_id), (None, None));
    host.set_router_query(&json(r#"{"leadId": 17}"#));
    assert_eq!(sdk.router_query().unwrap().lead_id.as_deref(), Some("17"));
}

#[wasm_bindgen_test]
fn constants_match_the_enums() {
    let (_host, sdk) = host();
    let constants = sdk.constants();
    let dates = constants.date_formats().unwrap();
    assert_eq!(dates.len(), 4);
    assert!(dates.iter().all(|(_, f)| f.is_known()));
    assert!(dates.contains(&("chineseNormal".into(), DateFormat::ChineseNormal)));
    let times = constants.time_formats().unwrap();
    assert_eq!(
        times,
        [
            ("twelve".into(), TimeFormat::Twelve),
            ("twentyFour".into(), TimeFormat::TwentyFour)
        ]
    );
    assert_eq!(constants.supported_langs().unwrap().len(), 4);
    assert_eq!(constants.lead_field_sources().unwrap().len(), 3);
    let types = constants.field_types().unwrap();
    assert_eq!(types.len(), 16);
    assert_eq!(
        types.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>(),
        FieldType::KNOWN
    );
    let entities = constants.state_entities().unwrap();
    assert_eq!(
        entities.iter().map(|(_, e)| e.clone()).collect::<Vec<_>>(),
        StateEntity::KNOWN
    );
    let class_names = sdk.class_names().unwrap();
    let container = class_names.widget_bar_item_container().unwrap();
    assert!(container.starts_with("js-"), "{container}");
    assert_eq!(
        class_names.get("widgetBarItemContainer").unwrap(),
        Some(container)
    );
    assert_eq!(class_names.get("noSuchName").unwrap(), None);
    let all = class_names.all().unwrap();
    assert!(all.len() > 1 && all.iter().all(|(_, name)| name.starts_with("js-")));
}

#[wasm_bindgen_test]
fn host_methods_that_throw_are_typed_errors() {
    let (host, sdk) = host();
    host.break_method("getState", &js_sys::Error::new("state is broken").into());
    match sdk.state::<SysView>() {
        Err(Error::Host {
            call,
            message,
            name,
        }) => {
            assert_eq!(call, "methods.getState");
            assert_eq!(message, "state is broken");
            assert_eq!(name.as_deref(), Some("Error"));
        }
        other => panic!("{other:?}"),
    }
    host.break_method("getState", &JsValue::from_str("a bare string"));
    match sdk.state::<Sys>() {
        Err(Error::Host { message, name, .. }) => {
            assert_eq!(message, "a bare string");
            assert_eq!(name, None);
        }
        other => panic!("{other:?}"),
    }
    host.repair("getState");
    assert!(sdk.state::<Sys>().unwrap().is_some());

    host.break_method("subscribe", &JsValue::from_str("no subscriptions today"));
    assert!(matches!(
        sdk.subscribe::<Sys, _>(|_| {}),
        Err(Error::Host {
            call: "methods.subscribe",
            ..
        })
    ));
    host.repair("subscribe");
    assert_eq!(host.live(), 0);

    host.break_method("getRouterQuery", &js_sys::TypeError::new("router").into());
    assert!(matches!(
        sdk.router_query(),
        Err(Error::Host { name: Some(n), .. }) if n == "TypeError"
    ));

    // An unsubscribe that throws: explicit unsubscribe reports it, Drop swallows it.
    let subscription = sdk.subscribe::<Sys, _>(|_| {}).unwrap();
    host.break_method("unsubscribe", &JsValue::from_str("cannot"));
    assert!(matches!(
        subscription.unsubscribe(),
        Err(Error::Host {
            call: "unsubscribe",
            ..
        })
    ));
    let subscription = sdk.subscribe::<Sys, _>(|_| {}).unwrap();
    drop(subscription); // must not panic
    host.repair("unsubscribe");
}

#[wasm_bindgen_test]
fn entity_keys_are_the_documented_names() {
    assert_eq!(<Sys as Entity>::KEY, StateEntity::Sys);
    assert_eq!(<LeadFieldsView as Entity>::KEY.as_str(), "leadFields");
}

/// A host outside the contract (not the emulation): `subscribe` returns no unsubscribe function.
#[wasm_bindgen(inline_js = "
export function oddModule() {
  return () => ({
    methods: {
      getState: () => undefined,
      subscribe: (entity, callback) => { globalThis.__oddCallback = callback; return 42; },
      getRouterQuery: () => null,
    },
    constants: {},
  });
}
export function callOddCallback() { globalThis.__oddCallback(null); }
")]
extern "C" {
    #[wasm_bindgen(js_name = oddModule)]
    fn odd_module() -> JsValue;
    #[wasm_bindgen(catch, js_name = callOddCallback)]
    fn call_odd_callback() -> Result<(), JsValue>;
}

#[wasm_bindgen_test]
fn a_host_outside_the_contract_gets_typed_errors_and_no_crash() {
    let sdk = WidgetSdk::new(&odd_module()).unwrap();
    assert!(
        sdk.state::<Sys>().unwrap().is_none(),
        "undefined reads as not loaded"
    );
    assert_eq!(sdk.router_query().unwrap(), Default::default());
    let calls = Rc::new(RefCell::new(0));
    let c = calls.clone();
    let result = sdk.subscribe::<SysView, _>(move |_| *c.borrow_mut() += 1);
    assert!(matches!(
        result,
        Err(Error::Shape {
            what: "subscribe(..) result",
            ..
        })
    ));
    // The host kept the callback: calling it later must not throw, and must not run the widget's
    // code for a subscription it was told had failed.
    call_odd_callback().expect("the callback is still callable");
    assert_eq!(*calls.borrow(), 0);
    assert_eq!(
        Rc::strong_count(&calls),
        1,
        "the failed subscription's callback is freed"
    );
    assert!(matches!(sdk.class_names(), Err(Error::Shape { .. })));
}
