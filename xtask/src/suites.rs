//! Every test suite of the repository, in the order `cargo xtask test` runs them.

use crate::cmd::run;
use crate::engines::{Engine, Session};
use crate::setup::Tools;
use std::process::Command;
use std::time::Instant;

/// One suite: a name (to pick it with `cargo xtask test NAME`) and how to run it.
struct Suite {
    name: &'static str,
    what: &'static str,
    run: Run,
}

/// How a suite runs: one command, or steps of its own.
enum Run {
    Command(fn(&Tools) -> Command),
    Steps(fn(&Tools) -> Result<(), String>),
}

/// The crates whose `cargo test --target wasm32-unknown-unknown` runs in a browser, each as the
/// Chromium suites run it (same arguments, so another engine reuses the same test binaries).
const BROWSER_CRATES: &[&str] = &[
    "amocrm-widget",
    "amocrm-widget-testkit",
    "lead-card",
    "leptos-lead",
];

/// Every browser suite's crates in `engine`.
fn in_engine(engine: Engine, tools: &Tools) -> Result<(), String> {
    let session = Session::start(engine, tools)?;
    for krate in BROWSER_CRATES {
        let mut c = cargo(&[
            "test",
            "--package",
            krate,
            "--target",
            "wasm32-unknown-unknown",
        ]);
        session.apply(&mut c);
        run(
            &format!("{krate}'s browser tests in {}", engine.name()),
            &mut c,
        )?;
    }
    Ok(())
}

