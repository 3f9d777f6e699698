//! `amo-widget test [--chrome | --firefox | --webkit] [PATH] [-- ARGS]`: the widget crate's
//! browser tests in the engines the cabinet's users run, as `cargo test --target
//! wasm32-unknown-unknown` with the wasm-bindgen test runner of the crate's locked version
//! (found or provided like `build`'s, [`crate::tools`]) and the browser's WebDriver server:
//!
//! - `--chrome` (the default): headless Chromium through the chromedriver on `PATH` (or
//!   `CHROMEDRIVER`); Chromium gets `--no-sandbox` when running as root (it refuses to start as
//!   root without it);
//! - `--firefox`: headless Firefox through the geckodriver on `PATH` (or `GECKODRIVER`);
//! - `--webkit`: WebKitGTK's MiniBrowser through WebKitWebDriver, which amo-widget starts in a
//!   virtual X display (`xvfb-run`) and stops when the tests end; the runner speaks to it as to
//!   a remote geckodriver (`GECKODRIVER_REMOTE`), so its own line says Firefox.
//!
//! The flags are wasm-pack's. No wasm-pack needed; `wasm-pack test --headless --chrome` keeps
//! working in the same crate.

mod capabilities;
mod driver_server;

use crate::pipeline::compile::Features;
use crate::pipeline::krate;
use crate::tools::{self, Browser, Driver, Needs, Toolchain};
pub use driver_server::Server;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The variables wasm-bindgen's test runner picks a WebDriver by; all of them are taken out of
/// cargo's environment before amo-widget's own are set, so the runner takes only the browser
/// asked for (it prefers geckodriver to chromedriver, and a remote one to either).
pub const DRIVER_VARS: [&str; 8] = [
    "GECKODRIVER",
    "GECKODRIVER_REMOTE",
    "SAFARIDRIVER",
    "SAFARIDRIVER_REMOTE",
    "CHROMEDRIVER",
    "CHROMEDRIVER_REMOTE",
    "MSEDGEDRIVER",
    "MSEDGEDRIVER_REMOTE",
];

/// Which browser the tests run in; one at most, as wasm-pack spells them.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
#[group(multiple = false)]
pub struct BrowserFlags {
    /// Run the tests in headless Chromium, through chromedriver (the default).
    #[arg(long)]
    pub chrome: bool,
    /// Run the tests in headless Firefox, through geckodriver.
    #[arg(long)]
    pub firefox: bool,
    /// Run the tests in WebKit (Safari's engine): WebKitGTK's MiniBrowser through
    /// WebKitWebDriver, in a virtual X display (Linux).
    #[arg(long)]
    pub webkit: bool,
}

impl BrowserFlags {
    /// The browser asked for.
    pub fn browser(&self) -> Browser {
        if self.firefox {
            Browser::Firefox
        } else if self.webkit {
            Browser::WebKit
        } else {
            Browser::Chrome
        }
    }
}

