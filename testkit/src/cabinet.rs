//! The fake client cabinet: a host over a state store, its modules under requirejs, faults.

use crate::error::{js_message, KitError};
use crate::js::{self, CabinetJs, DriverJs, GlueJs, HostJs};
use crate::Token;
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// The documented host modules the shim is told about by default (besides `amocrm-sdk`), so
/// `Host::module::<M>()` finds each one as in a real cabinet: the SDK's
/// `amocrm_widget::modules::HostModule::KNOWN` but `amocrm-sdk` (a test keeps them equal).
pub const HOST_MODULES: &[&str] = &[
    "import-modules",
    "jquery",
    "react",
    "react-dom",
    "@reduxjs/toolkit",
    "react-redux",
    "immer.produce",
    "immer.current",
    "nanoid",
    "classnames",
    "dateformat",
    "lodash",
];

/// A host method the kit can make fail (the methods of `amocrm-sdk` as the vendor documents
/// them, plus the unsubscribe function `subscribe` returns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum HostMethod {
    /// `initAmocrmWidgetSdk({ version })`, the `amocrm-sdk` module itself.
    InitAmocrmWidgetSdk,
    /// `methods.getState(entity)`.
    GetState,
    /// `methods.subscribe(entity, callback, options)`.
    Subscribe,
    /// `methods.getRouterQuery()`.
    GetRouterQuery,
    /// The function `subscribe` returned.
    Unsubscribe,
}

impl HostMethod {
    /// The emulation's name for it.
    ///
    /// ```
    /// assert_eq!(amocrm_widget_testkit::HostMethod::GetState.name(), "getState");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            HostMethod::InitAmocrmWidgetSdk => "initAmocrmWidgetSdk",
            HostMethod::GetState => "getState",
            HostMethod::Subscribe => "subscribe",
            HostMethod::GetRouterQuery => "getRouterQuery",
            HostMethod::Unsubscribe => "unsubscribe",
        }
    }
}

/// How a broken host method fails.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Fault {
    /// It throws `new Error(message)`.
    Throws(String),
    /// It throws this value itself (a string, a number, `null`: hosts throw anything).
    ThrowsValue(Value),
    /// It returns `null` without doing its work (`subscribe` then registers nothing).
    ReturnsNull,
    /// It returns this value without doing its work.
    Returns(Value),
}

pub(crate) fn json_to_js(value: &Value) -> Result<JsValue, KitError> {
    js::parse_json(&value.to_string()).map_err(|e| KitError::Json(js_message(&e)))
}

pub(crate) fn js_to_json(value: &JsValue) -> Result<Value, KitError> {
    let text = js::stringify_json(value).map_err(|e| KitError::Json(js_message(&e)))?;
    serde_json::from_str(&text).map_err(|e| KitError::Json(e.to_string()))
}

pub(crate) type TokenFn = dyn Fn(&str) -> String;

/// How a cabinet starts: its state, the lead a mount opens, tokens, modules.
///
/// ```no_run
/// use amocrm_widget_testkit::Cabinet;
/// use serde_json::json;
///
/// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
/// let cabinet = Cabinet::builder()
///     .lang("en")
///     .state("authors", json!({}))
///     .lead("3412002")
///     .build()
///     .await?;
/// # Ok(()) }
/// ```
pub struct CabinetBuilder {
    empty: bool,
    state: Vec<(String, Value)>,
    sys: Vec<(String, Value)>,
    router_query: Option<Value>,
    lead: LeadChoice,
    modules: Vec<String>,
    token: Rc<TokenFn>,
    crate_name: Option<String>,
    allowed_listeners: Vec<String>,
    slot_shape: SlotShape,
}

/// What the slot element the host hands `registerWidgetsBarSlot` holds
/// ([`CabinetBuilder::slot_shape`]). A widget renders into
/// [`Slot::content`](amocrm_widget::lifecycle::Slot::content) and works with both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SlotShape {
    /// The documented contract: an empty element, which the widget renders into.
    #[default]
    Element,
    /// The vendor's later hosts: the host's own header (class [`SlotShape::HEADER_CLASS`], text
    /// [`SlotShape::HEADER_TEXT`]) and, after it, a content child of class
    /// `GLOBAL_CLASS_NAMES.widgetBarItemContent`, which the widget renders into.
    Content,
}

