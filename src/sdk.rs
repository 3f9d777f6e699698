//! `initAmocrmWidgetSdk` and the typed layer over `WidgetSdk.methods`.

use crate::entity::{decode_optional, Entity};
use crate::ffi;
use crate::subscription::Subscription;
use crate::views::{ClassNames, Constants, RouterQuery};
use crate::{Error, Result};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The SDK version this crate is written against: the format `initAmocrmWidgetSdk` returns.
pub const SDK_VERSION: &str = "1.0.0";

/// An initialised `amocrm-sdk`: typed state, subscriptions, router query and constants.
///
/// A widget gets it from [`Host::sdk`](crate::lifecycle::Host::sdk) when it starts
/// (`initAmocrmWidgetSdk({ version })` in a JavaScript widget). Cheap to clone (a reference
/// count), so widget code can keep copies.
///
/// ```no_run
/// use amocrm_widget::lifecycle::{Host, WidgetError};
/// use amocrm_widget::views::SysView;
/// # fn widget(host: &Host) -> Result<(), WidgetError> {
/// let sdk = host.sdk()?;
/// if let Some(sys) = sdk.state::<SysView>()? {
///     let time_format = sys.time_format()?;
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct WidgetSdk {
    inner: Rc<Inner>,
}

struct Inner {
    raw: JsValue,
    methods: ffi::Methods,
    constants: JsValue,
}

impl core::fmt::Debug for WidgetSdk {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("WidgetSdk").finish_non_exhaustive()
    }
}

/// How initialising the SDK can fail: the host threw, or handed over something of the
/// wrong kind. Narrower than [`Error`] so that a widget reporting it as text (its start error,
/// see `lifecycle::Host::sdk`) does not carry the messages of every other `Error` (tokens…).
pub(crate) enum InitError {
    /// [`Error::Host`], before the thrown value is described.
    Thrown { call: &'static str, value: JsValue },
    /// [`Error::Shape`].
    Shape {
        what: &'static str,
        expected: &'static str,
    },
}

impl From<InitError> for Error {
    fn from(error: InitError) -> Self {
        match error {
            InitError::Thrown { call, value } => Error::thrown(call, value),
            InitError::Shape { what, expected } => Error::Shape { what, expected },
        }
    }
}

impl InitError {
    /// The same text as the [`Error`] it converts into, without `Error`'s `Display`.
    pub(crate) fn message(&self) -> String {
        match self {
            InitError::Thrown { call, value } => {
                let (message, _) = crate::error::describe_thrown(value);
                crate::text::concat(&["the host threw in `", call, "`: ", &message])
            }
            InitError::Shape { what, expected } => {
                crate::text::concat(&["the host's `", what, "` is not ", expected])
            }
        }
    }
}

impl WidgetSdk {
    /// Calls `initAmocrmWidgetSdk({ version: "1.0.0" })` on the `amocrm-sdk` module value.
    ///
    /// Hidden: a widget gets its SDK from [`Host::sdk`](crate::lifecycle::Host::sdk), the one
    /// documented way; this stays for tests and tools that hold the module value themselves.
    ///
    /// ```no_run
    /// # fn f(module: wasm_bindgen::JsValue) -> amocrm_widget::Result<()> {
    /// let sdk = amocrm_widget::WidgetSdk::new(&module)?;
    /// # Ok(()) }
    /// ```
    #[doc(hidden)]
    pub fn new(module: &JsValue) -> Result<Self> {
        Self::with_version(module, SDK_VERSION)
    }

    /// Like [`new`](Self::new) with another SDK version (`options.version`).
    ///
    /// ```no_run
    /// # fn f(module: wasm_bindgen::JsValue) -> amocrm_widget::Result<()> {
    /// let sdk = amocrm_widget::WidgetSdk::with_version(&module, "1.0.0")?;
    /// # Ok(()) }
    /// ```
    #[doc(hidden)]
    pub fn with_version(module: &JsValue, version: &str) -> Result<Self> {
        Self::init(module, version).map_err(Error::from)
    }

