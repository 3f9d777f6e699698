//! `amo-widget test` runs `cargo test --target wasm32-unknown-unknown` with the wasm-bindgen test
//! runner of the crate's locked version (installed into amo-widget's cache when missing) and the
//! driver of the browser asked for (`--chrome`, `--firefox`, `--webkit`), says everything that is
//! missing in one message, gives Chromium --no-sandbox as root, and starts and stops WebKit's
//! driver itself; the real runs are the author-path e2e test.
#![cfg(unix)]

use super::fake_tools::{alive, executable, fake_cargo, fake_webkit_driver, pinned_wasm_bindgen};
use amo_widget::cmd::test::{plan, BrowserFlags, TestArgs, TestError};
use amo_widget::tools::{self, Browser, Driver, Machine, Needs, Toolchain};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("amo-test-cmd-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A widget crate (a lockfile pinning wasm-bindgen is all that matters here) and a bin directory
/// for the stand-ins.
fn setup(name: &str) -> (PathBuf, PathBuf) {
    let root = temp(name);
    let krate = root.join("widget");
    let bin = root.join("bin");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"w\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\nwasm-bindgen = \"={}\"\n\n[workspace]\n",
            pinned_wasm_bindgen()
        ),
    )
    .unwrap();
    std::fs::write(krate.join("src/lib.rs"), "").unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    std::fs::copy(repo.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    (krate, bin)
}

/// The stand-ins, the toolchain's own directory (cargo and rustc, no wasm-bindgen) and the few
/// system programs they use: whatever wasm-bindgen or chromedriver this machine has elsewhere
/// stays out of sight.
fn path_with_first(bin: &Path) -> OsString {
    let toolchain = Path::new(env!("CARGO")).parent().unwrap();
    assert!(!toolchain.join("wasm-bindgen").exists());
    let system = super::fake_tools::system_bin(bin.parent().unwrap());
    std::env::join_paths([bin, toolchain, system.as_path()]).unwrap()
}

fn amo_test(krate: &Path, bin: &Path, cache: &Path, cargo: &Path) -> std::process::Output {
    amo_test_command(&[], krate, bin, cache, cargo)
        .output()
        .unwrap()
}

/// `amo-widget test FLAGS KRATE --features x -- --test widget` with the stand-ins in `bin`; every
/// driver variable of the caller's environment is removed first.
fn amo_test_command(
    flags: &[&str],
    krate: &Path,
    bin: &Path,
    cache: &Path,
    cargo: &Path,
) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_amo-widget"));
    command
        .arg("test")
        .args(flags)
        .arg(krate)
        .args(["--features", "x", "--", "--test", "widget"])
        .env("PATH", path_with_first(bin))
        .env("CARGO", cargo)
        .env("AMO_WIDGET_CACHE", cache)
        .env_remove("WEBKIT_MINIBROWSER");
    for var in amo_widget::cmd::test::DRIVER_VARS {
        command.env_remove(var);
    }
    command
}

#[test]
fn a_directory_without_a_crate_is_refused() {
    let (_, bin) = setup("no-crate");
    let out = Command::new(env!("CARGO_BIN_EXE_amo-widget"))
        .arg("test")
        .arg(&bin)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no Cargo.toml there"));
}

#[test]
fn everything_missing_is_said_at_once_with_the_command_for_each() {
    let machine = Machine {
        cache: temp("nothing"),
        ..Default::default()
    };
    let plan = tools::plan(&machine, "0.2.130", Needs::Test(Browser::Chrome), false);
    let text = tools::ToolError::Missing(plan.missing.clone()).to_string();
    assert_eq!(plan.missing.len(), 3, "{text}");
    assert!(text.contains("wasm32-unknown-unknown"), "{text}");
    assert!(text.contains("https://rustup.rs"), "{text}");
    assert!(
        text.contains("apt-get install chromium chromium-driver"),
        "{text}"
    );
    assert!(plan.bindgen.is_none() && !plan.add_target);

    // With rustup there, the target is something amo-widget adds itself.
    let bin = temp("rustup");
    executable(&bin.join("rustup"), "#!/bin/sh\n");
    executable(&bin.join("cargo"), "#!/bin/sh\n");
    executable(&bin.join("chromedriver"), "#!/bin/sh\n");
    let machine = Machine {
        path: bin.clone().into_os_string(),
        ..machine
    };
    let plan = tools::plan(&machine, "0.2.130", Needs::Test(Browser::Chrome), false);
    assert!(plan.missing.is_empty(), "{:?}", plan.missing);
    assert!(plan.add_target);
    assert_eq!(
        plan.driver,
        Some(Driver::Chrome {
            chromedriver: bin.join("chromedriver")
        })
    );
    // A build needs no browser.
    let plan = tools::plan(
        &Machine {
            cache: bin,
            ..Default::default()
        },
        "0.2.130",
        Needs::Build,
        true,
    );
    assert_eq!(plan.missing.len(), 1, "only cargo: {:?}", plan.missing);
}

