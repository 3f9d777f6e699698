//! leptos-lead: its bundle beside the plain web-sys lead card, its time to slot beside the
//! vendor's plain-JavaScript hello.

use super::{read_json, sizes, Row, Unit, HELLO_JS, PAGE_LOADS};
use crate::cmd::{root, run, say};
use std::process::Command;

const LEPTOS_LEAD: &str = "target/widgets/leptos-lead/personal_page.js";
const LEAD_CARD: &str = "target/widgets/lead-card/personal_page.js";
const LIMIT_GZ: f64 = 51_200.0;
const GOAL_GZ: f64 = 46_080.0;

/// Builds leptos-lead, times it, adds its size row.
pub fn bench(rows: &mut Vec<Row>) -> Result<(), String> {
    crate::dist::build_example(&root().join("examples/leptos-lead"))?;
    let out = root().join("target/bench/leptos-lead-times.json");
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
    let value = read_json(&out)?;
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
            "{:<40}   (size only, when built: `cargo xtask bench lead-card` builds it)",
            "Rust lead-card (plain web-sys)"
        ),
    }
    let (js_raw, js_gz) = sizes(HELLO_JS)?;
    row("JS hello (the vendor's example)", js_raw, js_gz, 1);
    println!(
        "(times: require() to slot rendered, {} fresh page loads each; gzip -9 of the whole file)",
        value["loads"].as_u64().unwrap_or(0)
    );
    rows.push(Row::new(
        "leptos-lead (gz)",
        None,
        gz as f64,
        Unit::Bytes,
        LIMIT_GZ,
        GOAL_GZ,
    ));
    Ok(())
}
