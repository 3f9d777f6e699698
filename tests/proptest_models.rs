//! Arbitrary JSON in place of every model: `Ok` or a typed error, never a panic.
#![cfg(not(target_arch = "wasm32"))]

use amocrm_widget::constants::{DateFormat, FieldType, Lang, StateEntity, TimeFormat};
use amocrm_widget::date::format_at_offset;
use amocrm_widget::models::{self, Authors, FieldValue, Lead, LeadFields, Sys};
use amocrm_widget::modules::HostModule;
use proptest::prelude::*;
use serde_json::{json, Value};

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        // Keys and values that look like the real ones, so objects hit the models' paths.
        prop_oneof![
            Just("id"),
            Just("name"),
            Just("type"),
            Just("value"),
            Just("text"),
            Just("select"),
            Just("multitext"),
            Just("dd.mm.yyyy"),
            Just("HH:MM"),
            Just("ru"),
            Just("1"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((arb_key(), inner), 0..8)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "id",
            "pid",
            "name",
            "type",
            "value",
            "source",
            "fieldIds",
            "statuses",
            "contacts",
            "company",
            "managerId",
            "isLeadLoaded",
            "dateFormat",
            "timeFormat",
            "lang",
            "currencySymbol",
            "isRemovalAvailable",
            "logoUrl",
            "pageTitle",
            "avatarUrl",
            "enum_code",
            "10",
            "501",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z0-9_]{0,8}",
    ]
}

/// A valid fixture with one key replaced by arbitrary JSON.
fn mutated(base: Value) -> impl Strategy<Value = Value> {
    (arb_key(), arb_json()).prop_map(move |(key, value)| {
        let mut v = base.clone();
        if let Value::Object(map) = &mut v {
            map.insert(key, value);
        }
        v
    })
}

fn decode_all(v: &Value) {
    // Each result is Ok or a typed decode error naming the entity; reaching here means no panic.
    for (entity, result) in [
        ("sys", models::decode::<Sys, _>("sys", v.clone()).map(drop)),
        (
            "lead",
            models::decode::<Lead, _>("lead", v.clone()).map(drop),
        ),
        (
            "leadFields",
            models::decode::<LeadFields, _>("leadFields", v.clone()).map(drop),
        ),
        (
            "authors",
            models::decode::<Authors, _>("authors", v.clone()).map(drop),
        ),
    ] {
        match result {
            Ok(()) => {}
            Err(amocrm_widget::Error::Decode {
                entity: named,
                message,
            }) => {
                assert_eq!(named, entity);
                assert!(message.starts_with(entity), "{message}");
            }
            Err(other) => panic!("{entity}: not a decode error: {other:?}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_json_never_panics(v in arb_json()) {
        decode_all(&v);
    }

    #[test]
    fn mutated_sys_never_panics(v in mutated(json!({
        "currencySymbol": "₽", "dateFormat": "dd.mm.yyyy", "timeFormat": "HH:MM", "lang": "ru",
        "isRemovalAvailable": false, "logoUrl": "", "pageTitle": "x"
    }))) {
        decode_all(&v);
    }

    #[test]
    fn mutated_lead_never_panics(v in mutated(json!({
        "id": "1", "pid": "2", "isLeadLoaded": true, "fieldIds": ["1"], "statuses": [],
        "managerId": "3", "contacts": {"4": {"id": "4", "name": "n", "fieldIds": []}},
        "company": {"id": "5", "name": "c", "fieldIds": ["6"]}
    }))) {
        decode_all(&v);
    }

    #[test]
    fn every_field_type_takes_any_value(value in arb_json(), ty in prop::sample::select(
        FieldType::KNOWN.iter().map(|t| t.as_str().to_owned()).chain(["newType".to_owned()]).collect::<Vec<_>>()
    )) {
        let field = json!({ "7": { "name": "f", "type": ty, "value": value } });
        let fields: LeadFields = serde_json::from_value(field).expect("name and type are valid");
        prop_assert_eq!(&fields.fields[0].id, "7");
        prop_assert_eq!(&fields.fields[0].value, &FieldValue::from_value(&FieldType::from(ty.as_str()), &value));
    }

    #[test]
    fn wire_enums_round_trip_any_string(s in ".{0,16}") {
        prop_assert_eq!(DateFormat::from(s.as_str()).to_string(), s.clone());
        prop_assert_eq!(TimeFormat::from(s.as_str()).to_string(), s.clone());
        prop_assert_eq!(Lang::from(s.clone()).to_string(), s.clone());
        prop_assert_eq!(s.parse::<StateEntity>().map(|e| e.as_str().to_owned()), Ok(s.clone()));
        prop_assert_eq!(HostModule::from(s.as_str()).to_string(), s);
    }

    #[test]
    fn any_mask_and_time_formats_without_panic(mask in ".{0,24}", ms in any::<f64>(), offset in -1440i32..1440) {
        match format_at_offset(&mask, ms, offset) {
            Ok(_) => prop_assert!(ms.is_finite() && ms.abs() <= 8.64e15),
            Err(e) => prop_assert_eq!(e, amocrm_widget::Error::InvalidDate),
        }
    }
}
