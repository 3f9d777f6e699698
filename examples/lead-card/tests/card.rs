//! The lead card in headless Chromium, mounted by the test kit through the real shim and
//! lifecycle against the host emulation: every field type in the account's formats, odd value
//! shapes, markup shown as text, live updates, lead switching, and nothing left on teardown.
//! Dates are checked against the SDK's port of `dateformat`, byte-identical to the host's.
#![cfg(target_arch = "wasm32")]

use amocrm_widget_testkit::{Cabinet, Fault, HostMethod, KitError, Mounted, SlotShape};
use lead_card::LeadCard;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const NOON: f64 = 1763722800.0; // the fixtures' 2025-11-21 11:00:00 UTC
const NBSP: &str = "\u{a0}";

/// `dateformat(seconds * 1000, mask)` in the browser's time zone.
fn local(seconds: f64, mask: &str) -> String {
    let date = js_sys::Date::new(&(seconds * 1000.0).into());
    amocrm_widget::date::format(mask, &date).expect("a valid date")
}

/// A line of a value: its text and its note.
type Shown = (String, Option<String>);

/// One row of the card: the field's name and its lines as `(text, note)`.
#[derive(Debug, PartialEq)]
struct Row {
    name: String,
    lines: Vec<Shown>,
}

fn all(el: &Element, selector: &str) -> Vec<Element> {
    let list = el.query_selector_all(selector).expect("a valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn text(el: &Element, selector: &str) -> Option<String> {
    el.query_selector(selector).ok()??.text_content()
}

fn rows(widget: &Mounted) -> Vec<Row> {
    all(&widget.content(), ".amo-lc-row")
        .iter()
        .map(|row| Row {
            name: text(row, ".amo-lc-name").unwrap_or_default(),
            lines: all(row, ".amo-lc-line")
                .iter()
                .map(|line| {
                    let own = line
                        .first_child()
                        .filter(|n| n.node_type() == web_sys::Node::TEXT_NODE)
                        .and_then(|n| n.text_content())
                        .unwrap_or_default();
                    (own, text(line, ".amo-lc-note"))
                })
                .collect(),
        })
        .collect()
}

/// The one-line value of the row named `name`.
fn value(rows: &[Row], name: &str) -> String {
    let row = rows
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no row {name}: {rows:#?}"));
    assert_eq!(row.lines.len(), 1, "{row:?}");
    row.lines[0].0.clone()
}

fn line(text: &str, note: Option<&str>) -> Shown {
    (text.to_owned(), note.map(str::to_owned))
}

#[wasm_bindgen_test]
async fn every_type_in_the_account_formats_with_contacts_and_company() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    let slot = widget.slot();
    assert_eq!(
        text(&slot, ".amo-lc-title").as_deref(),
        Some("Сделка №3412001")
    );
    assert_eq!(
        text(&slot, ".amo-lc-status").as_deref(),
        Some("Успешно реализовано")
    );
    let rows = rows(&widget);
    let expected: Vec<(&str, Vec<Shown>)> = vec![
        ("Комментарий", vec![line("Позвонить после обеда", None)]),
        ("Площадь, м²", vec![line("42.5", None)]),
        ("Договор подписан", vec![line("Да", None)]),
        (
            "Дата доставки",
            vec![line(&local(NOON, "dd.mm.yyyy"), None)],
        ),
        ("Тариф", vec![line("Расширенный", None)]),
        ("Услуги", vec![line("Монтаж, Доставка", None)]),
        ("Сайт", vec![line("https://example.com/order/42", None)]),
        (
            "Пожелания",
            vec![line("Первая строка\nВторая строка", None)],
        ),
        ("Оплата", vec![line("Безналичная", None)]),
        ("Адрес", vec![line("Москва, ул. Тверская, д. 1", None)]),
        (
            "Адрес доставки",
            vec![line("ул. Тверская, д. 1, Москва, 125009, RU", None)],
        ),
        (
            "Реквизиты",
            vec![line(
                "ООО «Ромашка»",
                Some(&format!("ИНН{NBSP}7701234567, КПП{NBSP}770101001")),
            )],
        ),
        (
            "День рождения клиента",
            vec![line(&local(631152000.0, "dd.mm.yyyy"), None)],
        ),
        (
            "Встреча",
            vec![line(&local(NOON + 3600.0, "dd.mm.yyyy HH:MM"), None)],
        ),
        ("Бюджет", vec![line(&format!("150{NBSP}000{NBSP}₽"), None)]),
        (
            "Телефон",
            vec![
                line("+7 912 345-67-89", Some("WORK")),
                line("+7 900 000-00-00", Some("MOB")),
            ],
        ),
        ("Email", vec![line("ivan@example.com", Some("WORK"))]),
        ("ИНН", vec![line("7701234567", None)]),
        ("Сотрудников", vec![line("120", None)]),
    ];
    let got: Vec<(&str, Vec<Shown>)> = rows
        .iter()
        .map(|r| (r.name.as_str(), r.lines.clone()))
        .collect();
    assert_eq!(got, expected);
    let headings: Vec<_> = all(&slot, ".amo-lc-h, .amo-lc-sub")
        .iter()
        .filter_map(|e| e.text_content())
        .collect();
    assert_eq!(
        headings,
        ["Контакты", "Иван Петров", "Компания", "ООО «Ромашка»"]
    );
    assert!(
        !widget.slot_text().contains("[object"),
        "{}",
        widget.slot_text()
    );
    assert_eq!(widget.live_subscriptions(), 3, "lead, leadFields and sys");
    assert!(widget.console_errors().is_empty(), "{:?}", widget.console());
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn an_english_account_with_twelve_hour_time_and_dollars() -> Result<(), KitError> {
    let cabinet = Cabinet::builder()
        .lang("en")
        .sys_field("dateFormat", json!("mm/dd/yyyy"))
        .sys_field("timeFormat", json!("h:MM TT"))
        .sys_field("currencySymbol", json!("$"))
        .build()
        .await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    let rows = rows(&widget);
    assert_eq!(
        value(&rows, "Встреча"),
        local(NOON + 3600.0, "mm/dd/yyyy h:MM TT")
    );
    assert_eq!(value(&rows, "Дата доставки"), local(NOON, "mm/dd/yyyy"));
    assert_eq!(value(&rows, "Бюджет"), format!("150{NBSP}000{NBSP}$"));
    assert_eq!(value(&rows, "Договор подписан"), "Yes");
    assert_eq!(
        text(&widget.slot(), ".amo-lc-title").as_deref(),
        Some("Lead #3412001")
    );
    assert_eq!(
        text(&widget.slot(), ".amo-lc-h").as_deref(),
        Some("Contacts")
    );
    widget.assert_clean();
    Ok(())
}

/// A lead showing exactly `fields` (ids `1`…).
fn lead_with(fields: &[(&str, &str, Value)]) -> (Value, Value) {
    let ids: Vec<String> = (1..=fields.len()).map(|i| i.to_string()).collect();
    let mut record = serde_json::Map::new();
    for (id, (name, field_type, value)) in ids.iter().zip(fields) {
        record.insert(
            id.clone(),
            json!({"id": id, "source": "lead", "name": name, "type": field_type, "value": value}),
        );
    }
    let lead = json!({
        "id": "77", "pid": "7001", "isLeadLoaded": true, "fieldIds": ids,
        "statuses": [], "managerId": null, "contacts": {}, "company": null
    });
    (lead, Value::Object(record))
}

#[wasm_bindgen_test]
async fn every_plausible_value_shape_and_anything_else_as_text() -> Result<(), KitError> {
    let cases: Vec<(&str, &str, Value, Vec<Shown>)> = vec![
        (
            "a",
            "text",
            json!([{"value": "в конверте"}]),
            vec![line("в конверте", None)],
        ),
        ("b", "numeric", json!("120"), vec![line("120", None)]),
        ("c", "checkbox", json!("0"), vec![line("Нет", None)]),
        (
            "d",
            "date",
            json!([{"value": "1763722800"}]),
            vec![line(&local(NOON, "dd.mm.yyyy"), None)],
        ),
        (
            "e",
            "dateTime",
            json!(1763722800000_i64),
            vec![line(&local(NOON, "dd.mm.yyyy HH:MM"), None)],
        ),
        (
            "f",
            "select",
            json!([{"enum_id": 5, "value": "Pro"}]),
            vec![line("Pro", None)],
        ),
        (
            "g",
            "radiobutton",
            json!("Наличные"),
            vec![line("Наличные", None)],
        ),
        (
            "h",
            "multiselect",
            json!([1, "два", {"id": 3, "value": "три"}]),
            vec![line("1, два, три", None)],
        ),
        (
            "i",
            "multitext",
            json!(["a@example.com", {"value": "+1", "enumCode": "HOME"}]),
            vec![line("a@example.com", None), line("+1", Some("HOME"))],
        ),
        (
            "j",
            "smartAddress",
            json!([{"value": "DE", "subtype": "country"}, {"value": "Berlin", "subtype": "city"}]),
            vec![line("Berlin, DE", None)],
        ),
        (
            "k",
            "legalEntity",
            json!({"value": {"name": "ACME", "vat_id": "123", "address": {"city": "Paris"}}}),
            vec![
                line("ACME", Some(&format!("ИНН{NBSP}123"))),
                line("Paris", None),
            ],
        ),
        (
            "l",
            "budget",
            json!([{"value": "1234567.5"}]),
            vec![line(&format!("1{NBSP}234{NBSP}567.5{NBSP}₽"), None)],
        ),
        ("m", "birthday", json!("вчера"), vec![line("вчера", None)]),
        (
            "n",
            "chainedList",
            json!({"a": 1, "b": {"name": "x"}}),
            vec![line("a: 1, b: x", None)],
        ),
        (
            "o",
            "url",
            json!({"weird": [true, null]}),
            vec![line("weird: Да", None)],
        ),
        ("p", "textarea", json!(null), vec![]),
    ];
    let fields: Vec<(&str, &str, Value)> = cases
        .iter()
        .map(|(n, t, v, _)| (*n, *t, v.clone()))
        .collect();
    let (lead, record) = lead_with(&fields);
    let cabinet = Cabinet::builder()
        .lead_model(lead)
        .state("leadFields", record)
        .build()
        .await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    let rows = rows(&widget);
    assert_eq!(rows.len(), cases.len(), "no field dropped: {rows:#?}");
    for ((name, field_type, value, expected), row) in cases.iter().zip(&rows) {
        assert_eq!(row.name, *name);
        assert_eq!(&row.lines, expected, "{field_type}: {value}");
    }
    // A field without a value still shows, with a dash.
    assert_eq!(text(&widget.slot(), ".amo-lc-empty").as_deref(), Some("—"));
    for (text, note) in rows.iter().flat_map(|r| &r.lines) {
        for shown in [Some(text), note.as_ref()].into_iter().flatten() {
            assert!(
                !shown.contains("[object") && !shown.contains('{'),
                "{shown}"
            );
        }
    }
    assert!(widget.console_errors().is_empty(), "{:?}", widget.console());
    widget.assert_clean();
    Ok(())
}

/// Fields the host sent that no `fieldIds` list names: shown under their own heading, after
/// the lead's, the contacts' and the company's, never dropped.
#[wasm_bindgen_test]
async fn fields_no_list_names_are_shown_under_other_fields() -> Result<(), KitError> {
    // Each language the card ships (widget/i18n), and one it does not (the manifest's first,
    // English).
    for (lang, heading) in [
        ("ru", "Другие поля"),
        ("en", "Other fields"),
        ("es", "Otros campos"),
        ("pt", "Outros campos"),
        ("de", "Other fields"),
    ] {
        let (lead, mut record) = lead_with(&[("Комментарий", "text", json!("listed"))]);
        record["99"] = json!({"id": "99", "source": "lead", "name": "Скрытое", "type": "text",
            "value": "unlisted"});
        record["98"] = json!({"id": "98", "source": "contact", "name": "Телефон",
            "type": "multitext", "value": [{"value": "+7 900", "enum_code": "WORK"}]});
        let cabinet = Cabinet::builder()
            .lang(lang)
            .lead_model(lead)
            .state("leadFields", record)
            .build()
            .await?;
        let mut widget = cabinet.mount::<LeadCard>().await?;
        let rows = rows(&widget);
        let names: Vec<_> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Комментарий", "Телефон", "Скрытое"], "{rows:#?}");
        assert_eq!(value(&rows, "Скрытое"), "unlisted");
        let headings: Vec<_> = all(&widget.slot(), ".amo-lc-h")
            .iter()
            .filter_map(|e| e.text_content())
            .collect();
        assert_eq!(headings, [heading]);
        // The heading comes after the lead's own row and before the unlisted ones.
        let order: Vec<_> = all(&widget.slot(), ".amo-lc-h, .amo-lc-name")
            .iter()
            .filter_map(|e| e.text_content())
            .collect();
        assert_eq!(order, ["Комментарий", heading, "Телефон", "Скрытое"]);
        widget.assert_clean();
    }
    Ok(())
}

/// A host whose slot holds its own header and a content child: the card goes into the child,
/// the header stays as the host made it, and the teardown empties only the child. In the
/// documented shape the card goes into the slot element itself.
#[wasm_bindgen_test]
async fn the_card_renders_into_the_hosts_content_child_or_the_slot() -> Result<(), KitError> {
    let cabinet = Cabinet::builder()
        .slot_shape(SlotShape::Content)
        .build()
        .await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    let (slot, content) = (widget.slot(), widget.content());
    assert_eq!(content.class_name(), "js-widget-bar-item-content");
    assert_eq!(
        text(&content, ".amo-lc-title").as_deref(),
        Some("Сделка №3412001")
    );
    assert_eq!(slot.child_element_count(), 2, "{}", slot.inner_html());
    let header = slot.first_element_child().expect("the host's header");
    assert_eq!(header.class_name(), SlotShape::HEADER_CLASS);
    assert_eq!(header.inner_html(), SlotShape::HEADER_TEXT);
    assert!(header
        .next_element_sibling()
        .is_some_and(|e| e.is_same_node(Some(&content))));
    widget.destroy();
    assert_eq!(
        content.child_nodes().length(),
        0,
        "{}",
        content.inner_html()
    );
    assert_eq!(header.inner_html(), SlotShape::HEADER_TEXT);
    widget.assert_clean();

    let cabinet = Cabinet::builder()
        .slot_shape(SlotShape::Element)
        .build()
        .await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    let slot = widget.slot();
    assert!(widget.content().is_same_node(Some(&slot)));
    let first = slot.first_element_child().map(|e| e.class_name());
    assert_ne!(first.as_deref(), Some(SlotShape::HEADER_CLASS));
    assert_eq!(
        text(&slot, ".amo-lc-title").as_deref(),
        Some("Сделка №3412001")
    );
    widget.destroy();
    assert_eq!(slot.child_nodes().length(), 0, "{}", slot.inner_html());
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn markup_in_a_name_or_value_is_shown_and_never_runs() -> Result<(), KitError> {
    let xss = "<img src=x onerror=\"window.__leadCardXss = 1\">";
    let (lead, record) = lead_with(&[
        (xss, "text", json!(xss)),
        ("select", "select", json!({"id": 1, "value": xss})),
        (
            "multitext",
            "multitext",
            json!([{"value": xss, "enum_code": xss}]),
        ),
        ("budget", "budget", json!(xss)),
    ]);
    let cabinet = Cabinet::builder()
        .lead_model(lead)
        .state("leadFields", record)
        .build()
        .await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    let slot = widget.slot();
    assert!(all(&slot, "img").is_empty(), "{}", slot.inner_html());
    let rows = rows(&widget);
    assert_eq!(rows[0].name, xss);
    assert_eq!(rows[0].lines, [line(xss, None)]);
    assert_eq!(rows[1].lines, [line(xss, None)]);
    assert_eq!(rows[2].lines, [line(xss, Some(xss))]);
    assert_eq!(rows[3].lines, [line(xss, None)]);
    // Give a would-be image error handler its chance to run.
    let pause = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
    });
    wasm_bindgen_futures::JsFuture::from(pause).await.ok();
    let ran = js_sys::Reflect::get(&js_sys::global(), &"__leadCardXss".into()).ok();
    assert!(ran.is_none_or(|v| v.is_undefined()), "the markup ran");
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn lead_fields_and_sys_changes_redraw_the_card() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    let mut fields = cabinet.state("leadFields")?;
    fields["10"]["value"] = json!("Перезвонить завтра");
    fields["24"]["value"] = json!(99);
    widget.set_state("leadFields", fields)?;
    let rows_now = rows(&widget);
    assert_eq!(value(&rows_now, "Комментарий"), "Перезвонить завтра");
    assert_eq!(value(&rows_now, "Бюджет"), format!("99{NBSP}₽"));

    let mut sys = cabinet.state("sys")?;
    sys["lang"] = json!("en");
    sys["currencySymbol"] = json!("€");
    widget.set_state("sys", sys)?;
    assert_eq!(value(&rows(&widget), "Бюджет"), format!("99{NBSP}€"));
    assert_eq!(
        text(&widget.slot(), ".amo-lc-h").as_deref(),
        Some("Contacts")
    );

    let mut lead = cabinet.state("lead")?;
    lead["fieldIds"] = json!(["24"]);
    lead["contacts"] = json!({});
    lead["company"] = Value::Null;
    widget.set_state("lead", lead)?;
    let names: Vec<_> = rows(&widget).into_iter().map(|r| r.name).collect();
    assert_eq!(names[0], "Бюджет");
    // The fields the lead no longer lists are still in `leadFields`: shown after it, not dropped.
    assert_eq!(names.len(), 19, "{names:?}");
    let headings: Vec<_> = all(&widget.slot(), ".amo-lc-h")
        .iter()
        .filter_map(|e| e.text_content())
        .collect();
    assert_eq!(headings, ["Other fields"]);
    assert_eq!(
        widget.live_subscriptions(),
        3,
        "a redraw subscribes nothing more"
    );
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn a_lead_switch_redraws_and_teardown_leaves_the_slot_empty() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    widget.switch_lead("3412002")?;
    assert_eq!(
        text(&widget.slot(), ".amo-lc-title").as_deref(),
        Some("Сделка №3412002")
    );
    let names: Vec<_> = rows(&widget).into_iter().map(|r| r.name).collect();
    assert_eq!(names[..2], ["Комментарий", "Бюджет"]);
    // The host emulation keeps one `leadFields` for every lead: what lead 3412002 does not
    // list is still the host's data, shown after its own fields.
    assert_eq!(names.len(), 19, "{names:?}");
    let headings: Vec<_> = all(&widget.slot(), ".amo-lc-h")
        .iter()
        .filter_map(|e| e.text_content())
        .collect();
    assert_eq!(headings, ["Другие поля"], "no contacts, no company");
    assert_eq!(
        widget.live_subscriptions(),
        3,
        "the first slot's subscriptions are gone"
    );

    let slot = widget.slot();
    widget.destroy();
    assert_eq!(slot.child_nodes().length(), 0, "{}", slot.inner_html());
    assert_eq!(widget.live_subscriptions(), 0);
    assert!(
        widget.listeners_left().is_empty(),
        "{:?}",
        widget.listeners_left()
    );
    let teardowns = widget.teardowns();
    assert_eq!((teardowns.created, teardowns.ran_once), (4, 4));
    widget.assert_clean();
    Ok(())
}

#[wasm_bindgen_test]
async fn a_host_that_throws_is_reported_and_the_card_comes_back() -> Result<(), KitError> {
    let cabinet = Cabinet::new().await?;
    let mut widget = cabinet.mount::<LeadCard>().await?;
    cabinet.break_method(HostMethod::GetState, Fault::Throws("state is down".into()));
    let fields = cabinet.state("leadFields")?;
    widget.set_state("leadFields", fields.clone())?;
    assert_eq!(widget.slot_text(), "—");
    let errors = widget.console_errors();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("lead-card: cannot show the lead") && e.contains("state is down")),
        "{errors:?}"
    );
    assert!(widget.crashed().is_none());

    cabinet.repair(HostMethod::GetState);
    widget.set_state("leadFields", fields)?;
    assert_eq!(rows(&widget).len(), 19);
    widget.assert_clean();
    Ok(())
}
