//! Raw, duck-typed bindings to the host objects. Every call that reaches host code has `catch`;
//! getters return `JsValue` so the typed layer decides what a wrong type means.
//!
//! Not called `sys` (the `-sys` crate convention): in this crate `sys` is amoCRM's account
//! settings entity.
#![allow(missing_docs)]

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The object `initAmocrmWidgetSdk` returns: `{ methods, constants }`.
    #[derive(Clone, Debug)]
    pub type SdkObject;
    #[wasm_bindgen(method, getter, catch)]
    pub fn methods(this: &SdkObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn constants(this: &SdkObject) -> Result<JsValue, JsValue>;

    /// `WidgetSdk.methods`.
    #[derive(Clone, Debug)]
    pub type Methods;
    #[wasm_bindgen(method, catch, js_name = getState)]
    pub fn get_state(this: &Methods, entity: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn subscribe(
        this: &Methods,
        entity: &str,
        callback: &JsValue,
        options: &JsValue,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = getRouterQuery)]
    pub fn get_router_query(this: &Methods) -> Result<JsValue, JsValue>;

    /// `{ version }`, the argument of `initAmocrmWidgetSdk`.
    pub type InitOptions;
    #[wasm_bindgen(method, setter)]
    pub fn set_version(this: &InitOptions, version: &str);

    /// `{ withInitialResult }`, the options of `subscribe`.
    pub type SubscribeOptions;
    #[wasm_bindgen(method, setter, js_name = withInitialResult)]
    pub fn set_with_initial_result(this: &SubscribeOptions, value: bool);

    /// `RouterQuery`.
    #[derive(Clone, Debug)]
    pub type RouterQueryObject;
    #[wasm_bindgen(method, getter, catch, js_name = leadId)]
    pub fn lead_id(this: &RouterQueryObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = accountId)]
    pub fn account_id(this: &RouterQueryObject) -> Result<JsValue, JsValue>;

    /// `SysModel`.
    #[derive(Clone, Debug)]
    pub type SysObject;
    #[wasm_bindgen(method, getter, catch, js_name = currencySymbol)]
    pub fn currency_symbol(this: &SysObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = dateFormat)]
    pub fn date_format(this: &SysObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = timeFormat)]
    pub fn time_format(this: &SysObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn lang(this: &SysObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = isRemovalAvailable)]
    pub fn is_removal_available(this: &SysObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = logoUrl)]
    pub fn logo_url(this: &SysObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = pageTitle)]
    pub fn page_title(this: &SysObject) -> Result<JsValue, JsValue>;

    /// `LeadModel`.
    #[derive(Clone, Debug)]
    pub type LeadObject;
    #[wasm_bindgen(method, getter, catch)]
    pub fn id(this: &LeadObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn pid(this: &LeadObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = isLeadLoaded)]
    pub fn is_lead_loaded(this: &LeadObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = fieldIds)]
    pub fn field_ids(this: &LeadObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = managerId)]
    pub fn manager_id(this: &LeadObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn company(this: &LeadObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn statuses(this: &LeadObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn contacts(this: &LeadObject) -> Result<JsValue, JsValue>;

    /// One of `LeadModel.statuses`.
    #[derive(Clone, Debug)]
    pub type StatusObject;
    #[wasm_bindgen(method, getter, catch)]
    pub fn id(this: &StatusObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn name(this: &StatusObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn color(this: &StatusObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = pipelineId)]
    pub fn pipeline_id(this: &StatusObject) -> Result<JsValue, JsValue>;

    /// A contact or the company of a lead: `{ id, name, fieldIds }`.
    #[derive(Clone, Debug)]
    pub type MemberObject;
    #[wasm_bindgen(method, getter, catch)]
    pub fn id(this: &MemberObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn name(this: &MemberObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = fieldIds)]
    pub fn field_ids(this: &MemberObject) -> Result<JsValue, JsValue>;

    /// One of `AuthorsModel`.
    #[derive(Clone, Debug)]
    pub type AuthorObject;
    #[wasm_bindgen(method, getter, catch)]
    pub fn id(this: &AuthorObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn name(this: &AuthorObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = avatarUrl)]
    pub fn avatar_url(this: &AuthorObject) -> Result<JsValue, JsValue>;

    /// A lead field (`LeadFieldsModel[id]`).
    #[derive(Clone, Debug)]
    pub type FieldObject;
    #[wasm_bindgen(method, getter, catch)]
    pub fn id(this: &FieldObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn source(this: &FieldObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn name(this: &FieldObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = type)]
    pub fn field_type(this: &FieldObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn value(this: &FieldObject) -> Result<JsValue, JsValue>;

    /// `constants.GLOBAL_CLASS_NAMES`.
    #[derive(Clone, Debug)]
    pub type ClassNamesObject;
    #[wasm_bindgen(method, getter, catch, js_name = widgetBarItemContainer)]
    pub fn widget_bar_item_container(this: &ClassNamesObject) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = widgetBarItemContent)]
    pub fn widget_bar_item_content(this: &ClassNamesObject) -> Result<JsValue, JsValue>;

    /// The host's `constants`, for the group the lifecycle runtime reads itself.
    pub type ConstantsObject;
    #[wasm_bindgen(method, getter, catch, js_name = GLOBAL_CLASS_NAMES)]
    pub fn global_class_names(this: &ConstantsObject) -> Result<ClassNamesObject, JsValue>;

    /// An element, for the one lookup the slot makes: the class name stays a JS string.
    pub type SlotElement;
    #[wasm_bindgen(method, catch, js_name = getElementsByClassName)]
    pub fn elements_by_class_name(
        this: &SlotElement,
        name: &JsValue,
    ) -> Result<ElementList, JsValue>;

    /// An `HTMLCollection`.
    pub type ElementList;
    #[wasm_bindgen(method)]
    pub fn item(this: &ElementList, index: u32) -> JsValue;

    /// `Object.entries`, which runs the host's getters.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    pub fn object_entries(object: &JsValue) -> Result<js_sys::Array, JsValue>;

    /// `Object.keys`.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    pub fn object_keys(object: &JsValue) -> Result<js_sys::Array, JsValue>;

    /// `Object.values`, which runs the host's getters: a fresh array, whose items are then read
    /// one `get` each, each straight into the wasm's table. (A `Vec<JsValue>` return looks like
    /// one crossing but is not: for every item the glue calls back into the wasm for a table
    /// slot, sets it from JavaScript and writes its index through a `DataView`, which measured
    /// slower.)
    #[wasm_bindgen(catch, js_namespace = Object, js_name = values)]
    pub fn object_values(object: &JsValue) -> Result<js_sys::Array, JsValue>;

    /// `String(n)`: JS number formatting, so the wasm needs no float formatting of its own.
    #[wasm_bindgen(js_name = String)]
    pub fn number_to_string(n: f64) -> String;

    /// `String(value)`, which may throw (a `toString` that throws).
    #[wasm_bindgen(catch, js_name = String)]
    pub fn js_string(value: &JsValue) -> Result<String, JsValue>;

    /// The AMD loader's global `require(deps, onLoad, onError)`.
    #[wasm_bindgen(catch, js_name = require)]
    pub fn amd_require(
        deps: &js_sys::Array,
        on_load: &js_sys::Function,
        on_error: &js_sys::Function,
    ) -> Result<(), JsValue>;
}
