//! The host-provided AMD modules the local cabinet serves: the real npm files, embedded byte for
//! byte by the `amocrm-host-modules` crate (`host-modules/vendor/<package>/`, refreshed from
//! `node_modules/` by `cargo xtask vendor`, checked against it by `cli/tests/cli/vendor.rs`), each
//! with its licence.

pub use amocrm_host_modules::{
    all, Format, VendorFile, CJS_PREFIX, CJS_SUFFIX, MODULES, REQUIREJS,
};

/// The file served at `url_path`, if any.
pub(crate) fn find(url_path: &str) -> Option<&'static VendorFile> {
    all().find(|f| f.url() == url_path)
}

/// The file served at `url_path` as a licence, if any.
pub(crate) fn find_license(url_path: &str) -> Option<&'static [u8]> {
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