impl SlotShape {
    /// The class of the host's header in a [`SlotShape::Content`] slot.
    pub const HEADER_CLASS: &'static str = "widget-bar-item-header";
    /// The text of the host's header in a [`SlotShape::Content`] slot.
    pub const HEADER_TEXT: &'static str = "Widget";

    /// The host emulation's name for the shape (`createDriver`'s `slotShape`).
    fn name(self) -> &'static str {
        match self {
            SlotShape::Element => "element",
            SlotShape::Content => "content",
        }
    }
}

#[derive(Clone)]
pub(crate) enum LeadChoice {
    Fixture(String),
    Model(Value),
    None,
}

/// What a mount takes from its cabinet, once: the handle it stays mounted in, and the builder's
/// choices for loading the widget and opening the first lead.
pub(crate) struct MountPlan {
    pub(crate) cabinet: Cabinet,
    pub(crate) crate_name: Option<String>,
    pub(crate) modules: Vec<String>,
    pub(crate) lead: LeadChoice,
    pub(crate) token: Rc<TokenFn>,
}

impl CabinetBuilder {
    /// Starts with every entity `null` (nothing loaded) instead of the fixtures; the lead a
    /// mount opens still sets `lead`.
    ///
    /// ```no_run
    /// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
    /// let cabinet = amocrm_widget_testkit::Cabinet::builder().empty().build().await?;
    /// assert!(cabinet.state("sys")?.is_null());
    /// # Ok(()) }
    /// ```
    pub fn empty(mut self) -> Self {
        self.empty = true;
        self
    }

