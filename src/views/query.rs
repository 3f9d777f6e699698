//! `methods.getRouterQuery()`.

use super::{absent, entity_object, optional_id, read};
use crate::ffi;
use crate::Result;
use wasm_bindgen::JsValue;

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
        let object: ffi::RouterQueryObject = entity_object(ENTITY, value)?;
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
