//! The widget crate as the build sees it, read through `cargo metadata`: its name, target
//! directory, widget folder, locked wasm-bindgen and `[package.metadata.amo-widget]` settings.

use anyhow::{anyhow, bail, ensure, Context as _, Result};
use std::path::{Path, PathBuf};

/// The facts about the widget crate that the build needs.
#[derive(Debug, Clone)]
pub(crate) struct WidgetCrate {
    /// The Cargo package name.
    pub(crate) name: String,
    /// The crate's `Cargo.toml`, canonical.
    pub(crate) manifest: PathBuf,
    /// Cargo's target directory for the crate.
    pub(crate) target_dir: PathBuf,
    /// Extra host modules from `[package.metadata.amo-widget] modules`.
    pub(crate) modules: Vec<String>,
    /// The directory of widget files (`widget-dir`, default `widget`).
    pub(crate) widget_dir: PathBuf,
    /// The wasm-bindgen version the crate's `Cargo.lock` resolves, if it uses wasm-bindgen.
    pub(crate) wasm_bindgen: Option<String>,
    /// The WebAssembly stack in bytes (`stack-size`, default [`DEFAULT_STACK_SIZE`]).
    pub(crate) stack_size: u64,
    /// The widget's own back end, which `serve` starts beside the cabinet (`backend`).
    pub(crate) backend: Option<BackendSpec>,
}

/// `[package.metadata.amo-widget.backend]`: how `amo-widget serve` starts the widget's back end.
///
/// ```toml
/// [package.metadata.amo-widget.backend]
/// command = ["cargo", "run", "--package", "my-widget-server"]
/// url = "http://127.0.0.1:3030"
/// env = { MY_SECRET = "{secret}", MY_ORIGINS = "{cabinet}" }
/// ```
///
/// `command` runs in the crate directory; in `env`, `{secret}` is the development secret the
/// cabinet signs its tokens with and `{cabinet}` the cabinet's origins (comma-separated); `url`
/// is the back end's base URL, each token's `aud`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BackendSpec {
    /// The program and its arguments.
    pub(crate) command: Vec<String>,
    /// The base URL.
    pub(crate) url: String,
    /// Environment variables to set, with placeholders.
    pub(crate) env: Vec<(String, String)>,
}

fn backend_spec(value: &serde_json::Value) -> Result<Option<BackendSpec>> {
    if value.is_null() {
        return Ok(None);
    }
    const WHAT: &str = "[package.metadata.amo-widget.backend]";
    let strings = |v: &serde_json::Value| -> Option<Vec<String>> {
        v.as_array()?
            .iter()
            .map(|s| s.as_str().map(String::from))
            .collect()
    };
    let command = strings(&value["command"])
        .filter(|c| !c.is_empty())
        .ok_or_else(|| anyhow!("{WHAT} command must be a non-empty list of strings"))?;
    let url = value["url"]
        .as_str()
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .ok_or_else(|| anyhow!("{WHAT} url must be the back end's http(s) base URL"))?
        .to_owned();
    let env = match &value["env"] {
        serde_json::Value::Null => Vec::new(),
        serde_json::Value::Object(table) => table
            .iter()
            .map(|(name, v)| {
                v.as_str()
                    .map(|v| (name.clone(), v.to_owned()))
                    .ok_or_else(|| anyhow!("{WHAT} env.{name} must be a string"))
            })
            .collect::<Result<_>>()?,
        _ => bail!("{WHAT} env must be a table of strings"),
    };
    Ok(Some(BackendSpec { command, url, env }))
}

impl WidgetCrate {
    /// Fails unless the widget folder has its `manifest.json`: before anything compiles.
    pub(crate) fn require_widget_manifest(&self) -> Result<()> {
        let manifest = self.widget_dir.join("manifest.json");
        ensure!(
            manifest.is_file(),
            "{} is missing: a widget crate keeps its widget files (manifest.json with \
             \"personal_page\" in locations, i18n/, images/) in {}",
            manifest.display(),
            self.widget_dir.display()
        );
        Ok(())
    }
}

/// The wasm stack a widget gets unless its `Cargo.toml` says otherwise
/// (`[package.metadata.amo-widget] stack-size = 131072`).
///
/// Rust's default is 1 MiB, which every instance reserves in its memory: 20 copies of a small
/// widget then take 20 MiB where 20 plain-JavaScript ones take one or two. Widget code runs
/// short callbacks; 48 KiB leaves an instance (stack, data and a small heap) within two 64 KiB
/// pages. A stack overflow traps (the stack is placed first, below the data), and the shim
/// treats the trap like a panic.
pub(crate) const DEFAULT_STACK_SIZE: u64 = 48 * 1024;