#[test]
fn without_chromedriver_nothing_is_installed_or_run() {
    let (krate, bin) = setup("no-driver");
    let cargo = fake_cargo(&bin, 0);
    let cache = bin.join("cache");
    let out = amo_test(&krate, &bin, &cache, &cargo.program);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Chromium and chromedriver"), "{stderr}");
    assert!(stderr.contains("CHROMEDRIVER="), "{stderr}");
    assert!(
        !cargo.log.exists(),
        "cargo must not install or run anything"
    );
}

#[test]
fn it_installs_the_locked_runner_once_and_runs_cargo_test_with_it() {
    let (krate, bin) = setup("runs");
    let cargo = fake_cargo(&bin, 0);
    executable(&bin.join("chromedriver"), "#!/bin/sh\n");
    let cache = bin.join("cache");
    let pinned = pinned_wasm_bindgen();
    let out = amo_test(&krate, &bin, &cache, &cargo.program);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let root = cache.join("wasm-bindgen-cli").join(&pinned);
    let log = std::fs::read_to_string(&cargo.log).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "cargo install wasm-bindgen-cli --version {pinned} --root {}",
            root.display()
        )
    );
    assert_eq!(
        lines[1],
        "cargo test --target wasm32-unknown-unknown --features x --test widget"
    );
    assert!(
        log.contains(&format!(
            "CHROMEDRIVER={}",
            bin.join("chromedriver").display()
        )),
        "{log}"
    );
    assert!(
        log.contains(&format!(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER={}",
            root.join("bin/wasm-bindgen-test-runner").display()
        )),
        "{log}"
    );

    std::fs::remove_file(&cargo.log).unwrap();
    let again = amo_test(&krate, &bin, &cache, &cargo.program);
    assert!(again.status.success());
    let log = std::fs::read_to_string(&cargo.log).unwrap();
    assert!(!log.contains("install"), "installed once: {log}");
    assert!(log.starts_with("cargo test "), "{log}");
}

#[test]
fn as_root_chromium_gets_no_sandbox_and_the_crates_file_is_untouched() {
    let (krate, bin) = setup("root");
    let own = r#"{"goog:chromeOptions":{"args":["--headless=new","--disable-gpu"]}}"#;
    std::fs::write(krate.join("webdriver.json"), own).unwrap();
    let args = test_args(&krate);
    let tools = toolchain(
        &bin,
        Driver::Chrome {
            chromedriver: bin.join("chromedriver"),
        },
    );
    let target = krate.join("target");
    let as_user = plan(&args, &tools, &target, false).unwrap();
    assert!(as_user
        .env
        .iter()
        .all(|(k, _)| k != "WASM_BINDGEN_TEST_WEBDRIVER_JSON"));

    let as_root = plan(&args, &tools, &target, true).unwrap();
    let (_, file) = as_root
        .env
        .iter()
        .find(|(k, _)| k == "WASM_BINDGEN_TEST_WEBDRIVER_JSON")
        .expect("the runner is pointed at capabilities with --no-sandbox");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(
        written["goog:chromeOptions"]["args"],
        serde_json::json!(["--headless=new", "--disable-gpu", "--no-sandbox"])
    );
    assert_eq!(
        std::fs::read_to_string(krate.join("webdriver.json")).unwrap(),
        own
    );

    std::fs::write(krate.join("webdriver.json"), "{ not json").unwrap();
    let broken = plan(&args, &tools, &target, true);
    assert!(matches!(broken, Err(TestError::WebdriverJson { .. })));
}

