//! Decoding the host's values in headless Chromium, against the host emulation: the models
//! (serde-wasm-bindgen) and the views (zero-copy) read the same fixtures alike, every field type
//! in every plausible shape, and widgets' own types through `state_as`.
#![cfg(target_arch = "wasm32")]

use amocrm_widget::constants::{FieldType, LeadFieldSource, StateEntity};
use amocrm_widget::models::{Authors, FieldValue, Lead, LeadFields, Sys};
use amocrm_widget::views::{AuthorsView, LeadFieldsView, LeadView, SysView};
use amocrm_widget::{Entity, Error, WidgetSdk};
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
    #[wasm_bindgen(method, js_name = setState)]
    fn set_state(this: &Host, entity: &str, value: &JsValue);
}

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("test JSON")
}

fn host() -> (Host, WidgetSdk) {
    let host = create_host(&JsValue::UNDEFINED);
    let sdk = WidgetSdk::new(&host.init_fn()).expect("init");
    (host, sdk)
}

include!("fixtures/field_shapes.rs");

#[wasm_bindgen_test]
fn views_and_models_read_the_fixture_account_alike() {
    let (_host, sdk) = host();

    let model = sdk.state::<Sys>().unwrap().expect("sys");
    let view = sdk.state::<SysView>().unwrap().expect("sys");
    assert_eq!(view.currency_symbol().unwrap(), model.currency_symbol);
    assert_eq!(model.currency_symbol.as_deref(), Some("₽"));
    assert_eq!(view.date_format().unwrap(), model.date_format);
    assert_eq!(view.time_format().unwrap(), model.time_format);
    assert_eq!(view.lang().unwrap(), model.lang);
    assert_eq!(
        view.is_removal_available().unwrap(),
        model.is_removal_available
    );
    assert_eq!(view.logo_url().unwrap(), model.logo_url);
    assert_eq!(view.page_title().unwrap(), model.page_title);

    let model = sdk.state::<Lead>().unwrap().expect("lead");
    let view = sdk.state::<LeadView>().unwrap().expect("lead");
    assert_eq!(view.id().unwrap(), model.id);
    assert_eq!(view.pid().unwrap(), model.pid);
    assert_eq!(view.is_lead_loaded().unwrap(), model.is_lead_loaded);
    assert_eq!(view.field_ids().unwrap(), model.field_ids);
    assert_eq!(view.manager_id().unwrap(), model.manager_id);
    let statuses = view.statuses().unwrap();
    assert_eq!(statuses.len(), model.statuses.len());
    for (view, model) in statuses.iter().zip(&model.statuses) {
        assert_eq!(view.id().unwrap(), model.id);
        assert_eq!(view.name().unwrap(), model.name);
        assert_eq!(view.color().unwrap(), model.color);
        assert_eq!(view.pipeline_id().unwrap(), model.pipeline_id);
    }
    let contacts = view.contacts().unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts.len(), model.contacts.len());
    for (view, model) in contacts.iter().zip(&model.contacts) {
        assert_eq!(view.id().unwrap(), model.id);
        assert_eq!(view.name().unwrap(), model.name);
        assert_eq!(view.field_ids().unwrap(), model.field_ids);
    }
    let company = view
        .company()
        .unwrap()
        .expect("the first lead has a company");
    let expected = model.company.expect("the first lead has a company");
    assert_eq!(company.id().unwrap(), expected.id);
    assert_eq!(company.name().unwrap(), expected.name);
    assert_eq!(company.field_ids().unwrap(), expected.field_ids);

    let model = sdk.state::<LeadFields>().unwrap().expect("leadFields");
    let view = sdk.state::<LeadFieldsView>().unwrap().expect("leadFields");
    let fields = view.fields().unwrap();
    assert_eq!(fields.len(), model.fields.len());
    for (view, model) in fields.iter().zip(&model.fields) {
        assert_eq!(view.key(), model.id, "the fixture's keys are its ids");
        assert_eq!(view.id().unwrap(), model.id);
        assert_eq!(view.name().unwrap(), model.name);
        assert_eq!(view.field_type().unwrap(), model.field_type);
        assert_eq!(view.source().unwrap(), model.source);
        assert!(!matches!(
            model.value,
            FieldValue::Raw(_) | FieldValue::Empty
        ));
    }
    let selected = view
        .select(&["24".into(), "nope".into(), "10".into()])
        .unwrap();
    let names: Vec<_> = selected.iter().map(|f| f.name().unwrap()).collect();
    let expected: Vec<_> = model
        .select(&["24".into(), "nope".into(), "10".into()])
        .map(|f| f.name.clone())
        .collect();
    assert_eq!(names, expected);
    assert_eq!(names.len(), 2);
    let keys: Vec<_> = selected.iter().map(|f| f.key()).collect();
    assert_eq!(
        keys,
        ["24", "10"],
        "a selected field's key is the id it was asked by"
    );

    let model = sdk.state::<Authors>().unwrap().expect("authors");
    let view = sdk.state::<AuthorsView>().unwrap().expect("authors");
    let authors = view.authors().unwrap();
    assert_eq!(authors.len(), 2);
    for (view, model) in authors.iter().zip(&model.authors) {
        assert_eq!(view.id().unwrap(), model.id);
        assert_eq!(view.name().unwrap(), model.name);
        assert_eq!(view.avatar_url().unwrap(), model.avatar_url);
    }
    assert_eq!(
        view.get("502")
            .unwrap()
            .expect("author 502")
            .avatar_url()
            .unwrap(),
        None
    );
    assert!(view.get("404").unwrap().is_none());
}

