//! `amo-widget test [PATH] [-- ARGS]`: the widget crate's browser tests in headless Chromium,
//! as `cargo test --target wasm32-unknown-unknown` with the wasm-bindgen test runner of the
//! crate's locked version (found or provided like `build`'s, [`crate::tools`]) and the
//! chromedriver on `PATH` (or `CHROMEDRIVER`); Chromium gets `--no-sandbox` when running as root
//! (it refuses to start as root without it). No wasm-pack needed; `wasm-pack test --headless
//! --chrome` keeps working in the same crate.

use crate::pipeline::compile::Features;
use crate::pipeline::krate;
use crate::tools::{self, Needs, Toolchain};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Arguments of `amo-widget test`.
#[derive(Debug, Clone, clap::Args)]
pub struct TestArgs {
    /// The widget crate (default: the current directory).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Feature switches for the crate.
    #[command(flatten)]
    pub features: Features,
    /// Passed on to `cargo test` (cargo's options, then `--` and the test binary's, e.g.
    /// `-- --test widget`).
    #[arg(last = true)]
    pub extra: Vec<String>,
}

/// Why the tests could not be started.
#[derive(Debug, thiserror::Error)]
pub enum TestError {
    /// No `Cargo.toml` at the path.
    #[error(
        "{0}: no Cargo.toml there; run `amo-widget test` in a widget crate or pass its directory"
    )]
    NotACrate(PathBuf),
    /// The crate's `webdriver.json` is not JSON (needed to add `--no-sandbox` as root).
    #[error("{path}: not valid webdriver capabilities JSON ({reason})")]
    WebdriverJson {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Writing the capabilities with `--no-sandbox` failed.
    #[error("{path}: {reason}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        reason: String,
    },
}

#[cfg(unix)]
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    // `/proc/self` belongs to the process's effective user (Linux); elsewhere, `$USER`.
    match std::fs::metadata("/proc/self") {
        Ok(meta) => meta.uid() == 0,
        Err(_) => std::env::var("USER").is_ok_and(|u| u == "root"),
    }
}

#[cfg(not(unix))]
fn running_as_root() -> bool {
    false
}

/// The command to run: cargo's arguments, extra environment, and what to say first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// cargo's arguments.
    pub args: Vec<OsString>,
    /// Environment to set: the runner, `CHROMEDRIVER`, and `WASM_BINDGEN_TEST_WEBDRIVER_JSON`
    /// as root.
    pub env: Vec<(OsString, OsString)>,
    /// Lines to print before running.
    pub notes: Vec<String>,
}

/// The chromium arguments that make `--no-sandbox` present in `capabilities` (webdriver JSON).
fn with_no_sandbox(mut capabilities: serde_json::Value) -> Result<serde_json::Value, String> {
    let root = capabilities
        .as_object_mut()
        .ok_or("the capabilities are not a JSON object")?;
    let options = root
        .entry("goog:chromeOptions")
        .or_insert_with(|| serde_json::json!({}));
    let options = options
        .as_object_mut()
        .ok_or("goog:chromeOptions is not an object")?;
    let args = options
        .entry("args")
        .or_insert_with(|| serde_json::json!([]));
    let args = args
        .as_array_mut()
        .ok_or("goog:chromeOptions.args is not an array")?;
    if !args
        .iter()
        .any(|a| a == "--no-sandbox" || a == "no-sandbox")
    {
        args.push("--no-sandbox".into());
    }
    if !args.iter().any(|a| {
        a.as_str()
            .is_some_and(|s| s.starts_with("--headless") || s.starts_with("headless"))
    }) {
        args.push("--headless=new".into());
    }
    Ok(capabilities)
}

