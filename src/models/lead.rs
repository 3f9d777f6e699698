//! `LeadModel`: the active lead.

use super::lenient::{self, FromBare, Keyed};
use serde::Deserialize;

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
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Lead {
    /// `id`.
    #[serde(deserialize_with = "lenient::id")]
    pub id: String,
    /// `pid`: the pipeline.
    #[serde(default, deserialize_with = "lenient::optional_id")]
    pub pid: Option<String>,
    /// `isLeadLoaded` (`false` when absent).
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_lead_loaded: bool,
    /// `fieldIds`: the lead's own fields in `leadFields` (empty when absent).
    #[serde(default, deserialize_with = "lenient::ids")]
    pub field_ids: Vec<String>,
    /// `statuses` (empty when absent).
    #[serde(default, deserialize_with = "lenient::list_of_bare_or")]
    pub statuses: Vec<Status>,
    /// `managerId`: the responsible user.
    #[serde(default, deserialize_with = "lenient::optional_id")]
    pub manager_id: Option<String>,
    /// `contacts`, in the host's order (the record's keys are their ids).
    #[serde(default, deserialize_with = "lenient::record")]
    pub contacts: Vec<Contact>,
    /// `company`, `None` when `null`.
    pub company: Option<Company>,
}

/// One of `LeadModel.statuses`. The vendor leaves its shape open: an object is read for the
/// usual keys, a bare id is accepted too.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Status {
    /// `id`, or the bare id.
    #[serde(default, deserialize_with = "lenient::optional_id")]
    pub id: Option<String>,
    /// `name`.
    pub name: Option<String>,
    /// `color`.
    pub color: Option<String>,
    /// `pipelineId`.
    #[serde(default, deserialize_with = "lenient::optional_id")]
    pub pipeline_id: Option<String>,
}

impl FromBare for Status {
    const EXPECTING: &'static str = "a status (an object or an id)";
    fn from_bare(id: String, _number: bool) -> Option<Self> {
        Some(Status {
            id: Some(id),
            ..Status::default()
        })
    }
}

/// One of `LeadModel.contacts`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Contact {
    /// `id`, or the record key when absent.
    #[serde(default, deserialize_with = "lenient::id_or_key")]
    pub id: String,
    /// `name`.
    pub name: Option<String>,
    /// `fieldIds`: the contact's fields in `leadFields` (empty when absent).
    #[serde(default, deserialize_with = "lenient::ids")]
    pub field_ids: Vec<String>,
}

impl Keyed for Contact {
    fn key_as_id(&mut self, key: &str) {
        if self.id.is_empty() {
            key.clone_into(&mut self.id);
        }
    }
}

/// `LeadModel.company`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Company {
    /// `id`.
    #[serde(deserialize_with = "lenient::id")]
    pub id: String,
    /// `name`.
    pub name: Option<String>,
    /// `fieldIds`: the company's fields in `leadFields` (empty when absent).
    #[serde(default, deserialize_with = "lenient::ids")]
    pub field_ids: Vec<String>,
}

super::model!(Lead, Lead);
