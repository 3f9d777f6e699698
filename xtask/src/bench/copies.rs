//! Twenty copies of hello on one page, Rust beside the vendor's JavaScript: wasm memory and JS
//! heap per instance, time per lead switch.

use super::{read_json, Row, Unit};
use crate::cmd::{root, run, say};
use std::process::Command;

const COPIES: u32 = 20;
const SWITCHES: u32 = 200;

/// Builds the hello the page loads (with `--test-hooks`, for its wasm memory size), measures,
/// and adds the three copies rows.
pub fn bench(rows: &mut Vec<Row>) -> Result<(), String> {
    // The same bundle the e2e suite builds; built here so that the section runs alone.
    crate::dist::build_one(
        &root().join("examples/hello"),
        root().join("target/e2e-widgets/hello"),
        amo_widget::pipeline::bundle::Mode::Inline,
        crate::dist::Hooks::Test,
    )?;
    let out = root().join("target/bench/hello-copies.json");
    run(
        &format!("{COPIES} copies of hello on one page: memory per instance, {SWITCHES} lead switches each (headless Chromium)"),
        Command::new("node")
            .arg("tests/e2e/support/bench-copies.mjs")
            .arg(COPIES.to_string())
            .arg(SWITCHES.to_string())
            .arg(&out)
            .arg("/target/e2e-widgets/hello/personal_page.js")
            .arg("/tests/e2e/fixtures/hello-js/personal_page.js"),
    )?;
    let value = read_json(&out)?;
    let get = |i: usize, what: &str| value["variants"][i][what].as_f64().unwrap_or(f64::NAN);
    say(&format!(
        "bench: {COPIES} copies of hello on one page, Rust vs the vendor's JavaScript"
    ));
    println!(
        "{:<38}{:>16}{:>18}{:>14}{:>14}",
        "", "wasm memory/inst", "JS heap/inst (GC)", "ms/switch", "switch ratio"
    );
    for (i, label) in ["Rust hello", "JS hello (the vendor's example)"]
        .iter()
        .enumerate()
    {
        println!(
            "{label:<38}{:>14.1}KB{:>16.1}KB{:>14.4}{:>13.2}x",
            get(i, "wasmPerInstance") / 1024.0,
            get(i, "jsHeapPerInstance") / 1024.0,
            get(i, "msPerSwitch"),
            get(i, "msPerSwitch") / get(1, "msPerSwitch"),
        );
    }
    rows.push(Row::new(
        "20 copies: lead switch",
        Some(1.0),
        get(0, "msPerSwitch") / get(1, "msPerSwitch"),
        Unit::Ratio,
        1.5,
        1.2,
    ));
    rows.push(Row::new(
        "20 copies: wasm memory per instance",
        Some(get(1, "wasmPerInstance") / 1024.0),
        get(0, "wasmPerInstance") / 1024.0,
        Unit::Kb,
        128.0,
        64.0,
    ));
    rows.push(Row::new(
        "20 copies: JS heap per instance (after GC)",
        Some(get(1, "jsHeapPerInstance") / 1024.0),
        get(0, "jsHeapPerInstance") / 1024.0,
        Unit::Kb,
        32.0,
        18.0,
    ));
    Ok(())
}
