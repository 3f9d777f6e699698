//! The AMD modules the amoCRM client cabinet provides to `personal_page` widgets, as the real
//! npm files, byte for byte, each with its licence: requirejs itself and the modules the vendor
//! lists (`jquery`, `react`, `react-dom`, `@reduxjs/toolkit`, `react-redux`, `immer`, `nanoid`,
//! `classnames`, `dateformat`, `lodash`).
//!
//! The files live in `vendor/<package>/` beside this crate, copied from `node_modules/` by
//! `cargo xtask vendor` at the versions `package-lock.json` pins (the CLI's `tests/vendor.rs`
//! checks they are byte-identical). The `amo-widget` CLI serves them in its local cabinet and
//! the test kit (`amocrm-widget-testkit`) loads them through requirejs; a crate of their own so
//! that both package with them.
//!
//! ```
//! use amocrm_host_modules::{MODULES, REQUIREJS};
//!
//! assert!(REQUIREJS.text().contains("requirejs"));
//! let dateformat = MODULES.iter().find(|m| m.amd_name == "dateformat").unwrap();
//! assert_eq!(dateformat.package, "dateformat");
//! assert!(dateformat.license.is_some());
//! ```
#![deny(missing_docs)]

/// How a file becomes something requirejs can load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An AMD or UMD build: served as is.
    Amd,
    /// A CommonJS file: served inside `define(function (require, exports, module) { … })`,
    /// the npm bytes unchanged between [`CJS_PREFIX`] and [`CJS_SUFFIX`].
    CommonJs,
    /// A plain script (the loader itself).
    Script,
}

/// What goes before a CommonJS file's bytes when it is served.
pub const CJS_PREFIX: &str = "define(function (require, exports, module) {\n";
/// What goes after a CommonJS file's bytes when it is served.
pub const CJS_SUFFIX: &str = "\n});\n";

/// One embedded npm file.
#[derive(Debug, Clone, Copy)]
pub struct VendorFile {
    /// The npm package (as in `package-lock.json`).
    pub package: &'static str,
    /// The file inside the package.
    pub npm_path: &'static str,
    /// The requirejs module id it is served under (`""` for the loader).
    pub amd_name: &'static str,
    /// How it is wrapped.
    pub format: Format,
    /// The file's bytes.
    pub bytes: &'static [u8],
    /// The licence file inside the package, if it has one, and its bytes.
    pub license: Option<(&'static str, &'static [u8])>,
}

impl VendorFile {
    /// The file name, as served under `/cabinet/vendor/<package>/`.
    pub fn file_name(&self) -> &'static str {
        self.npm_path.rsplit('/').next().unwrap_or(self.npm_path)
    }

    /// The URL path the local cabinet (`amo-widget serve`) serves it at.
    pub fn url(&self) -> String {
        format!("/cabinet/vendor/{}/{}", self.package, self.file_name())
    }

    /// The npm file as text (every embedded file is UTF-8 JavaScript; invalid bytes, which a
    /// refresh from npm could bring, would show as U+FFFD rather than fail).
    ///
    /// ```
    /// assert!(amocrm_host_modules::REQUIREJS.text().starts_with("/**"));
    /// ```
    pub fn text(&self) -> std::borrow::Cow<'static, str> {
        String::from_utf8_lossy(self.bytes)
    }

    /// The body served: the npm bytes, wrapped for requirejs if they are CommonJS.
    pub fn served(&self) -> Vec<u8> {
        match self.format {
            Format::CommonJs => [CJS_PREFIX.as_bytes(), self.bytes, CJS_SUFFIX.as_bytes()].concat(),
            Format::Amd | Format::Script => self.bytes.to_vec(),
        }
    }
}

macro_rules! vendor {
    ($package:literal, $npm_path:literal, $file:literal, $amd:literal, $format:ident, $license:literal) => {
        VendorFile {
            package: $package,
            npm_path: $npm_path,
            amd_name: $amd,
            format: Format::$format,
            bytes: include_bytes!(concat!("../vendor/", $package, "/", $file)),
            license: Some((
                $license,
                include_bytes!(concat!("../vendor/", $package, "/", $license)),
            )),
        }
    };
    ($package:literal, $npm_path:literal, $file:literal, $amd:literal, $format:ident) => {
        VendorFile {
            package: $package,
            npm_path: $npm_path,
            amd_name: $amd,
            format: Format::$format,
            bytes: include_bytes!(concat!("../vendor/", $package, "/", $file)),
            license: None,
        }
    };
}

