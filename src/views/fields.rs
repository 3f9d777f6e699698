//! The view of `leadFields`.

use super::{absent, entity_object, optional_id, optional_string, read, string};
use crate::constants::{FieldType, LeadFieldSource};
use crate::ffi;
use crate::{Error, Result};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// A view of `leadFields` (`LeadFieldsModel`): the fields by id.
///
/// ```no_run
/// use amocrm_widget::views::LeadFieldsView;
/// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
/// if let Some(fields) = sdk.state::<LeadFieldsView>()? {
///     for field in fields.fields()? {
///         let (id, name) = (field.id()?, field.name()?);
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct LeadFieldsView {
    raw: js_sys::Object,
}
super::view_entity!(LeadFieldsView, js_sys::Object, LeadFields);

impl LeadFieldsView {
    /// Every field, in the host's order.
    pub fn fields(&self) -> Result<Vec<FieldView>> {
        // Keys and values in two arrays (`Object.keys`, `Object.values`: the same order), not
        // a property read per field; a field's value is one indexed read of its array. The keys
        // stay in their JS array until a field's key is asked for: most widgets read a field's
        // own `id` and never need them.
        let thrown = |e| Error::thrown("leadFields", e);
        let keys = Rc::new(ffi::object_keys(&self.raw).map_err(thrown)?);
        let values = ffi::object_values(&self.raw).map_err(thrown)?;
        (0..values.length())
            .map(|index| {
                let raw = entity_object("leadFields", values.get(index))?;
                let key = FieldKey::At(keys.clone(), index);
                Ok(FieldView { key, raw })
            })
            .collect()
    }

    /// The field with id `id` (its record key), `None` if there is none.
    pub fn get(&self, id: &str) -> Result<Option<FieldView>> {
        let value = js_sys::Reflect::get(&self.raw, &JsValue::from_str(id))
            .map_err(|e| Error::thrown("leadFields[id]", e))?;
        if absent(&value) {
            return Ok(None);
        }
        Ok(Some(FieldView {
            key: FieldKey::Known(id.to_owned()),
            raw: entity_object("leadFields", value)?,
        }))
    }

    /// The fields whose ids are listed in `ids` (e.g. [`LeadView::field_ids`](super::LeadView::field_ids)),
    /// in that order; ids without a field are skipped.
    pub fn select(&self, ids: &[String]) -> Result<Vec<FieldView>> {
        let mut fields = Vec::with_capacity(ids.len());
        for id in ids {
            fields.extend(self.get(id)?);
        }
        Ok(fields)
    }
}

/// One field of [`LeadFieldsView`].
#[derive(Clone, Debug)]
pub struct FieldView {
    key: FieldKey,
    raw: ffi::FieldObject,
}

/// Where a field's key is: known, or at its place in `Object.keys(leadFields)`.
#[derive(Clone, Debug)]
enum FieldKey {
    Known(String),
    At(Rc<js_sys::Array>, u32),
}

impl FieldView {
    /// The field's key in `leadFields`: the id [`LeadFieldsView::get`] finds it by and the
    /// ids in `fieldIds` name. Read without calling the host's getters, unlike
    /// [`id`](Self::id), so a widget can match all [`fields`](LeadFieldsView::fields) against
    /// `fieldIds` after one `Object.entries` instead of one property read per id.
    ///
    /// ```no_run
    /// # fn f(fields: amocrm_widget::views::LeadFieldsView) -> amocrm_widget::Result<()> {
    /// let mut by_key: Vec<_> = fields.fields()?.into_iter().map(|f| (f.key(), f)).collect();
    /// by_key.sort_by(|a, b| a.0.cmp(&b.0));
    /// let budget = by_key.binary_search_by(|f| f.0.as_str().cmp("24")).ok().map(|at| &by_key[at].1);
    /// # Ok(()) }
    /// ```
    pub fn key(&self) -> String {
        match &self.key {
            FieldKey::Known(key) => key.clone(),
            FieldKey::At(keys, index) => keys.get(*index).as_string().unwrap_or_default(),
        }
    }

    /// `id`, or the record key when absent.
    pub fn id(&self) -> Result<String> {
        let v = read("field.id", self.raw.id())?;
        match optional_id("leadFields", "id", v)? {
            Some(id) => Ok(id),
            None => Ok(self.key()),
        }
    }

    /// `name`.
    pub fn name(&self) -> Result<String> {
        string("leadFields", "name", read("field.name", self.raw.name())?)
    }

    /// `type`.
    pub fn field_type(&self) -> Result<FieldType> {
        let v = read("field.type", self.raw.field_type())?;
        string("leadFields", "type", v).map(FieldType::from)
    }

    /// `source`: whose field it is, when the host says.
    pub fn source(&self) -> Result<Option<LeadFieldSource>> {
        let v = read("field.source", self.raw.source())?;
        Ok(optional_string("leadFields", "source", v)?.map(LeadFieldSource::from))
    }

    /// `value`, untouched (its shape depends on [`field_type`](Self::field_type)); the model
    /// (`models::Field::value`) types it.
    pub fn raw_value(&self) -> Result<JsValue> {
        read("field.value", self.raw.value())
    }

    /// The host's object.
    pub fn as_raw(&self) -> &JsValue {
        &self.raw
    }
}