    /// [`with_version`](Self::with_version) with its narrower error (see [`InitError`]).
    pub(crate) fn init(module: &JsValue, version: &str) -> Result<Self, InitError> {
        let shape = |what, expected| InitError::Shape { what, expected };
        let init = module.dyn_ref::<js_sys::Function>().ok_or(shape(
            "amocrm-sdk module",
            "a function (initAmocrmWidgetSdk)",
        ))?;
        let options: ffi::InitOptions = js_sys::Object::new().unchecked_into();
        options.set_version(version);
        let thrown = |call| move |value| InitError::Thrown { call, value };
        let raw = init
            .call1(&JsValue::UNDEFINED, &options)
            .map_err(thrown("initAmocrmWidgetSdk"))?;
        // A non-null object (or function).
        let an_object = |value: JsValue, what| match value.is_object() || value.is_function() {
            true => Ok(value),
            false => Err(shape(what, "an object")),
        };
        let raw = an_object(raw, "initAmocrmWidgetSdk(..) result")?;
        let sdk: &ffi::SdkObject = raw.unchecked_ref();
        let methods = sdk.methods().map_err(thrown("methods"))?;
        let methods = an_object(methods, "methods")?.unchecked_into();
        let constants = sdk.constants().map_err(thrown("constants"))?;
        let constants = an_object(constants, "constants")?;
        Ok(Self {
            inner: Rc::new(Inner {
                raw,
                methods,
                constants,
            }),
        })
    }

