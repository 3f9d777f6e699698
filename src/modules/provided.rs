//! The host-provided AMD modules, one type each, for [`Host::module`](crate::lifecycle::Host::module).
//!
//! Naming a module by its type (`host.module::<Lodash>()`) is what lets `amo-widget build` see
//! which modules the widget uses: each type's lookup key is a string that ends up in the
//! WebAssembly only when code that asks for the module does, and the bundler adds exactly those
//! to the shim's `define` dependencies.

/// The prefix of every module's lookup key: what `amo-widget build` searches the WebAssembly
/// for, and what the shim puts before each module name in the map it hands the widget (the
/// shim's crate owns it: `amocrm_widget_shim::MODULE_KEY_PREFIX`).
#[doc(hidden)]
pub const KEY_PREFIX: &str = amocrm_widget_shim::MODULE_KEY_PREFIX;
/// Ends every lookup key: not a character of a module name, so the bundler knows where a name
/// ends even when the linker puts another string right after it
/// (`amocrm_widget_shim::MODULE_KEY_END`).
#[doc(hidden)]
pub const KEY_END: &str = amocrm_widget_shim::MODULE_KEY_END;

mod sealed {
    pub trait Sealed {}
}

/// A module the host provides, by type: what [`Host::module`](crate::lifecycle::Host::module)
/// takes. Sealed: the set is the host's (for any other AMD module see
/// [`Host::declared_module`](crate::lifecycle::Host::declared_module)).
///
/// ```
/// use amocrm_widget::modules::{HostModule, Jquery, Provided};
/// assert_eq!(Jquery::NAME, "jquery");
/// assert_eq!(Jquery::MODULE, HostModule::Jquery);
/// ```
pub trait Provided: sealed::Sealed {
    /// The module's requirejs name, as the host registers it.
    const NAME: &'static str;
    /// The same module in the [`HostModule`](super::HostModule) list.
    const MODULE: super::HostModule;
    /// [`KEY_PREFIX`], the name and [`KEY_END`]: the marker the bundler finds in the WebAssembly.
    #[doc(hidden)]
    const KEY: &'static str;
}

macro_rules! provided {
    ($($(#[$doc:meta])* $ty:ident as $variant:ident = $name:literal;)+) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy)]
            pub struct $ty;
            impl sealed::Sealed for $ty {}
            impl Provided for $ty {
                const NAME: &'static str = $name;
                const MODULE: super::HostModule = super::HostModule::$variant;
                // `concat!` takes literals only: the test below compares each key with
                // KEY_PREFIX and KEY_END.
                const KEY: &'static str = concat!("amo-module:", $name, ";");
            }
        )+

        #[cfg(test)]
        const ALL: &[(&str, super::HostModule, &str)] =
            &[$(($name, super::HostModule::$variant, <$ty as Provided>::KEY)),+];
    };
}

provided! {
    /// `import-modules`: requirejs wrapped in a Promise, for loading more modules later (wrap it
    /// in [`ImportModules`](super::ImportModules)).
    ImportModulesFn as ImportModules = "import-modules";
    /// `jquery`.
    Jquery as Jquery = "jquery";
    /// `react`.
    React as React = "react";
    /// `react-dom`.
    ReactDom as ReactDom = "react-dom";
    /// `@reduxjs/toolkit`.
    ReduxToolkit as ReduxToolkit = "@reduxjs/toolkit";
    /// `react-redux`.
    ReactRedux as ReactRedux = "react-redux";
    /// `immer.produce`: immer's `produce`.
    ImmerProduce as ImmerProduce = "immer.produce";
    /// `immer.current`: immer's `current`.
    ImmerCurrent as ImmerCurrent = "immer.current";
    /// `nanoid`: the non-secure `nanoid`.
    Nanoid as Nanoid = "nanoid";
    /// `classnames`.
    Classnames as Classnames = "classnames";
    /// `dateformat`: the formatter the cabinet uses for every date it shows.
    Dateformat as Dateformat = "dateformat";
    /// `lodash`.
    Lodash as Lodash = "lodash";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_prefix_and_the_name() {
        for (name, _, key) in ALL {
            assert_eq!(*key, amocrm_widget_shim::module_key(name));
        }
        assert_eq!(ReduxToolkit::KEY, "amo-module:@reduxjs/toolkit;");
    }

    #[test]
    fn the_sdk_module_is_the_one_the_shim_asks_for() {
        assert_eq!(
            crate::modules::HostModule::AmocrmSdk.as_str(),
            amocrm_widget_shim::SDK_MODULE
        );
    }

    #[test]
    fn every_type_names_its_module_in_the_list() {
        for (name, module, _) in ALL {
            assert_eq!(*name, module.as_str());
        }
        // Every host module but the SDK itself, which the shim hands over apart.
        assert_eq!(ALL.len(), crate::modules::HostModule::KNOWN.len() - 1);
    }
}
