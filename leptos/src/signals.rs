//! The host's state as Leptos signals, fed by SDK subscriptions.

use crate::Error;
use amocrm_widget::views::{AuthorsView, LeadFieldsView, LeadView, SysView};
use amocrm_widget::{Entity, WidgetSdk};
use leptos::prelude::{on_cleanup, signal_local, LocalStorage, Owner, ReadSignal, Set};
use send_wrapper::SendWrapper;

/// What a host signal holds: the entity's latest value as the SDK decoded it: `Ok(None)` while
/// the host has none (`null`), `Err` when the host sent a value of the wrong kind.
pub type HostValue<T> = Result<Option<T>, amocrm_widget::Error>;

/// One entity of the host's state as a signal: it holds the current value at once
/// (`withInitialResult`) and every later one the host publishes.
///
/// The subscription belongs to the current reactive owner and ends when that owner is cleaned
/// up (for a view mounted with [`mount_in_slot`](crate::mount_in_slot), when the slot is
/// destroyed). Outside any owner it returns [`Error::NoOwner`] and subscribes to nothing.
///
/// ```no_run
/// use amocrm_widget::views::SysView;
/// use amocrm_widget_leptos::{entity_signal, mount_in_slot};
/// use leptos::prelude::*;
/// # fn f(sdk: amocrm_widget::WidgetSdk, slot: amocrm_widget::lifecycle::Slot) {
/// let view = mount_in_slot(slot, move || {
///     let sys = entity_signal::<SysView>(&sdk);
///     let title = move || match &sys {
///         Ok(sys) => sys.with(|s| match s {
///             Ok(Some(s)) => s.page_title().ok().flatten().unwrap_or_default(),
///             _ => String::new(),
///         }),
///         Err(error) => error.to_string(),
///     };
///     view! { <h3>{title}</h3> }
/// });
/// # }
/// ```
pub fn entity_signal<T: Entity + 'static>(
    sdk: &WidgetSdk,
) -> Result<ReadSignal<HostValue<T>, LocalStorage>, Error> {
    if Owner::current().is_none() {
        return Err(Error::NoOwner);
    }
    let (value, set_value) = signal_local::<HostValue<T>>(Ok(None));
    // `try_set`: a value that arrives after the owner disposed the signal is dropped, quietly.
    let subscription = sdk.subscribe_with_initial::<T, _>(move |latest| {
        set_value.try_set(latest);
    })?;
    let subscription = SendWrapper::new(subscription);
    on_cleanup(move || drop(subscription));
    Ok(value)
}

/// The four entities of the host's state (`PUBLIC_STATE_ENTITIES`) as signals, each fed by its
/// own subscription (see [`entity_signal`]) and released with the owner they were made in.
///
/// The fields are `Copy` signals: move them into as many closures as the view needs.
///
/// ```no_run
/// use amocrm_widget_leptos::{mount_in_slot, HostSignals};
/// use leptos::prelude::*;
/// # fn f(sdk: amocrm_widget::WidgetSdk, slot: amocrm_widget::lifecycle::Slot) {
/// let view = mount_in_slot(slot, move || {
///     let contact = match HostSignals::new(&sdk) {
///         Ok(host) => Some(move || host.lead.with(|lead| {
///             let lead = lead.as_ref().ok()?.as_ref()?;
///             lead.contacts().ok()?.first()?.name().ok()?
///         })),
///         Err(_) => None,
///     };
///     view! { <p>{contact}</p> }
/// });
/// # }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct HostSignals {
    /// `sys`: the account (currency, date and time formats, language).
    pub sys: ReadSignal<HostValue<SysView>, LocalStorage>,
    /// `lead`: the active lead.
    pub lead: ReadSignal<HostValue<LeadView>, LocalStorage>,
    /// `leadFields`: the fields of the lead, its contacts and its company.
    pub lead_fields: ReadSignal<HostValue<LeadFieldsView>, LocalStorage>,
    /// `authors`: the host's record of authors (`AuthorsModel`).
    pub authors: ReadSignal<HostValue<AuthorsView>, LocalStorage>,
}

impl HostSignals {
    /// Subscribes to the four entities in the current reactive owner. If a subscription fails,
    /// those already made stay with the owner (and end with it); the error is returned.
    ///
    /// ```no_run
    /// use amocrm_widget_leptos::{try_mount_in_slot, HostSignals};
    /// use leptos::prelude::*;
    /// # fn f(sdk: amocrm_widget::WidgetSdk, slot: amocrm_widget::lifecycle::Slot) -> Result<(), amocrm_widget_leptos::Error> {
    /// let view = try_mount_in_slot(slot, move || {
    ///     let host = HostSignals::new(&sdk)?;
    ///     Ok::<_, amocrm_widget_leptos::Error>(view! { <p>{move || host.authors.with(|a| a.is_ok())}</p> })
    /// })?;
    /// # Ok(()) }
    /// ```
    pub fn new(sdk: &WidgetSdk) -> Result<Self, Error> {
        Ok(HostSignals {
            sys: entity_signal(sdk)?,
            lead: entity_signal(sdk)?,
            lead_fields: entity_signal(sdk)?,
            authors: entity_signal(sdk)?,
        })
    }
}
