//! A field's value as the cabinet shows it, by the field's type: dates in the account's format,
//! money with its currency symbol, options by label, multitext entries with their kind,
//! addresses and legal entities in one line each.
//!
//! The host documents the value as `any`, so every rule first accepts the plausible envelopes
//! (`[x]`, `{id, value}`, API v4's `{value, enum_code}`), and whatever matches no rule is shown
//! as text by [`plain`]: never dropped, never `[object Object]`.
//!
//! A line that is one of the host's strings unchanged (a text field, an option's label, a
//! phone number, a date from the host's `dateformat`) stays the host's value ([`Text::Host`]):
//! it goes to the DOM without a copy into the wasm and back, which is most of what crossing
//! into WebAssembly costs.

use crate::labels::Labels;
use crate::value::{Key, Kind, Value};
use amocrm_widget::constants::FieldType;

/// A line's text: the host's own string, or one the card made.
#[derive(Clone, Debug, PartialEq)]
pub enum Text<V> {
    /// One of the host's strings, unchanged.
    Host(V),
    /// Made by the card (money, joined options, an address).
    Owned(String),
    /// One of the card's own words (`Да`, `Нет`).
    Static(&'static str),
}

impl<V: Value> Text<V> {
    /// The text as a Rust string (a copy out of the host for [`Text::Host`]).
    pub fn to_text(&self) -> String {
        match self {
            Text::Host(value) => value.text(),
            Text::Owned(text) => text.clone(),
            Text::Static(text) => (*text).to_owned(),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Text::Host(value) => value.is_empty_text(),
            Text::Owned(text) => text.is_empty(),
            Text::Static(text) => text.is_empty(),
        }
    }
}

/// Which of the account's masks a date is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mask {
    /// `sys.dateFormat` (`date`, `birthday`).
    Date,
    /// `sys.dateFormat` and `sys.timeFormat` (`dateTime`).
    DateTime,
}

/// Formats a moment in one of the account's masks, in the browser's local time.
pub trait Dates<V> {
    /// `millis` since the epoch in `mask`; `None` when it cannot be formatted.
    fn format(&self, millis: f64, mask: Mask) -> Option<Text<V>>;
}

/// One line of a field's value: the text, and a secondary note (a multitext entry's kind, a
/// legal entity's tax numbers).
#[derive(Clone, Debug, PartialEq)]
pub struct Line<V> {
    /// What the cabinet shows.
    pub text: Text<V>,
    /// Shown beside it, dimmed.
    pub note: Option<Text<V>>,
}

/// How many envelopes deep [`plain`] looks before giving up (a cycle, or an absurd value).
const MAX_DEPTH: u8 = 6;

/// The lines a field of `field_type` shows for `value`; empty when there is no value.
pub fn format_value<V: Value, D: Dates<V>>(
    field_type: &FieldType,
    value: &V,
    currency: &str,
    labels: &Labels,
    dates: &D,
) -> Vec<Line<V>> {
    use FieldType as T;
    let mut lines = Vec::new();
    match field_type {
        T::Date | T::Birthday => push(&mut lines, date(value, Mask::Date, labels, dates)),
        T::DateTime => push(&mut lines, date(value, Mask::DateTime, labels, dates)),
        T::Budget => push(&mut lines, money(value, currency, labels)),
        T::Checkbox => push(&mut lines, checkbox(value, labels)),
        T::Select | T::Radiobutton | T::Multiselect => {
            push(&mut lines, joined(value, labels));
        }
        T::Multitext => {
            for (item, kind) in list(value) {
                multitext(&item, kind, labels, &mut lines);
            }
        }
        T::SmartAddress => smart_address(value, labels, &mut lines),
        T::LegalEntity => {
            for (item, kind) in list(value) {
                legal_entity(&item, kind, labels, &mut lines, 0);
            }
        }
        // text, numeric, url, textarea, streetaddress and types the host adds later: text, one
        // line per item of a list.
        _ => {
            for (item, kind) in list(value) {
                push(&mut lines, text_of_kind(&item, kind, labels, 0));
            }
        }
    }
    lines
}

