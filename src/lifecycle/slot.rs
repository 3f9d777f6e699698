//! The element the host hands `registerWidgetsBarSlot`, and where in it a widget renders.

use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

// The content class of the host this instance runs in, read from the SDK the widget created
// (`Host::sdk`). `const`-initialised, like the runtime's other statics.
thread_local! {
    static CONTENT_CLASS: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Remembers `constants.GLOBAL_CLASS_NAMES.widgetBarItemContent` of the SDK object the host's
/// `initAmocrmWidgetSdk` returned; anything but a non-empty string means "no content child".
pub(crate) fn learn_content_class(constants: &JsValue) {
    let class = js_sys::Reflect::get(constants, &JsValue::from_str("GLOBAL_CLASS_NAMES"))
        .and_then(|names| js_sys::Reflect::get(&names, &JsValue::from_str("widgetBarItemContent")))
        .ok()
        .and_then(|class| class.as_string())
        .filter(|class| !class.is_empty());
    CONTENT_CLASS.with(|c| *c.borrow_mut() = class);
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
/// widget created with [`Host::sdk`](super::Host::sdk), read once there. A structural guess
/// (say, "the slot's only child") would pick the host's header on a host whose content child
/// comes second, and a hard-coded `js-…` name would break the day the host renames it. A widget
/// that never creates its SDK renders into the element itself.
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
    content: HtmlElement,
}

impl Slot {
    /// Finds the content of `element`, by the host's content class.
    pub(crate) fn new(element: HtmlElement) -> Self {
        // `getElementsByClassName` takes the name as it is: no selector to escape. Not checked
        // with `instanceof` (an element of an iframe's document would fail it).
        let content = CONTENT_CLASS
            .with(|c| {
                let class = c.borrow();
                element
                    .get_elements_by_class_name(class.as_deref()?)
                    .item(0)
            })
            .map_or_else(|| element.clone(), JsCast::unchecked_into);
        Slot { element, content }
    }

    /// Where the widget renders: the host's content child, or the slot element itself.
    pub fn content(&self) -> &HtmlElement {
        &self.content
    }

    /// The whole slot element (class `widgetBarItemContainer`), the host's children included.
    pub fn element(&self) -> &HtmlElement {
        &self.element
    }
}