    /// Sets an entity's initial state (`sys`, `lead`, `leadFields`, `authors`).
    ///
    /// ```no_run
    /// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
    /// let cabinet = amocrm_widget_testkit::Cabinet::builder()
    ///     .state("leadFields", serde_json::json!({}))
    ///     .build()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn state(mut self, entity: &str, value: Value) -> Self {
        self.state.push((entity.to_string(), value));
        self
    }

    /// Sets the account's language (`sys.lang`: `ru`, `en`, `es`, `pt`, or anything else).
    ///
    /// ```no_run
    /// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
    /// let cabinet = amocrm_widget_testkit::Cabinet::builder().lang("en").build().await?;
    /// assert_eq!(cabinet.state("sys")?["lang"], "en");
    /// # Ok(()) }
    /// ```
    pub fn lang(self, lang: &str) -> Self {
        self.sys_field("lang", Value::from(lang))
    }

    /// Sets one field of `sys` (e.g. `dateFormat`, `timeFormat`, `currencySymbol`).
    ///
    /// ```no_run
    /// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
    /// let cabinet = amocrm_widget_testkit::Cabinet::builder()
    ///     .sys_field("dateFormat", "mm/dd/yyyy".into())
    ///     .build()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn sys_field(mut self, name: &str, value: Value) -> Self {
        self.sys.push((name.to_string(), value));
        self
    }

    /// What `getRouterQuery()` answers before the first lead opens (opening a lead sets
    /// `leadId`).
    ///
    /// ```no_run
    /// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
    /// let cabinet = amocrm_widget_testkit::Cabinet::builder()
    ///     .router_query(serde_json::json!({ "accountId": "1" }))
    ///     .build()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn router_query(mut self, query: Value) -> Self {
        self.router_query = Some(query);
        self
    }

    /// The fixture lead `mount` opens (default: the first, `3412001`; the fixtures also have
    /// `3412002`, with two fields, no contacts and no company).
    ///
    /// ```no_run
    /// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
    /// let cabinet = amocrm_widget_testkit::Cabinet::builder().lead("3412002").build().await?;
    /// # Ok(()) }
    /// ```
    pub fn lead(mut self, id: &str) -> Self {
        self.lead = LeadChoice::Fixture(id.to_string());
        self
    }

    /// A lead model of your own for `mount` to open (a `LeadModel` object; `id` is required).
    ///
    /// ```no_run
    /// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
    /// let cabinet = amocrm_widget_testkit::Cabinet::builder()
    ///     .lead_model(serde_json::json!({ "id": "5", "isLeadLoaded": true, "fieldIds": [] }))
    ///     .build()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn lead_model(mut self, lead: Value) -> Self {
        self.lead = LeadChoice::Model(lead);
        self
    }

    /// `mount` opens no lead: the widget module is loaded and waits for
    /// [`Mounted::open_lead`](crate::Mounted::open_lead).
    ///
    /// ```no_run
    /// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
    /// let cabinet = amocrm_widget_testkit::Cabinet::builder().no_lead().build().await?;
    /// # Ok(()) }
    /// ```
    pub fn no_lead(mut self) -> Self {
        self.lead = LeadChoice::None;
        self
    }

    /// The host modules the widget's `personal_page.js` declares (what `amo-widget build` finds
    /// in the widget's code); default [`HOST_MODULES`], all of them.
    ///
    /// ```no_run
    /// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
    /// let cabinet = amocrm_widget_testkit::Cabinet::builder().modules(&["dateformat"]).build().await?;
    /// # Ok(()) }
    /// ```
    pub fn modules(mut self, modules: &[&str]) -> Self {
        self.modules = modules.iter().map(|m| m.to_string()).collect();
        self
    }

    /// The `params.token` of each `initLead`, by lead id (default: [`Token::for_lead`] minted
    /// with [`TEST_SECRET`](crate::TEST_SECRET)).
    ///
    /// ```no_run
    /// use amocrm_widget_testkit::{Cabinet, Token};
    /// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
    /// let cabinet = Cabinet::builder()
    ///     .token(|lead| Token::for_lead(lead).user_id(7).mint())
    ///     .build()
    ///     .await?;
    /// let no_token = Cabinet::builder().token(|_| String::new()).build().await?;
    /// # Ok(()) }
    /// ```
    pub fn token(mut self, token: impl Fn(&str) -> String + 'static) -> Self {
        self.token = Rc::new(token);
        self
    }

    /// The crate name the shim prefixes its console lines with (`amocrm widget <name>: `);
    /// default: the widget type's crate.
    ///
    /// ```no_run
    /// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
    /// let cabinet = amocrm_widget_testkit::Cabinet::builder().crate_name("my-widget").build().await?;
    /// # Ok(()) }
    /// ```
    pub fn crate_name(mut self, name: &str) -> Self {
        self.crate_name = Some(name.to_string());
        self
    }

    /// A DOM listener [`Mounted::check_clean`](crate::Mounted::check_clean) accepts being left
    /// behind, written as [`Mounted::listeners_left`](crate::Mounted::listeners_left) shows it
    /// (`type on target`): for frameworks that add one listener per event type to the document
    /// once per page and keep it on purpose (Leptos's event delegation).
    ///
    /// ```no_run
    /// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
    /// let cabinet = amocrm_widget_testkit::Cabinet::builder()
    ///     .allow_listener("click on document")
    ///     .build()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn allow_listener(mut self, listener: &str) -> Self {
        self.allowed_listeners.push(listener.to_string());
        self
    }

    /// What the slot element holds ([`SlotShape::Element`] unless told): test a widget with
    /// both, and read where it rendered with [`Mounted::content`](crate::Mounted::content).
    ///
    /// ```no_run
    /// use amocrm_widget_testkit::{Cabinet, SlotShape};
    /// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
    /// let cabinet = Cabinet::builder().slot_shape(SlotShape::Content).build().await?;
    /// # Ok(()) }
    /// ```
    pub fn slot_shape(mut self, shape: SlotShape) -> Self {
        self.slot_shape = shape;
        self
    }

    /// Loads requirejs and the host emulation (once per page) and makes the cabinet: a host
    /// with its own state and a requirejs context of its own.
    pub async fn build(self) -> Result<Cabinet, KitError> {
        js::install_requirejs(&amocrm_host_modules::REQUIREJS.text())
            .map_err(|e| KitError::Setup(js_message(&e)))?;
        let ns = JsFuture::from(js::load_host(amocrm_host_emulation::AMOCRM_HOST_JS))
            .await
            .map_err(|e| KitError::Setup(format!("the host emulation: {}", js_message(&e))))?;
        let state = self.initial_state(&ns)?;
        let router = match &self.router_query {
            Some(q) => json_to_js(q)?,
            None => JsValue::NULL,
        };
        let vendor = js_sys::Array::new();
        for module in amocrm_host_modules::MODULES {
            let served = module.served();
            let pair = js_sys::Array::of2(
                &module.amd_name.into(),
                &String::from_utf8_lossy(&served).as_ref().into(),
            );
            vendor.push(&pair);
        }
        let aliases = js_sys::Array::new();
        for alias in amocrm_host_modules::ALIASES {
            let triple = js_sys::Array::of3(
                &alias.amd_name.into(),
                &alias.of.into(),
                &alias.export.into(),
            );
            aliases.push(&triple);
        }
        let promise = js::create_cabinet(&ns, &state, &router, &vendor, &aliases)
            .map_err(|e| KitError::Setup(js_message(&e)))?;
        let js: CabinetJs = JsFuture::from(promise)
            .await
            .map_err(|e| KitError::Setup(js_message(&e)))?
            .into();
        Ok(Cabinet {
            inner: Rc::new(Inner {
                js,
                lead: self.lead,
                modules: self.modules,
                token: self.token,
                crate_name: self.crate_name,
                allowed_listeners: self.allowed_listeners,
                slot_shape: self.slot_shape,
            }),
        })
    }

    fn initial_state(&self, ns: &JsValue) -> Result<JsValue, KitError> {
        if !self.empty && self.state.is_empty() && self.sys.is_empty() {
            return Ok(JsValue::NULL);
        }
        let mut state = serde_json::Map::new();
        if !self.empty {
            let fixtures = js_sys::Reflect::get(ns, &"FIXTURES".into())
                .map_err(|e| KitError::Setup(js_message(&e)))?;
            let fixtures = js_to_json(&fixtures)?;
            let first = fixtures["leads"]
                .as_object()
                .and_then(|leads| leads.values().next().cloned())
                .unwrap_or(Value::Null);
            state.insert("sys".into(), fixtures["sys"].clone());
            state.insert("lead".into(), first);
            state.insert("leadFields".into(), fixtures["leadFields"].clone());
            state.insert("authors".into(), fixtures["authors"].clone());
        }
        for (entity, value) in &self.state {
            state.insert(entity.clone(), value.clone());
        }
        if !self.sys.is_empty() {
            let sys = state
                .entry("sys")
                .or_insert_with(|| Value::Object(Default::default()));
            if !sys.is_object() {
                *sys = Value::Object(Default::default());
            }
            if let Some(sys) = sys.as_object_mut() {
                for (name, value) in &self.sys {
                    sys.insert(name.clone(), value.clone());
                }
            }
        }
        json_to_js(&Value::Object(state))
    }
}

