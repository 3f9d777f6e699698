//! Zero-copy views over the host's objects: each getter reads one property when called.
//!
//! The cheap path for small widgets: no serde, no copy of the whole model, typed values.
//! With the `serde` feature, the `models` module gives owned copies instead.

use crate::constants::{keys, DateFormat, FieldType, Lang, StateEntity, TimeFormat};
use crate::entity::Entity;
use crate::sdk::entity_name;
use crate::sys;
use crate::{Error, Result};
use wasm_bindgen::{JsCast, JsValue};

/// A getter's value: `Err` when the getter threw.
fn read(call: &'static str, got: core::result::Result<JsValue, JsValue>) -> Result<JsValue> {
    got.map_err(|e| Error::thrown(call, e))
}

fn absent(value: &JsValue) -> bool {
    value.is_null() || value.is_undefined()
}

/// A required string.
fn string(entity: &'static str, key: &str, value: JsValue) -> Result<String> {
    value
        .as_string()
        .ok_or_else(|| Error::decode(entity, ["`", key, "` is not a string"].concat()))
}

/// An optional string: `null`/`undefined` are `None`.
fn optional_string(entity: &'static str, key: &str, value: JsValue) -> Result<Option<String>> {
    if absent(&value) {
        Ok(None)
    } else {
        string(entity, key, value).map(Some)
    }
}

/// An id: documented as a string, accepted as a number too.
pub(crate) fn id(entity: &'static str, key: &str, value: JsValue) -> Result<String> {
    match value.as_f64() {
        Some(n) if n.is_finite() => Ok(crate::date::js_number(n)),
        _ => value.as_string().ok_or_else(|| {
            Error::decode(
                entity,
                ["`", key, "` is not an id (string or number)"].concat(),
            )
        }),
    }
}

fn optional_id(entity: &'static str, key: &str, value: JsValue) -> Result<Option<String>> {
    if absent(&value) {
        Ok(None)
    } else {
        id(entity, key, value).map(Some)
    }
}

/// A flag; `null`/`undefined` are `false`.
fn flag(entity: &'static str, key: &str, value: JsValue) -> Result<bool> {
    if absent(&value) {
        return Ok(false);
    }
    value
        .as_bool()
        .ok_or_else(|| Error::decode(entity, ["`", key, "` is not a boolean"].concat()))
}

/// Checks that an entity is an object before viewing it.
fn entity_object<T: JsCast>(entity: &'static str, value: JsValue) -> Result<T> {
    if value.is_object() {
        Ok(value.unchecked_into())
    } else {
        Err(Error::decode(entity, "expected an object"))
    }
}

/// `[key, value]` pairs of a host object.
fn entries(call: &'static str, object: &JsValue) -> Result<Vec<(String, JsValue)>> {
    let array = sys::object_entries(object).map_err(|e| Error::thrown(call, e))?;
    Ok(array
        .iter()
        .filter_map(|pair| {
            let pair: js_sys::Array = pair.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1)))
        })
        .collect())
}

/// `methods.getRouterQuery()`: the ids in the cabinet's URL.
///
/// ```
/// use amocrm_widget::views::RouterQuery;
/// let query = RouterQuery::default();
/// assert_eq!(query.lead_id, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RouterQuery {
    /// `leadId`: the active lead.
    pub lead_id: Option<String>,
    /// `accountId`: the account.
    pub account_id: Option<String>,
}

