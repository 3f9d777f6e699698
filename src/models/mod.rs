//! Owned models of the host's entities (feature `serde`).
//!
//! Every model derives `serde::Deserialize`: in the browser it is decoded from the host's value
//! with `serde-wasm-bindgen` (which reads only the properties a model declares), natively from
//! JSON with `serde_json` (fixtures, a back end). Read leniently, as the vendor's own type text
//! is partly garbled: unknown keys are ignored, missing optional keys are fine, ids are accepted
//! as strings or numbers, unknown field types keep their value ([`FieldValue::Raw`]). What
//! cannot be read is an [`Error::Decode`] naming the entity and the path
//! (`lead.company.fieldIds[1]: …`), never a panic.
//!
//! Your own types decode the same way: derive `Deserialize` and ask for them with
//! [`WidgetSdk::state_as`](crate::WidgetSdk::state_as), or decode any value with [`from_js`].

mod authors;
mod fields;
mod lead;
mod lenient;
mod sys;

pub use authors::{Author, Authors};
pub use fields::{Choice, DateValue, Field, FieldValue, LeadFields, MultitextItem};
pub use lead::{Company, Contact, Lead, Status};
pub use sys::Sys;

use crate::{Error, Result};
use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use wasm_bindgen::JsValue;

/// Decodes a `T` from any serde deserializer; a failure is an [`Error::Decode`] for `entity`
/// whose message starts with the path that failed.
///
/// ```
/// use amocrm_widget::{models::{self, Lead}, Error};
/// let json = r#"{"id": "1", "company": {"id": "2", "fieldIds": [1, true]}}"#;
/// let error = models::decode::<Lead, _>("lead", &mut serde_json::Deserializer::from_str(json));
/// assert!(matches!(error, Err(Error::Decode { entity: "lead", message })
///     if message.starts_with("lead.company.fieldIds[1]: ")));
/// ```
pub fn decode<'de, T, D>(entity: &'static str, deserializer: D) -> Result<T>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    decode_with(entity, deserializer, |error| error.to_string())
}

/// [`decode`] with `describe` turning the deserializer's error into text.
fn decode_with<'de, T, D>(
    entity: &'static str,
    deserializer: D,
    describe: fn(D::Error) -> String,
) -> Result<T>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let what = describe(error.into_inner());
        // `lead.company.fieldIds[1]: …`; a failure at the top has the path ".".
        let message = match path.as_str() {
            "." => [entity, ": ", &what].concat(),
            path => [entity, ".", path, ": ", &what].concat(),
        };
        Error::decode(entity, message)
    })
}

/// Decodes a `T` from a JS value (through `serde-wasm-bindgen`), for your own types too.
///
/// ```no_run
/// # fn f(value: wasm_bindgen::JsValue) -> amocrm_widget::Result<()> {
/// #[derive(serde::Deserialize)]
/// #[serde(rename_all = "camelCase")]
/// struct Colors { page_title: String }
/// let colors: Colors = amocrm_widget::models::from_js("sys", value)?;
/// # Ok(()) }
/// ```
pub fn from_js<T: DeserializeOwned>(entity: &'static str, value: JsValue) -> Result<T> {
    decode_with(
        entity,
        serde_wasm_bindgen::Deserializer::from(value),
        |error| {
            // The error is a JS `Error`, whose `String()` would prefix "Error: ".
            let error: js_sys::Error = JsValue::from(error).into();
            error.message().into()
        },
    )
}

/// Implements `Entity` for a model: decoded with serde from the host's value.
macro_rules! model {
    ($model:ty, $key:ident) => {
        impl crate::Entity for $model {
            const KEY: crate::constants::StateEntity = crate::constants::StateEntity::$key;
            fn decode(value: wasm_bindgen::JsValue) -> crate::Result<Self> {
                crate::models::from_js(<Self as crate::Entity>::NAME, value)
            }
        }
    };
}
use model;