pub(crate) struct Inner {
    pub(crate) js: CabinetJs,
    pub(crate) lead: LeadChoice,
    pub(crate) modules: Vec<String>,
    pub(crate) token: Rc<TokenFn>,
    pub(crate) crate_name: Option<String>,
    pub(crate) allowed_listeners: Vec<String>,
    pub(crate) slot_shape: SlotShape,
}

impl Drop for Inner {
    fn drop(&mut self) {
        js::remove_cabinet(&self.js);
    }
}

/// A fake client cabinet for one test: the one host emulation (`amocrm-host.js`, written from
/// the vendor's document) with the fixtures, the host's modules under a real requirejs, and a
/// widgets bar in the page. Cheap to clone (a handle).
///
/// ```no_run
/// use amocrm_widget_testkit::Cabinet;
/// # struct MyWidget;
/// # impl amocrm_widget::lifecycle::Widget for MyWidget {
/// #     fn new(_: &amocrm_widget::lifecycle::Host) -> Result<Self, amocrm_widget::lifecycle::WidgetError> { Ok(MyWidget) }
/// #     fn init_lead(&mut self, _: amocrm_widget::lifecycle::LeadParams) -> Result<impl amocrm_widget::lifecycle::Teardown, amocrm_widget::lifecycle::WidgetError> { Ok(()) }
/// #     fn widgets_bar_slot(&mut self, _: amocrm_widget::lifecycle::Slot) -> Result<impl amocrm_widget::lifecycle::Teardown, amocrm_widget::lifecycle::WidgetError> { Ok(()) }
/// # }
///
/// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
/// let cabinet = Cabinet::new().await?;
/// let mut widget = cabinet.mount::<MyWidget>().await?;
/// assert!(widget.slot_text().contains("3412001"));
/// widget.assert_clean(); // destroys it, then checks teardowns, subscriptions, listeners
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Cabinet {
    pub(crate) inner: Rc<Inner>,
}

impl Cabinet {
    /// A cabinet with the fixtures, every host module, tokens from [`Token::for_lead`], and the
    /// first fixture lead for `mount` to open.
    pub async fn new() -> Result<Cabinet, KitError> {
        Cabinet::builder().build().await
    }

