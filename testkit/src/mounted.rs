//! A widget mounted in a [`Cabinet`]: the handle a test drives and inspects.
//!
//! [`Cabinet::mount`] hands [`Mounted`] a [`MountPlan`]; the mount keeps what it undoes (the
//! driver, the recorders, the glue and the exports the shim calls) and reaches the cabinet only
//! through the cabinet's own methods.

use crate::cabinet::{json_to_js, Cabinet, LeadChoice, MountPlan};
use crate::error::{js_message, KitError};
use crate::js::{self, DriverJs, GlueJs, RecorderJs};
use amocrm_widget::lifecycle::{__private as runtime, Widget};
use amocrm_widget_shim::{exports as names, fill, Fill, Mode};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlElement;

/// What this WebAssembly instance (the test binary's) knows about mounting. The SDK's runtime
/// holds one widget per instance, so this is one state for the instance, not one per mount.
struct Instance {
    /// The widget mounted now, if any.
    mounted: RefCell<Option<Rc<Mount>>>,
    /// Panics so far (a test's failed assertion included), counted by the kit's panic hook: a
    /// widget still mounted from before the last panic was left by a test that failed, and is
    /// destroyed by the next mount.
    panics: Cell<u32>,
    /// The kit's panic hook counts panics.
    counting_panics: Cell<bool>,
    /// The SDK's panic hook is chained with the one before it (wasm-bindgen-test's).
    hooks_chained: Cell<bool>,
    /// Why this instance can no longer be trusted (a trap went through the widget's code).
    poisoned: RefCell<Option<String>>,
}

thread_local! {
    static INSTANCE: Instance = const {
        Instance {
            mounted: RefCell::new(None),
            panics: Cell::new(0),
            counting_panics: Cell::new(false),
            hooks_chained: Cell::new(false),
            poisoned: RefCell::new(None),
        }
    };
}

/// One console line the page printed while the widget was mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleEntry {
    /// `log`, `info`, `warn`, `error` or `debug`.
    pub level: String,
    /// The arguments, as text, joined by spaces.
    pub text: String,
}

/// Which teardowns the widget's callbacks returned, and how often each ran.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Teardowns {
    /// Teardowns returned (one per successful `init_lead` and `widgets_bar_slot`).
    pub created: u32,
    /// Of those, how many ran exactly once.
    pub ran_once: u32,
    /// Those that have not run, as `init_lead #id` / `widgets_bar_slot #id`.
    pub not_run: Vec<String>,
    /// Those the shim asked to run more than once (it never should).
    pub ran_twice: Vec<String>,
}

#[derive(Default)]
struct TeardownLog {
    issued: Vec<(u32, &'static str)>,
    calls: Vec<u32>,
}

impl TeardownLog {
    fn summary(&self) -> Teardowns {
        let mut out = Teardowns::default();
        for (id, what) in &self.issued {
            out.created += 1;
            match self.calls.iter().filter(|c| *c == id).count() {
                0 => out.not_run.push(format!("{what} #{id}")),
                1 => out.ran_once += 1,
                _ => out.ran_twice.push(format!("{what} #{id}")),
            }
        }
        out
    }
}

/// What [`Mounted::check_clean`] found left behind after the widget was destroyed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Leaks {
    /// Teardowns that never ran, or ran twice.
    pub teardowns: Teardowns,
    /// Host subscriptions still live.
    pub live_subscriptions: u32,
    /// DOM listeners added while mounted and not removed (`type on <target>`). Listeners added
    /// with `once` are not counted.
    pub listeners: Vec<String>,
    /// The widget crashed (a panic, or a host function that threw through its Rust code).
    pub crashed: Option<String>,
}

impl Leaks {
    /// Nothing was left behind.
    ///
    /// ```
    /// assert!(amocrm_widget_testkit::Leaks::default().is_clean());
    /// ```
    pub fn is_clean(&self) -> bool {
        self.teardowns.not_run.is_empty()
            && self.teardowns.ran_twice.is_empty()
            && self.live_subscriptions == 0
            && self.listeners.is_empty()
            && self.crashed.is_none()
    }
}

