//! `personal_page.js` from wasm-bindgen's glue and the (optimised) module: the imports are
//! shortened in the module and renamed in the glue ([`crate::imports`]), the host modules the
//! code asks for join the declared ones ([`super::host_modules`]), and [`crate::bundle`] wraps it
//! all in the shim, minified ([`super::minify`]) when the profile optimises.

use super::bindgen::{BINDGEN_GLUE, BINDGEN_WASM, GLUE_MODULE};
use super::krate::WidgetCrate;
use super::minify::{minify, MINIFIER};
use super::{host_modules, BuildOptions};
use crate::{bundle, imports, progress};
use anyhow::{anyhow, Context as _, Result};
use std::path::Path;

/// The bundle the widget ships.
#[derive(Debug, Clone)]
pub(crate) struct Script {
    /// `personal_page.js`.
    pub(crate) text: String,
    /// The module, its imports shortened (inlined in `text`, or beside it when split).
    pub(crate) wasm: Vec<u8>,
    /// The host modules in the bundle's `define` dependencies: those declared in `Cargo.toml`,
    /// then those the widget's code asks for by type.
    pub(crate) modules: Vec<String>,
}

/// Makes the script from wasm-bindgen's output in `pkg` and the module to ship, `wasm`.
pub(crate) fn personal_page(
    krate: &WidgetCrate,
    options: &BuildOptions,
    pkg: &Path,
    wasm: &[u8],
) -> Result<Script> {
    let short = imports::shorten_imports(wasm, GLUE_MODULE)
        .map_err(|e| anyhow!("{}: {e}", pkg.join(BINDGEN_WASM).display()))?;
    let glue_path = pkg.join(BINDGEN_GLUE);
    let glue =
        std::fs::read_to_string(&glue_path).with_context(|| glue_path.display().to_string())?;
    let glue = bundle::rename_imports(&glue, &short.names, &short.module)?;
    let modules = host_modules::merge(&krate.modules, &host_modules::used(&short.wasm));
    let bundle_options = bundle::BundleOptions {
        mode: options.mode,
        crate_name: krate.name.clone(),
        modules: modules.clone(),
        test_hooks: options.test_hooks,
    };
    let text = if options.profile.optimises() {
        progress::note(&format!("minify: {MINIFIER}"));
        bundle::bundle_with(&glue, &short.wasm, &bundle_options, |js| {
            minify(js).map_err(anyhow::Error::from)
        })?
    } else {
        bundle::bundle_with(&glue, &short.wasm, &bundle_options, |js| {
            Ok::<_, anyhow::Error>(js.into())
        })?
    };
    Ok(Script {
        text,
        wasm: short.wasm,
        modules,
    })
}
