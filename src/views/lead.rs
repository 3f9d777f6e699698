//! The view of `lead` and of its statuses, contacts and company.

use super::{absent, flag, id, id_or_key, ids, optional_id, optional_string, read, record};
use crate::ffi;
use crate::{Error, Result};
use wasm_bindgen::{JsCast, JsValue};

/// A view of `lead` (`LeadModel`): the active lead.
///
/// ```no_run
/// use amocrm_widget::views::LeadView;
/// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
/// if let Some(lead) = sdk.state::<LeadView>()? {
///     if lead.is_lead_loaded()? {
///         let id = lead.id()?;
///         let company = lead.company()?.map(|c| c.name()).transpose()?.flatten();
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct LeadView {
    raw: ffi::LeadObject,
}
super::view_entity!(LeadView, ffi::LeadObject, Lead);

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
        let v = read("lead.isLeadLoaded", self.raw.is_lead_loaded())?;
        flag("lead", "isLeadLoaded", v)
    }

    /// `fieldIds`: the lead's own fields in `leadFields` (empty when absent).
    pub fn field_ids(&self) -> Result<Vec<String>> {
        ids(
            "lead",
            "fieldIds",
            read("lead.fieldIds", self.raw.field_ids())?,
        )
    }

    /// `statuses` (empty when absent).
    pub fn statuses(&self) -> Result<Vec<StatusView>> {
        let value = read("lead.statuses", self.raw.statuses())?;
        if absent(&value) {
            return Ok(Vec::new());
        }
        let array: js_sys::Array = value
            .dyn_into()
            .map_err(|_| Error::decode("lead", "`statuses` is not an array"))?;
        Ok(array.iter().map(|raw| StatusView { raw }).collect())
    }

    /// `managerId`: the responsible user.
    pub fn manager_id(&self) -> Result<Option<String>> {
        let v = read("lead.managerId", self.raw.manager_id())?;
        optional_id("lead", "managerId", v)
    }

    /// `contacts`, in the host's order (the record's keys are their ids).
    pub fn contacts(&self) -> Result<Vec<ContactView>> {
        let contacts = read("lead.contacts", self.raw.contacts())?;
        record("lead", "contacts", contacts)?
            .into_iter()
            .map(|(key, value)| {
                let raw = super::entity_object("lead", value)?;
                Ok(ContactView { key, raw })
            })
            .collect()
    }

    /// `company`, `None` when `null`.
    pub fn company(&self) -> Result<Option<CompanyView>> {
        let value = read("lead.company", self.raw.company())?;
        if absent(&value) {
            return Ok(None);
        }
        let raw = super::entity_object("lead", value)?;
        Ok(Some(CompanyView { raw }))
    }
}

/// One of `LeadModel.statuses`: an object, or a bare id.
#[derive(Clone, Debug)]
pub struct StatusView {
    raw: JsValue,
}

impl StatusView {
    fn object(&self) -> Option<&ffi::StatusObject> {
        self.raw.is_object().then(|| self.raw.unchecked_ref())
    }

    /// `id`, or the bare id.
    pub fn id(&self) -> Result<Option<String>> {
        match self.object() {
            Some(status) => optional_id("lead", "statuses[].id", read("status.id", status.id())?),
            None => optional_id("lead", "statuses[]", self.raw.clone()),
        }
    }

    /// `name`.
    pub fn name(&self) -> Result<Option<String>> {
        let Some(status) = self.object() else {
            return Ok(None);
        };
        optional_string(
            "lead",
            "statuses[].name",
            read("status.name", status.name())?,
        )
    }

    /// `color`.
    pub fn color(&self) -> Result<Option<String>> {
        let Some(status) = self.object() else {
            return Ok(None);
        };
        optional_string(
            "lead",
            "statuses[].color",
            read("status.color", status.color())?,
        )
    }

    /// `pipelineId`.
    pub fn pipeline_id(&self) -> Result<Option<String>> {
        let Some(status) = self.object() else {
            return Ok(None);
        };
        let v = read("status.pipelineId", status.pipeline_id())?;
        optional_id("lead", "statuses[].pipelineId", v)
    }

    /// The host's value.
    pub fn as_raw(&self) -> &JsValue {
        &self.raw
    }
}

/// One of `LeadModel.contacts`.
#[derive(Clone, Debug)]
pub struct ContactView {
    key: String,
    raw: ffi::MemberObject,
}

impl ContactView {
    /// `id`, or the record key when absent.
    pub fn id(&self) -> Result<String> {
        let v = read("contact.id", self.raw.id())?;
        id_or_key("lead", "contacts[].id", v, &self.key)
    }

    /// `name`.
    pub fn name(&self) -> Result<Option<String>> {
        optional_string(
            "lead",
            "contacts[].name",
            read("contact.name", self.raw.name())?,
        )
    }

    /// `fieldIds`: the contact's fields in `leadFields` (empty when absent).
    pub fn field_ids(&self) -> Result<Vec<String>> {
        let v = read("contact.fieldIds", self.raw.field_ids())?;
        ids("lead", "contacts[].fieldIds", v)
    }

    /// The host's object.
    pub fn as_raw(&self) -> &JsValue {
        &self.raw
    }
}

/// `LeadModel.company`.
#[derive(Clone, Debug)]
pub struct CompanyView {
    raw: ffi::MemberObject,
}

impl CompanyView {
    /// `id`.
    pub fn id(&self) -> Result<String> {
        id("lead", "company.id", read("company.id", self.raw.id())?)
    }

    /// `name`.
    pub fn name(&self) -> Result<Option<String>> {
        optional_string(
            "lead",
            "company.name",
            read("company.name", self.raw.name())?,
        )
    }

    /// `fieldIds`: the company's fields in `leadFields` (empty when absent).
    pub fn field_ids(&self) -> Result<Vec<String>> {
        let v = read("company.fieldIds", self.raw.field_ids())?;
        ids("lead", "company.fieldIds", v)
    }

    /// The host's object.
    pub fn as_raw(&self) -> &JsValue {
        &self.raw
    }
}
