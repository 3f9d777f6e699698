//! The formatting rules over every value shape, natively: the same code the widget runs on the
//! host's values, here over `serde_json` values, with dates from the SDK's port of `dateformat`
//! in UTC (the browser tests check the host's own module in local time).
#![cfg(not(target_arch = "wasm32"))]

use amocrm_widget::constants::{FieldType, Lang};
use lead_card::format::{format_value, group_thousands, number_text, Dates, Line, Mask, Text};
use lead_card::labels::Labels;
use serde_json::{json, Value};

/// The account of the host emulation's fixtures: `dd.mm.yyyy`, `HH:MM`, in UTC.
struct Utc;

impl Dates<Value> for Utc {
    fn format(&self, millis: f64, mask: Mask) -> Option<Text<Value>> {
        let mask = match mask {
            Mask::Date => "dd.mm.yyyy",
            Mask::DateTime => "dd.mm.yyyy HH:MM",
        };
        amocrm_widget::date::format_at_offset(mask, millis, 0)
            .ok()
            .map(Text::Owned)
    }
}

const NOON: i64 = 1763722800; // 2025-11-21 11:00:00 UTC

fn lines(field_type: &str, value: Value) -> Vec<Line<Value>> {
    format_value(
        &FieldType::from(field_type),
        &value,
        "₽",
        &Labels::for_lang(&Lang::Ru),
        &Utc,
    )
}

/// The lines as `text` or `text (note)`.
fn shown(field_type: &str, value: Value) -> Vec<String> {
    lines(field_type, value)
        .into_iter()
        .map(|l| match l.note {
            Some(note) => format!("{} ({})", l.text.to_text(), note.to_text()),
            None => l.text.to_text(),
        })
        .collect()
}

#[test]
fn every_type_in_the_shape_the_fixtures_send() {
    let cases: Vec<(&str, Value, Vec<&str>)> = vec![
        (
            "text",
            json!("Позвонить после обеда"),
            vec!["Позвонить после обеда"],
        ),
        ("numeric", json!(42.5), vec!["42.5"]),
        ("numeric", json!("120"), vec!["120"]),
        ("checkbox", json!(true), vec!["Да"]),
        ("date", json!(NOON), vec!["21.11.2025"]),
        (
            "select",
            json!({"id": "301", "value": "Расширенный"}),
            vec!["Расширенный"],
        ),
        (
            "multiselect",
            json!([{"id": "311", "value": "Монтаж"}, {"id": "312", "value": "Доставка"}]),
            vec!["Монтаж, Доставка"],
        ),
        (
            "url",
            json!("https://example.com/order/42"),
            vec!["https://example.com/order/42"],
        ),
        (
            "textarea",
            json!("Первая строка\nВторая строка"),
            vec!["Первая строка\nВторая строка"],
        ),
        (
            "radiobutton",
            json!({"id": "321", "value": "Безналичная"}),
            vec!["Безналичная"],
        ),
        (
            "streetaddress",
            json!("Москва, ул. Тверская, д. 1"),
            vec!["Москва, ул. Тверская, д. 1"],
        ),
        (
            "smartAddress",
            json!({"address_line_1": "ул. Тверская, д. 1", "city": "Москва", "zip": "125009", "country": "RU"}),
            vec!["ул. Тверская, д. 1, Москва, 125009, RU"],
        ),
        (
            "legalEntity",
            json!([{"name": "ООО «Ромашка»", "entity_type": 1, "vat_id": "7701234567", "kpp": "770101001"}]),
            vec!["ООО «Ромашка» (ИНН\u{a0}7701234567, КПП\u{a0}770101001)"],
        ),
        ("birthday", json!(631152000), vec!["01.01.1990"]),
        ("dateTime", json!(NOON + 3600), vec!["21.11.2025 12:00"]),
        ("budget", json!(150000), vec!["150\u{a0}000\u{a0}₽"]),
        (
            "multitext",
            json!([{"value": "+7 912 345-67-89", "enum_code": "WORK"}, {"value": "+7 900 000-00-00", "enum_code": "MOB"}]),
            vec!["+7 912 345-67-89 (WORK)", "+7 900 000-00-00 (MOB)"],
        ),
    ];
    let mut types: Vec<&str> = cases.iter().map(|c| c.0).collect();
    types.sort();
    types.dedup();
    assert_eq!(
        types.len(),
        FieldType::KNOWN.len(),
        "all 16 types are covered"
    );
    for (field_type, value, expected) in cases {
        assert_eq!(
            shown(field_type, value.clone()),
            expected,
            "{field_type}: {value}"
        );
    }
}

