//! The browser engines besides Chromium (whose suites set `CHROMEDRIVER` themselves) that the
//! wasm-bindgen suites run in, and how wasm-bindgen's test runner reaches each: Firefox ESR
//! through geckodriver, WebKit (WebKitGTK's MiniBrowser) through WebKitWebDriver under a virtual
//! X display.
//!
//! wasm-bindgen's runner knows chromedriver, geckodriver and safaridriver. WebKitWebDriver speaks
//! the same W3C WebDriver protocol as geckodriver but needs the capability
//! `webkitgtk:browserOptions` (which browser binary, with `--automation`), and the runner sends
//! capabilities from a `webdriver.json` only on its geckodriver path (its safaridriver path sends
//! none). So WebKit runs as a *remote* geckodriver: `GECKODRIVER_REMOTE` points at a
//! WebKitWebDriver started here, `WASM_BINDGEN_TEST_WEBDRIVER_JSON` at the capabilities. The
//! runner's own line then says "Firefox"; ours says which engine it really is.

use crate::cmd::{root, say};
use crate::setup::Tools;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A browser engine a wasm-bindgen suite can run in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Firefox,
    WebKit,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Firefox => "headless Firefox ESR",
            Engine::WebKit => "WebKit (WebKitGTK MiniBrowser under Xvfb)",
        }
    }
}

/// WebKitGTK's browser and driver, as `setup` found them.
pub struct WebKitTools {
    pub driver: PathBuf,
    pub mini_browser: PathBuf,
    pub xvfb_run: PathBuf,
}

/// What a wasm-bindgen suite needs to reach `engine`; WebKit's driver runs as long as this lives.
pub struct Session {
    env: Vec<(&'static str, String)>,
    driver: Option<Child>,
}

impl Session {
    /// Starts what `engine` needs (for WebKit: Xvfb and WebKitWebDriver, stopped on drop).
    pub fn start(engine: Engine, tools: &Tools) -> Result<Session, String> {
        match engine {
            Engine::Firefox => Ok(Session {
                env: vec![("GECKODRIVER", path_text(&tools.geckodriver))],
                driver: None,
            }),
            Engine::WebKit => start_webkit(&tools.webkit),
        }
    }

    /// Points a `cargo test --target wasm32-unknown-unknown` at this session's engine.
    pub fn apply(&self, command: &mut Command) {
        // The runner takes the first driver it finds in its environment: only ours.
        for variable in [
            "CHROMEDRIVER",
            "GECKODRIVER",
            "SAFARIDRIVER",
            "CHROMEDRIVER_REMOTE",
            "GECKODRIVER_REMOTE",
            "SAFARIDRIVER_REMOTE",
            "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
        ] {
            command.env_remove(variable);
        }
        for (key, value) in &self.env {
            command.env(key, value);
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(mut child) = self.driver.take() {
            // xvfb-run, Xvfb and WebKitWebDriver share the process group started for them.
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
            let _ = child.wait();
        }
    }
}

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn start_webkit(webkit: &WebKitTools) -> Result<Session, String> {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free port for WebKitWebDriver: {e}"))?
        .port();
    let dir = root().join("target/webkit");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let capabilities = dir.join("webdriver.json");
    let json = serde_json::json!({
        "webkitgtk:browserOptions": {
            "binary": webkit.mini_browser,
            "args": ["--automation"],
        }
    });
    std::fs::write(&capabilities, json.to_string())
        .map_err(|e| format!("{}: {e}", capabilities.display()))?;
    let log = dir.join("webkitwebdriver.log");
    let log_file = std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    let log_err = log_file
        .try_clone()
        .map_err(|e| format!("{}: {e}", log.display()))?;
    say(&format!(
        "starting WebKitWebDriver on 127.0.0.1:{port} under xvfb-run (log: {})",
        log.display()
    ));
    let child = Command::new(&webkit.xvfb_run)
        .args(["-a", "-s", "-screen 0 1280x1024x24"])
        .arg(&webkit.driver)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(log_file)
        .stderr(log_err)
        .process_group(0)
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", webkit.xvfb_run.display()))?;
    let session = Session {
        env: vec![
            ("GECKODRIVER_REMOTE", format!("http://127.0.0.1:{port}")),
            ("WASM_BINDGEN_TEST_WEBDRIVER_JSON", path_text(&capabilities)),
        ],
        driver: Some(child),
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err(format!(
                "WebKitWebDriver did not listen on port {port} within 30 s; see {}",
                log.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(session)
}
