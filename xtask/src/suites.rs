//! Every test suite of the repository, in the order `cargo xtask test` runs them.

use crate::cmd::run;
use crate::setup::Tools;
use std::process::Command;

/// One suite: a name (to pick it with `cargo xtask test NAME`) and how to run it.
struct Suite {
    name: &'static str,
    what: &'static str,
    command: fn(&Tools) -> Command,
}

const SUITES: &[Suite] = &[
    Suite {
        name: "native",
        what: "native tests: parsing, formatting, tokens (the replay guard against a real redis-server), the test kit, the examples, xtask (cargo test --workspace --exclude amo-widget)",
        // The CLI apart: built with the whole workspace, binaryen's build script would see the
        // host features Leptos's proc macros add (proc-macro2, syn) and compile as another unit
        // than the CLI built alone, which the e2e install, the publish suite and authors build.
        command: |_| cargo(&["test", "--workspace", "--exclude", "amo-widget"]),
    },
    Suite {
        name: "cli",
        what: "the CLI's own tests: new, build's flags and tool provisioning (stand-in cargo), test, check, pack, serve's fixtures, tokens (cargo test -p amo-widget)",
        command: |_| cargo(&["test", "--package", "amo-widget"]),
    },
    Suite {
        name: "browser",
        what: "browser tests of the SDK in headless Chromium (cargo test --target wasm32-unknown-unknown)",
        command: |tools| browser_tests(tools, &[]),
    },
    Suite {
        name: "testkit",
        what: "the test kit's own tests in headless Chromium: mount, leads, leaks, tokens, faults, a panic (cargo test -p amocrm-widget-testkit --target wasm32-unknown-unknown)",
        command: |tools| {
            let mut c = cargo(&[
                "test",
                "--package",
                "amocrm-widget-testkit",
                "--target",
                "wasm32-unknown-unknown",
            ]);
            c.env("CHROMEDRIVER", &tools.chromedriver);
            c
        },
    },
    Suite {
        name: "lead-card",
        what: "the lead-card example in headless Chromium through the test kit: every field type, odd values, markup, redraws, teardown (cargo test -p lead-card --target wasm32-unknown-unknown; its formatting rules run natively in `native`)",
        command: |tools| {
            let mut c = cargo(&[
                "test",
                "--package",
                "lead-card",
                "--target",
                "wasm32-unknown-unknown",
            ]);
            c.env("CHROMEDRIVER", &tools.chromedriver);
            c
        },
    },
    Suite {
        name: "leptos",
        what: "the Leptos example in the test kit's cabinet, headless Chromium: mount, live updates, lead switch, teardown, 200 switches without growth (cargo test -p leptos-lead --target wasm32-unknown-unknown)",
        command: |tools| {
            let mut c = cargo(&[
                "test",
                "--package",
                "leptos-lead",
                "--target",
                "wasm32-unknown-unknown",
            ]);
            c.env("CHROMEDRIVER", &tools.chromedriver);
            c
        },
    },
    Suite {
        name: "dateformat",
        what: "the date differential against npm dateformat in node, with its mismatch counts shown",
        command: |_| {
            cargo(&[
                "test",
                "--package",
                "amocrm-widget",
                "--test",
                "dateformat_differential",
                "--",
                "--nocapture",
            ])
        },
    },
    Suite {
        name: "browser-tz",
        what: "the date differential in headless Chromium under TZ=Australia/Sydney (DST, fractional 19th-century offsets)",
        command: |tools| {
            let mut c = browser_tests(tools, &["--test", "browser_date", "--", "--nocapture"]);
            c.env("TZ", "Australia/Sydney");
            c
        },
    },
    Suite {
        name: "e2e",
        what: "end-to-end: build the examples and test widgets, then node --test tests/e2e/ in headless Chromium (and amo-widget test in Firefox and WebKit)",
        command: |_| {
            // Through cargo, not this process's own file: the native suite builds xtask's binary
            // with the whole workspace's features, which replaces the file this process runs from.
            cargo(&["run", "--package", "xtask", "--", "e2e-suite"])
        },
    },
    Suite {
        name: "docs",
        what: "the README's author block and the guide's start chapter, run as written outside the repository on a machine with Rust only: node broken, no wasm-bindgen (amo-widget installs it), crates.io's SDK patched to this checkout (cargo test --test cli -- docs:: --ignored)",
        command: |_| {
            cargo(&[
                "test",
                "--package",
                "amo-widget",
                "--test",
                "cli",
                "--",
                "docs::",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
        },
    },
    Suite {
        name: "no-node",
        what: "amo-widget build of hello copied outside the repository, node and npm broken on PATH (cargo test --test cli -- build_without_node:: --ignored)",
        command: |_| {
            cargo(&[
                "test",
                "--package",
                "amo-widget",
                "--test",
                "cli",
                "--",
                "build_without_node::",
                "--ignored",
                "--nocapture",
            ])
        },
    },
    Suite {
        name: "publish",
        what: "the publishable crates as crates.io would serve them: cargo package (each verified from its .crate), cargo install of the CLI from its package, and a widget from `amo-widget new` built, checked, packed and tested against the unpacked packages",
        command: |tools| {
            // An ignored test of xtask: the suite is code of xtask's, and it is not run by
            // `cargo test --workspace`.
            let mut c = cargo(&[
                "test",
                "--package",
                "xtask",
                "--bin",
                "xtask",
                "--",
                "publish::tests::suite",
                "--exact",
                "--ignored",
                "--nocapture",
            ]);
            c.env("CHROMEDRIVER", &tools.chromedriver);
            c
        },
    },
];

/// `node --test` over the end-to-end tests (the bundles must be built, and the CLI installed
/// into `cli_root`, which the tests find through `AMO_WIDGET_ROOT`).
pub fn node_e2e(cli_root: &std::path::Path) -> Result<(), String> {
    let mut files: Vec<String> = std::fs::read_dir(crate::cmd::root().join("tests/e2e"))
        .map_err(|e| format!("tests/e2e: {e}"))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".test.mjs"))
        .map(|n| format!("tests/e2e/{n}"))
        .collect();
    files.sort();
    run(
        "node --test tests/e2e/*.test.mjs",
        Command::new("node")
            .env("AMO_WIDGET_ROOT", cli_root)
            .arg("--test")
            .arg("--test-concurrency=1")
            .args(files),
    )
}

/// The SDK's wasm32 tests, run by wasm-bindgen-test-runner in headless Chromium.
fn browser_tests(tools: &Tools, extra: &[&str]) -> Command {
    let mut c = cargo(&[
        "test",
        "--package",
        "amocrm-widget",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    c.args(extra);
    c.env("CHROMEDRIVER", &tools.chromedriver);
    c
}

fn cargo(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO"));
    c.args(args);
    c
}

/// Runs every suite, or only those named in `only`.
pub fn run_all(tools: &Tools, only: &[String]) -> Result<(), String> {
    if let Some(unknown) = only
        .iter()
        .find(|n| !SUITES.iter().any(|s| s.name == n.as_str()))
    {
        let names: Vec<_> = SUITES.iter().map(|s| s.name).collect();
        return Err(format!(
            "no suite `{unknown}`; suites: {}",
            names.join(", ")
        ));
    }
    let chosen = SUITES
        .iter()
        .filter(|s| only.is_empty() || only.iter().any(|n| n == s.name));
    let mut ran = Vec::new();
    for suite in chosen {
        run(suite.what, &mut (suite.command)(tools))?;
        ran.push(suite.name);
    }
    println!("\n==> all suites passed: {}", ran.join(", "));
    Ok(())
}
