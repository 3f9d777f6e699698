//! hello: its bundle as an author builds it (the installed CLI, no node) and as this repository
//! builds it (npm binaryen), each timed from `require()` to the slot's text beside the vendor's
//! plain-JavaScript hello.

use super::{read_json, sizes, Row, Unit, HELLO_JS, PAGE_LOADS};
use crate::cmd::{root, run, say};
use amo_widget::pipeline::optimise::WasmOpt;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// hello as an author builds it (see [`author_build`]).
pub const AUTHOR_HELLO: &str = "target/bench/author/hello/personal_page.js";
const DIST_HELLO: &str = "target/widgets/hello/personal_page.js";
const TERSER_HELLO: &str = "target/bench/hello-terser/personal_page.js";

const LIMIT_GZ: f64 = 12_288.0;
const GOAL_GZ: f64 = 10_240.0;
const LIMIT_TIME_RATIO: f64 = 1.5;
const GOAL_TIME_RATIO: f64 = 1.2;

/// The variants timed: label, file (from the repository root); plain JavaScript last.
const VARIANTS: &[(&str, &str)] = &[
    ("Rust hello, as an author builds it", AUTHOR_HELLO),
    ("Rust hello, npm binaryen (xtask dist)", DIST_HELLO),
    ("Rust hello, terser instead of oxc", TERSER_HELLO),
    ("JS hello (the vendor's example)", HELLO_JS),
];

/// `amo-widget build examples/hello` by the CLI `cargo install --path cli` installed, run with
/// no node on `PATH`; checks that its built-in binaryen ran.
pub fn author_build(seat: &crate::author::NoNode) -> Result<(), String> {
    let said = seat.amo_widget(
        &[
            "build".as_ref(),
            root().join("examples/hello").as_os_str(),
            "--out-dir".as_ref(),
            root().join("target/bench/author/hello").as_os_str(),
        ],
        &root(),
    )?;
    if !said.contains("built-in binaryen") {
        return Err("the author's build of hello did not say it ran the built-in binaryen".into());
    }
    Ok(())
}

/// Builds the variants, times them, and adds hello's rows.
pub fn bench(rows: &mut Vec<Row>) -> Result<(), String> {
    let cli_root = crate::author::install_cli(true)?;
    author_build(&crate::author::NoNode::new(&cli_root)?)?;
    let hello = root().join("examples/hello");
    // The terser variant re-bundles what this default build leaves in the work directory.
    crate::dist::build_example(&hello)?;
    terser_variant(&root().join(TERSER_HELLO))?;

    let out = root().join("target/bench/hello-times.json");
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
    let value = read_json(&out)?;
    let stat = |i: usize, what: &str| value["variants"][i][what].as_f64().unwrap_or(f64::NAN);
    let js = VARIANTS.len() - 1;
    let ratio = |i: usize| stat(i, "median") / stat(js, "median");

    say("bench: hello, Rust vs the vendor's JavaScript");
    println!(
        "{:<40}{:>10}{:>10}{:>9}{:>9}{:>9}{:>12}",
        "", "raw B", "gzip B", "median", "min", "max", "time ratio"
    );
    let mut gz = Vec::new();
    for (i, (label, file)) in VARIANTS.iter().enumerate() {
        let (raw, gzipped) = sizes(file)?;
        gz.push(gzipped as f64);
        println!(
            "{label:<40}{raw:>10}{gzipped:>10}{:>7.2}ms{:>7.2}ms{:>7.2}ms{:>11.2}x",
            stat(i, "median"),
            stat(i, "min"),
            stat(i, "max"),
            ratio(i)
        );
    }
    let npm = WasmOpt::find(&hello).describe();
    println!(
        "(times: require() to slot rendered, {} fresh page loads each; gzip -9 of the whole file; \
         the JS hello's jquery and dateformat come from the host)\n\
         as an author builds it: `cargo install --path cli`, node and wasm-opt failing on PATH, \
         so built-in binaryen and oxc; xtask dist: {npm}, {}",
        value["loads"].as_u64().unwrap_or(0),
        amo_widget::pipeline::minify::MINIFIER
    );
    rows.push(Row::new(
        "hello, built as an author builds it (gz)",
        Some(gz[js]),
        gz[0],
        Unit::Bytes,
        LIMIT_GZ,
        GOAL_GZ,
    ));
    rows.push(Row::info(
        "hello, npm binaryen (xtask dist) (gz)",
        Some(gz[js]),
        gz[1],
        Unit::Bytes,
    ));
    rows.push(Row::new(
        "require() -> slot text, median (author's build)",
        Some(1.0),
        ratio(0),
        Unit::Ratio,
        LIMIT_TIME_RATIO,
        GOAL_TIME_RATIO,
    ));
    rows.push(Row::new(
        "require() -> slot text, median (xtask dist)",
        Some(1.0),
        ratio(1),
        Unit::Ratio,
        LIMIT_TIME_RATIO,
        GOAL_TIME_RATIO,
    ));
    Ok(())
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