impl fmt::Display for Leaks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if !self.teardowns.not_run.is_empty() {
            parts.push(format!(
                "teardowns that never ran: {}",
                self.teardowns.not_run.join(", ")
            ));
        }
        if !self.teardowns.ran_twice.is_empty() {
            parts.push(format!(
                "teardowns that ran more than once: {}",
                self.teardowns.ran_twice.join(", ")
            ));
        }
        if self.live_subscriptions > 0 {
            parts.push(format!(
                "{} host subscription(s) still live",
                self.live_subscriptions
            ));
        }
        if !self.listeners.is_empty() {
            parts.push(format!("DOM listeners left: {}", self.listeners.join(", ")));
        }
        if let Some(crash) = &self.crashed {
            parts.push(format!("the widget crashed: {crash}"));
        }
        if parts.is_empty() {
            write!(f, "nothing left behind")
        } else {
            write!(f, "the widget left behind: {}", parts.join("; "))
        }
    }
}

impl std::error::Error for Leaks {}

impl From<Leaks> for JsValue {
    fn from(leaks: Leaks) -> JsValue {
        js_sys::Error::new(&leaks.to_string()).into()
    }
}

type StartFn = dyn FnMut(JsValue, js_sys::Map, js_sys::Function, js_sys::Function) -> bool;

/// The exports the shim calls, as closures over the SDK's lifecycle runtime; kept alive for as
/// long as the shim may call them.
struct Exports {
    _start: Closure<StartFn>,
    _init_lead: Closure<dyn FnMut(String, JsValue) -> u32>,
    _slot: Closure<dyn FnMut(JsValue) -> u32>,
    _teardown: Closure<dyn FnMut(u32)>,
    _pending: Closure<dyn FnMut() -> u32>,
}

fn count_panics() {
    if INSTANCE.with(|i| i.counting_panics.replace(true)) {
        return;
    }
    let before = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = INSTANCE.try_with(|i| i.panics.set(i.panics.get().wrapping_add(1)));
        before(info);
    }));
}

fn panics() -> u32 {
    INSTANCE.with(|i| i.panics.get())
}

/// One mounted widget: everything destroying it undoes, and the exports the shim calls, kept
/// alive while the shim may call them. Shared by its [`Mounted`] and [`Instance::mounted`], so
/// that the next mount can destroy one a failed test left behind.
struct Mount {
    driver: DriverJs,
    recorder: RecorderJs,
    glue: GlueJs,
    /// The widget module's value (`personal_page.js`'s `define` result).
    widget: JsValue,
    log: Rc<RefCell<TeardownLog>>,
    destroyed: Cell<bool>,
    panics_at_mount: u32,
    _token: Closure<dyn FnMut(String) -> String>,
    _exports: Exports,
}

impl Mount {
    fn destroy(self: &Rc<Self>) {
        if self.destroyed.replace(true) {
            return;
        }
        let _ = self.driver.leave_lead();
        js::stop_recorder(&self.recorder);
        INSTANCE.with(|i| {
            let mut mounted = i.mounted.borrow_mut();
            if mounted.as_ref().is_some_and(|m| Rc::ptr_eq(m, self)) {
                *mounted = None;
            }
        });
    }

    /// After every call into the widget: a trap that went through its code poisons the
    /// instance for every later mount.
    fn note_crash(&self) {
        if let Some(thrown) = js::glue_thrown(&self.glue) {
            INSTANCE.with(|i| {
                let mut poisoned = i.poisoned.borrow_mut();
                if poisoned.is_none() {
                    *poisoned = Some(thrown);
                }
            });
        }
    }
}

/// The widget still mounted, if any: one left by a test that panicked since it was mounted is
/// destroyed (the panic skipped its drop); any other is [`KitError::AlreadyMounted`].
fn make_room() -> Result<(), KitError> {
    let Some(previous) = INSTANCE.with(|i| i.mounted.borrow().clone()) else {
        return Ok(());
    };
    if previous.panics_at_mount == panics() {
        return Err(KitError::AlreadyMounted);
    }
    previous.destroy();
    web_sys::console::warn_1(
        &"amocrm-widget-testkit: destroyed the widget an earlier test left mounted when it panicked"
            .into(),
    );
    Ok(())
}

