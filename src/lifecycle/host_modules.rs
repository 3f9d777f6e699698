//! The host-provided AMD modules, one type each, for [`Host::module`](super::Host::module).
//!
//! The client cabinet provides these modules so that widgets need not ship them. Naming one by
//! its type (`host.module::<Lodash>()`) is what lets `amo-widget build` see which modules the
//! widget uses: each type's lookup key is a string that ends up in the WebAssembly only when
//! code that asks for the module does, and the bundler adds exactly those to the shim's
//! `define` dependencies.
//!
//! ```no_run
//! use amocrm_widget::host_modules::{HostModule, Jquery};
//! assert_eq!(Jquery::NAME, "jquery");
//! # fn f(host: &amocrm_widget::lifecycle::Host) -> Result<(), amocrm_widget::lifecycle::WidgetError> {
//! let jquery: wasm_bindgen::JsValue = host.module::<Jquery>()?;
//! # Ok(()) }
//! ```

/// The prefix of every module's lookup key: what `amo-widget build` searches the WebAssembly
/// for, and what the shim puts before each module name in the map it hands the widget.
#[doc(hidden)]
pub const KEY_PREFIX: &str = "amo-module:";
/// Ends every lookup key: not a character of a module name, so the bundler knows where a name
/// ends even when the linker puts another string right after it.
#[doc(hidden)]
pub const KEY_END: &str = ";";

mod sealed {
    pub trait Sealed {}
}

/// A module the host provides, by type. Sealed: the set is the host's (for any other AMD module
/// see [`Host::declared_module`](super::Host::declared_module)).
pub trait HostModule: sealed::Sealed {
    /// The module's requirejs name, as the host registers it.
    const NAME: &'static str;
    /// [`KEY_PREFIX`], the name and [`KEY_END`]: the marker the bundler finds in the WebAssembly.
    #[doc(hidden)]
    const KEY: &'static str;
}

macro_rules! host_modules {
    ($($(#[$doc:meta])* $ty:ident = $name:literal;)+) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy)]
            pub struct $ty;
            impl sealed::Sealed for $ty {}
            impl HostModule for $ty {
                const NAME: &'static str = $name;
                const KEY: &'static str = concat!("amo-module:", $name, ";");
            }
        )+

        /// Every host module's name, in the vendor's order.
        ///
        /// ```
        /// assert_eq!(amocrm_widget::host_modules::ALL.len(), 12);
        /// ```
        pub const ALL: &[&str] = &[$($name),+];
    };
}

host_modules! {
    /// `import-modules`: requirejs wrapped in a Promise, for loading more modules later.
    ImportModules = "import-modules";
    /// `jquery`.
    Jquery = "jquery";
    /// `react`.
    React = "react";
    /// `react-dom`.
    ReactDom = "react-dom";
    /// `@reduxjs/toolkit`.
    ReduxToolkit = "@reduxjs/toolkit";
    /// `react-redux`.
    ReactRedux = "react-redux";
    /// `immer.produce`: immer's `produce`.
    ImmerProduce = "immer.produce";
    /// `immer.current`: immer's `current`.
    ImmerCurrent = "immer.current";
    /// `nanoid`: the non-secure `nanoid`.
    Nanoid = "nanoid";
    /// `classnames`.
    Classnames = "classnames";
    /// `dateformat`: the formatter the cabinet uses for every date it shows.
    Dateformat = "dateformat";
    /// `lodash`.
    Lodash = "lodash";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_prefix_and_the_name() {
        assert_eq!(
            Dateformat::KEY,
            [KEY_PREFIX, Dateformat::NAME, KEY_END].concat()
        );
        assert_eq!(ReduxToolkit::KEY, "amo-module:@reduxjs/toolkit;");
        assert!(ALL.contains(&Lodash::NAME));
    }
}
