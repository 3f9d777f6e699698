//! The card read from the host's state: the lead's fields, then each contact's, then the
//! company's, then any field the host sent that none of them lists, every value already
//! formatted. Building it touches no DOM, so the benchmark can
//! time decoding and formatting alone.

use crate::format::{format_value, Dates, Line, Mask, Text};
use crate::labels::Labels;
use crate::value::{read, Key};
use amocrm_widget::constants::{DateFormat, FieldType, Lang, LeadFieldSource, TimeFormat};
use amocrm_widget::views::{FieldView, LeadFieldsView, LeadView, SysView};
use amocrm_widget::{text, Result, WidgetSdk};
use wasm_bindgen::JsValue;

/// One field, formatted.
#[derive(Debug)]
pub struct FieldOut {
    /// The field's name: the host's own string, handed to the DOM as it is (never copied into
    /// the wasm and back), or its key when the host sent no string.
    pub name: JsValue,
    /// Its value's lines; empty for a field without a value.
    pub lines: Vec<Line<JsValue>>,
}

/// A block of the card: the lead's own fields, a contact, the company, or the other fields.
#[derive(Debug, Default)]
pub struct Section {
    /// A heading above the block (`Контакты`, `Компания`, `Другие поля`).
    pub heading: Option<&'static str>,
    /// The contact's or company's name.
    pub title: Option<String>,
    /// The block's fields.
    pub fields: Vec<FieldOut>,
}

/// What the widget shows.
#[derive(Debug)]
pub struct Card {
    /// `Сделка №3412001`, or the loading text.
    pub title: String,
    /// The lead's current status: its name and colour.
    pub status: Option<(String, Option<String>)>,
    /// The blocks, in order.
    pub sections: Vec<Section>,
    /// The words for the account's language.
    pub labels: Labels,
}

/// The account's settings that formatting needs (`sys`), with the host's `dateformat`.
pub struct Account {
    currency: String,
    labels: Labels,
    dates: HostDates,
}

/// Dates through the cabinet's own `dateformat`, called with the number itself (dateformat
/// makes the `Date`), the masks made into JS strings once per render.
struct HostDates {
    dateformat: js_sys::Function,
    date: JsValue,
    date_time: JsValue,
}

impl Dates<JsValue> for HostDates {
    fn format(&self, millis: f64, mask: Mask) -> Option<Text<JsValue>> {
        let mask = match mask {
            Mask::Date => &self.date,
            Mask::DateTime => &self.date_time,
        };
        self.dateformat
            .call2(&JsValue::UNDEFINED, &JsValue::from_f64(millis), mask)
            .ok()
            .filter(JsValue::is_string)
            .map(Text::Host)
    }
}

impl Account {
    /// The settings in `sys`; the cabinet's defaults (Russian day-first dates, 24-hour time, no
    /// currency symbol, English words) where `sys` is missing or odd.
    pub fn new(sys: Option<&SysView>, dateformat: &js_sys::Function) -> Account {
        let date = sys
            .and_then(|s| s.date_format().ok())
            .unwrap_or(DateFormat::RussianNormal);
        let time = sys
            .and_then(|s| s.time_format().ok())
            .unwrap_or(TimeFormat::TwentyFour);
        let lang = sys.and_then(|s| s.lang().ok()).unwrap_or(Lang::En);
        Account {
            currency: sys
                .and_then(|s| s.currency_symbol().ok().flatten())
                .unwrap_or_default(),
            labels: Labels::for_lang(&lang),
            dates: HostDates {
                dateformat: dateformat.clone(),
                date: JsValue::from_str(date.as_str()),
                date_time: JsValue::from_str(&text!(date.as_str(), " ", time.as_str())),
            },
        }
    }

    /// One field, formatted; a name or type the host got wrong is shown, not dropped.
    pub fn field(&self, field: &FieldView) -> FieldOut {
        let name = Some(read(field.as_raw(), Key::Name))
            .filter(JsValue::is_string)
            .unwrap_or_else(|| JsValue::from_str(&field.key()));
        let field_type = field_type(field);
        let lines = match field.raw_value() {
            Ok(value) => format_value(
                &field_type,
                &value,
                &self.currency,
                &self.labels,
                &self.dates,
            ),
            Err(_) => Vec::new(),
        };
        FieldOut { name, lines }
    }

    /// Every field of `leadFields`, in the host's order (what the benchmark times).
    pub fn all_fields(&self, fields: &LeadFieldsView) -> Result<Vec<FieldOut>> {
        Ok(fields.fields()?.iter().map(|f| self.field(f)).collect())
    }
}

thread_local! {
    /// Each known type's JS string at its place in `FieldType::KNOWN`: a field's type is found
    /// with one `indexOf` on the host's string, which hands back a plain number (a `Map.get`
    /// needed a second call, `as_f64`, to read its answer through the wasm's memory).
    static TYPES: js_sys::Array = FieldType::KNOWN
        .iter()
        .map(|known| JsValue::from_str(known.as_str()))
        .collect();
}

