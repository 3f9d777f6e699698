//! The owned models read from JSON shaped as the vendor documents it, natively.
#![cfg(not(target_arch = "wasm32"))]

use amocrm_widget::constants::{DateFormat, FieldType, Lang, LeadFieldSource, TimeFormat};
use amocrm_widget::models::{
    self, Authors, Choice, DateValue, FieldValue, Lead, LeadFields, MultitextItem, Sys,
};
use amocrm_widget::Error;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn fixture<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn sys() {
    let sys: Sys = fixture("sys.json");
    assert_eq!(sys.currency_symbol.as_deref(), Some("$"));
    assert_eq!(sys.date_format, DateFormat::AmericanInversed);
    assert_eq!(sys.time_format, TimeFormat::Twelve);
    assert_eq!(sys.lang, Lang::En);
    assert!(sys.is_removal_available);
    assert_eq!(
        sys.logo_url.as_deref(),
        Some("https://example.kommo.com/logo.png")
    );
    assert_eq!(sys.page_title.as_deref(), Some("Client cabinet"));
}

#[test]
fn sys_from_a_future_host() {
    let sys: Sys = fixture("sys-future.json");
    assert_eq!(sys.date_format, DateFormat::Unknown("d mmm yyyy".into()));
    assert_eq!(sys.time_format, TimeFormat::Unknown("HH:MM:ss".into()));
    assert_eq!(sys.lang, Lang::Unknown("de".into()));
    assert_eq!(sys.currency_symbol, None);
    assert!(!sys.is_removal_available);
    assert_eq!(sys.logo_url, None);
    // An unknown format is still a dateformat mask.
    assert_eq!(
        sys.date_format.format_at_offset(0.0, 0).unwrap(),
        "1 Jan 1970"
    );
}