fn test_args(krate: &Path) -> TestArgs {
    TestArgs {
        path: krate.to_path_buf(),
        browser: BrowserFlags::default(),
        features: Default::default(),
        extra: vec![],
    }
}

fn toolchain(bin: &Path, driver: Driver) -> Toolchain {
    Toolchain {
        version: "0.2.130".into(),
        wasm_bindgen: bin.join("wasm-bindgen"),
        test_runner: bin.join("wasm-bindgen-test-runner"),
        driver: Some(driver),
    }
}

/// The environment `plan` sets, by name.
fn env_of(plan: &amo_widget::cmd::test::Plan, key: &str) -> Option<String> {
    plan.env
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.to_string_lossy().into_owned())
}

/// A machine with `cargo` and `rustup`, so that only the browser's programs can be missing.
fn machine_with_rust(name: &str) -> (Machine, PathBuf) {
    let bin = temp(name);
    executable(&bin.join("rustup"), "#!/bin/sh\n");
    executable(&bin.join("cargo"), "#!/bin/sh\n");
    let machine = Machine {
        path: bin.clone().into_os_string(),
        cache: bin.join("cache"),
        ..Default::default()
    };
    (machine, bin)
}

fn missing_text(machine: &Machine, browser: Browser) -> (usize, String) {
    let plan = tools::plan(machine, "0.2.130", Needs::Test(browser), true);
    assert!(plan.driver.is_none(), "{:?}", plan.driver);
    let count = plan.missing.len();
    (count, tools::ToolError::Missing(plan.missing).to_string())
}

#[test]
fn firefox_needs_firefox_and_geckodriver_and_says_how_to_get_both() {
    let (machine, bin) = machine_with_rust("firefox-missing");
    let (count, text) = missing_text(&machine, Browser::Firefox);
    assert_eq!(count, 2, "{text}");
    assert!(text.contains("apt-get install firefox-esr"), "{text}");
    assert!(text.contains("cargo install geckodriver"), "{text}");
    assert!(
        !text.contains("chromium"),
        "only what Firefox needs: {text}"
    );

    // A GECKODRIVER that is not a program is said as such.
    let given = Machine {
        geckodriver: Some(bin.join("nowhere/geckodriver").into_os_string()),
        ..machine.clone()
    };
    let (_, text) = missing_text(&given, Browser::Firefox);
    assert!(text.contains("GECKODRIVER="), "{text}");
    assert!(text.contains("is not an executable file"), "{text}");

    // firefox-esr is a Firefox; GECKODRIVER names the driver wherever it is.
    executable(&bin.join("firefox-esr"), "#!/bin/sh\n");
    let elsewhere = temp("geckodriver-elsewhere").join("geckodriver");
    executable(&elsewhere, "#!/bin/sh\n");
    let found = Machine {
        geckodriver: Some(elsewhere.clone().into_os_string()),
        ..machine
    };
    let plan = tools::plan(&found, "0.2.130", Needs::Test(Browser::Firefox), true);
    assert!(plan.missing.is_empty(), "{:?}", plan.missing);
    assert_eq!(
        plan.driver,
        Some(Driver::Firefox {
            geckodriver: elsewhere,
            firefox: bin.join("firefox-esr"),
        })
    );
}

#[test]
fn webkit_needs_its_driver_minibrowser_and_xvfb_run_and_says_how_to_get_each() {
    let (machine, bin) = machine_with_rust("webkit-missing");
    let lib = bin.join("lib/x86_64-linux-gnu/webkit2gtk-4.1");
    let machine = Machine {
        webkit_dirs: vec![lib.clone()],
        ..machine
    };
    let (count, text) = missing_text(&machine, Browser::WebKit);
    if !cfg!(target_os = "linux") {
        assert!(text.contains("wasm-pack test --safari"), "{text}");
        return;
    }
    assert_eq!(count, 3, "{text}");
    assert!(text.contains("apt-get install webkit2gtk-driver"), "{text}");
    assert!(
        text.contains("apt-get install libwebkit2gtk-4.1-0"),
        "{text}"
    );
    assert!(text.contains("apt-get install xvfb"), "{text}");

    // With the cargo missing too, one message says all four.
    let no_cargo = Machine {
        path: OsString::new(),
        ..machine.clone()
    };
    let plan = tools::plan(&no_cargo, "0.2.130", Needs::Test(Browser::WebKit), true);
    assert_eq!(plan.missing.len(), 4, "{:?}", plan.missing);

    executable(&bin.join("WebKitWebDriver"), "#!/bin/sh\n");
    executable(&bin.join("xvfb-run"), "#!/bin/sh\n");
    std::fs::create_dir_all(&lib).unwrap();
    executable(&lib.join("MiniBrowser"), "#!/bin/sh\n");
    let plan = tools::plan(&machine, "0.2.130", Needs::Test(Browser::WebKit), true);
    assert!(plan.missing.is_empty(), "{:?}", plan.missing);
    assert_eq!(
        plan.driver,
        Some(Driver::WebKit {
            webdriver: bin.join("WebKitWebDriver"),
            minibrowser: lib.join("MiniBrowser"),
            xvfb_run: bin.join("xvfb-run"),
        })
    );
}