/// The keys of `[package.metadata.amo-widget]`.
const SETTINGS: &[&str] = &["backend", "modules", "stack-size", "widget-dir"];

/// Reads the crate through `cargo metadata` (resolving its dependencies, to learn the locked
/// wasm-bindgen version).
pub(crate) fn inspect(crate_dir: &Path) -> Result<WidgetCrate> {
    read_metadata(crate_dir, true)
}

/// Reads the crate's own manifest through `cargo metadata --no-deps`: what `amo-widget check`
/// needs, without resolving dependencies (which needs the registry, or an SDK published on it).
/// [`WidgetCrate::wasm_bindgen`] is `None`.
pub(crate) fn inspect_manifest(crate_dir: &Path) -> Result<WidgetCrate> {
    read_metadata(crate_dir, false)
}

fn read_metadata(crate_dir: &Path, resolve: bool) -> Result<WidgetCrate> {
    let manifest = crate_dir.join("Cargo.toml");
    let manifest =
        std::fs::canonicalize(&manifest).with_context(|| manifest.display().to_string())?;
    let mut command = cargo_metadata::MetadataCommand::new();
    command
        .cargo_path(crate::tools::cargo())
        .manifest_path(&manifest);
    if !resolve {
        command.no_deps();
    }
    let meta = command
        .exec()
        .map_err(|e| anyhow!("cargo metadata failed for {}: {e}", manifest.display()))?;
    let package = meta
        .packages
        .iter()
        .find(|p| p.manifest_path.as_std_path() == manifest.as_path())
        .ok_or_else(|| anyhow!("{} has no [package]", manifest.display()))?;
    let settings = &package.metadata["amo-widget"];
    if let Some(table) = settings.as_object() {
        for key in table.keys().filter(|k| !SETTINGS.contains(&k.as_str())) {
            let hint = crate::widget_files::check::suggest::closest(key, SETTINGS)
                .map(|known| format!(" (did you mean `{known}`?)"))
                .unwrap_or_default();
            eprintln!(
                "warning: unknown key `{key}` in [package.metadata.amo-widget] of {}{hint}; \
                 known keys: {}",
                manifest.display(),
                SETTINGS.join(", ")
            );
        }
    }
    let modules = match settings["modules"].as_array() {
        Some(list) => list
            .iter()
            .map(|m| {
                m.as_str()
                    .map(String::from)
                    .ok_or_else(|| anyhow!("[package.metadata.amo-widget] modules must be strings"))
            })
            .collect::<Result<Vec<_>>>()?,
        None => Vec::new(),
    };
    let stack_size = match &settings["stack-size"] {
        serde_json::Value::Null => DEFAULT_STACK_SIZE,
        value => match value.as_u64() {
            Some(n) if n >= 16 * 1024 && n % 16 == 0 => n,
            _ => bail!(
                "[package.metadata.amo-widget] stack-size must be a number of bytes, a \
                 multiple of 16 and at least 16384 (found {value})"
            ),
        },
    };
    let backend = backend_spec(&settings["backend"])?;
    let dir = manifest
        .parent()
        .expect("a canonical path to Cargo.toml has a parent");
    let widget_dir = dir.join(settings["widget-dir"].as_str().unwrap_or("widget"));
    // wasm-bindgen's `links` key allows one version per dependency graph.
    let wasm_bindgen = meta
        .packages
        .iter()
        .find(|p| p.name.as_str() == "wasm-bindgen")
        .map(|p| p.version.to_string());
    Ok(WidgetCrate {
        name: package.name.to_string(),
        manifest: manifest.clone(),
        target_dir: meta.target_directory.into_std_path_buf(),
        modules,
        widget_dir,
        stack_size,
        wasm_bindgen,
        backend,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_backend_table() {
        assert_eq!(backend_spec(&serde_json::Value::Null).unwrap(), None);
        let spec = backend_spec(&json!({
            "command": ["cargo", "run"],
            "url": "http://127.0.0.1:3030",
            "env": { "SECRET": "{secret}" },
        }))
        .unwrap()
        .unwrap();
        assert_eq!(spec.command, ["cargo", "run"]);
        assert_eq!(spec.url, "http://127.0.0.1:3030");
        assert_eq!(spec.env, [("SECRET".to_owned(), "{secret}".to_owned())]);
        for (bad, says) in [
            (json!({ "url": "http://x" }), "command"),
            (json!({ "command": [], "url": "http://x" }), "command"),
            (json!({ "command": ["x"], "url": "x.io" }), "url"),
            (
                json!({ "command": ["x"], "url": "http://x", "env": { "A": 1 } }),
                "env.A",
            ),
        ] {
            let error = backend_spec(&bad).unwrap_err().to_string();
            assert!(error.contains(says), "{bad}: {error}");
        }
    }
}
