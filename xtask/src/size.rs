//! `cargo xtask size`: the wasm cost of the SDK's cheap path (zero-copy views) against the owned
//! models (feature `serde`), each doing the hello widget's job, beside the plain-JS equivalent.

use crate::cmd::{root, run};
use amo_widget::pipeline::optimise::WasmOpt;
use std::io::Write;
use std::path::Path;
use std::process::Command;

/// One job done two ways: the SDK's cheap path against the serde path (or, for the back-end
/// client, the SDK's against gloo-net's), each a probe crate under bench/.
struct Comparison {
    job: &'static str,
    cheap: (&'static str, &'static str),
    serde: (&'static str, &'static str),
    /// How the ratio of the second to the first is labelled.
    ratio: &'static str,
}

const COMPARISONS: &[Comparison] = &[
    Comparison {
        job: "the hello job (read sys.timeFormat, format now)",
        cheap: ("size-views", "views (no serde)"),
        serde: ("size-serde", "models (feature serde)"),
        ratio: "serde/cheap",
    },
    Comparison {
        job: "reading the initLead token's claims, unverified",
        cheap: ("size-token", "atob + JSON.parse"),
        serde: ("size-token-serde", "serde_json + base64"),
        ratio: "serde/cheap",
    },
    Comparison {
        job: "calling the back end (GET, bearer token, JSON list decoded, abortable)",
        cheap: ("size-backend", "SDK backend (fetch)"),
        serde: ("size-backend-gloo", "gloo-net http + json"),
        ratio: "gloo-net/SDK",
    },
];

fn gzip_len(bytes: &[u8]) -> Result<usize, String> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).map_err(|e| e.to_string())?;
    Ok(gz.finish().map_err(|e| e.to_string())?.len())
}

fn sizes(path: &Path) -> Result<(usize, usize), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    Ok((bytes.len(), gzip_len(&bytes)?))
}

/// Builds one probe: cargo (release, wasm32) → wasm-bindgen (web) → wasm-opt -Oz.
fn build(probe: &str) -> Result<std::path::PathBuf, String> {
    let root = root();
    run(
        &format!("building {probe} (release, wasm32)"),
        Command::new(env!("CARGO"))
            // wasm-bindgen reads the target features section that `strip` would remove;
            // wasm-opt strips afterwards.
            .env("CARGO_PROFILE_RELEASE_STRIP", "false")
            .args([
                "build",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "--package",
                probe,
            ]),
    )?;
    let out = root.join("target/size").join(probe);
    let wasm = root
        .join("target/wasm32-unknown-unknown/release")
        .join(format!("{}.wasm", probe.replace('-', "_")));
    run(
        &format!("wasm-bindgen {probe}"),
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--out-dir"])
            .arg(&out)
            .arg(&wasm),
    )?;
    let bindgen = out.join(format!("{}_bg.wasm", probe.replace('-', "_")));
    let optimized = out.join(format!("{}.opt.wasm", probe.replace('-', "_")));
    let wasm_opt = WasmOpt::find(&root);
    crate::cmd::say(&format!(
        "wasm-opt -Oz {probe} (as amo-widget build runs it: {})",
        wasm_opt.describe()
    ));
    wasm_opt
        .run(&bindgen, &optimized)
        .map_err(|e| format!("{probe}: {e}"))?;
    Ok(out)
}

/// Builds the probes and prints their sizes side by side.
pub fn run_size() -> Result<(), String> {
    let js = sizes(&root().join("bench/equivalent.js"))?;
    let mut report = Vec::new();
    for comparison in COMPARISONS {
        let mut rows = Vec::new();
        for (probe, what) in [comparison.cheap, comparison.serde] {
            let out = build(probe)?;
            let stem = probe.replace('-', "_");
            let wasm = sizes(&out.join(format!("{stem}.opt.wasm")))?;
            let glue = sizes(&out.join(format!("{stem}.js")))?;
            rows.push((probe, what, wasm, glue));
        }
        report.push((comparison.job, comparison.ratio, rows));
    }
    println!("\nwasm size of each job, cheap path vs serde (wasm-opt -Oz, gzip -9, bytes):");
    for (job, ratio, rows) in &report {
        println!("\n{job}:");
        println!(
            "  {:<18} {:<24} {:>10} {:>10} {:>12} {:>12}",
            "probe", "path", "wasm raw", "wasm gz", "JS glue raw", "JS glue gz"
        );
        for (probe, what, (raw, gz), (glue_raw, glue_gz)) in rows {
            println!("  {probe:<18} {what:<24} {raw:>10} {gz:>10} {glue_raw:>12} {glue_gz:>12}");
        }
        if let [(_, _, cheap, _), (_, _, serde, _)] = rows.as_slice() {
            println!(
                "  {ratio}: {:.2}x raw, {:.2}x gzip",
                serde.0 as f64 / cheap.0 as f64,
                serde.1 as f64 / cheap.1 as f64,
            );
        }
    }
    if let Some((_, _, rows)) = report.first() {
        let (_, _, views, _) = rows[0];
        println!(
            "\nplain JS hello job (bench/equivalent.js, the host's dateformat): {} raw, {} gz; \
             views wasm gzip / plain JS gzip: {:.1}x",
            js.0,
            js.1,
            views.1 as f64 / js.1 as f64
        );
    }
    Ok(())
}