#[test]
fn firefox_runs_with_geckodriver_and_the_found_firefox_in_a_copy_of_the_crates_capabilities() {
    let (krate, bin) = setup("firefox-plan");
    let own = r#"{"moz:firefoxOptions":{"prefs":{"dom.ipc.processCount":1}}}"#;
    std::fs::write(krate.join("webdriver.json"), own).unwrap();
    let tools = toolchain(
        &bin,
        Driver::Firefox {
            geckodriver: bin.join("geckodriver"),
            firefox: bin.join("firefox"),
        },
    );
    let plan = plan(&test_args(&krate), &tools, &krate.join("target"), true).unwrap();
    assert_eq!(
        env_of(&plan, "GECKODRIVER"),
        Some(bin.join("geckodriver").display().to_string())
    );
    assert_eq!(env_of(&plan, "CHROMEDRIVER"), None);
    assert!(plan.env_remove.iter().any(|k| k == "CHROMEDRIVER_REMOTE"));
    assert!(plan.server.is_none());
    let file = env_of(&plan, "WASM_BINDGEN_TEST_WEBDRIVER_JSON").unwrap();
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(
        written,
        serde_json::json!({"moz:firefoxOptions": {
            "prefs": {"dom.ipc.processCount": 1},
            "binary": bin.join("firefox").display().to_string()
        }})
    );
    assert_eq!(
        std::fs::read_to_string(krate.join("webdriver.json")).unwrap(),
        own
    );
}

#[test]
fn webkit_runs_against_its_own_webdriver_server_started_in_xvfb_run() {
    let (krate, bin) = setup("webkit-plan");
    let mini = bin.join("MiniBrowser");
    let tools = toolchain(
        &bin,
        Driver::WebKit {
            webdriver: bin.join("WebKitWebDriver"),
            minibrowser: mini.clone(),
            xvfb_run: bin.join("xvfb-run"),
        },
    );
    let plan = plan(&test_args(&krate), &tools, &krate.join("target"), true).unwrap();
    let server = plan.server.clone().expect("WebKitWebDriver is started");
    assert_eq!(server.program, bin.join("xvfb-run"));
    let args: Vec<String> = server
        .args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        args,
        [
            "-a".to_string(),
            "-s".into(),
            "-screen 0 1280x1024x24".into(),
            bin.join("WebKitWebDriver").display().to_string(),
            format!("--port={}", server.port),
        ]
    );
    assert_eq!(
        env_of(&plan, "GECKODRIVER_REMOTE"),
        Some(format!("http://127.0.0.1:{}", server.port))
    );
    assert_eq!(env_of(&plan, "GECKODRIVER"), None);
    let file = env_of(&plan, "WASM_BINDGEN_TEST_WEBDRIVER_JSON").unwrap();
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(
        written,
        serde_json::json!({"webkitgtk:browserOptions": {
            "binary": mini.display().to_string(),
            "args": ["--automation"]
        }})
    );
    assert!(!krate.join("webdriver.json").exists());
}

