//! `cargo xtask bench`: the hello widget's size, its time to first render, and the cost of 20
//! copies on one page (memory per instance, time per lead switch), side by side with the vendor's
//! plain-JavaScript hello; the Leptos example's size and time to slot; then token verifications
//! per second.

use crate::cmd::{root, run, say};
use std::io::Write;
use std::process::Command;

const TARGET_GZIP_BYTES: usize = 15 * 1024;
const TARGET_RATIO: f64 = 2.0;
const PAGE_LOADS: u32 = 30;
const COPIES: u32 = 20;
const SWITCHES: u32 = 200;
const TARGET_WASM_PER_INSTANCE: f64 = 128.0 * 1024.0;

/// The variants measured: label, file (from the repository root).
const VARIANTS: &[(&str, &str)] = &[
    (
        "Rust hello (default: byte text)",
        "target/widgets/hello/personal_page.js",
    ),
    (
        "JS hello (the vendor's example)",
        "tests/e2e/fixtures/hello-js/personal_page.js",
    ),
];

fn gzip_len(bytes: &[u8]) -> Result<usize, String> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).map_err(|e| e.to_string())?;
    enc.finish().map(|v| v.len()).map_err(|e| e.to_string())
}

fn sizes(path: &str) -> Result<(usize, usize), String> {
    let bytes = std::fs::read(root().join(path)).map_err(|e| format!("{path}: {e}"))?;
    Ok((bytes.len(), gzip_len(&bytes)?))
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}

const RELOAD_RUNS: usize = 5;
const TARGET_RELOAD_SECONDS: f64 = 5.0;

/// `amo-widget serve examples/hello` with the installed (release) CLI: the edit-to-reload time,
/// median of [`RELOAD_RUNS`], and the binary's size.
fn reload_bench() -> Result<(), String> {
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
    let json = std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let value: serde_json::Value = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let mut times: Vec<f64> = value["times"]
        .as_array()
        .map(|a| a.iter().filter_map(|t| t.as_f64()).collect())
        .unwrap_or_default();
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
        value["times"]
            .as_array()
            .map(|a| a
                .iter()
                .filter_map(|t| t.as_f64())
                .map(|t| format!("{t:.2}"))
                .collect::<Vec<_>>()
                .join(", "))
            .unwrap_or_default()
    );
    println!(
        "installed amo-widget (cargo install, release): {size} B ({:.1} MiB)",
        size as f64 / 1024.0 / 1024.0
    );
    println!(
        "target: edit-to-reload <= {TARGET_RELOAD_SECONDS} s: {} ({median:.2} s)",
        verdict(median <= TARGET_RELOAD_SECONDS)
    );
    Ok(())
}

/// Every figure: hello's size and time to slot, 20 copies, the serve loop, token verifications.
pub fn run_bench() -> Result<(), String> {
    size_and_time_bench()?;
    leptos_bench()?;
    copies()?;
    reload_bench()?;
    token_verifications()
}

/// Builds hello (as shipped, and with the leak counters for its memory size); its size and time
/// to slot beside the JavaScript original.
fn size_and_time_bench() -> Result<(), String> {
    let hello = root().join("examples/hello");
    crate::dist::build_example(&hello)?;
    crate::dist::build_one(
        &hello,
        root().join("target/e2e-widgets/hello"),
        amo_widget::bundle::Mode::Inline,
        crate::dist::Hooks::Test,
    )?;
    let bench_dir = root().join("target/bench");
    std::fs::create_dir_all(&bench_dir).map_err(|e| format!("{}: {e}", bench_dir.display()))?;
    let out = bench_dir.join("hello-times.json");
    let mut node = Command::new("node");
    node.arg("tests/e2e/support/bench.mjs")
        .arg(PAGE_LOADS.to_string())
        .arg(&out);
    for (_, file) in VARIANTS {
        node.arg(format!("/{file}"));
    }
    run(
        &format!(
            "timing require() -> slot rendered, {PAGE_LOADS} fresh page loads per variant, interleaved (headless Chromium)"
        ),
        &mut node,
    )?;
    let json = std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let value: serde_json::Value = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let stat = |i: usize, what: &str| value["variants"][i][what].as_f64().unwrap_or(f64::NAN);
    let js = VARIANTS.len() - 1;
    let (_, js_gz) = sizes(VARIANTS[js].1)?;

    say("bench: hello, Rust vs the vendor's JavaScript");
    println!(
        "{:<38}{:>10}{:>10}{:>9}{:>9}{:>9}{:>12}",
        "", "raw B", "gzip B", "median", "min", "max", "time ratio"
    );
    for (i, (label, file)) in VARIANTS.iter().enumerate() {
        let (raw, gz) = sizes(file)?;
        println!(
            "{label:<38}{raw:>10}{gz:>10}{:>7.2}ms{:>7.2}ms{:>7.2}ms{:>11.2}x",
            stat(i, "median"),
            stat(i, "min"),
            stat(i, "max"),
            stat(i, "median") / stat(js, "median")
        );
    }
    println!(
        "(times: require() to slot rendered, {} fresh page loads each; gzip -9 of the whole file; \
         the JS hello's jquery and dateformat come from the host, {js_gz} B)",
        value["loads"].as_u64().unwrap_or(0)
    );
    let (_, default_gz) = sizes(VARIANTS[0].1)?;
    let default_ratio = stat(0, "median") / stat(js, "median");
    println!(
        "target: hello <= {TARGET_GZIP_BYTES} B gzipped: {} ({default_gz} B)",
        verdict(default_gz <= TARGET_GZIP_BYTES),
    );
    println!(
        "target: time to slot <= {TARGET_RATIO}x JS: {} ({default_ratio:.2}x)",
        verdict(default_ratio <= TARGET_RATIO),
    );
    Ok(())
}