    /// A cabinet to configure; see [`CabinetBuilder`].
    ///
    /// ```no_run
    /// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
    /// let cabinet = amocrm_widget_testkit::Cabinet::builder().lang("en").build().await?;
    /// # Ok(()) }
    /// ```
    pub fn builder() -> CabinetBuilder {
        CabinetBuilder {
            empty: false,
            state: Vec::new(),
            sys: Vec::new(),
            router_query: None,
            lead: LeadChoice::Fixture("3412001".into()),
            modules: HOST_MODULES.iter().map(|m| m.to_string()).collect(),
            token: Rc::new(|lead: &str| Token::for_lead(lead).mint()),
            crate_name: None,
            allowed_listeners: Vec::new(),
            slot_shape: SlotShape::Element,
        }
    }

    pub(crate) fn host(&self) -> HostJs {
        self.inner.js.host()
    }

    /// What mounting a widget takes from this cabinet: [`Cabinet::mount`] hands it to the
    /// [`Mounted`](crate::Mounted) it makes.
    pub(crate) fn mount_plan(&self) -> MountPlan {
        MountPlan {
            cabinet: self.clone(),
            crate_name: self.inner.crate_name.clone(),
            modules: self.inner.modules.clone(),
            lead: self.inner.lead.clone(),
            token: Rc::clone(&self.inner.token),
        }
    }

    /// Loads a filled `personal_page.js` as a fresh module of this cabinet's requirejs context.
    pub(crate) fn load_widget(
        &self,
        shim: &str,
        glue: &GlueJs,
    ) -> Result<js_sys::Promise, KitError> {
        js::load_widget(&self.inner.js, shim, glue).map_err(|e| KitError::Load(js_message(&e)))
    }

    /// The host's lifecycle driver for a loaded widget module, with `token` minting each
    /// `initLead`'s token.
    pub(crate) fn create_driver(
        &self,
        widget: &JsValue,
        token: &js_sys::Function,
    ) -> Result<DriverJs, KitError> {
        js::create_driver(&self.inner.js, widget, token, self.inner.slot_shape.name())
            .map_err(|e| KitError::Load(js_message(&e)))
    }

    /// A copy of the fixture lead `id`, or `null` when there is none.
    pub(crate) fn fixture_lead(&self, id: &str) -> JsValue {
        js::fixture_lead(&self.inner.js, id)
    }

    /// Whether [`Mounted::check_clean`](crate::Mounted::check_clean) accepts `listener` being
    /// left behind ([`CabinetBuilder::allow_listener`]).
    pub(crate) fn allows_listener(&self, listener: &str) -> bool {
        self.inner.allowed_listeners.iter().any(|l| l == listener)
    }

    /// Sets an entity (`sys`, `lead`, `leadFields`, `authors`; `null` = not loaded) and
    /// notifies its subscribers, as the cabinet does when data changes.
    ///
    /// ```no_run
    /// # async fn f(cabinet: amocrm_widget_testkit::Cabinet) -> Result<(), amocrm_widget_testkit::KitError> {
    /// let mut sys = cabinet.state("sys")?;
    /// sys["lang"] = "en".into();
    /// cabinet.set_state("sys", sys)?;
    /// # Ok(()) }
    /// ```
    pub fn set_state(&self, entity: &str, value: Value) -> Result<(), KitError> {
        let value = json_to_js(&value)?;
        self.set_state_js(entity, &value)
    }

    /// [`set_state`](Self::set_state) with a JavaScript value, passed to subscribers as is
    /// (for shapes JSON cannot make: `undefined`, functions, getters that throw, ...).
    ///
    /// ```no_run
    /// # async fn f(cabinet: amocrm_widget_testkit::Cabinet) -> Result<(), amocrm_widget_testkit::KitError> {
    /// cabinet.set_state_js("authors", &wasm_bindgen::JsValue::UNDEFINED)?;
    /// # Ok(()) }
    /// ```
    pub fn set_state_js(&self, entity: &str, value: &JsValue) -> Result<(), KitError> {
        self.host()
            .set_state(entity, value)
            .map_err(|e| KitError::Host(js_message(&e)))
    }

    /// An entity's current state, as JSON (`null` when not loaded).
    ///
    /// ```no_run
    /// # async fn f(cabinet: amocrm_widget_testkit::Cabinet) -> Result<(), amocrm_widget_testkit::KitError> {
    /// assert_eq!(cabinet.state("lead")?["id"], "3412001");
    /// # Ok(()) }
    /// ```
    pub fn state(&self, entity: &str) -> Result<Value, KitError> {
        let snapshot = js_to_json(&self.host().state_snapshot())?;
        snapshot
            .get(entity)
            .cloned()
            .ok_or_else(|| KitError::Host(format!("no entity {entity:?}")))
    }