#[wasm_bindgen_test]
fn every_field_type_in_every_plausible_shape() {
    let (host, sdk) = host();
    host.set_state("leadFields", &json(&field_shapes_record()));
    let fields = sdk.state::<LeadFields>().unwrap().expect("leadFields");
    let view = sdk.state::<LeadFieldsView>().unwrap().expect("leadFields");
    let shapes = field_shapes();
    assert_eq!(fields.fields.len(), shapes.len());
    for (i, (field, (ty, value, expected))) in fields.fields.iter().zip(&shapes).enumerate() {
        assert_eq!(&field.value, expected, "{ty} {value}");
        assert_eq!(field.field_type, FieldType::from(*ty));
        // The view hands the value over untouched.
        let raw = view
            .get(&i.to_string())
            .unwrap()
            .expect("field")
            .raw_value()
            .unwrap();
        let same = js_sys::JSON::stringify(&raw).unwrap()
            == js_sys::JSON::stringify(&json(value)).unwrap();
        assert!(same, "{ty} {value}");
    }
}

#[wasm_bindgen_test]
fn lenient_where_the_vendor_text_is_garbled() {
    let (host, sdk) = host();
    // Numbers for ids, a bare status id, a contact without its id, null lists and flags,
    // unknown keys: all normal.
    host.set_state(
        "lead",
        &json(
            r#"{"id": 7, "pid": null, "isLeadLoaded": null, "fieldIds": null, "managerId": 501.0,
                "statuses": [143, {"id": "142", "somethingNew": 1}],
                "contacts": {"9002": {"name": "Jane"}}, "company": null, "tags": ["vip"]}"#,
        ),
    );
    let lead = sdk.state::<Lead>().unwrap().expect("lead");
    assert_eq!(lead.id, "7");
    assert_eq!((lead.pid, lead.is_lead_loaded), (None, false));
    assert!(lead.field_ids.is_empty() && lead.company.is_none());
    assert_eq!(lead.manager_id.as_deref(), Some("501"));
    assert_eq!(lead.statuses[0].id.as_deref(), Some("143"));
    assert_eq!(lead.statuses[1].id.as_deref(), Some("142"));
    assert_eq!(lead.contacts[0].id, "9002");
    let view = sdk.state::<LeadView>().unwrap().expect("lead");
    assert_eq!(view.id().unwrap(), "7");
    assert_eq!(
        view.statuses().unwrap()[0].id().unwrap().as_deref(),
        Some("143")
    );
    assert_eq!(view.contacts().unwrap()[0].id().unwrap(), "9002");
    assert!(view.company().unwrap().is_none());
    assert_eq!(view.manager_id().unwrap().as_deref(), Some("501"));

    host.set_state(
        "sys",
        &json(r#"{"dateFormat": "d mmm", "timeFormat": "HH:MM", "lang": "de"}"#),
    );
    let sys = sdk.state::<Sys>().unwrap().expect("sys");
    assert_eq!(sys.currency_symbol, None);
    assert_eq!(sys.lang.as_str(), "de");
    let view = sdk.state::<SysView>().unwrap().expect("sys");
    assert_eq!(view.currency_symbol().unwrap(), None);

    host.set_state("authors", &json(r#"{"7": "Bare Name", "8": {"id": 8}}"#));
    let authors = sdk.state::<Authors>().unwrap().expect("authors");
    assert_eq!(
        authors.get("7").and_then(|a| a.name.as_deref()),
        Some("Bare Name")
    );
    assert_eq!(authors.get("8").map(|a| a.name.clone()), Some(None));
    let view = sdk.state::<AuthorsView>().unwrap().expect("authors");
    let names: Vec<_> = view
        .authors()
        .unwrap()
        .iter()
        .map(|a| a.name().unwrap())
        .collect();
    assert_eq!(names, [Some("Bare Name".to_owned()), None]);

    host.set_state(
        "leadFields",
        &json(r#"{"5": {"name": "No id", "type": "text", "value": "x", "source": "company"}}"#),
    );
    let fields = sdk.state::<LeadFields>().unwrap().expect("leadFields");
    assert_eq!(fields.fields[0].id, "5");
    assert_eq!(fields.fields[0].source, Some(LeadFieldSource::Company));
    let view = sdk.state::<LeadFieldsView>().unwrap().expect("leadFields");
    assert_eq!(view.fields().unwrap()[0].id().unwrap(), "5");
}

#[wasm_bindgen_test]
fn decode_errors_name_the_entity_and_the_path() {
    let (host, sdk) = host();
    let decode_error = |result: Result<Option<Lead>, Error>| match result {
        Err(Error::Decode { entity, message }) => {
            assert_eq!(entity, "lead");
            message
        }
        other => panic!("{other:?}"),
    };
    host.set_state(
        "lead",
        &json(r#"{"id": "1", "company": {"id": "2", "fieldIds": [1, true]}}"#),
    );
    let message = decode_error(sdk.state::<Lead>());
    assert!(
        message.starts_with("lead.company.fieldIds[1]: invalid type: boolean `true`"),
        "{message}"
    );
    host.set_state("lead", &json(r#"{"pid": "1"}"#));
    let message = decode_error(sdk.state::<Lead>());
    assert_eq!(message, "lead: missing field `id`");
    host.set_state(
        "lead",
        &json(r#"{"id": "1", "contacts": {"9": {"name": 5}}}"#),
    );
    let message = decode_error(sdk.state::<Lead>());
    assert!(
        message.starts_with("lead.contacts.9.name: invalid type"),
        "{message}"
    );
    host.set_state("lead", &json("[1, 2]"));
    decode_error(sdk.state::<Lead>());
    // The view reports the same entity.
    host.set_state(
        "lead",
        &json(r#"{"id": "1", "company": {"id": "2", "fieldIds": [1, true]}}"#),
    );
    let company = sdk
        .state::<LeadView>()
        .unwrap()
        .unwrap()
        .company()
        .unwrap()
        .unwrap();
    assert!(matches!(
        company.field_ids(),
        Err(Error::Decode { entity: "lead", .. })
    ));
    // A null entity is not loaded, not an error.
    host.set_state("lead", &JsValue::NULL);
    assert_eq!(sdk.state::<Lead>(), Ok(None));
}

/// A widget's own type: only what it needs, in its own shape.
#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Titles {
    page_title: Option<String>,
    currency_symbol: String,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct CompanyOnly {
    company: Option<CompanyName>,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct CompanyName {
    name: String,
}

#[wasm_bindgen_test]
fn state_as_decodes_the_widgets_own_types() {
    let (host, sdk) = host();
    let titles: Titles = sdk.state_as(StateEntity::Sys).unwrap().expect("sys");
    assert_eq!(
        titles,
        Titles {
            page_title: Some("Кабинет клиента".into()),
            currency_symbol: "₽".into()
        }
    );
    let lead: CompanyOnly = sdk.state_as(StateEntity::Lead).unwrap().expect("lead");
    assert_eq!(
        lead.company.map(|c| c.name).as_deref(),
        Some("ООО «Ромашка»")
    );
    // The same errors as the models'.
    host.set_state("sys", &json(r#"{"pageTitle": 5, "currencySymbol": "$"}"#));
    match sdk.state_as::<Titles>(StateEntity::Sys) {
        Err(Error::Decode {
            entity: "sys",
            message,
        }) => {
            assert!(
                message.starts_with("sys.pageTitle: invalid type"),
                "{message}"
            )
        }
        other => panic!("{other:?}"),
    }
    host.set_state("sys", &JsValue::NULL);
    assert_eq!(sdk.state_as::<Titles>(StateEntity::Sys).unwrap(), None);
    // And any model through the same door.
    let fields: LeadFields = sdk
        .state_as(StateEntity::LeadFields)
        .unwrap()
        .expect("fields");
    assert_eq!(fields.fields.len(), 19);
    assert_eq!(<LeadFields as Entity>::NAME, "leadFields");
}
