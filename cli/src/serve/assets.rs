//! The cabinet page's own files (`cli/cabinet/`) and the host emulation, embedded in the binary.

/// One embedded file: URL path, content type, bytes.
pub(crate) type Asset = (&'static str, &'static str, &'static [u8]);

const HTML: &str = "text/html; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const JSON: &str = "application/json; charset=utf-8";

/// Every file of the page, by the URL path it is served at.
pub(crate) const ASSETS: &[Asset] = &[
    (
        "/cabinet/",
        HTML,
        include_bytes!("../../cabinet/index.html"),
    ),
    (
        "/cabinet/cabinet.css",
        CSS,
        include_bytes!("../../cabinet/cabinet.css"),
    ),
    (
        "/cabinet/cabinet.js",
        JS,
        include_bytes!("../../cabinet/cabinet.js"),
    ),
    (
        "/cabinet/text.json",
        JSON,
        include_bytes!("../../cabinet/text.json"),
    ),
    (
        "/cabinet/format.js",
        JS,
        include_bytes!("../../cabinet/format.js"),
    ),
    (
        "/cabinet/amocrm-host.js",
        JS,
        amocrm_host_emulation::AMOCRM_HOST_JS.as_bytes(),
    ),
];

/// The asset served at `path`, if any.
pub(crate) fn find(path: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|(p, _, _)| *p == path)
}