/// Arguments of `amo-widget test`.
#[derive(Debug, Clone, clap::Args)]
pub struct TestArgs {
    /// The widget crate (default: the current directory).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The browser.
    #[command(flatten)]
    pub browser: BrowserFlags,
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
    /// The crate's `webdriver.json` is not JSON, or not capabilities amo-widget can add to.
    #[error("{path}: not valid webdriver capabilities JSON ({reason})")]
    WebdriverJson {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Writing the capabilities file or picking a port failed.
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

/// The command to run: cargo's arguments, its environment, the server to start first, and
/// what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// cargo's arguments.
    pub args: Vec<OsString>,
    /// Environment to set: the runner, the driver's variable, and
    /// `WASM_BINDGEN_TEST_WEBDRIVER_JSON` when capabilities are added.
    pub env: Vec<(OsString, OsString)>,
    /// Environment to remove first ([`DRIVER_VARS`]).
    pub env_remove: Vec<OsString>,
    /// A WebDriver server amo-widget starts before cargo and stops after (WebKit's).
    pub server: Option<Server>,
    /// Lines to print before running.
    pub notes: Vec<String>,
}

/// The crate's capabilities (`webdriver.json` in `dir`) with `add`'s changes, written as
/// `name` in `target_dir`'s `amo-widget-test/`.
fn capabilities_file(
    dir: &Path,
    target_dir: &Path,
    name: &str,
    add: impl FnOnce(serde_json::Value) -> Result<serde_json::Value, String>,
) -> Result<PathBuf, TestError> {
    let with = add(capabilities::own(dir)?).map_err(|reason| TestError::WebdriverJson {
        path: dir.join("webdriver.json"),
        reason,
    })?;
    capabilities::write(target_dir, name, &with)
}

/// Works out the `cargo test` command for `args` with `tools`. Capabilities amo-widget adds
/// (Chromium's `--no-sandbox` as root, the Firefox or MiniBrowser found) go into a copy of the
/// crate's `webdriver.json` under `<target dir>/amo-widget-test/`, and the runner is pointed at
/// it; the crate's own file is never changed.
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
    let mut set = |key: &str, value: &Path| env.push((key.into(), value.as_os_str().to_owned()));
    let mut server = None;
    match &tools.driver {
        None => {}
        Some(Driver::Chrome { chromedriver }) => {
            notes.push(format!("chromedriver: {}", chromedriver.display()));
            set("CHROMEDRIVER", chromedriver);
            if root {
                let file = capabilities_file(
                    dir,
                    target_dir,
                    "webdriver.json",
                    capabilities::with_no_sandbox,
                )?;
                notes.push(format!(
                    "running as root: Chromium gets --no-sandbox ({})",
                    file.display()
                ));
                set("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &file);
            }
        }
        Some(Driver::Firefox {
            geckodriver,
            firefox,
        }) => {
            notes.push(format!(
                "geckodriver: {}, Firefox: {}",
                geckodriver.display(),
                firefox.display()
            ));
            set("GECKODRIVER", geckodriver);
            let file = capabilities_file(dir, target_dir, "webdriver-firefox.json", |c| {
                capabilities::with_firefox(c, firefox)
            })?;
            set("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &file);
        }
        Some(Driver::WebKit {
            webdriver,
            minibrowser,
            xvfb_run,
        }) => {
            let port = driver_server::free_port().map_err(|e| TestError::Io {
                path: "127.0.0.1:0".into(),
                reason: format!("no free port for WebKitWebDriver: {e}"),
            })?;
            let file = capabilities_file(dir, target_dir, "webdriver-webkit.json", |c| {
                capabilities::with_webkit(c, minibrowser)
            })?;
            let mut server_args: Vec<OsString> = ["-a", "-s", "-screen 0 1280x1024x24"]
                .map(OsString::from)
                .to_vec();
            server_args.push(webdriver.clone().into_os_string());
            server_args.push(format!("--port={port}").into());
            let log = file.with_file_name("webkitwebdriver.log");
            notes.push(format!(
                "WebKit: {} on 127.0.0.1:{port} (in {}), driving {}; wasm-bindgen's runner says \
                 Firefox below, as it speaks to any remote WebDriver server as to geckodriver",
                webdriver.display(),
                xvfb_run.display(),
                minibrowser.display()
            ));
            env.push((
                "GECKODRIVER_REMOTE".into(),
                format!("http://127.0.0.1:{port}").into(),
            ));
            env.push((
                "WASM_BINDGEN_TEST_WEBDRIVER_JSON".into(),
                file.into_os_string(),
            ));
            server = Some(Server {
                program: xvfb_run.clone(),
                args: server_args,
                port,
                log,
            });
        }
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
        env_remove: DRIVER_VARS.iter().map(OsString::from).collect(),
        server,
        notes,
    })
}

impl TestArgs {
    fn prepare(&self) -> anyhow::Result<Plan> {
        if !self.path.join("Cargo.toml").is_file() {
            return Err(TestError::NotACrate(self.path.clone()).into());
        }
        let krate = krate::inspect(&self.path)?;
        let needs = Needs::Test(self.browser.browser());
        let tools = tools::provide(krate.wasm_bindgen.as_deref(), needs)?;
        Ok(plan(self, &tools, &krate.target_dir, running_as_root())?)
    }

    /// Runs the tests; the exit code is cargo's.
    pub fn run(self) -> anyhow::Result<()> {
        let plan = self.prepare()?;
        for note in &plan.notes {
            crate::progress::note(note);
        }
        let mut command = Command::new(tools::cargo());
        for key in &plan.env_remove {
            command.env_remove(key);
        }
        // wasm-bindgen's runner reads the crate's webdriver.json from the working directory.
        command
            .args(&plan.args)
            .envs(plan.env.iter().cloned())
            .current_dir(&self.path);
        crate::progress::detail(&format!("env unset: {}", DRIVER_VARS.join(" ")));
        for (key, value) in &plan.env {
            crate::progress::detail(&format!(
                "env {}={}",
                key.to_string_lossy(),
                value.to_string_lossy()
            ));
        }
        let _server = match &plan.server {
            Some(server) => Some(server.start()?),
            None => None,
        };
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