fn push<V: Value>(lines: &mut Vec<Line<V>>, text: Text<V>) {
    if !text.is_empty() {
        lines.push(Line { text, note: None });
    }
}

/// The items of a list, or the value itself.
fn list<V: Value>(value: &V) -> Vec<(V, Option<Kind>)> {
    // A single value's kind is handed on, so it is not asked twice (each question is a call
    // into JavaScript).
    match value.kind() {
        Kind::List => value.items().into_iter().map(|item| (item, None)).collect(),
        kind => vec![(value.clone(), Some(kind))],
    }
}

/// Unwraps the envelopes a single value comes in: `[x]` and `{value: x}`.
fn scalar<V: Value>(value: &V, depth: u8) -> (V, Kind) {
    let kind = value.kind();
    if depth < MAX_DEPTH {
        match kind {
            Kind::List => {
                let mut items = value.items();
                if items.len() == 1 {
                    if let Some(item) = items.pop() {
                        return scalar(&item, depth + 1);
                    }
                }
            }
            Kind::Object => {
                if let Some(inner) = value.get_in_object(Key::Value) {
                    return scalar(&inner, depth + 1);
                }
            }
            _ => {}
        }
    }
    (value.clone(), kind)
}

/// Any value as text: the rule for text fields and the fallback of every other rule.
pub fn plain<V: Value>(value: &V, labels: &Labels, depth: u8) -> String {
    text_of(value, labels, depth).to_text()
}

/// An object without `value` or `name`: its address, or its entries as `key: value`.
fn object_text<V: Value>(value: &V, labels: &Labels, depth: u8) -> Text<V> {
    let address = address_parts(value, labels, depth);
    if !address.is_empty() {
        return address;
    }
    Text::Owned(join(
        value.entries().iter().map(|(key, item)| {
            let text = plain(item, labels, depth + 1);
            if text.is_empty() {
                text
            } else {
                amocrm_widget::text!(key.as_str(), ": ", text)
            }
        }),
        ", ",
    ))
}

/// What [`plain`] gives, kept as the host's string when it is one of them unchanged.
fn text_of<V: Value>(value: &V, labels: &Labels, depth: u8) -> Text<V> {
    text_of_kind(value, None, labels, depth)
}

/// [`text_of`] of a value whose kind may be known already.
fn text_of_kind<V: Value>(value: &V, kind: Option<Kind>, labels: &Labels, depth: u8) -> Text<V> {
    if depth >= MAX_DEPTH {
        return Text::Static("…");
    }
    match kind.unwrap_or_else(|| value.kind()) {
        Kind::Absent => Text::Static(""),
        Kind::Bool(b) => Text::Static(yes_no(b, labels)),
        Kind::Number(n) => Text::Owned(number_text(n)),
        Kind::Text => Text::Host(value.clone()),
        Kind::List => joined_texts(
            value
                .items()
                .iter()
                .map(|item| text_of(item, labels, depth + 1)),
        ),
        Kind::Object => match value
            .get_in_object(Key::Value)
            .or_else(|| value.get_in_object(Key::Name))
        {
            Some(inner) => text_of(&inner, labels, depth + 1),
            None => object_text(value, labels, depth),
        },
        Kind::Other => Text::Owned(value.js_text()),
    }
}

/// The non-empty texts, joined by `, `. One text stays as it is; the host's strings alone are
/// joined by the host, so none is copied into the wasm.
fn joined_texts<V: Value>(texts: impl Iterator<Item = Text<V>>) -> Text<V> {
    let mut texts: Vec<Text<V>> = texts.filter(|t| !t.is_empty()).collect();
    if texts.len() <= 1 {
        return texts.pop().unwrap_or(Text::Static(""));
    }
    if !texts.iter().all(|t| matches!(t, Text::Host(_))) {
        return Text::Owned(join(texts.iter().map(Text::to_text), ", "));
    }
    let parts: Vec<V> = texts
        .into_iter()
        .filter_map(|t| match t {
            Text::Host(value) => Some(value),
            _ => None,
        })
        .collect();
    Text::Host(V::comma_joined(&parts))
}

