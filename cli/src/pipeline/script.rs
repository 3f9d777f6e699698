//! `personal_page.js` from wasm-bindgen's glue and the (optimised) module: the imports are
//! shortened in the module and renamed in the glue ([`crate::pipeline::imports`]), the host modules the
//! code asks for join the declared ones ([`super::host_modules`]), and [`crate::pipeline::bundle`] wraps it
//! all in the shim, minified ([`super::minify`]) when the profile optimises.

use super::bindgen::{BINDGEN_GLUE, BINDGEN_WASM, GLUE_MODULE};
use super::krate::WidgetCrate;
use super::minify::{minify, MINIFIER};
use super::{bundle, dead_classes, glue, imports};
use super::{host_modules, BuildOptions, Profile};
use crate::progress;
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

/// Why the script could not be made: the bundler's or the minifier's error.
enum Fault {
    Bundle(bundle::BundleError),
    Minify(super::minify::MinifyError),
}

impl From<bundle::BundleError> for Fault {
    fn from(e: bundle::BundleError) -> Self {
        Fault::Bundle(e)
    }
}

/// wasm-bindgen's glue as the bundle will carry it.
pub(crate) struct Glue {
    /// The glue: for what ships, without the classes no code can reach ([`dead_classes`]).
    pub(crate) text: String,
    /// The exports only those classes called, for the module to lose before `wasm-opt`.
    pub(crate) dropped_exports: Vec<String>,
}

/// Reads wasm-bindgen's glue in `pkg`; when the profile optimises, the classes no code can
/// reach are taken out (the module's exports must then lose [`Glue::dropped_exports`]).
pub(crate) fn glue(profile: &Profile, pkg: &Path, bindgen_version: &str) -> Result<Glue> {
    let glue_path = pkg.join(BINDGEN_GLUE);
    let text =
        std::fs::read_to_string(&glue_path).with_context(|| glue_path.display().to_string())?;
    if !profile.optimises() {
        return Ok(Glue {
            text,
            dropped_exports: Vec::new(),
        });
    }
    let unreachable = dead_classes::remove(&text)
        .map_err(|e| bundle::BundleError::Glue(e.written_by(bindgen_version)))?;
    if !unreachable.classes.is_empty() {
        progress::note(&format!(
            "glue: {} unreachable class(es) removed ({}), {} export(s)",
            unreachable.classes.len(),
            unreachable.classes.join(", "),
            unreachable.exports.len()
        ));
    }
    Ok(Glue {
        text: unreachable.glue,
        dropped_exports: unreachable.exports,
    })
}

/// Makes the script from wasm-bindgen's `glue` (from `pkg`, see [`glue()`]) and the module to
/// ship, `wasm`.
pub(crate) fn personal_page(
    krate: &WidgetCrate,
    options: &BuildOptions,
    pkg: &Path,
    glue: &str,
    wasm: &[u8],
    bindgen_version: &str,
) -> Result<Script> {
    let short = imports::shorten_imports(wasm, GLUE_MODULE)
        .map_err(|e| anyhow!("{}: {e}", pkg.join(BINDGEN_WASM).display()))?;
    // The bundler cannot know which wasm-bindgen wrote the glue; the build does.
    let glue = glue::rename_imports(glue, &short.names, &short.module)
        .map_err(|e| bundle::BundleError::Glue(e.written_by(bindgen_version)))?;
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
            minify(js).map_err(Fault::Minify)
        })
    } else {
        bundle::bundle_with(&glue, &short.wasm, &bundle_options, |js| {
            Ok::<_, Fault>(js.into())
        })
    }
    .map_err(|fault| match fault {
        Fault::Bundle(bundle::BundleError::Glue(e)) => {
            anyhow::Error::from(bundle::BundleError::Glue(e.written_by(bindgen_version)))
        }
        Fault::Bundle(e) => e.into(),
        Fault::Minify(e) => e.into(),
    })?;
    Ok(Script {
        text,
        wasm: short.wasm,
        modules,
    })
}
