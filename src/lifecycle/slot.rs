//! The element the host hands `registerWidgetsBarSlot`, and where in it a widget renders.

use crate::ffi;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

/// `constants.GLOBAL_CLASS_NAMES.widgetBarItemContent` of the SDK object the host's
/// `initAmocrmWidgetSdk` returned, kept as the host's JS string (never copied into the wasm and
/// back). `None` (no content child) when it is missing or `null`, or a getter throws. Not
/// checked further: any other value names a class no element has, or the one the host chose.
pub(crate) fn content_class(constants: &JsValue) -> Option<JsValue> {
    constants
        .unchecked_ref::<ffi::ConstantsObject>()
        .global_class_names()
        .and_then(|names| names.widget_bar_item_content())
        .ok()
        .filter(|class| !class.is_undefined() && !class.is_null())
}

/// The widgets-bar slot the host handed the widget: render into [`content`](Slot::content).
///
/// Hosts differ in what the slot element holds. The documented contract (SPEC §1) hands an
/// empty element of class `widgetBarItemContainer`, and the widget renders into it. Later
/// hosts put their own children in it (such as a header) beside a content child of class
/// `GLOBAL_CLASS_NAMES.widgetBarItemContent`, and the vendor's own widgets render into that
/// child. `content` is that child when the host provided one and the element itself otherwise,
/// so one widget works with both; whatever else the host put in the slot is the host's.
///
/// The class name comes from the host itself: `constants.GLOBAL_CLASS_NAMES` of the SDK the
/// widget created with [`Host::sdk`](super::Host::sdk), read once there and kept with the
/// instance; the content is the first element of that class in the slot, as the vendor's
/// `el.querySelector('.' + …)` finds it. A structural guess (say, "the slot's only child")
/// would pick the host's header on a host whose content child comes second, and a hard-coded
/// `js-…` name would break the day the host renames it. A widget that never creates its SDK
/// renders into the element itself.
///
/// ```
/// use amocrm_widget::lifecycle::{Slot, Teardown, WidgetError};
/// fn widgets_bar_slot(slot: Slot) -> Result<impl Teardown, WidgetError> {
///     let content = slot.content().clone();
///     content.set_text_content(Some("Hello world!"));
///     Ok(move || content.set_text_content(None))
/// }
/// ```
pub struct Slot {
    element: HtmlElement,
    /// The host's content child; `None`: the element itself (no second handle to it).
    child: Option<HtmlElement>,
}

impl Slot {
    /// Finds the content of `element` by the host's content class (`None`: there is none).
    pub(crate) fn new(element: HtmlElement, content_class: Option<&JsValue>) -> Self {
        // `getElementsByClassName` takes the name as it is: no selector to escape. Not checked
        // with `instanceof` (an element of an iframe's document would fail it). A lookup that
        // throws (a page that replaced the method) leaves the widget the element itself.
        let child = content_class.and_then(|class| {
            let list = element
                .unchecked_ref::<ffi::SlotElement>()
                .elements_by_class_name(class)
                .ok()?;
            let child = Some(list.item(0)).filter(JsValue::is_object)?;
            Some(child.unchecked_into())
        });
        Slot { element, child }
    }

    /// Where the widget renders: the host's content child, or the slot element itself.
    pub fn content(&self) -> &HtmlElement {
        self.child.as_ref().unwrap_or(&self.element)
    }

    /// The whole slot element (class `widgetBarItemContainer`), the host's children included.
    pub fn element(&self) -> &HtmlElement {
        &self.element
    }
}
