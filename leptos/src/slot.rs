//! A Leptos view mounted in the widgets-bar slot, unmounted by the slot's teardown.

use amocrm_widget::lifecycle::Slot;
use amocrm_widget::Teardown;
use leptos::prelude::{IntoView, Owner};
use std::any::Any;

/// A view mounted by [`mount_in_slot`]: return it from `widgets_bar_slot`.
///
/// Its teardown (or its `Drop`) unmounts the view (Leptos' `UnmountHandle`), then cleans up the
/// reactive owner the view function ran in: every effect, signal and `on_cleanup` under it,
/// among them the subscriptions of [`HostSignals`](crate::HostSignals).
///
/// ```no_run
/// use amocrm_widget_leptos::mount_in_slot;
/// use leptos::prelude::*;
/// # fn slot(slot: amocrm_widget::lifecycle::Slot) {
/// let view = mount_in_slot(slot, || view! { <b>"Hello"</b> });
/// drop(view); // unmounted: the slot is empty again
/// # }
/// ```
#[must_use = "a SlotView unmounts as soon as it is dropped: return it from widgets_bar_slot"]
pub struct SlotView {
    /// Leptos' `UnmountHandle<_>`, whose `Drop` unmounts; boxed to keep this type unparameterised.
    mounted: Option<Box<dyn Any>>,
    owner: Owner,
}

impl core::fmt::Debug for SlotView {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SlotView")
            .field("mounted", &self.mounted.is_some())
            .finish()
    }
}

impl SlotView {
    /// Unmounts now (the same as dropping it).
    ///
    /// ```no_run
    /// # fn f(view: amocrm_widget_leptos::SlotView) {
    /// view.unmount();
    /// # }
    /// ```
    pub fn unmount(self) {}
}

impl Drop for SlotView {
    fn drop(&mut self) {
        // The nodes leave the slot first, so no effect re-renders into a view being removed.
        drop(self.mounted.take());
        self.owner.cleanup();
    }
}

impl Teardown for SlotView {
    fn teardown(self: Box<Self>) {
        drop(self)
    }
}

/// Mounts the view `view` returns into the slot's [`content`](Slot::content), with a reactive
/// owner of its own.
///
/// Leptos appends the view to the content element (what the host put there, and beside it, stays); the returned
/// [`SlotView`] removes it again. `view` runs inside the new owner, so signals, effects and
/// [`HostSignals`](crate::HostSignals) created there live exactly as long as the mount.
///
/// ```no_run
/// use amocrm_widget::lifecycle::{Teardown, WidgetError};
/// use amocrm_widget_leptos::mount_in_slot;
/// use leptos::prelude::*;
/// fn widgets_bar_slot(slot: amocrm_widget::lifecycle::Slot) -> Result<impl Teardown, WidgetError> {
///     Ok(mount_in_slot(slot, || {
///         let (count, set_count) = signal(0);
///         view! { <button on:click=move |_| set_count.update(|n| *n += 1)>{count}</button> }
///     }))
/// }
/// ```
pub fn mount_in_slot<F, N>(slot: Slot, view: F) -> SlotView
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    match try_mount_in_slot(slot, move || Ok::<_, core::convert::Infallible>(view())) {
        Ok(mounted) => mounted,
        Err(never) => match never {},
    }
}

/// Like [`mount_in_slot`] for a view function that can fail: `?` works inside it, and on an
/// error nothing is mounted and everything the function created (subscriptions included) is
/// cleaned up before the error is returned.
///
/// ```no_run
/// use amocrm_widget::lifecycle::{Teardown, WidgetError};
/// use amocrm_widget::WidgetSdk;
/// use amocrm_widget_leptos::{try_mount_in_slot, HostSignals};
/// use leptos::prelude::*;
/// fn widgets_bar_slot(sdk: WidgetSdk, slot: amocrm_widget::lifecycle::Slot) -> Result<impl Teardown, WidgetError> {
///     Ok(try_mount_in_slot(slot, move || {
///         let host = HostSignals::new(&sdk)?;
///         let loaded = move || host.lead.with(|lead| matches!(lead, Ok(Some(_))));
///         Ok::<_, amocrm_widget_leptos::Error>(view! { <p>{move || loaded().then_some("loaded")}</p> })
///     })?)
/// }
/// ```
pub fn try_mount_in_slot<F, N, E>(slot: Slot, view: F) -> Result<SlotView, E>
where
    F: FnOnce() -> Result<N, E>,
    N: IntoView + 'static,
{
    // Called from the host's `registerWidgetsBarSlot`, no owner is current: this one is a root.
    // (Called inside another owner, it becomes that owner's child and ends with it at the latest.)
    let owner = Owner::new();
    let built = owner.with(view);
    let view = match built {
        Ok(view) => view,
        Err(error) => {
            owner.cleanup();
            return Err(error);
        }
    };
    // `mount_to` makes the owner that renders the view a child of this one.
    let mounted = owner.with(move || leptos::mount::mount_to(slot.content().clone(), move || view));
    Ok(SlotView {
        mounted: Some(Box::new(mounted)),
        owner,
    })
}