const SUITES: &[Suite] = &[
    Suite {
        name: "native",
        what: "native tests: parsing, formatting, tokens (the replay guard against a real redis-server), the test kit, the examples, xtask (cargo test --workspace --exclude amo-widget)",
        // The CLI apart: built with the whole workspace, binaryen's build script would see the
        // host features Leptos's proc macros add (proc-macro2, syn) and compile as another unit
        // than the CLI built alone, which the e2e install, the publish suite and authors build.
        run: Run::Command(|_| cargo(&["test", "--workspace", "--exclude", "amo-widget"])),
    },
    Suite {
        name: "cli",
        what: "the CLI's own tests: new, build's flags and tool provisioning (stand-in cargo), test, check, pack, serve's fixtures, tokens (cargo test -p amo-widget)",
        run: Run::Command(|_| cargo(&["test", "--package", "amo-widget"])),
    },
    Suite {
        name: "browser",
        what: "browser tests of the SDK in headless Chromium (cargo test --target wasm32-unknown-unknown)",
        run: Run::Command(|tools| browser_tests(tools, &[])),
    },
    Suite {
        name: "testkit",
        what: "the test kit's own tests in headless Chromium: mount, leads, leaks, tokens, faults, a panic (cargo test -p amocrm-widget-testkit --target wasm32-unknown-unknown)",
        run: Run::Command(|tools| {
            let mut c = cargo(&[
                "test",
                "--package",
                "amocrm-widget-testkit",
                "--target",
                "wasm32-unknown-unknown",
            ]);
            c.env("CHROMEDRIVER", &tools.chromedriver);
            c
        }),
    },
    Suite {
        name: "lead-card",
        what: "the lead-card example in headless Chromium through the test kit: every field type, odd values, markup, redraws, teardown (cargo test -p lead-card --target wasm32-unknown-unknown; its formatting rules run natively in `native`)",
        run: Run::Command(|tools| {
            let mut c = cargo(&[
                "test",
                "--package",
                "lead-card",
                "--target",
                "wasm32-unknown-unknown",
            ]);
            c.env("CHROMEDRIVER", &tools.chromedriver);
            c
        }),
    },
    Suite {
        name: "leptos",
        what: "the Leptos example in the test kit's cabinet, headless Chromium: mount, live updates, lead switch, teardown, 200 switches without growth (cargo test -p leptos-lead --target wasm32-unknown-unknown)",
        run: Run::Command(|tools| {
            let mut c = cargo(&[
                "test",
                "--package",
                "leptos-lead",
                "--target",
                "wasm32-unknown-unknown",
            ]);
            c.env("CHROMEDRIVER", &tools.chromedriver);
            c
        }),
    },
    Suite {
        name: "firefox",
        what: "the browser suites in headless Firefox ESR through geckodriver: the SDK's browser tests, the test kit's, the lead card's and leptos-lead's (the test binaries of the Chromium suites, run again)",
        run: Run::Steps(|tools| in_engine(Engine::Firefox, tools)),
    },
    Suite {
        name: "webkit",
        what: "the browser suites in WebKit: WebKitGTK's MiniBrowser driven by WebKitWebDriver under Xvfb (the SDK's, the test kit's, the lead card's and leptos-lead's browser tests)",
        run: Run::Steps(|tools| in_engine(Engine::WebKit, tools)),
    },
    Suite {
        name: "dateformat",
        what: "the date differential against npm dateformat in node, with its mismatch counts shown",
        run: Run::Command(|_| {
            cargo(&[
                "test",
                "--package",
                "amocrm-widget",
                "--test",
                "dateformat_differential",
                "--",
                "--nocapture",
            ])
        }),
    },
    Suite {
        name: "browser-tz",
        what: "the date differential in headless Chromium under TZ=Australia/Sydney (DST, fractional 19th-century offsets)",
        run: Run::Command(|tools| {
            let mut c = browser_tests(tools, &["--test", "browser_date", "--", "--nocapture"]);
            c.env("TZ", "Australia/Sydney");
            c
        }),
    },
    Suite {
        name: "e2e",
        what: "end-to-end: build the examples, the test widgets and the lead-documents back end, then node --test tests/e2e/ in headless Chromium (and amo-widget test in Firefox and WebKit)",
        run: Run::Command(|_| {
            // Through cargo, not this process's own file: the native suite builds xtask's binary
            // with the whole workspace's features, which replaces the file this process runs from.
            cargo(&["run", "--package", "xtask", "--", "e2e-suite"])
        }),
    },
    Suite {
        name: "e2e-firefox",
        what: "end-to-end in Firefox ESR over WebDriver BiDi (puppeteer-core): the lifecycle contract, the hostile host and the soak (cases that need a forced GC are Chromium's)",
        run: Run::Command(|_| {
            cargo(&["run", "--package", "xtask", "--", "e2e-engine-suite", "firefox"])
        }),
    },
    Suite {
        name: "e2e-webkit",
        what: "end-to-end in WebKit (WebKitGTK's MiniBrowser) over classic WebDriver under Xvfb: the lifecycle contract, the hostile host and the soak (the page records its console; cases that need a forced GC are Chromium's)",
        run: Run::Command(|_| {
            cargo(&["run", "--package", "xtask", "--", "e2e-engine-suite", "webkit"])
        }),
    },
    Suite {
        name: "docs",
        what: "the README's author block and the guide's start chapter, run as written outside the repository on a machine with Rust only: node broken, no wasm-bindgen (amo-widget installs it), crates.io's SDK patched to this checkout (cargo test --test cli -- docs:: --ignored)",
        run: Run::Command(|_| {
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
        }),
    },
    Suite {
        name: "no-node",
        what: "amo-widget build of hello copied outside the repository, node and npm broken on PATH (cargo test --test cli -- build_without_node:: --ignored)",
        run: Run::Command(|_| {
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
        }),
    },
    Suite {
        name: "publish",
        what: "the publishable crates as crates.io would serve them: cargo package (each verified from its .crate), cargo install of the CLI from its package, and a widget from `amo-widget new` built, checked, packed and tested against the unpacked packages",
        run: Run::Command(|tools| {
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
        }),
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

/// The end-to-end files that run in Firefox and WebKit too: what the cabinet's users' browsers
/// must keep (the lifecycle contract, a hostile host, a long soak); the rest (the local cabinet,
/// the author's path, benchmarks' pages) is the developer's own Chromium.
const ENGINE_E2E: &[&str] = &[
    "tests/e2e/lifecycle.test.mjs",
    "tests/e2e/hostile.test.mjs",
    "tests/e2e/soak.test.mjs",
];

/// `node --test` over [`ENGINE_E2E`] with `E2E_BROWSER=<engine>` (the test widgets built).
pub fn node_e2e_engine(engine: &str) -> Result<(), String> {
    if !["firefox", "webkit"].contains(&engine) {
        return Err(format!(
            "e2e-engine-suite: no engine `{engine}` (firefox or webkit)"
        ));
    }
    run(
        &format!("E2E_BROWSER={engine} node --test tests/e2e/{{lifecycle,hostile,soak}}.test.mjs"),
        Command::new("node")
            .env("E2E_BROWSER", engine)
            .arg("--test")
            .arg("--test-concurrency=1")
            .args(ENGINE_E2E),
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
        let started = Instant::now();
        match suite.run {
            Run::Command(command) => run(suite.what, &mut command(tools))?,
            Run::Steps(steps) => {
                crate::cmd::say(suite.what);
                steps(tools)?
            }
        }
        ran.push(format!(
            "{} ({:.0} s)",
            suite.name,
            started.elapsed().as_secs_f64()
        ));
    }
    println!("\n==> all suites passed: {}", ran.join(", "));
    Ok(())
}