/// requirejs itself (its MIT licence is in the file's header; the package ships no LICENSE).
pub const REQUIREJS: VendorFile = vendor!("requirejs", "require.js", "require.js", "", Script);

/// Every host-provided module backed by an npm file, under the id requirejs resolves it by.
/// `amocrm-sdk` and `import-modules` come from the host emulation; `immer.produce` and
/// `immer.current` are two exports of the `immer` entry below ([`ALIASES`]).
pub const MODULES: &[VendorFile] = &[
    vendor!(
        "jquery",
        "dist/jquery.min.js",
        "jquery.min.js",
        "jquery",
        Amd,
        "LICENSE.txt"
    ),
    vendor!(
        "react",
        "umd/react.production.min.js",
        "react.production.min.js",
        "react",
        Amd,
        "LICENSE"
    ),
    vendor!(
        "react-dom",
        "umd/react-dom.production.min.js",
        "react-dom.production.min.js",
        "react-dom",
        Amd,
        "LICENSE"
    ),
    vendor!(
        "@reduxjs/toolkit",
        "dist/redux-toolkit.umd.min.js",
        "redux-toolkit.umd.min.js",
        "@reduxjs/toolkit",
        Amd,
        "LICENSE"
    ),
    vendor!(
        "react-redux",
        "dist/react-redux.min.js",
        "react-redux.min.js",
        "react-redux",
        Amd,
        "LICENSE.md"
    ),
    vendor!(
        "immer",
        "dist/immer.umd.production.min.js",
        "immer.umd.production.min.js",
        "amo-host/immer",
        Amd,
        "LICENSE"
    ),
    vendor!(
        "nanoid",
        "non-secure/index.cjs",
        "index.cjs",
        "nanoid",
        CommonJs,
        "LICENSE"
    ),
    vendor!(
        "classnames",
        "index.js",
        "index.js",
        "classnames",
        Amd,
        "LICENSE"
    ),
    vendor!(
        "dateformat",
        "lib/dateformat.js",
        "dateformat.js",
        "dateformat",
        Amd,
        "LICENSE"
    ),
    vendor!(
        "lodash",
        "lodash.min.js",
        "lodash.min.js",
        "lodash",
        Amd,
        "LICENSE"
    ),
];

/// A host module that is one export of another module's value: the cabinet names two of
/// immer's exports as modules of their own. Both cabinets (the test kit's and `amo-widget
/// serve`'s) define each as `define(name, [of], (m) => m[export])`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alias {
    /// The requirejs module id a widget asks for (`immer.produce`).
    pub amd_name: &'static str,
    /// The [`MODULES`] entry whose value it is taken from, by its `amd_name`.
    pub of: &'static str,
    /// The property of that value it is.
    pub export: &'static str,
}

/// `immer.produce` and `immer.current`, the two host modules that are exports of `immer`.
///
/// ```
/// let produce = &amocrm_host_modules::ALIASES[0];
/// assert_eq!((produce.amd_name, produce.export), ("immer.produce", "produce"));
/// ```
pub const ALIASES: &[Alias] = &[
    Alias {
        amd_name: "immer.produce",
        of: "amo-host/immer",
        export: "produce",
    },
    Alias {
        amd_name: "immer.current",
        of: "amo-host/immer",
        export: "current",
    },
];

/// Every embedded file: the loader and the modules.
pub fn all() -> impl Iterator<Item = &'static VendorFile> {
    std::iter::once(&REQUIREJS).chain(MODULES.iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_is_an_export_of_a_served_module() {
        for alias in ALIASES {
            assert!(
                MODULES.iter().any(|m| m.amd_name == alias.of),
                "{} is taken from {}, which is not served",
                alias.amd_name,
                alias.of
            );
            let text = MODULES
                .iter()
                .find(|m| m.amd_name == alias.of)
                .map(|m| m.text())
                .unwrap_or_default();
            assert!(
                text.contains(alias.export),
                "{} has no {}",
                alias.of,
                alias.export
            );
        }
    }
}
