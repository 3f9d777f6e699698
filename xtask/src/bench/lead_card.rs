//! The lead card: its bundle's size, and decoding and formatting a 500-field `leadFields`, Rust
//! against the same work in plain JavaScript in one page.

use super::{read_json, sizes, Row, Unit};
use crate::cmd::{root, run, say};
use std::process::Command;

const BUNDLE: &str = "target/widgets/lead-card/personal_page.js";
const LIMIT_GZ: f64 = 35_840.0;
const GOAL_GZ: f64 = 30_720.0;
const LIMIT_RATIO: f64 = 2.0;
const GOAL_RATIO: f64 = 1.5;
const FORMAT_ROUNDS: u32 = 40;

/// Builds the card and the formatting benchmark crate, times both sides, adds the two rows.
pub fn bench(rows: &mut Vec<Row>) -> Result<(), String> {
    let example = root().join("examples/lead-card");
    crate::dist::build_example(&example)?;
    let (raw, gz) = sizes(BUNDLE)?;
    build_format_bench(&example)?;

    let json_out = root().join("target/bench/lead-card-format.json");
    run(
        &format!(
            "decoding and formatting a 500-field leadFields, Rust vs plain JavaScript, {FORMAT_ROUNDS} interleaved rounds (headless Chromium)"
        ),
        Command::new("node")
            .arg("tests/e2e/support/bench-lead-card.mjs")
            .arg(FORMAT_ROUNDS.to_string())
            .arg(&json_out),
    )?;
    let value = read_json(&json_out)?;
    let stat = |side: &str, what: &str| value[side][what].as_f64().unwrap_or(f64::NAN);
    let ratio = value["ratio"].as_f64().unwrap_or(f64::NAN);

    say("bench: the lead card, Rust vs plain JavaScript");
    println!("lead-card bundle ({BUNDLE}): {raw} B raw, {gz} B gzipped");
    println!(
        "decode + format {} fields ({} lines), ms per call:",
        value["fields"], value["lines"]
    );
    println!("{:<44}{:>9}{:>9}{:>9}", "", "median", "min", "max");
    for (label, side) in [
        ("Rust (views, host dateformat)", "rust"),
        ("plain JS (bench/lead-card/format.js)", "js"),
    ] {
        println!(
            "{label:<44}{:>9.3}{:>9.3}{:>9.3}",
            stat(side, "median"),
            stat(side, "min"),
            stat(side, "max")
        );
    }
    println!(
        "Rust / JS: {ratio:.2}x (median of the {} rounds' ratios; medians alone: {:.2}x)",
        value["rounds"],
        stat("rust", "median") / stat("js", "median")
    );
    rows.push(Row::new(
        "lead card (gz)",
        None,
        gz as f64,
        Unit::Bytes,
        LIMIT_GZ,
        GOAL_GZ,
    ));
    rows.push(Row::new(
        "500-field decode + format",
        Some(1.0),
        ratio,
        Unit::Ratio,
        LIMIT_RATIO,
        GOAL_RATIO,
    ));
    Ok(())
}

/// The formatting step alone, exported by the benchmark crate bench/lead-card (never shipped),
/// built like the bundle's wasm (release, wasm-bindgen, wasm-opt -Oz) into target/bench/lead-card/.
fn build_format_bench(example: &std::path::Path) -> Result<(), String> {
    run(
        "building bench/lead-card (release, wasm32)",
        Command::new(env!("CARGO"))
            // wasm-bindgen reads the target features section that `strip` would remove.
            .env("CARGO_PROFILE_RELEASE_STRIP", "false")
            .args([
                "build",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "--package",
                "lead-card-bench",
            ]),
    )?;
    let out = root().join("target/bench/lead-card");
    run(
        "wasm-bindgen lead-card-bench (web)",
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--out-name", "lead_card", "--out-dir"])
            .arg(&out)
            .arg(root().join("target/wasm32-unknown-unknown/release/lead_card_bench.wasm")),
    )?;
    let wasm = out.join("lead_card_bg.wasm");
    let optimized = out.join("lead_card_bg.opt.wasm");
    say("wasm-opt -Oz lead-card (as amo-widget build runs it)");
    amo_widget::pipeline::optimise::WasmOpt::find(example)
        .run(&wasm, &optimized)
        .map_err(|e| format!("lead-card: {e}"))?;
    std::fs::rename(&optimized, &wasm).map_err(|e| format!("{}: {e}", wasm.display()))
}
