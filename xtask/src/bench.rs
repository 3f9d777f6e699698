//! `cargo xtask bench`: the hello widget's size, its time to first render, and the cost of 20
//! copies on one page (memory per instance, time per lead switch), side by side with the vendor's
//! plain-JavaScript hello; the Leptos example's size and time to slot; then token verifications
//! per second.

use crate::cmd::{root, run, say};
use amo_widget::pipeline::optimise::WasmOpt;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const TARGET_GZIP_BYTES: usize = 15 * 1024;
const TARGET_RATIO: f64 = 2.0;
const PAGE_LOADS: u32 = 30;
const COPIES: u32 = 20;
const SWITCHES: u32 = 200;
const TARGET_WASM_PER_INSTANCE: f64 = 128.0 * 1024.0;

/// The variants measured: label, file (from the repository root). The first is what
/// `amo-widget build` makes here (a newer binaryen from the repository's npm packages, if it
/// runs); the next two are what it makes with no node at all, and with terser instead of oxc.
const VARIANTS: &[(&str, &str)] = &[
    (
        "Rust hello (default: byte text)",
        "target/widgets/hello/personal_page.js",
    ),
    (
        "Rust hello, built-in binaryen (no node)",
        "target/bench/hello-builtin-wasm-opt/personal_page.js",
    ),
    (
        "Rust hello, terser instead of oxc",
        "target/bench/hello-terser/personal_page.js",
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

/// One section of `cargo xtask bench`.
type Section = fn() -> Result<(), String>;

/// The sections of `cargo xtask bench`, in order.
const SECTIONS: &[(&str, Section)] = &[
    ("hello", size_and_time_bench),
    ("copies", copies),
    ("lead-card", lead_card),
    ("leptos", leptos_bench),
    ("reload", reload_bench),
    ("token", token_verifications),
];

/// Every figure, or the sections named in `only`: hello's size and time to slot, 20 copies, the
/// lead card's size and formatting speed, leptos-lead beside it, the serve loop, token verifications.
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
    for (name, section) in SECTIONS {
        if only.is_empty() || only.iter().any(|n| n == name) {
            section()?;
        }
    }
    Ok(())
}

/// Builds hello (as shipped, and with the leak counters for its memory size); its size and time
/// to slot beside the JavaScript original.
fn size_and_time_bench() -> Result<(), String> {
    let hello = root().join("examples/hello");
    // As an author builds it: the CLI binary (binaryen inside, which xtask does not link).
    let cli = crate::author::install_cli(false)?.join("bin/amo-widget");
    run(
        "amo-widget build examples/hello --wasm-opt built-in -d target/bench/hello-builtin-wasm-opt",
        Command::new(cli).args([
            "build",
            "examples/hello",
            "--wasm-opt",
            "built-in",
            "-d",
            "target/bench/hello-builtin-wasm-opt",
        ]),
    )?;
    // Last of the inline builds: the terser variant re-bundles what the default build left in
    // the work directory.
    crate::dist::build_example(&hello)?;
    terser_variant(&root().join(VARIANTS[2].1))?;
    crate::dist::build_one(
        &hello,
        root().join("target/e2e-widgets/hello"),
        amo_widget::pipeline::bundle::Mode::Inline,
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
    let (_, builtin_gz) = sizes(VARIANTS[1].1)?;
    println!(
        "wasm-opt of the default build: {}; minifier: {}",
        WasmOpt::find(&hello).describe(),
        amo_widget::pipeline::minify::MINIFIER
    );
    println!(
        "target: hello <= {TARGET_GZIP_BYTES} B gzipped: default {} ({default_gz} B), built-in binaryen (an author with no node) {} ({builtin_gz} B)",
        verdict(default_gz <= TARGET_GZIP_BYTES),
        verdict(builtin_gz <= TARGET_GZIP_BYTES),
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
fn leptos_bench() -> Result<(), String> {
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
    // Built here, so that the section runs alone on a fresh clone (the e2e suite builds the same).
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

/// hello's default bundle again, minified by the repository's npm terser (as `amo-widget build`
/// did before it had oxc built in) instead of oxc: the same glue and module, from the work
/// directory of the last default build.
fn terser_variant(out: &Path) -> Result<(), String> {
    let terser = root().join("node_modules/.bin/terser");
    let work = root().join("target/amo-widget/hello");
    say(&format!(
        "re-bundling hello with {} -> {}",
        terser.display(),
        out.display()
    ));
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let opt = read(&work.join("personal_page.opt.wasm"))?;
    let glue =
        String::from_utf8(read(&work.join("pkg/personal_page.js"))?).map_err(|e| e.to_string())?;
    let short = amo_widget::pipeline::imports::shorten_imports(&opt, "./personal_page_bg.js")
        .map_err(|e| e.to_string())?;
    let glue = amo_widget::pipeline::glue::rename_imports(&glue, &short.names, &short.module)
        .map_err(|e| e.to_string())?;
    let mut options = amo_widget::pipeline::bundle::BundleOptions::new("hello");
    options.modules = amo_widget::pipeline::host_modules::used(&short.wasm);
    let script = amo_widget::pipeline::bundle::bundle_with(
        &glue,
        &short.wasm,
        &options,
        |js| -> Result<String, Box<dyn std::error::Error>> {
            let mut child = Command::new(&terser)
                .args(["--compress", "--mangle", "--ecma", "2017"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .map_err(|e| format!("could not start {}: {e}", terser.display()))?;
            child
                .stdin
                .take()
                .ok_or("no stdin for terser")?
                .write_all(js.as_bytes())?;
            let done = child.wait_with_output()?;
            if !done.status.success() {
                return Err(format!("terser failed ({})", done.status).into());
            }
            Ok(String::from_utf8(done.stdout)?)
        },
    )
    .map_err(|e| e.to_string())?;
    std::fs::create_dir_all(out.parent().unwrap_or(out)).map_err(|e| e.to_string())?;
    std::fs::write(out, script).map_err(|e| format!("{}: {e}", out.display()))
}

const LEAD_CARD_GOAL_GZIP: usize = 30 * 1024;
const LEAD_CARD_MAX_GZIP: usize = 45 * 1024;
const FORMAT_GOAL_RATIO: f64 = 1.5;
const FORMAT_MAX_RATIO: f64 = 3.0;
const FORMAT_ROUNDS: u32 = 40;

/// The lead card: its bundle's size (an error over 45 KB gzipped), and decoding and formatting a
/// 500-field `leadFields`, Rust against the same work in plain JavaScript in one page.
fn lead_card() -> Result<(), String> {
    let example = root().join("examples/lead-card");
    crate::dist::build_example(&example)?;
    let bundle = "target/widgets/lead-card/personal_page.js";
    let (raw, gz) = sizes(bundle)?;

    // The formatting step alone, exported by the benchmark crate bench/lead-card (never
    // shipped), built like the bundle's wasm: release, wasm-bindgen, wasm-opt -Oz.
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
    amo_widget::pipeline::optimise::WasmOpt::find(&example)
        .run(&wasm, &optimized)
        .map_err(|e| format!("lead-card: {e}"))?;
    std::fs::rename(&optimized, &wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;

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
    let json =
        std::fs::read_to_string(&json_out).map_err(|e| format!("{}: {e}", json_out.display()))?;
    let value: serde_json::Value = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let stat = |side: &str, what: &str| value[side][what].as_f64().unwrap_or(f64::NAN);
    let ratio = value["ratio"].as_f64().unwrap_or(f64::NAN);

    say("bench: the lead card, Rust vs plain JavaScript");
    println!(
        "lead-card bundle (target/widgets/lead-card/personal_page.js): {raw} B raw, {gz} B gzipped"
    );
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
    println!(
        "target: lead-card <= {LEAD_CARD_GOAL_GZIP} B gzipped (goal): {} ({gz} B); <= {LEAD_CARD_MAX_GZIP} B (limit): {}",
        verdict(gz <= LEAD_CARD_GOAL_GZIP),
        verdict(gz <= LEAD_CARD_MAX_GZIP)
    );
    println!(
        "target: formatting <= {FORMAT_GOAL_RATIO}x JS (goal): {}; <= {FORMAT_MAX_RATIO}x (limit): {} ({ratio:.2}x)",
        verdict(ratio <= FORMAT_GOAL_RATIO),
        verdict(ratio <= FORMAT_MAX_RATIO)
    );
    if gz > LEAD_CARD_MAX_GZIP {
        return Err(format!(
            "the lead-card bundle is {gz} B gzipped, over the {LEAD_CARD_MAX_GZIP} B limit"
        ));
    }
    Ok(())
}