const TARGET_LEPTOS_GZIP_BYTES: usize = 50 * 1024;
const LEPTOS_LEAD: &str = "target/widgets/leptos-lead/personal_page.js";
const LEAD_CARD: &str = "target/widgets/lead-card/personal_page.js";
const HELLO_JS: &str = "tests/e2e/fixtures/hello-js/personal_page.js";

/// The Leptos example: its bundle beside the plain web-sys lead card (when `cargo xtask dist`
/// has built it) and its time to slot beside the vendor's plain-JavaScript hello.
pub fn leptos_bench() -> Result<(), String> {
    crate::dist::build_example(&root().join("examples/leptos-lead"))?;
    let bench_dir = root().join("target/bench");
    std::fs::create_dir_all(&bench_dir).map_err(|e| format!("{}: {e}", bench_dir.display()))?;
    let out = bench_dir.join("leptos-lead-times.json");
    run(
        &format!(
            "timing require() -> slot rendered, leptos-lead vs the JS hello, {PAGE_LOADS} fresh page loads each, interleaved (headless Chromium)"
        ),
        Command::new("node")
            .arg("tests/e2e/support/bench.mjs")
            .arg(PAGE_LOADS.to_string())
            .arg(&out)
            // The card is rendered when the lead's status is in the slot.
            .arg(format!("/{LEPTOS_LEAD}|Успешно реализовано"))
            .arg(format!("/{HELLO_JS}")),
    )?;
    let json = std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let value: serde_json::Value = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let stat = |i: usize, what: &str| value["variants"][i][what].as_f64().unwrap_or(f64::NAN);

    say("bench: leptos-lead (Leptos 0.8) beside the plain web-sys lead card and the JS hello");
    println!(
        "{:<40}{:>10}{:>10}{:>9}{:>9}{:>9}{:>12}",
        "", "raw B", "gzip B", "median", "min", "max", "time ratio"
    );
    let (raw, gz) = sizes(LEPTOS_LEAD)?;
    let row = |label: &str, raw: usize, gz: usize, i: usize| {
        println!(
            "{label:<40}{raw:>10}{gz:>10}{:>7.2}ms{:>7.2}ms{:>7.2}ms{:>11.2}x",
            stat(i, "median"),
            stat(i, "min"),
            stat(i, "max"),
            stat(i, "median") / stat(1, "median")
        )
    };
    row("Rust leptos-lead (Leptos view)", raw, gz, 0);
    match sizes(LEAD_CARD) {
        Ok((card_raw, card_gz)) => println!(
            "{:<40}{card_raw:>10}{card_gz:>10}   (size only; leptos-lead is {:.2}x its gzip)",
            "Rust lead-card (plain web-sys)",
            gz as f64 / card_gz as f64
        ),
        Err(_) => println!(
            "{:<40}   (not built: {LEAD_CARD} is missing; `cargo xtask dist` builds it)",
            "Rust lead-card (plain web-sys)"
        ),
    }
    let (js_raw, js_gz) = sizes(HELLO_JS)?;
    row("JS hello (the vendor's example)", js_raw, js_gz, 1);
    println!(
        "(times: require() to slot rendered, {} fresh page loads each; gzip -9 of the whole file)",
        value["loads"].as_u64().unwrap_or(0)
    );
    println!(
        "target: leptos-lead <= {TARGET_LEPTOS_GZIP_BYTES} B gzipped: {} ({gz} B)",
        verdict(gz <= TARGET_LEPTOS_GZIP_BYTES),
    );
    Ok(())
}

/// Twenty copies of hello on one page, Rust beside the JavaScript original.
fn copies() -> Result<(), String> {
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
    let json = std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let value: serde_json::Value = serde_json::from_str(&json).map_err(|e| e.to_string())?;
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
    let wasm = get(0, "wasmPerInstance");
    println!(
        "target: wasm memory per instance <= 128 KB: {} ({:.1} KB)",
        verdict(wasm <= TARGET_WASM_PER_INSTANCE),
        wasm / 1024.0
    );
    Ok(())
}

/// Token verifications per second, in-memory and Redis replay guards, beside npm
/// `jsonwebtoken` (the bench starts its own redis-server).
pub fn token_verifications() -> Result<(), String> {
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