    /// Loads `amocrm-sdk` through the page's requirejs and initialises it (feature `futures`),
    /// for code that did not receive the module from the shim.
    ///
    /// ```no_run
    /// # async fn f() -> amocrm_widget::Result<()> {
    /// let sdk = amocrm_widget::WidgetSdk::from_host().await?;
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "futures")]
    #[doc(hidden)]
    pub async fn from_host() -> Result<Self> {
        let module = crate::modules::load(&crate::modules::HostModule::AmocrmSdk).await?;
        Self::new(&module)
    }

    /// The object `initAmocrmWidgetSdk` returned, for what this crate does not cover.
    ///
    /// ```no_run
    /// # fn f(sdk: amocrm_widget::WidgetSdk) {
    /// let methods = js_sys::Reflect::get(sdk.as_raw(), &"methods".into());
    /// # }
    /// ```
    pub fn as_raw(&self) -> &JsValue {
        &self.inner.raw
    }

    /// `methods.getState(T::KEY)`: `None` when the host has no value yet (`null`).
    ///
    /// ```no_run
    /// use amocrm_widget::views::LeadView;
    /// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
    /// match sdk.state::<LeadView>()? {
    ///     Some(lead) => web_log(&lead.id()?),
    ///     None => web_log("no lead yet"),
    /// }
    /// # Ok(()) }
    /// # fn web_log(_: &str) {}
    /// ```
    pub fn state<T: Entity>(&self) -> Result<Option<T>> {
        let value = self
            .inner
            .methods
            .get_state(T::KEY.as_str())
            .map_err(|e| Error::thrown("methods.getState", e))?;
        decode_optional(value)
    }

    /// `methods.getState(entity)` decoded into your own serde type (feature `serde`), with the
    /// models' machinery: `None` for `null`, an [`Error::Decode`] naming the path otherwise.
    ///
    /// ```no_run
    /// use amocrm_widget::constants::StateEntity;
    /// #[derive(serde::Deserialize)]
    /// #[serde(rename_all = "camelCase")]
    /// struct Titles { page_title: Option<String>, currency_symbol: Option<String> }
    /// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
    /// let titles: Option<Titles> = sdk.state_as(StateEntity::Sys)?;
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "serde")]
    pub fn state_as<T: serde::de::DeserializeOwned>(
        &self,
        entity: crate::constants::StateEntity,
    ) -> Result<Option<T>> {
        let value = self
            .inner
            .methods
            .get_state(entity.as_str())
            .map_err(|e| Error::thrown("methods.getState", e))?;
        if value.is_null() || value.is_undefined() {
            return Ok(None);
        }
        crate::models::from_js(crate::entity::entity_name(&entity), value).map(Some)
    }

    /// `methods.subscribe(T::KEY, callback)`: `f` runs on every change of the entity.
    ///
    /// `f` receives `Ok(None)` for `null`, `Ok(Some(..))` for a value, and `Err(Error::Decode)`
    /// when the value does not match `T`: a bad payload never panics. The returned guard
    /// unsubscribes when dropped.
    ///
    /// ```no_run
    /// use amocrm_widget::views::LeadView;
    /// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
    /// let subscription = sdk.subscribe::<LeadView, _>(|lead| match lead {
    ///     Ok(Some(lead)) => { /* render */ }
    ///     Ok(None) => { /* not loaded */ }
    ///     Err(error) => { /* report */ }
    /// })?;
    /// // keep `subscription` as long as you want updates
    /// # Ok(()) }
    /// ```
    pub fn subscribe<T, F>(&self, f: F) -> Result<Subscription>
    where
        T: Entity + 'static,
        F: FnMut(Result<Option<T>>) + 'static,
    {
        self.subscribe_inner(f, false)
    }

    /// Like [`subscribe`](Self::subscribe) with `{ withInitialResult: true }`: the host calls `f`
    /// at once with the current value, before this returns.
    ///
    /// ```no_run
    /// use amocrm_widget::views::SysView;
    /// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
    /// let subscription = sdk.subscribe_with_initial::<SysView, _>(|sys| {
    ///     if let Ok(Some(sys)) = sys { /* use sys.lang() */ }
    /// })?;
    /// # Ok(()) }
    /// ```
    pub fn subscribe_with_initial<T, F>(&self, f: F) -> Result<Subscription>
    where
        T: Entity + 'static,
        F: FnMut(Result<Option<T>>) + 'static,
    {
        self.subscribe_inner(f, true)
    }

    fn subscribe_inner<T, F>(&self, mut f: F, initial: bool) -> Result<Subscription>
    where
        T: Entity + 'static,
        F: FnMut(Result<Option<T>>) + 'static,
    {
        let options = if initial {
            let options: ffi::SubscribeOptions = js_sys::Object::new().unchecked_into();
            options.set_with_initial_result(true);
            options.into()
        } else {
            JsValue::UNDEFINED
        };
        Subscription::start(
            &self.inner.methods,
            T::KEY.as_str(),
            &options,
            move |value: JsValue| f(decode_optional::<T>(value)),
        )
    }

    /// `methods.getRouterQuery()`: the lead and account ids in the cabinet's URL.
    ///
    /// ```no_run
    /// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
    /// let lead_id: Option<String> = sdk.router_query()?.lead_id;
    /// # Ok(()) }
    /// ```
    pub fn router_query(&self) -> Result<RouterQuery> {
        let value = self
            .inner
            .methods
            .get_router_query()
            .map_err(|e| Error::thrown("methods.getRouterQuery", e))?;
        RouterQuery::decode(value)
    }

    /// `constants`, read at run time.
    ///
    /// ```no_run
    /// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
    /// let langs = sdk.constants().supported_langs()?;
    /// # Ok(()) }
    /// ```
    pub fn constants(&self) -> Constants {
        Constants::new(self.inner.constants.clone())
    }

    /// The raw `constants`, without a handle of its own.
    pub(crate) fn constants_raw(&self) -> &JsValue {
        &self.inner.constants
    }

    /// `constants.GLOBAL_CLASS_NAMES`: the host's `js-…` class names.
    ///
    /// ```no_run
    /// # fn f(sdk: amocrm_widget::WidgetSdk) -> amocrm_widget::Result<()> {
    /// let container_class = sdk.class_names()?.widget_bar_item_container()?;
    /// # Ok(()) }
    /// ```
    pub fn class_names(&self) -> Result<ClassNames> {
        self.constants().class_names()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_error_messages_are_the_errors_messages() {
        let shape = || InitError::Shape {
            what: "methods",
            expected: "an object",
        };
        assert_eq!(shape().message(), Error::from(shape()).to_string());
        assert_eq!(shape().message(), "the host's `methods` is not an object");
    }
}
