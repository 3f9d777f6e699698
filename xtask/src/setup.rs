//! Idempotent installation of everything the builds and tests need, from package registries only.
//!
//! Each check is cheap when the tool is already there, so every command calls [`all`] first.

use crate::cmd::{self, output, run, say};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the installed tools are, for the suites that need them.
pub struct Tools {
    /// The chromedriver binary that drives headless Chromium.
    pub chromedriver: PathBuf,
}

/// Installs whatever is missing and reports where the tools are.
pub fn all() -> Result<Tools, String> {
    say("checking the toolchain (installing only what is missing)");
    wasm_target()?;
    wasm_bindgen_cli()?;
    wasm_pack()?;
    let chromedriver = chromium()?;
    firefox_and_webkit()?;
    redis_server()?;
    npm_packages()?;
    Ok(Tools { chromedriver })
}

fn wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        println!("    wasm32-unknown-unknown target: present");
        return Ok(());
    }
    run(
        "installing the wasm32-unknown-unknown target (rustup)",
        Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
    )
}

/// The wasm-bindgen version pinned in Cargo.lock; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(cmd::root().join("Cargo.lock"))
        .map_err(|e| format!("reading Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(version.trim_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock does not pin wasm-bindgen".into())
}

/// wasm-bindgen's CLI at the locked version, as `amo-widget` itself finds or provides it (on PATH,
/// or `cargo install`ed once into amo-widget's cache); its directory goes first on this
/// process's PATH, so that the suites' `wasm-bindgen-test-runner` (`.cargo/config.toml`) and the
/// CLI the tests run find the same one.
pub fn wasm_bindgen_cli() -> Result<(), String> {
    let version = locked_wasm_bindgen_version()?;
    let tools = amo_widget::tools::provide(Some(&version), amo_widget::tools::Needs::TestRunner)
        .map_err(|e| e.to_string())?;
    if let Some(dir) = tools.wasm_bindgen.parent() {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let joined = std::env::join_paths(
            std::iter::once(dir.to_path_buf()).chain(std::env::split_paths(&path)),
        )
        .map_err(|e| e.to_string())?;
        // Single-threaded here, before any suite starts.
        std::env::set_var("PATH", joined);
    }
    Ok(())
}

fn wasm_pack() -> Result<(), String> {
    if let Some(version) = output("wasm-pack", &["--version"]) {
        println!("    {version}: present");
        return Ok(());
    }
    run(
        "installing wasm-pack (cargo install, a few minutes)",
        Command::new("cargo").args(["install", "wasm-pack"]),
    )
}

fn chromium() -> Result<PathBuf, String> {
    let chromium = Path::new("/usr/bin/chromium");
    let driver = PathBuf::from("/usr/bin/chromedriver");
    if chromium.exists() && driver.exists() {
        println!("    chromium + chromedriver: present");
        return Ok(driver);
    }
    if output("id", &["-u"]).as_deref() != Some("0") {
        return Err("Chromium and chromedriver are missing; install them with \
             `sudo apt-get install -y chromium chromium-driver` and run again"
            .into());
    }
    run(
        "refreshing the apt package lists",
        Command::new("apt-get").args(["update", "-q"]),
    )?;
    run(
        "installing chromium and chromium-driver (apt)",
        Command::new("apt-get")
            .args(["install", "-y", "-q", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    Ok(driver)
}

/// What `amo-widget test --firefox` and `--webkit` need (the e2e suite runs both), looked up as
/// `amo-widget` looks it up: Firefox and geckodriver; WebKitWebDriver, MiniBrowser and xvfb-run.
fn firefox_and_webkit() -> Result<(), String> {
    use amo_widget::tools::{plan, Browser, Machine, Missing, Needs};
    let missing = || -> Vec<Missing> {
        let machine = Machine::current();
        [Browser::Firefox, Browser::WebKit]
            .into_iter()
            .flat_map(|b| plan(&machine, "0.0.0", Needs::Test(b), true).missing)
            .filter(|m| m.what != "cargo")
            .collect()
    };
    let before = missing();
    if before.is_empty() {
        println!("    firefox + geckodriver, WebKitWebDriver + MiniBrowser + xvfb-run: present");
        return Ok(());
    }
    if before.iter().any(|m| m.what.starts_with("geckodriver")) {
        run(
            "installing geckodriver (cargo install, a few minutes)",
            Command::new("cargo").args(["install", "geckodriver"]),
        )?;
    }
    let from_apt = before.iter().any(|m| !m.what.starts_with("geckodriver"));
    if from_apt && output("id", &["-u"]).as_deref() == Some("0") {
        run(
            "installing firefox-esr, WebKitGTK's driver and MiniBrowser, xvfb (apt)",
            Command::new("apt-get")
                .args([
                    "install",
                    "-y",
                    "-q",
                    "firefox-esr",
                    "webkit2gtk-driver",
                    "libwebkit2gtk-4.1-0",
                    "xvfb",
                ])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
    }
    let after = missing();
    if after.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = after
        .iter()
        .map(|m| format!("  - {}: {}", m.what, m.fix))
        .collect();
    Err(format!(
        "the e2e suite's Firefox and WebKit runs need:\n{}",
        lines.join("\n")
    ))
}

/// The token crate's and mobile-card's Redis tests start their own `redis-server`.
fn redis_server() -> Result<(), String> {
    let found = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"]
        .iter()
        .any(|p| Path::new(p).exists())
        || output("sh", &["-c", "command -v redis-server"]).is_some_and(|p| !p.is_empty());
    if found {
        println!("    redis-server: present");
        return Ok(());
    }
    if output("id", &["-u"]).as_deref() != Some("0") {
        return Err(
            "redis-server is missing (the replay-guard tests start one); install it \
             with `sudo apt-get install -y redis-server` and run again"
                .into(),
        );
    }
    // The lists are usually fresh after the Chromium step: refresh only if this fails.
    let installed = run(
        "installing redis-server (apt)",
        Command::new("apt-get")
            .args(["install", "-y", "-q", "redis-server"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    );
    if installed.is_ok() {
        return Ok(());
    }
    run(
        "refreshing the apt package lists",
        Command::new("apt-get").args(["update", "-q"]),
    )?;
    run(
        "installing redis-server (apt)",
        Command::new("apt-get")
            .args(["install", "-y", "-q", "redis-server"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn npm_packages() -> Result<(), String> {
    let root = cmd::root();
    let lock = root.join("package-lock.json");
    let installed = root.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&installed)) {
        (Ok(l), Ok(i)) => match (l.modified(), i.modified()) {
            (Ok(l), Ok(i)) => i >= l,
            _ => false,
        },
        _ => false,
    };
    if fresh {
        println!("    npm packages (package-lock.json): present");
        return Ok(());
    }
    run(
        "installing npm packages from package-lock.json (npm ci)",
        Command::new("npm").args(["ci", "--no-audit", "--no-fund"]),
    )
}