#[test]
fn envelopes_and_api_v4_shapes() {
    let cases: Vec<(&str, Value, Vec<&str>)> = vec![
        // [x] and {value: x} around a scalar
        ("text", json!(["один"]), vec!["один"]),
        ("text", json!({"value": "два"}), vec!["два"]),
        ("text", json!([{"value": "три"}]), vec!["три"]),
        ("numeric", json!([{"value": 7}]), vec!["7"]),
        ("date", json!([{"value": NOON}]), vec!["21.11.2025"]),
        (
            "date",
            json!(String::from("1763722800")),
            vec!["21.11.2025"],
        ),
        // milliseconds, where seconds would be far in the future
        (
            "dateTime",
            json!(1763722800000_i64),
            vec!["21.11.2025 11:00"],
        ),
        (
            "budget",
            json!([{"value": "1234567.5"}]),
            vec!["1\u{a0}234\u{a0}567.5\u{a0}₽"],
        ),
        ("budget", json!(-1500), vec!["-1\u{a0}500\u{a0}₽"]),
        ("checkbox", json!("Y"), vec!["Да"]),
        ("checkbox", json!(0), vec!["Нет"]),
        ("checkbox", json!([{"value": "1"}]), vec!["Да"]),
        // select by label: {id, value}, [ {..} ], API v4 {enum_id, value}, a bare label or id
        ("select", json!([{"id": 5, "value": "Pro"}]), vec!["Pro"]),
        ("select", json!({"enum_id": 5, "value": "Pro"}), vec!["Pro"]),
        ("select", json!("Pro"), vec!["Pro"]),
        ("radiobutton", json!(5), vec!["5"]),
        ("multiselect", json!(["A", "B"]), vec!["A, B"]),
        ("multiselect", json!([1, 2]), vec!["1, 2"]),
        ("multiselect", json!({"id": 1, "value": "A"}), vec!["A"]),
        // multitext: bare strings, camel-cased kinds, one object
        (
            "multitext",
            json!(["a@example.com", "b@example.com"]),
            vec!["a@example.com", "b@example.com"],
        ),
        (
            "multitext",
            json!([{"value": "+1", "enumCode": "HOME"}]),
            vec!["+1 (HOME)"],
        ),
        (
            "multitext",
            json!({"value": "+2", "enum": "FAX"}),
            vec!["+2 (FAX)"],
        ),
        ("multitext", json!("+3"), vec!["+3"]),
        // smart address: a list of objects, API v4's parts with subtypes, text
        (
            "smartAddress",
            json!([{"city": "Berlin", "country": "DE"}, {"address_line_1": "Main St 1", "city": "Boston"}]),
            vec!["Berlin, DE", "Main St 1, Boston"],
        ),
        (
            "smartAddress",
            json!([
                {"value": "DE", "subtype": "country"},
                {"value": "Unter den Linden 1", "subtype": "address_line_1"},
                {"value": "Berlin", "subtype": "city"}
            ]),
            vec!["Unter den Linden 1, Berlin, DE"],
        ),
        ("smartAddress", json!("Berlin, DE"), vec!["Berlin, DE"]),
        // legal entity: one object, wrapped in {value}, API v4's KPP name, an address, no name
        (
            "legalEntity",
            json!({"value": {"name": "ACME", "vat_id": "123", "address": "Berlin"}}),
            vec!["ACME (ИНН\u{a0}123)", "Berlin"],
        ),
        (
            "legalEntity",
            json!({"vat_id": "123", "tax_registration_reason_code": "456"}),
            vec!["ИНН\u{a0}123, КПП\u{a0}456"],
        ),
        (
            "legalEntity",
            json!([{"name": "A", "address": {"city": "Paris", "zip": "75001"}}, "B"]),
            vec!["A", "Paris, 75001", "B"],
        ),
    ];
    for (field_type, value, expected) in cases {
        assert_eq!(
            shown(field_type, value.clone()),
            expected,
            "{field_type}: {value}"
        );
    }
}