#[test]
fn sys_missing_a_required_key_is_an_error_naming_it() {
    let json = r#"{"dateFormat": "dd.mm.yyyy", "lang": "ru"}"#;
    let err = serde_json::from_str::<Sys>(json).unwrap_err().to_string();
    assert!(err.contains("missing field `timeFormat`"), "{err}");
    let json = &mut serde_json::Deserializer::from_str(json);
    match models::decode::<Sys, _>("sys", json) {
        Err(Error::Decode { entity, message }) => {
            assert_eq!(entity, "sys");
            assert_eq!(
                message,
                "sys: missing field `timeFormat` at line 1 column 42"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn lead() {
    let lead: Lead = fixture("lead.json");
    assert_eq!(lead.id, "3412001");
    assert_eq!(lead.pid.as_deref(), Some("7001"));
    assert!(lead.is_lead_loaded);
    assert_eq!(lead.field_ids, ["10", "11", "12"]);
    assert_eq!(lead.statuses.len(), 2);
    assert_eq!(lead.statuses[0].id.as_deref(), Some("142"));
    assert_eq!(lead.statuses[0].pipeline_id.as_deref(), Some("7001"));
    assert_eq!(lead.statuses[1].id.as_deref(), Some("143"));
    assert_eq!(lead.manager_id.as_deref(), Some("501"));
    assert_eq!(lead.contacts.len(), 2);
    assert_eq!(
        lead.contacts[1].id, "9002",
        "the record key stands in for a missing id"
    );
    assert!(lead.contacts[1].field_ids.is_empty());
    let company = lead.company.expect("company");
    assert_eq!(
        (company.id.as_str(), company.name.as_deref()),
        ("8001", Some("Acme Inc."))
    );
    assert_eq!(company.field_ids, ["40"]);
}

#[test]
fn lead_minimal() {
    let lead: Lead = fixture("lead-minimal.json");
    assert_eq!(lead.id, "3412002");
    assert!(!lead.is_lead_loaded);
    assert!(lead.company.is_none() && lead.contacts.is_empty() && lead.statuses.is_empty());
}

#[test]
fn lead_errors_name_the_path() {
    let decode = |json: &str| match models::decode::<Lead, _>(
        "lead",
        &mut serde_json::Deserializer::from_str(json),
    ) {
        Err(Error::Decode { entity, message }) => {
            assert_eq!(entity, "lead");
            message
        }
        other => panic!("{json}: {other:?}"),
    };
    let err = decode(r#"{"id": "1", "company": {"id": "2", "fieldIds": [1, true]}}"#);
    assert!(
        err.starts_with("lead.company.fieldIds[1]: invalid type: boolean `true`, expected an id"),
        "{err}"
    );
    let err = decode(r#"{"id": "1", "statuses": [{"id": 2}, {"id": [3]}]}"#);
    assert!(
        err.starts_with("lead.statuses[1].id: invalid type"),
        "{err}"
    );
    let err = decode(r#"{"id": "1", "contacts": {"9": {"fieldIds": "x"}}}"#);
    assert!(
        err.starts_with("lead.contacts.9.fieldIds: invalid type"),
        "{err}"
    );
    let err = decode(r#""a lead""#);
    assert!(err.starts_with("lead: invalid type: string"), "{err}");
    let err = decode(r#"{"id": null}"#);
    assert!(err.starts_with("lead.id: invalid type: null"), "{err}");
}

#[test]
fn every_field_type() {
    let fields: LeadFields = fixture("lead-fields.json");
    let value = |id: &str| &fields.get(id).unwrap_or_else(|| panic!("field {id}")).value;
    let choice = |id: Option<&str>, value: &str| Choice {
        id: id.map(str::to_owned),
        value: value.to_owned(),
    };
    assert_eq!(value("1"), &FieldValue::Text("Call after lunch".into()));
    assert_eq!(value("2"), &FieldValue::Numeric(42.5));
    assert_eq!(value("3"), &FieldValue::Checkbox(true));
    assert_eq!(
        value("4"),
        &FieldValue::Date(DateValue::Timestamp(1763722800.0))
    );
    assert_eq!(value("5"), &FieldValue::Select(choice(Some("301"), "Pro")));
    assert_eq!(
        value("6"),
        &FieldValue::Multiselect(vec![
            choice(Some("311"), "Install"),
            choice(Some("312"), "Ship")
        ])
    );
    assert_eq!(value("7"), &FieldValue::Url("https://example.com".into()));
    assert_eq!(value("8"), &FieldValue::Textarea("line 1\nline 2".into()));
    assert_eq!(value("9"), &FieldValue::Radiobutton(choice(None, "Card")));
    assert_eq!(value("10"), &FieldValue::StreetAddress("1 Main St".into()));
    assert!(
        matches!(value("11"), FieldValue::SmartAddress(raw) if raw.get("city").and_then(Value::as_str) == Some("Boston"))
    );
    assert!(
        matches!(value("12"), FieldValue::LegalEntity(Value::Array(items)) if items.len() == 1)
    );
    assert_eq!(
        value("13"),
        &FieldValue::Birthday(DateValue::Text("1990-01-01".into()))
    );
    assert_eq!(
        value("14"),
        &FieldValue::DateTime(DateValue::Timestamp(1763726400.0))
    );
    assert_eq!(
        value("15"),
        &FieldValue::Multitext(vec![
            MultitextItem {
                value: "+1 555 0100".into(),
                kind: Some("WORK".into())
            },
            MultitextItem {
                value: "+1 555 0199".into(),
                kind: None
            },
        ])
    );
    assert_eq!(value("16"), &FieldValue::Budget(150000.0));
    // A type this crate does not know: kept, raw.
    let chain = fields.get("17").expect("the record key is the id");
    assert_eq!(chain.field_type, FieldType::Unknown("chainedList".into()));
    assert!(matches!(&chain.value, FieldValue::Raw(Value::Array(_))));
    assert_eq!(value("18"), &FieldValue::Empty);
    assert!(
        matches!(value("19"), FieldValue::Raw(Value::Object(_))),
        "unrecognised shape kept raw"
    );
    assert_eq!(value("20"), &FieldValue::Empty);
    assert_eq!(
        fields.get("15").and_then(|f| f.source.clone()),
        Some(LeadFieldSource::Contacts)
    );
    assert_eq!(fields.fields.len(), 20);
    assert_eq!(
        fields
            .select(&["16".into(), "1".into(), "404".into()])
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>(),
        ["Budget", "Note"]
    );
    let known: std::collections::BTreeSet<_> = fields
        .fields
        .iter()
        .filter(|f| f.field_type.is_known())
        .map(|f| f.field_type.as_str())
        .collect();
    assert_eq!(known.len(), 16);
}

#[test]
fn authors() {
    let authors: Authors = fixture("authors.json");
    assert_eq!(authors.authors.len(), 2);
    assert_eq!(
        authors.get("501").and_then(|a| a.name.as_deref()),
        Some("Anna Smith")
    );
    let oleg = authors.get("502").expect("record key as id");
    assert_eq!(
        (oleg.name.as_deref(), oleg.avatar_url.as_deref()),
        (Some("Oleg"), None)
    );
}

/// The emulation's fixtures (host-emulation/amocrm-host.js, written from the vendor document)
/// decode with the models: the two were written independently and must agree.
#[test]
fn host_emulation_fixtures_decode() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = "import('./host-emulation/amocrm-host.js').then(m => process.stdout.write(JSON.stringify(m.FIXTURES)))";
    let output = Command::new("node")
        .args(["-e", script])
        .current_dir(root)
        .output()
        .expect("node is needed: run `cargo xtask test` (it installs what is missing)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let all: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let sys: Sys = serde_json::from_value(all["sys"].clone()).expect("sys");
    assert_eq!(sys.lang, Lang::Ru);
    let leads = all["leads"].as_object().expect("leads");
    assert!(leads.len() >= 2);
    for lead in leads.values() {
        let lead: Lead = serde_json::from_value(lead.clone()).expect("lead");
        assert!(lead.is_lead_loaded);
    }
    let fields: LeadFields = serde_json::from_value(all["leadFields"].clone()).expect("leadFields");
    let types: std::collections::BTreeSet<_> = fields
        .fields
        .iter()
        .map(|f| f.field_type.as_str())
        .collect();
    assert_eq!(types.len(), 16, "{types:?}");
    assert!(
        fields.fields.iter().all(|f| f.field_type.is_known()
            && !matches!(f.value, FieldValue::Raw(_) | FieldValue::Empty)),
        "{fields:#?}"
    );
    let authors: Authors = serde_json::from_value(all["authors"].clone()).expect("authors");
    assert_eq!(authors.authors.len(), 2);
}

include!("fixtures/field_shapes.rs");

#[test]
fn every_plausible_field_value_shape() {
    let fields: LeadFields = serde_json::from_str(&field_shapes_record()).expect("leadFields");
    let shapes = field_shapes();
    assert_eq!(fields.fields.len(), shapes.len());
    for (field, (ty, json, expected)) in fields.fields.iter().zip(&shapes) {
        assert_eq!(&field.value, expected, "{ty} {json}");
    }
    let types: std::collections::BTreeSet<_> = shapes.iter().map(|(ty, ..)| *ty).collect();
    assert!(
        FieldType::KNOWN.iter().all(|t| types.contains(t.as_str())),
        "every documented type has shapes"
    );
}