impl RouterQuery {
    /// Reads a `RouterQuery` object; `null`/`undefined` read as an empty query.
    pub(crate) fn decode(value: JsValue) -> Result<Self> {
        const ENTITY: &str = "routerQuery";
        if absent(&value) {
            return Ok(Self::default());
        }
        let object: sys::RouterQueryObject = entity_object(ENTITY, value)?;
        Ok(Self {
            lead_id: optional_id(
                ENTITY,
                "leadId",
                read("routerQuery.leadId", object.lead_id())?,
            )?,
            account_id: optional_id(
                ENTITY,
                "accountId",
                read("routerQuery.accountId", object.account_id())?,
            )?,
        })
    }
}

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
    pub fn lead_field_sources(&self) -> Result<Vec<(String, crate::constants::LeadFieldSource)>> {
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
    raw: sys::ClassNamesObject,
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

macro_rules! view_entity {
    ($view:ident, $object:ty, $key:ident) => {
        impl Entity for $view {
            const KEY: StateEntity = StateEntity::$key;
            fn decode(value: JsValue) -> Result<Self> {
                Ok(Self {
                    raw: entity_object::<$object>(entity_name(&Self::KEY), value)?,
                })
            }
        }

        impl $view {
            /// The host's object, for what this view does not cover.
            pub fn as_raw(&self) -> &JsValue {
                &self.raw
            }
        }
    };
}

/// A view of `sys` (`SysModel`): the account's settings.
///
/// ```no_run
/// use amocrm_widget::views::SysView;
/// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
/// if let Some(sys) = sdk.state::<SysView>()? {
///     let now = sys.time_format()?.format_now();
///     let lang = sys.lang()?;
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct SysView {
    raw: sys::SysObject,
}
view_entity!(SysView, sys::SysObject, Sys);

impl SysView {
    /// `currencySymbol`.
    pub fn currency_symbol(&self) -> Result<Option<String>> {
        let v = read("sys.currencySymbol", self.raw.currency_symbol())?;
        optional_string("sys", "currencySymbol", v)
    }

    /// `dateFormat`: the account's date format.
    pub fn date_format(&self) -> Result<DateFormat> {
        let v = read("sys.dateFormat", self.raw.date_format())?;
        string("sys", "dateFormat", v).map(DateFormat::from)
    }

    /// `timeFormat`: the account's time format.
    pub fn time_format(&self) -> Result<TimeFormat> {
        let v = read("sys.timeFormat", self.raw.time_format())?;
        string("sys", "timeFormat", v).map(TimeFormat::from)
    }

    /// `lang`: the interface language.
    pub fn lang(&self) -> Result<Lang> {
        let v = read("sys.lang", self.raw.lang())?;
        string("sys", "lang", v).map(Lang::from)
    }

    /// `isRemovalAvailable` (`false` when absent).
    pub fn is_removal_available(&self) -> Result<bool> {
        let v = read("sys.isRemovalAvailable", self.raw.is_removal_available())?;
        flag("sys", "isRemovalAvailable", v)
    }

    /// `logoUrl`.
    pub fn logo_url(&self) -> Result<Option<String>> {
        let v = read("sys.logoUrl", self.raw.logo_url())?;
        optional_string("sys", "logoUrl", v)
    }

    /// `pageTitle`.
    pub fn page_title(&self) -> Result<Option<String>> {
        let v = read("sys.pageTitle", self.raw.page_title())?;
        optional_string("sys", "pageTitle", v)
    }
}

/// A view of `lead` (`LeadModel`): the active lead's scalar properties.
///
/// ```no_run
/// use amocrm_widget::views::LeadView;
/// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
/// if let Some(lead) = sdk.state::<LeadView>()? {
///     if lead.is_lead_loaded()? {
///         let id = lead.id()?;
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct LeadView {
    raw: sys::LeadObject,
}
view_entity!(LeadView, sys::LeadObject, Lead);

impl LeadView {
    /// `id`.
    pub fn id(&self) -> Result<String> {
        id("lead", "id", read("lead.id", self.raw.id())?)
    }

    /// `pid` (the pipeline).
    pub fn pid(&self) -> Result<Option<String>> {
        optional_id("lead", "pid", read("lead.pid", self.raw.pid())?)
    }

    /// `isLeadLoaded` (`false` when absent).
    pub fn is_lead_loaded(&self) -> Result<bool> {
        flag(
            "lead",
            "isLeadLoaded",
            read("lead.isLeadLoaded", self.raw.is_lead_loaded())?,
        )
    }

    /// `fieldIds` (empty when absent).
    pub fn field_ids(&self) -> Result<Vec<String>> {
        let value = read("lead.fieldIds", self.raw.field_ids())?;
        if absent(&value) {
            return Ok(Vec::new());
        }
        let array: js_sys::Array = value
            .dyn_into()
            .map_err(|_| Error::decode("lead", "`fieldIds` is not an array"))?;
        array.iter().map(|v| id("lead", "fieldIds[]", v)).collect()
    }

    /// `managerId`.
    pub fn manager_id(&self) -> Result<Option<String>> {
        optional_id(
            "lead",
            "managerId",
            read("lead.managerId", self.raw.manager_id())?,
        )
    }

    /// Whether `company` is set (not `null`).
    pub fn has_company(&self) -> Result<bool> {
        Ok(!absent(&read("lead.company", self.raw.company())?))
    }
}

/// A view of `leadFields` (`LeadFieldsModel`): the fields by id.
///
/// ```no_run
/// use amocrm_widget::views::LeadFieldsView;
/// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
/// if let Some(fields) = sdk.state::<LeadFieldsView>()? {
///     for (id, field) in fields.fields()? {
///         let name = field.name()?;
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct LeadFieldsView {
    raw: js_sys::Object,
}
view_entity!(LeadFieldsView, js_sys::Object, LeadFields);

impl LeadFieldsView {
    /// Every `(id, field)`, in the host's order.
    pub fn fields(&self) -> Result<Vec<(String, FieldView)>> {
        entries("leadFields", &self.raw)?
            .into_iter()
            .map(|(id, value)| {
                let raw = entity_object("leadFields", value)?;
                Ok((id, FieldView { raw }))
            })
            .collect()
    }

    /// The field with id `id`, `None` if there is none.
    pub fn field(&self, id: &str) -> Result<Option<FieldView>> {
        let value = js_sys::Reflect::get(&self.raw, &JsValue::from_str(id))
            .map_err(|e| Error::thrown("leadFields[id]", e))?;
        if absent(&value) {
            return Ok(None);
        }
        Ok(Some(FieldView {
            raw: entity_object("leadFields", value)?,
        }))
    }
}

/// One field of [`LeadFieldsView`].
#[derive(Clone, Debug)]
pub struct FieldView {
    raw: sys::FieldObject,
}

impl FieldView {
    /// `name`.
    pub fn name(&self) -> Result<String> {
        string("leadFields", "name", read("field.name", self.raw.name())?)
    }

    /// `type`.
    pub fn field_type(&self) -> Result<FieldType> {
        let v = read("field.type", self.raw.field_type())?;
        string("leadFields", "type", v).map(FieldType::from)
    }

    /// `value`, untouched (its shape depends on [`field_type`](Self::field_type)).
    pub fn raw_value(&self) -> Result<JsValue> {
        read("field.value", self.raw.value())
    }

    /// The host's object.
    pub fn as_raw(&self) -> &JsValue {
        &self.raw
    }
}
