//! The one emulation of the amoCRM client cabinet as a `personal_page` widget sees it
//! (`amocrm-host.js`, written from the vendor document), carried by a crate so that the
//! `amo-widget` CLI can embed it in its local cabinet and still `cargo package`, the way
//! worker-build carries its JS shim.
//!
//! The file itself stays at `host-emulation/amocrm-host.js`, where the SDK's browser tests and
//! the end-to-end tests import it from.
#![deny(missing_docs)]

/// The ES module source of the host emulation (`createHost`, `createDriver`, `CONSTANTS`,
/// `FIXTURES`, …; see the README beside it).
///
/// ```
/// assert!(amocrm_host_emulation::AMOCRM_HOST_JS.contains("export function createHost"));
/// ```
pub const AMOCRM_HOST_JS: &str = include_str!("../amocrm-host.js");

/// The file name the emulation is served and imported under.
pub const FILE_NAME: &str = "amocrm-host.js";
