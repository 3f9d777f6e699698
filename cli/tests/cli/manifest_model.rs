//! The typed manifest reads the vendor's own example and round-trips what it does not know.

use amo_widget::widget_files::manifest::{Expected, Location, Manifest, SettingType};
use serde_json::{json, Value};

/// The vendor's mobile widget example (seeds/001), its `//` comments removed.
const VENDOR_EXAMPLE: &str = r##"{
"widget": {"interface_version": 2, "init_once": false, "locale": ["ru"], "installation": true},
"locations": ["lcard-1", "digital_pipeline", "settings", "mobile_card"],
"settings": {
  "login": {"name": "settings.login", "type": "text", "required": false},
  "password": {"name": "settings.password", "type": "pass", "required": false}
},
"dp": {"settings": {"message": {"name": "settings.message", "type": "text", "required": true}},
       "action_multiple": false},
"mobile": {"frame_url": "https://example.com/", "color": "#ffff00"}
}"##;

#[test]
fn reads_the_vendor_example() {
    let m: Manifest = serde_json::from_str(VENDOR_EXAMPLE).unwrap();
    assert_eq!(m.widget.interface_version, Some(2));
    assert_eq!(m.widget.init_once, Some(false));
    assert_eq!(m.widget.locale, ["ru"]);
    assert_eq!(
        m.locations,
        [
            Location::LeadCard,
            Location::DigitalPipeline,
            Location::Settings,
            Location::MobileCard
        ]
    );
    let settings = m.settings.as_ref().unwrap();
    assert_eq!(settings.keys().collect::<Vec<_>>(), ["login", "password"]);
    assert_eq!(settings["password"].kind, Some(SettingType::Password));
    let dp = m.dp.as_ref().unwrap();
    assert_eq!(dp.action_multiple, Some(false));
    assert_eq!(
        dp.settings.as_ref().unwrap()["message"].required,
        Some(true)
    );
    let mobile = m.mobile.as_ref().unwrap();
    assert_eq!(mobile.frame_url.as_deref(), Some("https://example.com/"));
    assert_eq!(mobile.color.as_deref(), Some("#ffff00"));
    // Nothing lost, nothing added.
    let original: Value = serde_json::from_str(VENDOR_EXAMPLE).unwrap();
    assert_eq!(serde_json::to_value(&m).unwrap(), original);
}

#[test]
fn round_trips_unknown_keys_at_every_level() {
    let original = json!({
        "widget": {"name": "widget.name", "code": "acme_widget", "secret_key": "k", "version": "1.2.3",
                   "description": "widget.description", "short_description": "widget.short",
                   "support": {"link": "https://acme.io", "email": "a@acme.io", "phone": "+1"},
                   "future": {"x": [1, 2]}},
        "locations": ["personal_page", "ccard-0", "some_new_place"],
        "settings": {"mode": {"name": "settings.mode", "type": "brand_new_type", "options": [1]}},
        "mobile": {"frame_url": "https://a.io/", "color": "#000000", "height": 300},
        "tour": {"is_tour": true},
        "advanced": {"title": "advanced.title"}
    });
    let m: Manifest = serde_json::from_value(original.clone()).unwrap();
    assert_eq!(m.locations[2], Location::Other("some_new_place".into()));
    assert_eq!(
        m.settings.as_ref().unwrap()["mode"].kind,
        Some(SettingType::Other("brand_new_type".into()))
    );
    assert_eq!(m.widget.support.as_ref().unwrap().extra["phone"], "+1");
    assert_eq!(m.extra["tour"], json!({"is_tour": true}));
    assert_eq!(serde_json::to_value(&m).unwrap(), original);
}

#[test]
fn php_style_empty_settings_read_as_no_fields() {
    let m: Manifest =
        serde_json::from_str(r#"{"widget": {}, "settings": [], "locations": []}"#).unwrap();
    assert!(m.settings.unwrap().is_empty());
}

#[test]
fn the_tolerant_reader_matches_serde_on_a_well_typed_manifest() {
    let value: Value = serde_json::from_str(VENDOR_EXAMPLE).unwrap();
    let read = Manifest::read_tolerant(&value);
    assert_eq!(read.issues, []);
    assert_eq!(
        read.manifest,
        serde_json::from_value::<Manifest>(value).unwrap()
    );
}

#[test]
fn the_tolerant_reader_lists_every_ill_typed_value_and_keeps_the_rest() {
    let value = json!({
        "widget": {"name": "widget.name", "version": 2, "interface_version": "two",
                   "init_once": "N", "installation": 1, "locale": ["ru", null, "en"],
                   "support": "mail us"},
        "locations": "lcard-1",
        "settings": {
            "login": {"name": "settings.login", "type": "text", "required": "yes"},
            "broken": ["text"],
            "kind": {"name": "settings.kind", "type": 3}
        },
        "dp": {"settings": [], "action_multiple": "false"},
        "mobile": {"frame_url": "https://a.io/", "color": 16777215}
    });
    let read = Manifest::read_tolerant(&value);
    let found: Vec<(&str, Expected, Option<Value>)> = read
        .issues
        .iter()
        .map(|i| (i.path.as_str(), i.expected, i.loose.clone()))
        .collect();
    assert_eq!(
        found,
        [
            ("widget.version", Expected::String, Some(json!("2"))),
            ("widget.interface_version", Expected::Integer, None),
            ("widget.init_once", Expected::Bool, Some(json!(false))),
            ("widget.installation", Expected::Bool, Some(json!(true))),
            ("widget.locale[1]", Expected::String, None),
            ("widget.support", Expected::Object, None),
            ("locations", Expected::Array, None),
            ("settings.login.required", Expected::Bool, Some(json!(true))),
            ("settings.broken", Expected::Object, None),
            ("settings.kind.type", Expected::String, Some(json!("3"))),
            ("dp.action_multiple", Expected::Bool, Some(json!(false))),
            ("mobile.color", Expected::String, Some(json!("16777215"))),
        ]
    );
    let m = &read.manifest;
    // The well-typed values are read; the ill-typed ones stay, as written, in `extra`.
    assert_eq!(m.widget.name.as_deref(), Some("widget.name"));
    assert_eq!(m.widget.version, None);
    assert_eq!(m.widget.extra["version"], json!(2));
    assert_eq!(m.widget.extra["init_once"], json!("N"));
    assert_eq!(m.widget.locale, ["ru", "en"]);
    assert!(m.locations.is_empty());
    assert_eq!(m.extra["locations"], json!("lcard-1"));
    let settings = m.settings.as_ref().unwrap();
    assert_eq!(settings.keys().collect::<Vec<_>>(), ["login", "kind"]);
    assert_eq!(settings["login"].kind, Some(SettingType::Text));
    assert_eq!(settings["login"].extra["required"], json!("yes"));
    assert!(m.dp.as_ref().unwrap().settings.as_ref().unwrap().is_empty());
    assert_eq!(
        m.mobile.as_ref().unwrap().frame_url.as_deref(),
        Some("https://a.io/")
    );
}

#[test]
fn the_tolerant_reader_takes_anything_without_panicking() {
    for value in [
        json!(null),
        json!([]),
        json!("manifest"),
        json!({"widget": null, "locations": null, "settings": null}),
        json!({"widget": [], "locations": [[], {}], "settings": 5, "dp": [], "mobile": true}),
    ] {
        let read = Manifest::read_tolerant(&value);
        assert!(read.manifest.locations.is_empty(), "{value}");
    }
    assert_eq!(Manifest::read_tolerant(&json!([])).issues[0].path, "");
}