#[test]
fn the_browser_flags_exclude_each_other() {
    let (krate, _) = setup("flags");
    let out = Command::new(env!("CARGO_BIN_EXE_amo-widget"))
        .args(["test", "--chrome", "--webkit"])
        .arg(&krate)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
    let help = Command::new(env!("CARGO_BIN_EXE_amo-widget"))
        .args(["test", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in ["--chrome", "--firefox", "--webkit"] {
        assert!(help.contains(flag), "{help}");
    }
}

#[test]
fn without_firefox_and_geckodriver_both_are_said_and_nothing_runs() {
    let (krate, bin) = setup("firefox-none");
    let cargo = fake_cargo(&bin, 0);
    let out = amo_test_command(
        &["--firefox"],
        &krate,
        &bin,
        &bin.join("cache"),
        &cargo.program,
    )
    .output()
    .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Firefox (the tests run in headless Firefox)"),
        "{stderr}"
    );
    assert!(stderr.contains("cargo install geckodriver"), "{stderr}");
    assert!(
        !cargo.log.exists(),
        "cargo must not install or run anything"
    );
}

#[test]
fn firefox_runs_cargo_test_with_only_geckodriver_for_the_runner() {
    let (krate, bin) = setup("firefox-runs");
    let cargo = fake_cargo(&bin, 0);
    executable(&bin.join("geckodriver"), "#!/bin/sh\n");
    executable(&bin.join("firefox"), "#!/bin/sh\n");
    let out = amo_test_command(
        &["-v", "--firefox"],
        &krate,
        &bin,
        &bin.join("cache"),
        &cargo.program,
    )
    .env("CHROMEDRIVER", bin.join("chromedriver"))
    .env("CHROMEDRIVER_REMOTE", "http://127.0.0.1:1")
    .output()
    .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let log = std::fs::read_to_string(&cargo.log).unwrap();
    assert!(
        log.contains(&format!(
            "GECKODRIVER={}",
            bin.join("geckodriver").display()
        )),
        "{log}"
    );
    assert!(
        !log.contains("CHROMEDRIVER"),
        "the runner must not see Chrome's: {log}"
    );
    assert!(log.contains("WASM_BINDGEN_TEST_WEBDRIVER_JSON="), "{log}");
    // -v shows the driver and the environment cargo gets.
    assert!(stderr.contains("geckodriver: "), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "env GECKODRIVER={}",
            bin.join("geckodriver").display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("env unset: GECKODRIVER GECKODRIVER_REMOTE"),
        "{stderr}"
    );
}

#[cfg(target_os = "linux")]
/// `amo-widget test --webkit` with stand-ins for WebKitWebDriver, xvfb-run and MiniBrowser and a
/// cargo that exits `exit`: the driver listens while cargo runs and is gone afterwards.
fn webkit_run(name: &str, exit: i32) {
    let (krate, bin) = setup(name);
    let cargo = fake_cargo(&bin, exit);
    let (xvfb_log, pid_file) = fake_webkit_driver(&bin);
    let mini = bin.join("MiniBrowser");
    executable(&mini, "#!/bin/sh\n");
    let out = amo_test_command(
        &["--webkit"],
        &krate,
        &bin,
        &bin.join("cache"),
        &cargo.program,
    )
    .env("WEBKIT_MINIBROWSER", &mini)
    .env("GECKODRIVER", bin.join("geckodriver"))
    .output()
    .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.success(), exit == 0, "{stderr}");
    let log = std::fs::read_to_string(&cargo.log).unwrap();
    let xvfb = std::fs::read_to_string(&xvfb_log).unwrap();
    let port = xvfb
        .split("--port=")
        .nth(1)
        .map(str::trim)
        .expect("the driver is given a port");
    assert!(
        log.contains(&format!("GECKODRIVER_REMOTE=http://127.0.0.1:{port}\n")),
        "{log}"
    );
    assert!(!log.contains("GECKODRIVER="), "only the remote one: {log}");
    assert!(
        xvfb.starts_with("xvfb-run -a -s -screen 0 1280x1024x24 "),
        "{xvfb}"
    );
    assert!(stderr.contains("WebKit: "), "{stderr}");
    let pid: u32 = std::fs::read_to_string(&pid_file)
        .expect("the driver listened")
        .trim()
        .parse()
        .unwrap();
    assert!(!alive(pid), "WebKitWebDriver {pid} outlived amo-widget");
}

#[test]
#[cfg(target_os = "linux")]
fn webkit_starts_its_driver_before_cargo_and_stops_it_after() {
    webkit_run("webkit-runs", 0);
}

#[test]
#[cfg(target_os = "linux")]
fn webkit_stops_its_driver_when_the_tests_fail() {
    webkit_run("webkit-fails", 1);
}
