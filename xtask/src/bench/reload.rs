//! `amo-widget serve examples/hello` with the installed (release) CLI: edit-to-reload and the
//! binary's size.

use super::{read_json, Row, Unit};
use crate::cmd::{root, run, say};
use std::process::Command;

const RELOAD_RUNS: usize = 5;

/// Times [`RELOAD_RUNS`] edits of hello under `serve`, adds the median as a row.
pub fn bench(rows: &mut Vec<Row>) -> Result<(), String> {
    let cli_root = crate::author::install_cli(true)?;
    let bin = cli_root.join("bin/amo-widget");
    let size = std::fs::metadata(&bin)
        .map_err(|e| format!("{}: {e}", bin.display()))?
        .len();
    let out = root().join("target/bench/reload-times.json");
    run(
        &format!("edit-to-reload of examples/hello under amo-widget serve, {RELOAD_RUNS} edits (headless Chromium)"),
        Command::new("node")
            .env("AMO_WIDGET_ROOT", &cli_root)
            .arg("tests/e2e/support/reload-bench.mjs")
            .arg(RELOAD_RUNS.to_string())
            .arg(&out),
    )?;
    let mut times: Vec<f64> = read_json(&out)?["times"]
        .as_array()
        .map(|a| a.iter().filter_map(|t| t.as_f64()).collect())
        .unwrap_or_default();
    let shown: Vec<_> = times.iter().map(|t| format!("{t:.2}")).collect();
    if times.is_empty() {
        return Err("the reload bench measured nothing".into());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    say("bench: amo-widget serve, edit-to-reload of hello and the installed binary");
    println!(
        "edit src/lib.rs -> widget re-rendered in the open page: median {median:.2} s, min {:.2} s, max {:.2} s ({} runs: {})",
        times[0],
        times[times.len() - 1],
        times.len(),
        shown.join(", ")
    );
    println!(
        "installed amo-widget (cargo install, release): {size} B ({:.1} MiB)",
        size as f64 / 1024.0 / 1024.0
    );
    rows.push(Row::new(
        "edit -> re-rendered in the open cabinet (hello)",
        None,
        median,
        Unit::Seconds,
        2.0,
        1.0,
    ));
    Ok(())
}