/// The non-empty texts, joined by `separator`.
fn join(texts: impl Iterator<Item = String>, separator: &str) -> String {
    let mut out = String::new();
    for text in texts.filter(|t| !t.is_empty()) {
        if !out.is_empty() {
            out.push_str(separator);
        }
        out.push_str(&text);
    }
    out
}

fn yes_no(b: bool, labels: &Labels) -> &'static str {
    if b {
        labels.yes
    } else {
        labels.no
    }
}

/// A number the way the host sent it: a number, or a string holding one.
fn number_of<V: Value>(value: &V, kind: &Kind) -> Option<f64> {
    match kind {
        Kind::Number(n) => Some(*n),
        Kind::Text => parse_number(value.text().trim()),
        _ => None,
    }
}

/// A decimal number: digits, one optional sign and point; no exponent, no `Infinity`.
fn parse_number(text: &str) -> Option<f64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let mut seen_point = false;
    let valid = !digits.is_empty()
        && digits != "."
        && digits.chars().all(|c| match c {
            '0'..='9' => true,
            '.' if !seen_point => {
                seen_point = true;
                true
            }
            _ => false,
        });
    valid.then(|| short_decimal(text).unwrap_or_else(|| decimal_value(text)))
}

/// A checked decimal with at most 15 digits and 22 after the point, exactly as `Number` reads
/// it: the digits make an integer below 2^53 and the power of ten is exact, so the one division
/// rounds correctly (Clinger's fast path). Most amounts and timestamps are this short, and
/// reading them here spares a second crossing into JavaScript.
fn short_decimal(text: &str) -> Option<f64> {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    // Bytes, not `str` slices: a slice's char-boundary check would bring in `core::fmt`.
    let bytes = text.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    let signed = matches!(bytes.first(), Some(b'-' | b'+'));
    let (mut mantissa, mut count, mut scale) = (0u64, 0usize, 0usize);
    let mut after_point = false;
    for &byte in bytes.iter().skip(usize::from(signed)) {
        match byte {
            b'.' => after_point = true,
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(byte - b'0');
                count += 1;
                if count > 15 {
                    return None;
                }
                scale += usize::from(after_point);
            }
            _ => return None,
        }
    }
    if scale >= POWERS.len() {
        return None;
    }
    let value = mantissa as f64 / POWERS[scale];
    Some(if negative { -value } else { value })
}

/// The value of a checked decimal string: JavaScript's `Number`, so the wasm carries no float
/// parser (Rust's is ~20 KB).
#[cfg(target_arch = "wasm32")]
fn decimal_value(text: &str) -> f64 {
    #[wasm_bindgen::prelude::wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = Number)]
        fn js_number(text: &str) -> f64;
    }
    js_number(text)
}

