//! The typed manifest reads the vendor's own example and round-trips what it does not know.

use amo_widget::manifest::{Location, Manifest, SettingType};
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
