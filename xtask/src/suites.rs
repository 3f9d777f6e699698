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
        what: "native tests: parsing, formatting, tokens, CLI (cargo test --workspace)",
        command: |_| cargo(&["test", "--workspace"]),
    },
    Suite {
        name: "browser",
        what: "browser tests of the SDK in headless Chromium (cargo test --target wasm32-unknown-unknown)",
        command: |tools| {
            let mut c = cargo(&[
                "test",
                "--package",
                "amocrm-widget",
                "--target",
                "wasm32-unknown-unknown",
            ]);
            c.env("CHROMEDRIVER", &tools.chromedriver);
            c
        },
    },
];

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