fn chain_panic_hooks_around(start: impl FnOnce() -> bool) -> bool {
    if INSTANCE.with(|i| i.hooks_chained.get()) {
        return start();
    }
    // The SDK's hook hands the panic message to the shim; the test harness's records it for
    // the test's output and `should_panic`. Both run, the SDK's first.
    let before = std::panic::take_hook();
    let ok = start();
    let sdk = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        sdk(info);
        before(info);
    }));
    INSTANCE.with(|i| i.hooks_chained.set(true));
    ok
}

fn exports<W: Widget>(log: &Rc<RefCell<TeardownLog>>) -> (Exports, js_sys::Object) {
    let start = Closure::<StartFn>::new(
        |sdk: JsValue, modules: js_sys::Map, report: js_sys::Function, track: js_sys::Function| {
            chain_panic_hooks_around(|| runtime::start::<W>(sdk, modules, report, track))
        },
    );
    let issued = Rc::clone(log);
    let init_lead =
        Closure::<dyn FnMut(String, JsValue) -> u32>::new(move |token: String, params: JsValue| {
            let id = runtime::init_lead(token, params);
            if id != 0 {
                issued.borrow_mut().issued.push((id, "init_lead"));
            }
            id
        });
    let issued = Rc::clone(log);
    let slot = Closure::<dyn FnMut(JsValue) -> u32>::new(move |el: JsValue| {
        let id = runtime::widgets_bar_slot(el);
        if id != 0 {
            issued.borrow_mut().issued.push((id, "widgets_bar_slot"));
        }
        id
    });
    let calls = Rc::clone(log);
    let teardown = Closure::<dyn FnMut(u32)>::new(move |id: u32| {
        calls.borrow_mut().calls.push(id);
        runtime::teardown(id)
    });
    let pending = Closure::<dyn FnMut() -> u32>::new(runtime::pending);
    let fns = js_sys::Object::new();
    for (name, f) in [
        (names::START, start.as_ref()),
        (names::INIT_LEAD, init_lead.as_ref()),
        (names::SLOT, slot.as_ref()),
        (names::TEARDOWN, teardown.as_ref()),
        (names::PENDING, pending.as_ref()),
    ] {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&fns, &name.into(), f);
    }
    let keep = Exports {
        _start: start,
        _init_lead: init_lead,
        _slot: slot,
        _teardown: teardown,
        _pending: pending,
    };
    (keep, fns)
}

