//! Leptos views in the amoCRM (Kommo) client-cabinet widgets bar.
//!
//! Two things tie a Leptos view's lifetime to the cabinet's lifecycle:
//!
//! - [`mount_in_slot`] (and [`try_mount_in_slot`]) mounts a view into the element the host hands
//!   to `widgets_bar_slot` and returns a [`SlotView`], a
//!   [`Teardown`](amocrm_widget::Teardown): when the host destroys the slot, the view is
//!   unmounted and its reactive owner disposed, so nothing of the view (DOM nodes, effects,
//!   signals, listeners, host subscriptions) outlives the slot. Every mount has its own owner:
//!   several widgets on a page, and several copies of one, never share one.
//! - [`HostSignals`] (or [`entity_signal`] for one entity) turns the host's state, `sys`, `lead`,
//!   `leadFields` and `authors`, into Leptos signals fed by SDK subscriptions. The subscriptions
//!   belong to the reactive owner they were created in and end when it is cleaned up.
//!
//! ```no_run
//! use amocrm_widget::lifecycle::{Host, LeadParams, Slot, Teardown, Widget, WidgetError};
//! use amocrm_widget::WidgetSdk;
//! use amocrm_widget_leptos::{try_mount_in_slot, HostSignals};
//! use leptos::prelude::*;
//!
//! struct LeadId {
//!     sdk: WidgetSdk,
//! }
//!
//! impl Widget for LeadId {
//!     fn new(host: &Host) -> Result<Self, WidgetError> {
//!         Ok(LeadId { sdk: host.sdk()? })
//!     }
//!
//!     fn init_lead(&mut self, _: LeadParams) -> Result<impl Teardown, WidgetError> {
//!         Ok(())
//!     }
//!
//!     fn widgets_bar_slot(&mut self, slot: Slot) -> Result<impl Teardown, WidgetError> {
//!         let sdk = self.sdk.clone();
//!         // The SlotView is the teardown: the host destroying the slot unmounts the view and
//!         // ends the four subscriptions.
//!         Ok(try_mount_in_slot(slot, move || {
//!             let host = HostSignals::new(&sdk)?;
//!             let id = move || host.lead.with(|lead| match lead {
//!                 Ok(Some(lead)) => lead.id().unwrap_or_default(),
//!                 _ => String::new(),
//!             });
//!             Ok::<_, amocrm_widget_leptos::Error>(view! { <p>"Lead #" {id}</p> })
//!         })?)
//!     }
//! }
//!
//! amocrm_widget::export_widget!(LeadId);
//! # fn main() {}
//! ```
//!
//! The chapter on Leptos (and what to do for Yew) is [`guide`].
#![deny(missing_docs)]

#[doc = include_str!("../GUIDE.md")]
pub mod guide {}

mod error;
mod signals;
mod slot;

pub use error::Error;
pub use signals::{entity_signal, HostSignals, HostValue};
pub use slot::{mount_in_slot, try_mount_in_slot, SlotView};
