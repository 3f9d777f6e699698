//! The modules the cabinet provides (`jquery`, `react`, `dateformat`…), as JS handles.
//!
//! A widget takes the ones it needs when it starts, by type: `host.module::<Dateformat>()`
//! ([`Host::module`](crate::lifecycle::Host::module)); `amo-widget build` sees which and puts
//! them in the bundle's dependencies.
//!
//! ```no_run
//! use amocrm_widget::modules::Jquery;
//! # fn f(host: &amocrm_widget::lifecycle::Host) -> Result<(), amocrm_widget::lifecycle::WidgetError> {
//! let jquery: wasm_bindgen::JsValue = host.module::<Jquery>()?;
//! # Ok(()) }
//! ```
//!
//! Loading one later, through the page's loader, is asynchronous, so these functions return a
//! `js_sys::Promise`; with the `futures` feature, `load` and `ImportModules::import_async` await
//! it for you.

mod provided;

pub use provided::{
    Classnames, Dateformat, ImmerCurrent, ImmerProduce, ImportModulesFn, Jquery, Lodash, Nanoid,
    Provided, React, ReactDom, ReactRedux, ReduxToolkit,
};
#[doc(hidden)]
pub use provided::{KEY_END, KEY_PREFIX};

use crate::constants::wire_enum;
use crate::ffi;
use crate::{Error, Result};
use wasm_bindgen::{JsCast, JsValue};

wire_enum! {
    /// The modules the cabinet provides through requirejs, so widgets need not ship them.
    ///
    /// ```
    /// use amocrm_widget::modules::HostModule;
    /// assert_eq!(HostModule::ImmerProduce.as_str(), "immer.produce");
    /// assert_eq!(HostModule::KNOWN.len(), 13);
    /// ```
    HostModule {
        /// `amocrm-sdk`: `initAmocrmWidgetSdk`.
        AmocrmSdk = "amocrm-sdk",
        /// `import-modules`: requirejs wrapped in a promise.
        ImportModules = "import-modules",
        /// `jquery`
        Jquery = "jquery",
        /// `react`
        React = "react",
        /// `react-dom`
        ReactDom = "react-dom",
        /// `@reduxjs/toolkit`
        ReduxToolkit = "@reduxjs/toolkit",
        /// `react-redux`
        ReactRedux = "react-redux",
        /// `immer.produce`
        ImmerProduce = "immer.produce",
        /// `immer.current`
        ImmerCurrent = "immer.current",
        /// `nanoid` (the non-secure version).
        Nanoid = "nanoid",
        /// `classnames`
        Classnames = "classnames",
        /// `dateformat`: formats every date in the cabinet.
        Dateformat = "dateformat",
        /// `lodash`
        Lodash = "lodash",
    }
}

/// Loads one module through the page's AMD loader (`require([name], ok, err)`), as a promise of
/// the module value. The promise rejects when the loader reports an error.
///
/// ```no_run
/// use amocrm_widget::modules::HostModule;
/// let jquery: js_sys::Promise = amocrm_widget::modules::require(&HostModule::Jquery)?;
/// # Ok::<(), amocrm_widget::Error>(())
/// ```
pub fn require(module: &HostModule) -> Result<js_sys::Promise> {
    let deps = js_sys::Array::of1(&JsValue::from_str(module.as_str()));
    let mut thrown = None;
    // The executor runs synchronously, so borrowing `thrown` is fine; requirejs calls
    // `resolve` with the module as its first argument, exactly what a promise wants.
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if let Err(e) = ffi::amd_require(&deps, &resolve, &reject) {
            thrown = Some(e);
        }
    });
    match thrown {
        Some(e) => Err(Error::Module {
            module: module.as_str().to_owned(),
            message: crate::error::describe_thrown(&e).0,
        }),
        None => Ok(promise),
    }
}

/// Loads several modules, as a promise of an array in the same order.
///
/// ```no_run
/// use amocrm_widget::modules::HostModule;
/// let both = amocrm_widget::modules::require_all(&[HostModule::React, HostModule::ReactDom])?;
/// # Ok::<(), amocrm_widget::Error>(())
/// ```
pub fn require_all(modules: &[HostModule]) -> Result<js_sys::Promise> {
    let promises = js_sys::Array::new();
    for module in modules {
        promises.push(require(module)?.as_ref());
    }
    Ok(js_sys::Promise::all(&promises))
}

/// The `import-modules` host module: requirejs wrapped in a promise.
///
/// It is called with an array of module names and returns a promise of the modules, in order.
///
/// ```no_run
/// use amocrm_widget::modules::ImportModules;
/// # fn f(import_modules: wasm_bindgen::JsValue) -> amocrm_widget::Result<()> {
/// let import = ImportModules::from_raw(import_modules)?;
/// let promise = import.import(&["lodash", "nanoid"])?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct ImportModules {
    function: js_sys::Function,
}

impl ImportModules {
    /// Wraps the value requirejs gives for `import-modules`.
    pub fn from_raw(value: JsValue) -> Result<Self> {
        value
            .dyn_into()
            .map(|function| Self { function })
            .map_err(|_| Error::Shape {
                what: "import-modules",
                expected: "a function",
            })
    }

    /// `importModules(names)`: a promise of the modules.
    pub fn import(&self, names: &[&str]) -> Result<js_sys::Promise> {
        let array: js_sys::Array = names.iter().map(|n| JsValue::from_str(n)).collect();
        let result = self
            .function
            .call1(&JsValue::UNDEFINED, &array)
            .map_err(|e| Error::thrown("import-modules", e))?;
        result.dyn_into().map_err(|_| Error::Shape {
            what: "import-modules(..) result",
            expected: "a promise",
        })
    }

    /// Awaits [`import`](Self::import): the modules, in order.
    #[cfg(feature = "futures")]
    pub async fn import_async(&self, names: &[&str]) -> Result<Vec<JsValue>> {
        let joined = names.join(", ");
        let value = await_module(&joined, self.import(names)?).await?;
        let array: js_sys::Array = value.dyn_into().map_err(|_| Error::Shape {
            what: "import-modules(..) result",
            expected: "a promise of an array",
        })?;
        Ok(array.to_vec())
    }

    /// The function itself.
    pub fn as_raw(&self) -> &JsValue {
        &self.function
    }
}

#[cfg(feature = "futures")]
async fn await_module(module: &str, promise: js_sys::Promise) -> Result<JsValue> {
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| Error::Module {
            module: module.to_owned(),
            message: crate::error::describe_thrown(&e).0,
        })
}

/// Awaits [`require`]: the module value.
///
/// ```no_run
/// # async fn f() -> amocrm_widget::Result<()> {
/// use amocrm_widget::modules::HostModule;
/// let sdk = amocrm_widget::WidgetSdk::new(&amocrm_widget::modules::load(&HostModule::AmocrmSdk).await?)?;
/// # Ok(()) }
/// ```
#[cfg(feature = "futures")]
pub async fn load(module: &HostModule) -> Result<JsValue> {
    await_module(module.as_str(), require(module)?).await
}
