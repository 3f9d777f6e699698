//! Typed access to the host's state entities.

use crate::constants::StateEntity;
use crate::Result;
use wasm_bindgen::JsValue;

/// A state entity (`PUBLIC_STATE_ENTITIES`) and how to decode it from the host's value.
///
/// Implemented by the zero-copy views ([`SysView`](crate::views::SysView),
/// [`LeadView`](crate::views::LeadView)…) and, with the `serde` feature, by the owned models
/// (`models::Sys`, `models::Lead`…). Implement it for your own type to read an entity your way.
///
/// ```
/// use amocrm_widget::{Entity, Result};
/// use amocrm_widget::constants::StateEntity;
/// use wasm_bindgen::JsValue;
///
/// /// The raw `sys` object, untouched.
/// struct RawSys(JsValue);
/// impl Entity for RawSys {
///     const KEY: StateEntity = StateEntity::Sys;
///     fn decode(value: JsValue) -> Result<Self> {
///         Ok(RawSys(value))
///     }
/// }
/// ```
pub trait Entity: Sized {
    /// Which entity this is: the name passed to `getState` and `subscribe`.
    const KEY: StateEntity;

    /// Decodes the host's value; called only for values that are not `null`/`undefined`.
    fn decode(value: JsValue) -> Result<Self>;
}

/// `null`/`undefined` → `None` (the entity is not loaded), anything else → `T::decode`.
pub(crate) fn decode_optional<T: Entity>(value: JsValue) -> Result<Option<T>> {
    if value.is_null() || value.is_undefined() {
        Ok(None)
    } else {
        T::decode(value).map(Some)
    }
}
