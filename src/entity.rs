//! Typed access to the host's state entities.

use crate::constants::StateEntity;
use crate::Result;
use wasm_bindgen::JsValue;

/// A state entity (`PUBLIC_STATE_ENTITIES`) and how to decode it from the host's value.
///
/// Implemented by the zero-copy views ([`SysView`](crate::views::SysView),
/// [`LeadView`](crate::views::LeadView)…) and, with the `serde` feature, by the owned models
/// (`models::Sys`, `models::Lead`…). Implement it for your own type to read an entity your way;
/// a serde type can decode with `models::from_js(Self::NAME, value)` and then works with
/// [`WidgetSdk::subscribe`](crate::WidgetSdk::subscribe) too (or skip the trait and use
/// `WidgetSdk::state_as`).
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

    /// The entity's wire name (`"leadFields"`), the one name errors use for it.
    const NAME: &'static str = {
        let key = Self::KEY;
        let name = entity_name(&key);
        // The known keys own nothing; forgetting spares const evaluation a destructor.
        core::mem::forget(key);
        name
    };

    /// Decodes the host's value; called only for values that are not `null`/`undefined`.
    fn decode(value: JsValue) -> Result<Self>;
}

/// A state entity's wire name; the one place that names entities in errors.
pub(crate) const fn entity_name(key: &StateEntity) -> &'static str {
    match key.known_str() {
        Some(name) => name,
        None => "an entity this crate does not know",
    }
}

/// `null`/`undefined` → `None` (the entity is not loaded), anything else → `T::decode`.
pub(crate) fn decode_optional<T: Entity>(value: JsValue) -> Result<Option<T>> {
    if value.is_null() || value.is_undefined() {
        Ok(None)
    } else {
        T::decode(value).map(Some)
    }
}
