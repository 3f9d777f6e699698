//! `amo-widget test` runs `cargo test --target wasm32-unknown-unknown` with the wasm-bindgen test
//! runner of the crate's locked version (installed into amo-widget's cache when missing) and the
//! chromedriver found, says everything that is missing in one message, and gives Chromium
//! --no-sandbox as root; the real run is the author-path e2e test.
#![cfg(unix)]

use super::fake_tools::{executable, fake_cargo, pinned_wasm_bindgen};
use amo_widget::cmd::test::{plan, TestArgs, TestError};
use amo_widget::tools::{self, Machine, Needs, Toolchain};
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
    Command::new(env!("CARGO_BIN_EXE_amo-widget"))
        .arg("test")
        .arg(krate)
        .args(["--features", "x", "--", "--test", "widget"])
        .env("PATH", path_with_first(bin))
        .env("CARGO", cargo)
        .env("AMO_WIDGET_CACHE", cache)
        .env_remove("CHROMEDRIVER")
        .output()
        .unwrap()
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
        path: OsString::new(),
        chromedriver: None,
        cache: temp("nothing"),
        cargo: None,
    };
    let plan = tools::plan(&machine, "0.2.130", Needs::Test, false);
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
    let plan = tools::plan(&machine, "0.2.130", Needs::Test, false);
    assert!(plan.missing.is_empty(), "{:?}", plan.missing);
    assert!(plan.add_target);
    assert_eq!(plan.chromedriver, Some(bin.join("chromedriver")));
    // A build needs no browser.
    let plan = tools::plan(
        &Machine {
            path: OsString::new(),
            chromedriver: None,
            cache: bin,
            cargo: None,
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
    let args = TestArgs {
        path: krate.clone(),
        features: Default::default(),
        extra: vec![],
    };
    let tools = Toolchain {
        version: "0.2.130".into(),
        wasm_bindgen: bin.join("wasm-bindgen"),
        test_runner: bin.join("wasm-bindgen-test-runner"),
        chromedriver: Some(bin.join("chromedriver")),
    };
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
