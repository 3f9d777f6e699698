//! `LeadModel`: the active lead.

use super::{
    flag, id, id_of, ids, object, optional_id, optional_string, record, FromRaw, RawValue,
};

/// `lead` (`LeadModel`), owned.
///
/// ```
/// use amocrm_widget::models::Lead;
/// let lead: Lead = serde_json::from_str(r#"{
///     "id": "101", "pid": "7", "isLeadLoaded": true, "fieldIds": ["1", 2],
///     "statuses": [{"id": 142, "name": "Won"}], "managerId": "5",
///     "contacts": {"11": {"id": "11", "name": "Ivan", "fieldIds": ["3"]}},
///     "company": null, "somethingNew": 1
/// }"#).unwrap();
/// assert_eq!(lead.field_ids, ["1", "2"]);
/// assert_eq!(lead.contacts[0].name.as_deref(), Some("Ivan"));
/// assert!(lead.company.is_none());
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Lead {
    /// `id`.
    pub id: String,
    /// `pid`: the pipeline.
    pub pid: Option<String>,
    /// `isLeadLoaded` (`false` when absent).
    pub is_lead_loaded: bool,
    /// `fieldIds`: the lead's own fields in `leadFields`.
    pub field_ids: Vec<String>,
    /// `statuses`.
    pub statuses: Vec<Status>,
    /// `managerId`: the responsible user.
    pub manager_id: Option<String>,
    /// `contacts`, in the host's order (the record's keys are their ids).
    pub contacts: Vec<Contact>,
    /// `company`, `None` when `null`.
    pub company: Option<Company>,
}

/// One of `LeadModel.statuses`. The vendor leaves its shape open: an object is read for the
/// usual keys, a bare id is accepted too.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Status {
    /// `id`, or the bare id.
    pub id: Option<String>,
    /// `name`.
    pub name: Option<String>,
    /// `color`.
    pub color: Option<String>,
    /// `pipelineId`.
    pub pipeline_id: Option<String>,
}

/// One of `LeadModel.contacts`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Contact {
    /// `id`, or the record key when absent.
    pub id: String,
    /// `name`.
    pub name: Option<String>,
    /// `fieldIds`: the contact's fields in `leadFields`.
    pub field_ids: Vec<String>,
}

/// `LeadModel.company`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Company {
    /// `id`.
    pub id: String,
    /// `name` (empty when absent).
    pub name: String,
    /// `fieldIds`: the company's fields in `leadFields`.
    pub field_ids: Vec<String>,
}

impl FromRaw for Status {
    fn from_raw(v: &RawValue, path: &str) -> Result<Self, String> {
        if !matches!(v, RawValue::Object(_)) {
            return Ok(Status {
                id: Some(id_of(v, path)?),
                ..Status::default()
            });
        }
        Ok(Status {
            id: optional_id(v, "id", path)?,
            name: optional_string(v, "name", path)?,
            color: optional_string(v, "color", path)?,
            pipeline_id: optional_id(v, "pipelineId", path)?,
        })
    }
}

impl FromRaw for Lead {
    fn from_raw(v: &RawValue, path: &str) -> Result<Self, String> {
        object(v, path)?;
        let statuses = match v.get("statuses").unwrap_or(&RawValue::Null) {
            RawValue::Null => Vec::new(),
            RawValue::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, s)| Status::from_raw(s, &format!("{path}.statuses[{i}]")))
                .collect::<Result<_, _>>()?,
            _ => return Err(format!("{path}.statuses: expected an array")),
        };
        let contacts = record(
            v.get("contacts").unwrap_or(&RawValue::Null),
            &format!("{path}.contacts"),
            |key, c, path| {
                object(c, path)?;
                Ok(Contact {
                    id: optional_id(c, "id", path)?.unwrap_or_else(|| key.to_owned()),
                    name: optional_string(c, "name", path)?,
                    field_ids: ids(c, "fieldIds", path)?,
                })
            },
        )?;
        let company = match v.get("company").unwrap_or(&RawValue::Null) {
            RawValue::Null => None,
            c => {
                let path = &format!("{path}.company");
                object(c, path)?;
                Some(Company {
                    id: id(c, "id", path)?,
                    name: optional_string(c, "name", path)?.unwrap_or_default(),
                    field_ids: ids(c, "fieldIds", path)?,
                })
            }
        };
        Ok(Lead {
            id: id(v, "id", path)?,
            pid: optional_id(v, "pid", path)?,
            is_lead_loaded: flag(v, "isLeadLoaded", path)?,
            field_ids: ids(v, "fieldIds", path)?,
            statuses,
            manager_id: optional_id(v, "managerId", path)?,
            contacts,
            company,
        })
    }
}

super::model!(Lead, Lead, "lead");