/// Works out the `cargo test` command for `args` with `tools`. As root, writes the crate's
/// `webdriver.json` with `--no-sandbox` added to `<target dir>/amo-widget-test/` and points
/// wasm-bindgen's test runner at it (the crate's own file is never changed).
pub fn plan(
    args: &TestArgs,
    tools: &Toolchain,
    target_dir: &Path,
    root: bool,
) -> Result<Plan, TestError> {
    let dir = &args.path;
    let mut notes = Vec::new();
    let mut env = vec![(
        OsString::from("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER"),
        tools.test_runner.clone().into_os_string(),
    )];
    if let Some(driver) = &tools.chromedriver {
        notes.push(format!("chromedriver: {}", driver.display()));
        env.push((
            OsString::from("CHROMEDRIVER"),
            driver.clone().into_os_string(),
        ));
    }
    if root {
        let own = dir.join("webdriver.json");
        let capabilities = match std::fs::read_to_string(&own) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| TestError::WebdriverJson {
                path: own.clone(),
                reason: e.to_string(),
            })?,
            Err(_) => serde_json::json!({}),
        };
        let capabilities =
            with_no_sandbox(capabilities).map_err(|reason| TestError::WebdriverJson {
                path: own.clone(),
                reason,
            })?;
        let out_dir = target_dir.join("amo-widget-test");
        let out = out_dir.join("webdriver.json");
        std::fs::create_dir_all(&out_dir)
            .and_then(|()| std::fs::write(&out, capabilities.to_string()))
            .map_err(|e| TestError::Io {
                path: out.clone(),
                reason: e.to_string(),
            })?;
        // The runner reads this relative to its working directory: make it absolute.
        let out = std::fs::canonicalize(&out).unwrap_or(out);
        notes.push(format!(
            "running as root: Chromium gets --no-sandbox ({})",
            out.display()
        ));
        env.push((
            OsString::from("WASM_BINDGEN_TEST_WEBDRIVER_JSON"),
            out.into_os_string(),
        ));
    }
    let mut cargo_args: Vec<OsString> = ["test", "--target", tools::WASM_TARGET]
        .iter()
        .map(OsString::from)
        .collect();
    cargo_args.extend(args.features.args().into_iter().map(OsString::from));
    cargo_args.extend(args.extra.iter().map(OsString::from));
    Ok(Plan {
        args: cargo_args,
        env,
        notes,
    })
}

impl TestArgs {
    fn prepare(&self) -> anyhow::Result<Plan> {
        if !self.path.join("Cargo.toml").is_file() {
            return Err(TestError::NotACrate(self.path.clone()).into());
        }
        let krate = krate::inspect(&self.path)?;
        let tools = tools::provide(krate.wasm_bindgen.as_deref(), Needs::Test)?;
        Ok(plan(self, &tools, &krate.target_dir, running_as_root())?)
    }

    /// Runs the tests; the exit code is cargo's.
    pub fn run(self) -> anyhow::Result<()> {
        let plan = self.prepare()?;
        for note in &plan.notes {
            crate::progress::note(note);
        }
        let mut command = Command::new(tools::cargo());
        // wasm-bindgen's runner reads the crate's webdriver.json from the working directory.
        command
            .args(&plan.args)
            .envs(plan.env.iter().cloned())
            .current_dir(&self.path);
        let shown: Vec<String> = plan
            .args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        crate::progress::note(&format!("running cargo {}", shown.join(" ")));
        let status = command
            .status()
            .map_err(|error| anyhow::anyhow!("could not run cargo: {error}"))?;
        anyhow::ensure!(status.success(), "the tests failed ({status})");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_sandbox_is_added_once_and_other_arguments_stay() {
        let given = serde_json::json!({ "goog:chromeOptions": { "args": ["--headless=new", "--disable-gpu"] } });
        let out = with_no_sandbox(given).unwrap();
        assert_eq!(
            out["goog:chromeOptions"]["args"],
            serde_json::json!(["--headless=new", "--disable-gpu", "--no-sandbox"])
        );
        let again = with_no_sandbox(out.clone()).unwrap();
        assert_eq!(again, out);
        let empty = with_no_sandbox(serde_json::json!({})).unwrap();
        assert_eq!(
            empty["goog:chromeOptions"]["args"],
            serde_json::json!(["--no-sandbox", "--headless=new"])
        );
        assert!(with_no_sandbox(serde_json::json!([])).is_err());
    }
}
