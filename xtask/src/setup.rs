//! Idempotent installation of everything the builds and tests need, from package registries only.
//!
//! Each check is cheap when the tool is already there, so every command calls [`all`] first.

use crate::cmd::{self, output, run, say};
use crate::engines::WebKitTools;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the installed tools are, for the suites that need them.
pub struct Tools {
    /// The chromedriver binary that drives headless Chromium.
    pub chromedriver: PathBuf,
    /// The geckodriver binary that drives Firefox ESR.
    pub geckodriver: PathBuf,
    /// WebKitGTK's MiniBrowser, its WebDriver and the virtual display it runs on.
    pub webkit: WebKitTools,
}

/// Installs whatever is missing and reports where the tools are.
pub fn all() -> Result<Tools, String> {
    say("checking the toolchain (installing only what is missing)");
    wasm_target()?;
    wasm_bindgen_cli()?;
    wasm_pack()?;
    let chromedriver = chromium()?;
    let (geckodriver, webkit) = firefox_and_webkit()?;
    redis_server()?;
    npm_packages()?;
    Ok(Tools {
        chromedriver,
        geckodriver,
        webkit,
    })
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

/// Installs Debian packages (as root), refreshing the package lists only if the first try fails.
fn apt_install(what: &str, packages: &[&str]) -> Result<(), String> {
    if output("id", &["-u"]).as_deref() != Some("0") {
        return Err(format!(
            "{what} is missing; install it with `sudo apt-get install -y {}` and run again",
            packages.join(" ")
        ));
    }
    let install = || {
        let mut c = Command::new("apt-get");
        c.args(["install", "-y", "-q"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    let step = format!("installing {what} (apt: {})", packages.join(" "));
    if run(&step, &mut install()).is_ok() {
        return Ok(());
    }
    run(
        "refreshing the apt package lists",
        Command::new("apt-get").args(["update", "-q"]),
    )?;
    run(&step, &mut install())
}

/// What the Firefox and WebKit suites and `amo-widget test --firefox | --webkit` (in the e2e
/// suite) need, looked up as `amo-widget` looks it up: Firefox and geckodriver; WebKitWebDriver,
/// MiniBrowser and xvfb-run. Installs what is missing (apt as root, geckodriver from crates.io).
fn firefox_and_webkit() -> Result<(PathBuf, WebKitTools), String> {
    use amo_widget::tools::{plan, Browser, Driver, Machine, Missing, Needs};
    let look = || -> (Vec<Missing>, Vec<Driver>) {
        let machine = Machine::current();
        let plans: Vec<_> = [Browser::Firefox, Browser::WebKit]
            .into_iter()
            .map(|b| plan(&machine, "0.0.0", Needs::Test(b), true))
            .collect();
        let missing = plans
            .iter()
            .flat_map(|p| p.missing.iter().cloned())
            .filter(|m| m.what != "cargo")
            .collect();
        (
            missing,
            plans.into_iter().filter_map(|p| p.driver).collect(),
        )
    };
    let (before, _) = look();
    if before.iter().any(|m| m.what.starts_with("geckodriver")) {
        run(
            "installing geckodriver (cargo install, a few minutes)",
            Command::new("cargo").args(["install", "geckodriver"]),
        )?;
    }
    if before.iter().any(|m| !m.what.starts_with("geckodriver")) {
        apt_install(
            "Firefox ESR, WebKitGTK's driver and MiniBrowser, Xvfb",
            &[
                "firefox-esr",
                "webkit2gtk-driver",
                "libwebkit2gtk-4.1-0",
                "xvfb",
                "xauth",
            ],
        )?;
    }
    let (after, drivers) = look();
    if !after.is_empty() {
        let lines: Vec<String> = after
            .iter()
            .map(|m| format!("  - {}: {}", m.what, m.fix))
            .collect();
        return Err(format!(
            "the Firefox and WebKit suites need:\n{}",
            lines.join("\n")
        ));
    }
    let mut geckodriver = None;
    let mut webkit = None;
    for driver in drivers {
        match driver {
            Driver::Firefox { geckodriver: g, .. } => geckodriver = Some(g),
            Driver::WebKit {
                webdriver,
                minibrowser,
                xvfb_run,
            } => {
                webkit = Some(WebKitTools {
                    driver: webdriver,
                    mini_browser: minibrowser,
                    xvfb_run,
                })
            }
            Driver::Chrome { .. } => {}
        }
    }
    match (geckodriver, webkit) {
        (Some(geckodriver), Some(webkit)) => {
            println!(
                "    firefox + {}, {} + {} + {}: present",
                geckodriver.display(),
                webkit.driver.display(),
                webkit.mini_browser.display(),
                webkit.xvfb_run.display()
            );
            Ok((geckodriver, webkit))
        }
        _ => Err(
            "amo-widget's lookup found no Firefox or WebKit driver although nothing is missing"
                .into(),
        ),
    }
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