/// The empty WebAssembly module (`\0asm`, version 1): the shim compiles it as it compiles a real
/// widget's module, and the kit's glue ignores it (the widget already runs in the test's
/// instance).
const EMPTY_MODULE: [u8; 8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

fn crate_of<W>() -> String {
    let full = std::any::type_name::<W>();
    let first = full.split("::").next().unwrap_or("widget");
    let clean: String = first
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    if clean.is_empty() {
        "widget".into()
    } else {
        clean
    }
}

/// A widget mounted in a [`Cabinet`] by [`Cabinet::mount`]: drive the lifecycle, read the slot
/// and the console, and check that destroying it left nothing behind.
///
/// Dropping it destroys the widget (without checking anything).
///
/// ```no_run
/// use amocrm_widget_testkit::Cabinet;
/// # struct MyWidget;
/// # impl amocrm_widget::lifecycle::Widget for MyWidget {
/// #     fn new(_: &amocrm_widget::lifecycle::Host) -> Result<Self, amocrm_widget::lifecycle::WidgetError> { Ok(MyWidget) }
/// #     fn init_lead(&mut self, _: amocrm_widget::lifecycle::LeadParams) -> Result<impl amocrm_widget::lifecycle::Teardown, amocrm_widget::lifecycle::WidgetError> { Ok(()) }
/// #     fn widgets_bar_slot(&mut self, _: amocrm_widget::lifecycle::Slot) -> Result<impl amocrm_widget::lifecycle::Teardown, amocrm_widget::lifecycle::WidgetError> { Ok(()) }
/// # }
/// # async fn f() -> Result<(), amocrm_widget_testkit::KitError> {
/// let cabinet = Cabinet::new().await?;
/// let mut widget = cabinet.mount::<MyWidget>().await?;
/// widget.open_lead("3412002")?;                 // teardowns of 3412001 run first
/// let mut lead = cabinet.state("lead")?;
/// lead["fieldIds"] = serde_json::json!([]);
/// cabinet.set_state("lead", lead)?;              // the widget's subscribers hear it
/// assert!(widget.console_errors().is_empty());
/// widget.assert_clean(); // destroys it; panics with what it left behind
/// # Ok(()) }
/// ```
pub struct Mounted {
    cabinet: Cabinet,
    mount: Rc<Mount>,
}

impl Cabinet {
    /// Mounts widget `W` the way a real cabinet does: `personal_page.js` (the real shim,
    /// filled in as `amo-widget build` fills it, its exports calling `W` through the SDK's
    /// lifecycle runtime) loaded through requirejs, driven by the host's lifecycle: `initLead`
    /// for the builder's lead, then `registerWidgetsBarSlot` with a fresh slot element.
    ///
    /// One widget at a time per test binary (the SDK keeps one widget per WebAssembly
    /// instance): destroy or drop the previous [`Mounted`] first. A widget that fails to start
    /// or fails in a callback still mounts (see [`Mounted::console_errors`]); a panic leaves
    /// the binary's instance unusable ([`KitError::Poisoned`] for later mounts).
    pub async fn mount<W: Widget>(&self) -> Result<Mounted, KitError> {
        Mounted::mount::<W>(self.mount_plan()).await
    }
}

impl Mounted {
    async fn mount<W: Widget>(plan: MountPlan) -> Result<Mounted, KitError> {
        if let Some(why) = INSTANCE.with(|i| i.poisoned.borrow().clone()) {
            return Err(KitError::Poisoned(why));
        }
        count_panics();
        make_room()?;
        let MountPlan {
            cabinet,
            crate_name,
            modules,
            lead,
            token,
        } = plan;
        let crate_name = crate_name.unwrap_or_else(crate_of::<W>);
        let deps: Vec<&str> = modules.iter().map(String::as_str).collect();
        let shim = fill(&Fill {
            crate_name: &crate_name,
            deps: &deps,
            glue: &[
                "return module.config().amoTestkitGlue(",
                amocrm_widget_shim::WRAP_EXPORTS,
                ");",
            ]
            .concat(),
            mode: Mode::Inline {
                wasm: &EMPTY_MODULE,
            },
            test_hooks: true,
            strip_comments: false,
        })?;
        let log = Rc::new(RefCell::new(TeardownLog::default()));
        let (exports, fns) = exports::<W>(&log);
        let glue = js::make_glue(&fns);
        let promise = cabinet.load_widget(&shim, &glue)?;
        let widget = JsFuture::from(promise)
            .await
            .map_err(|e| KitError::Load(js_message(&e)))?;
        // Again: another mount may have finished while this one loaded.
        make_room()?;
        let token = Closure::<dyn FnMut(String) -> String>::new(move |lead: String| token(&lead));
        let driver = cabinet.create_driver(&widget, token.as_ref().unchecked_ref())?;
        let recorder = js::create_recorder();
        js::start_recorder(&recorder);
        let mount = Rc::new(Mount {
            driver,
            recorder,
            glue,
            widget,
            log,
            destroyed: Cell::new(false),
            panics_at_mount: panics(),
            _token: token,
            _exports: exports,
        });
        INSTANCE.with(|i| *i.mounted.borrow_mut() = Some(Rc::clone(&mount)));
        let mut mounted = Mounted { cabinet, mount };
        match lead {
            LeadChoice::Fixture(id) => mounted.open_lead(&id)?,
            LeadChoice::Model(lead) => mounted.open_lead_model(lead)?,
            LeadChoice::None => {}
        }
        Ok(mounted)
    }

    fn live(&self) -> Result<(), KitError> {
        if self.mount.destroyed.get() {
            return Err(KitError::Destroyed);
        }
        Ok(())
    }

    /// Opens a fixture lead (`3412001`, `3412002`): the host destroys the slot and runs the
    /// previous lead's teardown, sets `lead` and the router query, calls `initLead` with a token
    /// for the lead, then renders a fresh slot.
    ///
    /// ```no_run
    /// # fn f(mut widget: amocrm_widget_testkit::Mounted) -> Result<(), amocrm_widget_testkit::KitError> {
    /// widget.open_lead("3412002")?;
    /// assert_eq!(widget.active_lead().as_deref(), Some("3412002"));
    /// # Ok(()) }
    /// ```
    pub fn open_lead(&mut self, id: &str) -> Result<(), KitError> {
        self.live()?;
        let lead = self.cabinet.fixture_lead(id);
        if lead.is_null() {
            return Err(KitError::UnknownLead {
                id: id.to_string(),
                known: self.cabinet.fixture_leads().join(", "),
            });
        }
        self.open(&lead)
    }

    /// Same as [`open_lead`](Self::open_lead): the user switches to another lead.
    ///
    /// ```no_run
    /// # fn f(mut widget: amocrm_widget_testkit::Mounted) -> Result<(), amocrm_widget_testkit::KitError> {
    /// widget.switch_lead("3412002")?;
    /// # Ok(()) }
    /// ```
    pub fn switch_lead(&mut self, id: &str) -> Result<(), KitError> {
        self.open_lead(id)
    }

    /// Opens a lead model of your own (a `LeadModel` object; `id` is required).
    ///
    /// ```no_run
    /// # fn f(mut widget: amocrm_widget_testkit::Mounted) -> Result<(), amocrm_widget_testkit::KitError> {
    /// widget.open_lead_model(serde_json::json!({ "id": "77", "isLeadLoaded": true, "fieldIds": [] }))?;
    /// # Ok(()) }
    /// ```
    pub fn open_lead_model(&mut self, lead: Value) -> Result<(), KitError> {
        self.live()?;
        if lead.get("id").is_none() {
            return Err(KitError::Host("a lead model needs an `id`".into()));
        }
        let lead = json_to_js(&lead)?;
        self.open(&lead)
    }

    fn open(&mut self, lead: &JsValue) -> Result<(), KitError> {
        let outcome = self.mount.driver.open_lead(lead);
        self.mount.note_crash();
        outcome.map_err(|e| KitError::Host(js_message(&e)))
    }

    /// The user leaves the active lead: the slot is destroyed, then the lead's teardown runs.
    ///
    /// ```no_run
    /// # fn f(mut widget: amocrm_widget_testkit::Mounted) -> Result<(), amocrm_widget_testkit::KitError> {
    /// widget.leave_lead()?;
    /// assert!(widget.try_slot().is_none());
    /// # Ok(()) }
    /// ```
    pub fn leave_lead(&mut self) -> Result<(), KitError> {
        self.live()?;
        let outcome = self.mount.driver.leave_lead();
        self.mount.note_crash();
        outcome.map_err(|e| KitError::Host(js_message(&e)))
    }

    /// The open lead's id, if a lead is open.
    pub fn active_lead(&self) -> Option<String> {
        self.mount.driver.active_lead()
    }

    /// [`Cabinet::set_state`], noting a crash the widget's subscribers may cause.
    ///
    /// ```no_run
    /// # fn f(widget: amocrm_widget_testkit::Mounted) -> Result<(), amocrm_widget_testkit::KitError> {
    /// widget.set_state("leadFields", serde_json::json!({}))?;
    /// # Ok(()) }
    /// ```
    pub fn set_state(&self, entity: &str, value: Value) -> Result<(), KitError> {
        let outcome = self.cabinet.set_state(entity, value);
        self.mount.note_crash();
        outcome
    }

    /// The cabinet the widget is mounted in.
    pub fn cabinet(&self) -> &Cabinet {
        &self.cabinet
    }

    /// The slot element the widget renders into (class `js-widget-bar-item-container`), or
    /// `None` when no lead is open or the widget was destroyed.
    ///
    /// ```no_run
    /// # fn f(widget: amocrm_widget_testkit::Mounted) {
    /// assert!(widget.try_slot().is_some());
    /// # }
    /// ```
    pub fn try_slot(&self) -> Option<HtmlElement> {
        self.mount.driver.slot_element().dyn_into().ok()
    }

    /// The slot element the widget renders into.
    ///
    /// # Panics
    /// When no slot is rendered (no lead open, or the widget destroyed): a test that reads the
    /// slot expects one.
    ///
    /// ```no_run
    /// # fn f(widget: amocrm_widget_testkit::Mounted) {
    /// let html = widget.slot().inner_html();
    /// # }
    /// ```
    pub fn slot(&self) -> HtmlElement {
        rendered(self.try_slot())
    }

    /// Where the widget is expected to render: the slot's content child in a
    /// [`SlotShape::Content`](crate::SlotShape::Content) cabinet, the slot element itself
    /// otherwise (`None` without a slot).
    ///
    /// ```no_run
    /// # fn f(widget: amocrm_widget_testkit::Mounted) {
    /// assert!(widget.try_content().is_some());
    /// # }
    /// ```
    pub fn try_content(&self) -> Option<HtmlElement> {
        self.mount.driver.slot_content().dyn_into().ok()
    }

    /// Where the widget is expected to render ([`try_content`](Self::try_content)).
    ///
    /// # Panics
    /// When no slot is rendered (no lead open, or the widget destroyed).
    ///
    /// ```no_run
    /// # fn f(widget: amocrm_widget_testkit::Mounted) {
    /// assert!(widget.content().text_content().unwrap_or_default().contains("Hello"));
    /// # }
    /// ```
    pub fn content(&self) -> HtmlElement {
        rendered(self.try_content())
    }

    /// The slot's `textContent` (empty without a slot).
    ///
    /// ```no_run
    /// # fn f(widget: amocrm_widget_testkit::Mounted) {
    /// assert!(widget.slot_text().contains("Hello"));
    /// # }
    /// ```
    pub fn slot_text(&self) -> String {
        self.try_slot()
            .and_then(|s| s.text_content())
            .unwrap_or_default()
    }

    /// Everything the page printed to the console since the widget was mounted (or since
    /// [`clear_console`](Self::clear_console)): the widget's own lines and the shim's, which
    /// start with `amocrm widget <crate>: `.
    ///
    /// ```no_run
    /// # fn f(widget: amocrm_widget_testkit::Mounted) {
    /// assert!(widget.console().iter().any(|line| line.text.contains("initLead")));
    /// # }
    /// ```
    pub fn console(&self) -> Vec<ConsoleEntry> {
        js::console_entries(&self.mount.recorder)
            .iter()
            .map(|pair| {
                let pair: js_sys::Array = pair.unchecked_into();
                ConsoleEntry {
                    level: pair.get(0).as_string().unwrap_or_default(),
                    text: pair.get(1).as_string().unwrap_or_default(),
                }
            })
            .collect()
    }

    /// The `console.error` lines only: errors the widget reported (`?` in a callback), the
    /// shim's crash reports, and anything else logged as an error.
    ///
    /// ```no_run
    /// # fn f(widget: amocrm_widget_testkit::Mounted) {
    /// assert_eq!(widget.console_errors(), Vec::<String>::new());
    /// # }
    /// ```
    pub fn console_errors(&self) -> Vec<String> {
        self.console()
            .into_iter()
            .filter(|e| e.level == "error")
            .map(|e| e.text)
            .collect()
    }

    /// Forgets the console lines recorded so far.
    pub fn clear_console(&self) {
        js::clear_console(&self.mount.recorder)
    }

    /// The host's lifecycle calls so far, in order: `initLead`, `registerWidgetsBarSlot`,
    /// `registerWidgetsBarSlot:destroy`, `initLead:destroy`, ...
    ///
    /// ```no_run
    /// # fn f(widget: amocrm_widget_testkit::Mounted) {
    /// assert_eq!(widget.lifecycle(), ["initLead", "registerWidgetsBarSlot"]);
    /// # }
    /// ```
    pub fn lifecycle(&self) -> Vec<String> {
        js::driver_log(&self.mount.driver)
    }

    /// Exceptions the shim's entry points threw into the host (it never should).
    pub fn host_errors(&self) -> Vec<String> {
        js::driver_errors(&self.mount.driver)
    }

    /// Host subscriptions not yet unsubscribed.
    pub fn live_subscriptions(&self) -> u32 {
        self.cabinet.live_subscriptions()
    }

    /// The teardowns the widget returned in this mount and how often each ran.
    ///
    /// ```no_run
    /// # fn f(mut widget: amocrm_widget_testkit::Mounted) {
    /// widget.destroy();
    /// let teardowns = widget.teardowns();
    /// assert_eq!(teardowns.ran_once, teardowns.created);
    /// # }
    /// ```
    pub fn teardowns(&self) -> Teardowns {
        self.mount.log.borrow().summary()
    }

    /// DOM listeners added (on any target) since the widget was mounted and not removed, as
    /// `type on <target>` (`window`, `document`, or `<tag id=".." class="..">`), with
    /// ` (capture)` for capturing ones. Those added with `once`, or removed by their `signal`,
    /// are not counted.
    pub fn listeners_left(&self) -> Vec<String> {
        js::listeners_left(&self.mount.recorder)
    }

    /// What was thrown through the widget's exports if it crashed (a panic traps with a
    /// `WebAssembly.RuntimeError`, worded by each engine: `unreachable` in Chromium, `unreachable
    /// executed` in Firefox, `Unreachable code should not be executed` in WebKit); the shim's
    /// console line has the panic message.
    pub fn crashed(&self) -> Option<String> {
        js::glue_thrown(&self.mount.glue)
    }

    /// The shim's own counters (`__amoStats()`: instances started, failed starts, pending
    /// teardowns, tracked subscriptions, queued calls, slots), as JSON.
    pub fn shim_stats(&self) -> Value {
        crate::cabinet::js_to_json(&js::widget_stats(&self.mount.widget)).unwrap_or(Value::Null)
    }

    /// The host destroys the widget component: the slot's destructor, then the lead's. Runs
    /// once; later calls do nothing. The recorders stop here.
    pub fn destroy(&mut self) {
        if self.mount.destroyed.get() {
            return;
        }
        self.mount.destroy();
        self.mount.note_crash();
    }

    /// Destroys the widget (if not yet) and checks that it left nothing behind: every teardown
    /// ran exactly once, no host subscription is live, no DOM listener added while mounted is
    /// left, and it did not crash.
    ///
    /// ```no_run
    /// # fn f(mut widget: amocrm_widget_testkit::Mounted) {
    /// if let Err(leaks) = widget.check_clean() {
    ///     panic!("{leaks}");
    /// }
    /// # }
    /// ```
    pub fn check_clean(&mut self) -> Result<(), Leaks> {
        self.destroy();
        let leaks = Leaks {
            teardowns: self.teardowns(),
            live_subscriptions: self.live_subscriptions(),
            listeners: self
                .listeners_left()
                .into_iter()
                .filter(|l| !self.cabinet.allows_listener(l))
                .collect(),
            crashed: self.crashed().map(|thrown| {
                let errors = self.console_errors();
                match errors.last() {
                    Some(line) => format!("{thrown} ({line})"),
                    None => thrown,
                }
            }),
        };
        if leaks.is_clean() {
            Ok(())
        } else {
            Err(leaks)
        }
    }

    /// [`check_clean`](Self::check_clean), panicking with what was left behind.
    ///
    /// ```no_run
    /// # fn f(mut widget: amocrm_widget_testkit::Mounted) {
    /// widget.assert_clean();
    /// # }
    /// ```
    pub fn assert_clean(&mut self) {
        if let Err(leaks) = self.check_clean() {
            panic!("{leaks}");
        }
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.destroy();
    }
}

/// The slot's element, which a test that reads it expects to exist.
fn rendered(element: Option<HtmlElement>) -> HtmlElement {
    match element {
        Some(element) => element,
        None => panic!("the widget has no slot: no lead is open, or it was destroyed"),
    }
}