    /// Sets what `getRouterQuery()` answers (opening a lead sets `leadId` again).
    ///
    /// ```no_run
    /// # async fn f(cabinet: amocrm_widget_testkit::Cabinet) -> Result<(), amocrm_widget_testkit::KitError> {
    /// cabinet.set_router_query(serde_json::json!({ "leadId": "9", "accountId": "1" }))?;
    /// # Ok(()) }
    /// ```
    pub fn set_router_query(&self, query: Value) -> Result<(), KitError> {
        self.host().set_router_query(&json_to_js(&query)?);
        Ok(())
    }

    /// Host subscriptions not yet unsubscribed (the widget's; the cabinet's own views are not
    /// counted).
    ///
    /// ```no_run
    /// # fn f(cabinet: amocrm_widget_testkit::Cabinet) {
    /// assert_eq!(cabinet.live_subscriptions(), 0);
    /// # }
    /// ```
    pub fn live_subscriptions(&self) -> u32 {
        self.host().live_subscriptions()
    }

    /// Makes a host method fail, from now until [`repair`](Self::repair).
    ///
    /// ```no_run
    /// use amocrm_widget_testkit::{Fault, HostMethod};
    /// # fn f(cabinet: amocrm_widget_testkit::Cabinet) {
    /// cabinet.break_method(HostMethod::GetState, Fault::Throws("the cabinet is down".into()));
    /// cabinet.break_method(HostMethod::Subscribe, Fault::ReturnsNull);
    /// # }
    /// ```
    pub fn break_method(&self, method: HostMethod, fault: Fault) {
        let host = self.host();
        host.repair(method.name());
        match fault {
            Fault::Throws(message) => {
                host.break_method(method.name(), &js_sys::Error::new(&message).into())
            }
            Fault::ThrowsValue(value) => {
                host.break_method(method.name(), &json_to_js(&value).unwrap_or(JsValue::NULL))
            }
            Fault::ReturnsNull => host.answer_with(method.name(), &JsValue::NULL),
            Fault::Returns(value) => {
                host.answer_with(method.name(), &json_to_js(&value).unwrap_or(JsValue::NULL))
            }
        }
    }

    /// Makes a broken host method work again.
    ///
    /// ```no_run
    /// # fn f(cabinet: amocrm_widget_testkit::Cabinet) {
    /// cabinet.repair(amocrm_widget_testkit::HostMethod::GetState);
    /// # }
    /// ```
    pub fn repair(&self, method: HostMethod) {
        self.host().repair(method.name());
    }

    /// The fixture leads' ids, in order.
    ///
    /// ```no_run
    /// # fn f(cabinet: amocrm_widget_testkit::Cabinet) {
    /// assert_eq!(cabinet.fixture_leads(), ["3412001", "3412002"]);
    /// # }
    /// ```
    pub fn fixture_leads(&self) -> Vec<String> {
        js::fixture_lead_ids(&self.inner.js)
    }

    /// The host emulation's host object (`createHost()`'s), for what the kit does not wrap
    /// (`stats`, `observe`, ...; see host-emulation/README.md).
    pub fn host_js(&self) -> JsValue {
        self.host().into()
    }
}

#[cfg(test)]
mod tests {
    use super::HOST_MODULES;
    use amocrm_widget::modules::HostModule;

    #[test]
    fn the_default_modules_are_the_sdks_list() {
        let known: Vec<String> = HostModule::KNOWN
            .iter()
            .filter(|m| **m != HostModule::AmocrmSdk)
            .map(|m| m.as_str().to_string())
            .collect();
        assert_eq!(HOST_MODULES, known.as_slice());
    }

    /// Every module the SDK knows is one the kit's cabinet provides: from the host emulation
    /// (`amocrm-sdk`, `import-modules`), as an npm file, or as an export of one.
    #[test]
    fn the_cabinet_provides_every_module_the_sdk_knows() {
        let emulated = amocrm_host_emulation::AMOCRM_HOST_JS;
        for module in HostModule::KNOWN {
            let name = module.as_str();
            let provided = amocrm_host_modules::MODULES
                .iter()
                .any(|m| m.amd_name == name)
                || amocrm_host_modules::ALIASES
                    .iter()
                    .any(|a| a.amd_name == name)
                || emulated.contains(&format!("define('{name}', "));
            assert!(provided, "nothing provides {name}");
        }
    }
}