#[cfg(not(target_arch = "wasm32"))]
fn decimal_value(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

/// `date`, `birthday`, `dateTime`: Unix seconds (amoCRM's storage), or milliseconds when the
/// number is too large to be seconds; a date sent as other text is shown as sent.
fn date<V: Value, D: Dates<V>>(value: &V, mask: Mask, labels: &Labels, dates: &D) -> Text<V> {
    let (inner, kind) = scalar(value, 0);
    match number_of(&inner, &kind) {
        Some(n) if n.is_finite() => {
            let millis = if n.abs() >= 100_000_000_000.0 {
                n
            } else {
                n * 1000.0
            };
            dates
                .format(millis, mask)
                .unwrap_or_else(|| Text::Owned(number_text(n)))
        }
        _ => text_of(&inner, labels, 1),
    }
}

/// `budget`: grouped by thousands, the account's currency symbol after it.
fn money<V: Value>(value: &V, currency: &str, labels: &Labels) -> Text<V> {
    let (inner, kind) = scalar(value, 0);
    match number_of(&inner, &kind) {
        Some(n) if n.is_finite() => {
            let mut text = group_thousands(&number_text(n));
            if !currency.is_empty() {
                text.push('\u{a0}');
                text.push_str(currency);
            }
            Text::Owned(text)
        }
        _ => text_of(&inner, labels, 1),
    }
}

/// `12345.5` → `12 345.5` (no-break spaces, as the cabinet groups amounts).
pub fn group_thousands(number: &str) -> String {
    let (sign, rest) = match number.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", number),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((int, frac)) => (int, frac),
        None => (rest, ""),
    };
    if !int.bytes().all(|b| b.is_ascii_digit()) {
        return number.to_owned(); // `1e+21`: left as JavaScript writes it
    }
    let mut out = String::with_capacity(number.len() + int.len() / 3 * 2);
    out.push_str(sign);
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('\u{a0}');
        }
        out.push(digit);
    }
    if !frac.is_empty() || rest.ends_with('.') {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// `checkbox`: a flag, `1`/`0`, `"true"`/`"false"`, `"Y"`/`"N"`.
fn checkbox<V: Value>(value: &V, labels: &Labels) -> Text<V> {
    let (inner, kind) = scalar(value, 0);
    let flag = match &kind {
        Kind::Bool(b) => Some(*b),
        Kind::Number(n) => Some(*n != 0.0),
        Kind::Text => match inner.text().as_str() {
            "1" | "true" | "Y" | "y" => Some(true),
            "0" | "false" | "N" | "n" | "" => Some(false),
            _ => None,
        },
        _ => None,
    };
    match flag {
        Some(b) => Text::Static(yes_no(b, labels)),
        None => text_of(&inner, labels, 1),
    }
}

/// `select`, `radiobutton`, `multiselect`: the options' labels, comma-separated.
fn joined<V: Value>(value: &V, labels: &Labels) -> Text<V> {
    let mut items = list(value);
    if items.len() == 1 {
        if let Some((item, kind)) = items.pop() {
            return text_of_kind(&item, kind, labels, 1);
        }
    }
    joined_texts(items.iter().map(|(item, _)| text_of(item, labels, 1)))
}

/// One multitext entry: `{value, enum_code}` (or `enumCode`, `enum`) or a bare value.
fn multitext<V: Value>(item: &V, kind: Option<Kind>, labels: &Labels, lines: &mut Vec<Line<V>>) {
    let text = text_of_kind(item, kind, labels, 1);
    if text.is_empty() {
        return;
    }
    let note = [Key::EnumCode, Key::EnumCodeCamel, Key::Enum]
        .iter()
        .find_map(|key| item.get(*key))
        .map(|kind| text_of(&kind, labels, 1))
        .filter(|kind| !kind.is_empty());
    lines.push(Line { text, note });
}

const ADDRESS_PARTS: [Key; 6] = [
    Key::AddressLine1,
    Key::AddressLine2,
    Key::City,
    Key::State,
    Key::Zip,
    Key::Country,
];

/// The address parts of an object, in the order an address is written; empty if it has none.
fn address_parts<V: Value>(value: &V, labels: &Labels, depth: u8) -> Text<V> {
    joined_texts(
        ADDRESS_PARTS
            .iter()
            .filter_map(|key| value.get(*key))
            .map(|part| text_of(&part, labels, depth + 1)),
    )
}

/// `smartAddress`: an object keyed `address_line_1`…`country`, a list of them, API v4's list of
/// `{value, subtype}` parts, or text.
fn smart_address<V: Value>(value: &V, labels: &Labels, lines: &mut Vec<Line<V>>) {
    let items: Vec<V> = list(value).into_iter().map(|(item, _)| item).collect();
    let subtypes: Vec<Option<String>> = items
        .iter()
        .map(|item| {
            let subtype = item.get(Key::Subtype)?;
            (subtype.kind() == Kind::Text).then(|| subtype.text())
        })
        .collect();
    if !items.is_empty() && subtypes.iter().all(Option::is_some) {
        let text = joined_texts(ADDRESS_PARTS.iter().flat_map(|key| {
            items
                .iter()
                .zip(&subtypes)
                .filter(|(_, subtype)| subtype.as_deref() == Some(key.as_str()))
                .map(|(item, _)| text_of(item, labels, 1))
                .collect::<Vec<_>>()
        }));
        push(lines, text);
        return;
    }
    for item in items {
        let text = match item.kind() {
            Kind::Object => {
                let parts = address_parts(&item, labels, 0);
                if parts.is_empty() {
                    text_of(&item, labels, 0)
                } else {
                    parts
                }
            }
            _ => text_of(&item, labels, 0),
        };
        push(lines, text);
    }
}

/// `legalEntity`: `{name, vat_id, kpp, address, …}` (or inside `{value: …}`): the name, its tax
/// numbers as the note, the address on a line of its own.
fn legal_entity<V: Value>(
    item: &V,
    kind: Option<Kind>,
    labels: &Labels,
    lines: &mut Vec<Line<V>>,
    depth: u8,
) {
    let kind = kind.unwrap_or_else(|| item.kind());
    if kind != Kind::Object {
        push(lines, text_of_kind(item, Some(kind), labels, 1));
        return;
    }
    let name = item.get(Key::Name).map(|n| text_of(&n, labels, 1));
    let vat = item.get(Key::VatId).map(|v| plain(&v, labels, 1));
    if name.is_none() && vat.is_none() && depth < MAX_DEPTH {
        if let Some(inner) = item.get(Key::Value) {
            return legal_entity(&inner, None, labels, lines, depth + 1);
        }
    }
    let kpp = item
        .get(Key::Kpp)
        .or_else(|| item.get(Key::TaxReason))
        .map(|k| plain(&k, labels, 1));
    let mut note = String::new();
    for (label, number) in [(labels.vat, &vat), (labels.kpp, &kpp)] {
        if let Some(number) = number.as_deref().filter(|n| !n.is_empty()) {
            if !note.is_empty() {
                note.push_str(", ");
            }
            note.push_str(label);
            note.push('\u{a0}');
            note.push_str(number);
        }
    }
    let text = match name.filter(|n| !n.is_empty()) {
        Some(name) => name,
        None if !note.is_empty() => Text::Owned(core::mem::take(&mut note)),
        None => text_of(item, labels, 1),
    };
    if !text.is_empty() {
        lines.push(Line {
            text,
            note: (!note.is_empty()).then_some(Text::Owned(note)),
        });
    }
    if let Some(address) = item.get(Key::Address) {
        smart_address(&address, labels, lines);
    }
}

/// `String(n)` of JavaScript: integers here, the rest by JavaScript (so the wasm carries no
/// float formatting).
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        let mut digits = Vec::new();
        let mut rest = n.abs() as u64;
        loop {
            digits.push(char::from(b'0' + (rest % 10) as u8));
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if n < 0.0 {
            digits.push('-');
        }
        return digits.iter().rev().collect();
    }
    js_number_text(n)
}