#[test]
fn anything_else_is_text_never_json_or_object_object() {
    let cases: Vec<(&str, Value, Vec<&str>)> = vec![
        // a type the host adds later
        ("chainedList", json!([1, 2]), vec!["1", "2"]),
        (
            "chainedList",
            json!({"a": 1, "b": "x", "c": null}),
            vec!["a: 1, b: x"],
        ),
        (
            "chainedList",
            json!({"deep": {"er": {"name": "N"}}}),
            vec!["deep: er: N"],
        ),
        // a known type with a shape it does not take
        ("date", json!("вчера"), vec!["вчера"]),
        ("date", json!({"when": "вчера"}), vec!["when: вчера"]),
        ("budget", json!("много"), vec!["много"]),
        ("checkbox", json!("может быть"), vec!["может быть"]),
        ("select", json!({"label": "Pro"}), vec!["label: Pro"]),
        ("text", json!(true), vec!["Да"]),
        ("numeric", json!({"value": {"value": [3]}}), vec!["3"]),
    ];
    for (field_type, value, expected) in cases {
        let got = shown(field_type, value.clone());
        assert_eq!(got, expected, "{field_type}: {value}");
        for line in got {
            assert!(!line.contains("[object"), "{line}");
            assert!(
                !line.contains('{') && !line.contains('"'),
                "raw JSON: {line}"
            );
        }
    }
}

#[test]
fn no_value_shows_no_lines() {
    for field_type in FieldType::KNOWN
        .iter()
        .map(|t| t.as_str())
        .chain(["chainedList"])
    {
        for value in [json!(null), json!(""), json!([]), json!({})] {
            if field_type == "checkbox" && value == json!("") {
                continue; // an unchecked box, below
            }
            assert_eq!(
                shown(field_type, value.clone()),
                Vec::<String>::new(),
                "{field_type}: {value}"
            );
        }
    }
}

#[test]
fn an_empty_string_is_an_unchecked_box() {
    assert_eq!(shown("checkbox", json!("")), ["Нет"]);
}

#[test]
fn host_strings_stay_the_hosts() {
    // Unchanged strings are handed on, not copied; what the card builds is its own.
    let first = |field_type: &str, value: Value| lines(field_type, value).remove(0);
    assert_eq!(
        first("text", json!([{"value": "a"}])).text,
        Text::Host(json!("a"))
    );
    assert_eq!(
        first("select", json!({"id": 1, "value": "Pro"})).text,
        Text::Host(json!("Pro"))
    );
    let phone = first("multitext", json!([{"value": "+1", "enum_code": "WORK"}]));
    assert_eq!(
        (phone.text, phone.note),
        (Text::Host(json!("+1")), Some(Text::Host(json!("WORK"))))
    );
    // The host's strings joined are joined by the host; with one of the card's own among them,
    // the card joins.
    assert_eq!(
        first("multiselect", json!(["a", "b"])).text,
        Text::Host(json!("a, b"))
    );
    assert_eq!(
        first("multiselect", json!(["a", 5])).text,
        Text::Owned("a, 5".into())
    );
    assert_eq!(first("numeric", json!(5)).text, Text::Owned("5".into()));
    assert_eq!(first("checkbox", json!(true)).text, Text::Static("Да"));
}

#[test]
fn markup_stays_text() {
    let xss = "<img src=x onerror=alert(1)>";
    for field_type in ["text", "select", "multitext", "chainedList", "legalEntity"] {
        assert_eq!(
            shown(field_type, json!([{"value": xss}])),
            vec![xss],
            "{field_type}"
        );
    }
}

#[test]
fn a_value_nested_past_reason_ends_in_an_ellipsis() {
    let mut value = json!("bottom");
    for _ in 0..50 {
        value = json!({ "x": value });
    }
    let got = shown("chainedList", value);
    assert_eq!(got.len(), 1);
    assert!(got[0].ends_with('…'), "{got:?}");
}

#[test]
fn numbers_read_like_javascript() {
    assert_eq!(number_text(0.0), "0");
    assert_eq!(number_text(-0.0), "0");
    assert_eq!(number_text(-42.0), "-42");
    assert_eq!(number_text(42.5), "42.5");
    assert_eq!(group_thousands("1234567"), "1\u{a0}234\u{a0}567");
    assert_eq!(group_thousands("-123"), "-123");
    assert_eq!(group_thousands("1000.25"), "1\u{a0}000.25");
    assert_eq!(group_thousands("1e+21"), "1e+21");
}

#[test]
fn words_follow_the_account_language() {
    let yes = |lang: &str| {
        format_value(
            &FieldType::Checkbox,
            &json!(true),
            "",
            &Labels::for_lang(&Lang::from(lang)),
            &Utc,
        )[0]
        .text
        .to_text()
    };
    assert_eq!(yes("ru"), "Да");
    assert_eq!(yes("en"), "Yes");
    assert_eq!(yes("es"), "Sí");
    assert_eq!(yes("pt"), "Sim");
    assert_eq!(yes("de"), "Yes");
}
