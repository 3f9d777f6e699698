//! `cargo xtask bench`: what an author ships and how fast it runs, side by side with plain
//! JavaScript in the same run: hello's size and time to slot, the widget `amo-widget new` makes,
//! 20 copies of hello on one page, the lead card's size and formatting speed, leptos-lead, the
//! serve loop's edit-to-reload; then token verifications per second. Each section builds what it
//! loads (reusing what is built), so any one runs alone on a fresh clone; the run ends with a
//! summary of issue 19's table. No figure fails the bench: only a step that fails does.

mod copies;
mod hello;
mod lead_card;
mod leptos;
mod new_widget;
mod reload;
mod summary;

use crate::cmd::{root, run};
use std::io::Write;
use std::path::Path;
use std::process::Command;
pub use summary::{Row, Unit};

/// Fresh page loads per variant for the require() → slot timings.
const PAGE_LOADS: u32 = 30;
/// The vendor's plain-JavaScript hello, the JavaScript side of most rows.
const HELLO_JS: &str = "tests/e2e/fixtures/hello-js/personal_page.js";

/// The gzip -9 size of `bytes` (flate2, a few bytes off GNU gzip).
fn gzip_len(bytes: &[u8]) -> Result<usize, String> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).map_err(|e| e.to_string())?;
    enc.finish().map(|v| v.len()).map_err(|e| e.to_string())
}

/// Raw and gzipped sizes of a file (a path from the repository root).
fn sizes(path: &str) -> Result<(usize, usize), String> {
    let bytes = std::fs::read(root().join(path)).map_err(|e| format!("{path}: {e}"))?;
    Ok((bytes.len(), gzip_len(&bytes)?))
}

/// A JSON file a bench script wrote.
fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let json = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&json).map_err(|e| format!("{}: {e}", path.display()))
}

/// One section of `cargo xtask bench`: it adds its figures to the summary.
type Section = fn(&mut Vec<Row>) -> Result<(), String>;

/// The sections of `cargo xtask bench`, in order.
const SECTIONS: &[(&str, Section)] = &[
    ("hello", hello::bench),
    ("new", new_widget::bench),
    ("copies", copies::bench),
    ("lead-card", lead_card::bench),
    ("leptos", leptos::bench),
    ("reload", reload::bench),
    ("token", token_verifications),
];

/// Every section, or those named in `only`, then the summary of their figures.
pub fn run_bench(only: &[String]) -> Result<(), String> {
    if let Some(unknown) = only
        .iter()
        .find(|n| !SECTIONS.iter().any(|(name, _)| name == n))
    {
        let names: Vec<_> = SECTIONS.iter().map(|(name, _)| *name).collect();
        return Err(format!(
            "no bench section `{unknown}`; sections: {}",
            names.join(", ")
        ));
    }
    // Every section writes its figures here; any one may run first, alone, on a fresh clone.
    let bench_dir = root().join("target/bench");
    std::fs::create_dir_all(&bench_dir).map_err(|e| format!("{}: {e}", bench_dir.display()))?;
    let mut rows = Vec::new();
    for (name, section) in SECTIONS {
        if only.is_empty() || only.iter().any(|n| n == name) {
            section(&mut rows)?;
        }
    }
    summary::print(&rows);
    Ok(())
}

/// Token verifications per second, in-memory and Redis replay guards, beside npm
/// `jsonwebtoken` (the bench starts its own redis-server). Not in issue 19's table.
fn token_verifications(_: &mut Vec<Row>) -> Result<(), String> {
    run(
        "token verifications per second: in-memory and Redis replay guards, npm jsonwebtoken",
        Command::new(env!("CARGO")).args([
            "bench",
            "--package",
            "amocrm-widget-token",
            "--bench",
            "verifications",
        ]),
    )
}