/// The field's type; an unknown one (or one that is not a string) through the view.
fn field_type(field: &FieldView) -> FieldType {
    let raw = read(field.as_raw(), Key::Type);
    // Strict equality on a plain array of strings: no host code runs, nothing throws.
    let at = TYPES.with(|types| types.index_of(&raw, 0));
    match usize::try_from(at)
        .ok()
        .and_then(|i| FieldType::KNOWN.get(i))
    {
        Some(known) => known.clone(),
        None => field
            .field_type()
            .unwrap_or_else(|_| FieldType::Unknown(String::new())),
    }
}

/// The fields sorted by key, found by binary search: one `Object.entries` for the whole record
/// instead of a property read per id.
struct ByKey {
    fields: Vec<(String, Option<FieldView>)>,
}

impl ByKey {
    fn new(view: &LeadFieldsView) -> Result<ByKey> {
        // Kept sorted while filled: a binary search and a move per field, instead of `sort`'s
        // ~3 KB of wasm (quicksort with its fallbacks) for a few hundred keys.
        let mut fields: Vec<(String, Option<FieldView>)> = Vec::new();
        for field in view.fields()? {
            let key = field.key();
            let at = fields.partition_point(|f| f.0 < key);
            fields.insert(at, (key, Some(field)));
        }
        Ok(ByKey { fields })
    }

    /// Takes what no list named, in key order.
    fn rest(self) -> Vec<FieldView> {
        self.fields.into_iter().filter_map(|f| f.1).collect()
    }

    /// Takes the fields named by `ids`, in that order; each field is shown once.
    fn take(&mut self, ids: &[String]) -> Vec<FieldView> {
        let mut taken = Vec::with_capacity(ids.len());
        for id in ids {
            if let Ok(at) = self.fields.binary_search_by(|f| f.0.as_str().cmp(id)) {
                taken.extend(self.fields[at].1.take());
            }
        }
        taken
    }
}

/// Reads the lead, its fields and `sys` from the host and formats the card.
pub fn build(sdk: &WidgetSdk, dateformat: &js_sys::Function) -> Result<Card> {
    let sys = sdk.state::<SysView>()?;
    let account = Account::new(sys.as_ref(), dateformat);
    let labels = account.labels;
    let lead = match sdk.state::<LeadView>()? {
        Some(lead) if lead.is_lead_loaded().unwrap_or(true) => lead,
        _ => {
            return Ok(Card {
                title: labels.loading.into(),
                status: None,
                sections: Vec::new(),
                labels,
            })
        }
    };
    let mut fields = match sdk.state::<LeadFieldsView>()? {
        Some(view) => ByKey::new(&view)?,
        None => ByKey { fields: Vec::new() },
    };
    let format = |views: Vec<FieldView>| views.iter().map(|f| account.field(f)).collect();

    // A host that sends no `fieldIds` for the lead: its fields are the ones whose source is
    // the lead (or unsaid), rather than none.
    let lead_ids = lead.field_ids().unwrap_or_default();
    let own = if lead_ids.is_empty() {
        fields
            .fields
            .iter_mut()
            .filter(|f| {
                f.1.as_ref()
                    .is_some_and(|f| matches!(f.source(), Ok(None | Some(LeadFieldSource::Lead))))
            })
            .filter_map(|f| f.1.take())
            .collect()
    } else {
        fields.take(&lead_ids)
    };
    let mut sections = vec![Section {
        fields: format(own),
        ..Section::default()
    }];
    let contacts = lead.contacts().unwrap_or_default();
    for (i, contact) in contacts.iter().enumerate() {
        sections.push(Section {
            heading: (i == 0).then_some(labels.contacts),
            title: contact.name().ok().flatten(),
            fields: format(fields.take(&contact.field_ids().unwrap_or_default())),
        });
    }
    if let Some(company) = lead.company().ok().flatten() {
        sections.push(Section {
            heading: Some(labels.company),
            title: company.name().ok().flatten(),
            fields: format(fields.take(&company.field_ids().unwrap_or_default())),
        });
    }
    // Fields no `fieldIds` list mentions are still the host's data: shown, not dropped.
    let rest = fields.rest();
    if !rest.is_empty() {
        sections.push(Section {
            heading: Some(labels.other),
            title: None,
            fields: format(rest),
        });
    }

    let id = lead.id().unwrap_or_default();
    let status = lead
        .statuses()
        .unwrap_or_default()
        .last()
        .and_then(|s| Some((s.name().ok().flatten()?, s.color().ok().flatten())));
    Ok(Card {
        title: text!(labels.lead, id),
        status,
        sections,
        labels,
    })
}

/// An SDK error in words, without `core::fmt` (whose machinery would double the widget).
pub fn describe(error: &amocrm_widget::Error) -> String {
    use amocrm_widget::Error;
    match error {
        Error::Host { call, message, .. } => text!("the host threw in `", call, "`: ", message),
        Error::Shape { what, expected } => text!("the host's `", what, "` is not ", expected),
        Error::Decode { entity, message } => {
            text!("the host's `", entity, "` could not be decoded: ", message)
        }
        _ => "the host's state could not be read".into(),
    }
}
