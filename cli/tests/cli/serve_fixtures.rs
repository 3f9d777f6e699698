//! The cabinet's fixtures: the built-in data covers what the cabinet promises, and a broken file
//! gets a located error.

use amo_widget::serve::fixtures::{parse, DEFAULT_FIXTURES};

#[test]
fn the_default_fixtures_have_three_leads_all_sixteen_types_contacts_and_a_company() {
    let value: serde_json::Value =
        serde_json::from_str(&parse(DEFAULT_FIXTURES, "default").unwrap()).unwrap();
    let leads = value["leads"].as_object().unwrap();
    assert!(leads.len() >= 3);
    let mut types: Vec<&str> = value["leadFields"]
        .as_object()
        .unwrap()
        .values()
        .map(|f| f["type"].as_str().unwrap())
        .collect();
    types.sort_unstable();
    types.dedup();
    assert_eq!(
        types,
        [
            "birthday",
            "budget",
            "checkbox",
            "date",
            "dateTime",
            "legalEntity",
            "multiselect",
            "multitext",
            "numeric",
            "radiobutton",
            "select",
            "smartAddress",
            "streetaddress",
            "text",
            "textarea",
            "url"
        ]
    );
    assert!(leads
        .values()
        .any(|l| l["contacts"].as_object().is_some_and(|c| !c.is_empty())));
    assert!(leads.values().any(|l| l["company"].is_object()));
    assert!(
        leads.values().any(|l| l["company"].is_null()),
        "a lead without a company too"
    );
}

#[test]
fn syntax_and_shape_errors_are_located() {
    let err = parse(
        "{\n  \"sys\": {},\n  \"leads\": {\n    \"1\": { \"fieldIds\": [] },\n  }\n}\n",
        "leads.json",
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("leads.json:5:3: "), "{err}");
    let err = parse(
        "{ \"sys\": [], \"leads\": {}, \"leadFields\": {} }",
        "f.json",
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("f.json:1:"), "{err}");
    assert!(err.to_string().contains("expected a map"), "{err}");
    let err = parse(
        "{ \"sys\": {}, \"leads\": {}, \"leadFields\": {} }",
        "f.json",
    )
    .unwrap_err();
    assert!(err.to_string().contains("at least one lead"), "{err}");
    let err = parse(
        "{ \"sys\": {}, \"leads\": { \"1\": { \"fieldIds\": [\"9\"] } }, \"leadFields\": {} }",
        "f.json",
    )
    .unwrap_err();
    assert!(err.to_string().contains("lead 1 lists field 9"), "{err}");
    assert!(parse("", "empty.json")
        .unwrap_err()
        .to_string()
        .starts_with("empty.json:1:0: "));
}

#[test]
fn the_position_is_said_once() {
    let err = parse("{ \"sys\": {}, }", "f.json").unwrap_err().to_string();
    assert_eq!(err, "f.json:1:14: trailing comma");
}
