//! `constants`, read at run time.

use super::{entries, optional_string, read, string};
use crate::constants::{
    keys, DateFormat, FieldType, Lang, LeadFieldSource, StateEntity, TimeFormat,
};
use crate::ffi;
use crate::{Error, Result};
use wasm_bindgen::{JsCast, JsValue};

/// `constants`, read from the host at run time.
///
/// ```no_run
/// use amocrm_widget::constants::DateFormat;
/// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
/// for (name, format) in sdk.constants().date_formats()? {
///     assert!(format.is_known(), "{name}: the host added {format}");
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Constants {
    raw: JsValue,
}

impl Constants {
    pub(crate) fn new(raw: JsValue) -> Self {
        Self { raw }
    }

    /// The raw `constants` object.
    pub fn as_raw(&self) -> &JsValue {
        &self.raw
    }

    fn group(&self, key: &'static str) -> Result<JsValue> {
        let group = js_sys::Reflect::get(&self.raw, &JsValue::from_str(key))
            .map_err(|e| Error::thrown("constants", e))?;
        if group.is_object() {
            Ok(group)
        } else {
            Err(Error::Shape {
                what: key,
                expected: "an object",
            })
        }
    }

    /// A group of `constants` as `(key, value)` pairs parsed into `E`.
    fn parsed<E: From<String>>(&self, key: &'static str) -> Result<Vec<(String, E)>> {
        let group = self.group(key)?;
        entries(key, &group)?
            .into_iter()
            .map(|(name, value)| Ok((name, E::from(string(key, key, value)?))))
            .collect()
    }

    /// `DATE_FORMATS` as `(name, format)` pairs, e.g. `("russianNormal", RussianNormal)`.
    pub fn date_formats(&self) -> Result<Vec<(String, DateFormat)>> {
        self.parsed(keys::DATE_FORMATS)
    }

    /// `TIME_FORMATS` as `(name, format)` pairs.
    pub fn time_formats(&self) -> Result<Vec<(String, TimeFormat)>> {
        self.parsed(keys::TIME_FORMATS)
    }

    /// `SUPPORTED_LANGS` as `(name, lang)` pairs.
    pub fn supported_langs(&self) -> Result<Vec<(String, Lang)>> {
        self.parsed(keys::SUPPORTED_LANGS)
    }

    /// `LEAD_FIELD_SOURCES` as `(name, source)` pairs.
    pub fn lead_field_sources(&self) -> Result<Vec<(String, LeadFieldSource)>> {
        self.parsed(keys::LEAD_FIELD_SOURCES)
    }

    /// `FIELD_TYPES` as `(name, type)` pairs.
    pub fn field_types(&self) -> Result<Vec<(String, FieldType)>> {
        self.parsed(keys::FIELD_TYPES)
    }

    /// `PUBLIC_STATE_ENTITIES` as `(name, entity)` pairs.
    pub fn state_entities(&self) -> Result<Vec<(String, StateEntity)>> {
        self.parsed(keys::PUBLIC_STATE_ENTITIES)
    }

    /// `GLOBAL_CLASS_NAMES`.
    pub fn class_names(&self) -> Result<ClassNames> {
        Ok(ClassNames {
            raw: self.group(keys::GLOBAL_CLASS_NAMES)?.unchecked_into(),
        })
    }
}

/// `constants.GLOBAL_CLASS_NAMES`: every `js-…` class name of the cabinet, read at run time.
///
/// ```no_run
/// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
/// let names = sdk.class_names()?;
/// let container = names.widget_bar_item_container()?; // "js-…"
/// let same = names.get("widgetBarItemContainer")?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct ClassNames {
    raw: ffi::ClassNamesObject,
}

impl ClassNames {
    /// `widgetBarItemContainer`: the class of the element handed to `registerWidgetsBarSlot`.
    pub fn widget_bar_item_container(&self) -> Result<String> {
        let value = read(
            "GLOBAL_CLASS_NAMES.widgetBarItemContainer",
            self.raw.widget_bar_item_container(),
        )?;
        string(keys::GLOBAL_CLASS_NAMES, "widgetBarItemContainer", value)
    }

    /// A class name by its key; `None` if the host has no such key.
    pub fn get(&self, name: &str) -> Result<Option<String>> {
        let value = js_sys::Reflect::get(&self.raw, &JsValue::from_str(name))
            .map_err(|e| Error::thrown("GLOBAL_CLASS_NAMES", e))?;
        optional_string(keys::GLOBAL_CLASS_NAMES, "class name", value)
    }

    /// Every `(key, class name)` pair.
    pub fn all(&self) -> Result<Vec<(String, String)>> {
        entries("GLOBAL_CLASS_NAMES", &self.raw)?
            .into_iter()
            .map(|(k, v)| Ok((k, string(keys::GLOBAL_CLASS_NAMES, "class name", v)?)))
            .collect()
    }

    /// The raw object.
    pub fn as_raw(&self) -> &JsValue {
        &self.raw
    }
}
