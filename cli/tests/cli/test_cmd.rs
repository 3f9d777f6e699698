//! `amo-widget test` finds wasm-pack and chromedriver on PATH, says what to install when one is
//! missing, and gives Chromium --no-sandbox as root; the real run is the author-path e2e test.
#![cfg(unix)]

use amo_widget::test_cmd::{plan, Machine, TestArgs, TestError};
use std::ffi::OsString;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("amo-test-cmd-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A widget crate (only its Cargo.toml matters here) and a bin directory for the fake PATH.
fn setup(name: &str) -> (PathBuf, PathBuf) {
    let root = temp(name);
    let krate = root.join("widget");
    let bin = root.join("bin");
    std::fs::create_dir_all(&krate).unwrap();
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::write(krate.join("Cargo.toml"), "[package]\nname = \"w\"\n").unwrap();
    (krate, bin)
}

/// An executable script that records its arguments and CHROMEDRIVER to `<bin>/<name>.log`.
fn fake(bin: &Path, name: &str) {
    let file = bin.join(name);
    let log = bin.join(format!("{name}.log"));
    std::fs::write(
        &file,
        format!(
            "#!/bin/sh\necho \"$@\" > '{}'\necho \"CHROMEDRIVER=$CHROMEDRIVER\" >> '{}'\necho \"JSON=$WASM_BINDGEN_TEST_WEBDRIVER_JSON\" >> '{}'\n",
            log.display(),
            log.display(),
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn run(krate: &Path, bin: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_amo-widget"))
        .arg("test")
        .arg(krate)
        .args(["--", "--test", "widget"])
        .env("PATH", bin)
        .env_remove("CHROMEDRIVER")
        .output()
        .unwrap()
}

#[test]
fn without_wasm_pack_it_says_how_to_install_it() {
    let (krate, bin) = setup("no-wasm-pack");
    fake(&bin, "chromedriver");
    let out = run(&krate, &bin);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("wasm-pack is not on PATH"), "{stderr}");
    assert!(stderr.contains("cargo install wasm-pack"), "{stderr}");
}

#[test]
fn without_chromedriver_it_says_how_to_get_one() {
    let (krate, bin) = setup("no-driver");
    fake(&bin, "wasm-pack");
    let out = run(&krate, &bin);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("chromedriver is not on PATH"), "{stderr}");
    assert!(stderr.contains("CHROMEDRIVER="), "{stderr}");
    assert!(
        !bin.join("wasm-pack.log").exists(),
        "wasm-pack must not run"
    );
}

#[test]
fn a_directory_without_a_crate_is_refused() {
    let (_, bin) = setup("no-crate");
    let out = run(&bin, &bin);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no Cargo.toml there"));
}

#[test]
fn it_runs_wasm_pack_headless_with_the_chromedriver_found() {
    let (krate, bin) = setup("runs");
    fake(&bin, "wasm-pack");
    fake(&bin, "chromedriver");
    let out = run(&krate, &bin);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = std::fs::read_to_string(bin.join("wasm-pack.log")).unwrap();
    let driver = bin.join("chromedriver");
    let first = log.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "test --headless --chrome --chromedriver {} {} -- --test widget",
            driver.display(),
            krate.display()
        )
    );
    assert!(
        log.contains(&format!("CHROMEDRIVER={}", driver.display())),
        "{log}"
    );
}

#[test]
fn a_chromedriver_variable_must_name_a_real_driver() {
    let (krate, bin) = setup("bad-env");
    fake(&bin, "wasm-pack");
    let machine = Machine {
        path: OsString::from(&bin),
        chromedriver: Some(bin.join("nowhere").into_os_string()),
        root: false,
    };
    let args = TestArgs {
        path: krate,
        extra: vec![],
    };
    assert_eq!(
        plan(&args, &machine),
        Err(TestError::BadChromedriver(bin.join("nowhere")))
    );
}

#[test]
fn as_root_chromium_gets_no_sandbox_and_the_crates_file_is_untouched() {
    let (krate, bin) = setup("root");
    fake(&bin, "wasm-pack");
    fake(&bin, "chromedriver");
    let own = r#"{"goog:chromeOptions":{"args":["--headless=new","--disable-gpu"]}}"#;
    std::fs::write(krate.join("webdriver.json"), own).unwrap();
    let args = TestArgs {
        path: krate.clone(),
        extra: vec![],
    };
    let as_user = plan(
        &args,
        &Machine {
            path: OsString::from(&bin),
            chromedriver: None,
            root: false,
        },
    )
    .unwrap();
    assert!(as_user
        .env
        .iter()
        .all(|(k, _)| k != "WASM_BINDGEN_TEST_WEBDRIVER_JSON"));

    let as_root = plan(
        &args,
        &Machine {
            path: OsString::from(&bin),
            chromedriver: None,
            root: true,
        },
    )
    .unwrap();
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
    let broken = plan(
        &args,
        &Machine {
            path: OsString::from(&bin),
            chromedriver: None,
            root: true,
        },
    );
    assert!(matches!(broken, Err(TestError::WebdriverJson { .. })));
}
