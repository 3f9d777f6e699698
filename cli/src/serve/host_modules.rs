//! The host-provided AMD modules the local cabinet serves: the real npm files, embedded byte for
//! byte (`cli/vendor/<package>/`, refreshed from `node_modules/` by `cargo xtask vendor`, checked
//! against it by `cli/tests/vendor.rs`), each with its licence.

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

    /// The URL path the cabinet serves it at.
    pub fn url(&self) -> String {
        format!("/cabinet/vendor/{}/{}", self.package, self.file_name())
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
            bytes: include_bytes!(concat!("../../vendor/", $package, "/", $file)),
            license: Some((
                $license,
                include_bytes!(concat!("../../vendor/", $package, "/", $license)),
            )),
        }
    };
    ($package:literal, $npm_path:literal, $file:literal, $amd:literal, $format:ident) => {
        VendorFile {
            package: $package,
            npm_path: $npm_path,
            amd_name: $amd,
            format: Format::$format,
            bytes: include_bytes!(concat!("../../vendor/", $package, "/", $file)),
            license: None,
        }
    };
}

/// requirejs itself (its MIT licence is in the file's header; the package ships no LICENSE).
pub const REQUIREJS: VendorFile = vendor!("requirejs", "require.js", "require.js", "", Script);

/// Every host-provided module backed by an npm file, under the id requirejs resolves it by.
/// `amocrm-sdk` and `import-modules` come from the host emulation; `immer.produce` and
/// `immer.current` are the two exports of the `immer` entry below.
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

/// Every embedded file: the loader and the modules.
pub fn all() -> impl Iterator<Item = &'static VendorFile> {
    std::iter::once(&REQUIREJS).chain(MODULES.iter())
}

/// The file served at `url_path`, if any.
pub fn find(url_path: &str) -> Option<&'static VendorFile> {
    all().find(|f| f.url() == url_path)
}

/// The file served at `url_path` as a licence, if any.
pub fn find_license(url_path: &str) -> Option<&'static [u8]> {
    all().find_map(|f| {
        let (name, bytes) = f.license?;
        (format!("/cabinet/vendor/{}/{name}", f.package) == url_path).then_some(bytes)
    })
}

/// The `requirejs.config({ paths })` object for the modules (ids to URLs without `.js`).
pub fn requirejs_paths() -> serde_json::Value {
    let mut paths = serde_json::Map::new();
    for file in MODULES {
        let url = file.url();
        let without_js = url.strip_suffix(".js").unwrap_or(&url).to_string();
        // requirejs appends `.js` unless the path has a query: `index.cjs?` stays `index.cjs`.
        let path = if url.ends_with(".js") {
            without_js
        } else {
            format!("{url}?")
        };
        paths.insert(file.amd_name.to_string(), serde_json::Value::String(path));
    }
    serde_json::Value::Object(paths)
}
