//! Typed Rust bindings and lifecycle glue for amoCRM (Kommo) client-cabinet widgets.
//!
//! A client-cabinet widget is an AMD module (`personal_page.js`) that the cabinet loads with
//! requirejs. This crate lets the widget be written in Rust and compiled to WebAssembly: typed
//! access to the host's `amocrm-sdk`, a lifecycle that cannot leak, and token handling.
//!
//! New here? The [`guide`] takes you from `amo-widget new` to an uploaded `widget.zip`.
#![deny(missing_docs)]
// docs.rs (nightly) marks each feature- or target-gated item with what it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "small-alloc")]
pub mod alloc;
#[cfg(feature = "backend")]
pub mod backend;
pub mod constants;
pub mod date;
mod entity;
mod error;
mod ffi;
pub mod guide;
#[cfg(feature = "i18n")]
pub mod i18n;
pub mod lifecycle;
#[cfg(feature = "serde")]
pub mod models;
pub mod modules;
mod sdk;
mod shim_link;
mod subscription;
pub mod text;
pub mod token;
pub mod views;

pub use entity::Entity;
pub use error::{Error, Result};
pub use sdk::{WidgetSdk, SDK_VERSION};
pub use subscription::Subscription;

pub use lifecycle::{Host, LeadParams, Teardown, Widget, WidgetError};