#[cfg(target_arch = "wasm32")]
fn js_number_text(n: f64) -> String {
    #[wasm_bindgen::prelude::wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = String)]
        fn number_to_string(n: f64) -> String;
    }
    number_to_string(n)
}

#[cfg(not(target_arch = "wasm32"))]
fn js_number_text(n: f64) -> String {
    // Rust and JavaScript agree on the shortest round-trip digits for the numbers a field holds.
    if n.is_nan() {
        "NaN".into()
    } else {
        n.to_string()
    }
}

/// The fast path must read every decimal exactly as a correctly rounding parser does (Rust's
/// `parse` and JavaScript's `Number` both round correctly).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::short_decimal;

    #[test]
    fn short_decimals_read_as_a_correctly_rounding_parser_reads_them() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut checked = 0;
        for _ in 0..200_000 {
            let digits = (next() % 18 + 1) as usize;
            let mut text: String = (0..digits)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            let point = (next() % (digits as u64 + 2)) as usize;
            if point <= digits {
                text.insert(point, '.');
            }
            if next() % 3 == 0 {
                text.insert(0, '-');
            }
            if let Some(fast) = short_decimal(&text) {
                let parsed: f64 = text.parse().unwrap();
                assert_eq!(fast.to_bits(), parsed.to_bits(), "{text}");
                checked += 1;
            }
        }
        assert!(checked > 100_000, "only {checked} took the fast path");
        for long in [
            "1234567890123456",
            "0.00000000000000000000001",
            "1e5",
            "12a",
        ] {
            assert_eq!(short_decimal(long), None, "{long}");
        }
        assert_eq!(
            short_decimal("-0").map(f64::to_bits),
            Some((-0.0f64).to_bits())
        );
    }
}
