//! `date::format_at_offset` against the real npm `dateformat` 4.6.3 run by node, over random
//! seeded timestamps, for every account mask and every flag, in time zones with a fixed offset.
#![cfg(not(target_arch = "wasm32"))]

use amocrm_widget::constants::{DateFormat, TimeFormat};
use amocrm_widget::date::format_at_offset;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const STAMPS: usize = 10_000;

/// Time zones (TZ for node) and their offset east of UTC in minutes.
const ZONES: &[(&str, i32)] = &[("UTC", 0), ("Etc/GMT-3", 180), ("Etc/GMT+11", -660)];

/// Masks beyond the account formats: every flag, quoting, named masks, UTC:/GMT:.
const EXTRA_MASKS: &[&str] = &[
    "d dd ddd dddd DDD DDDD m mm mmm mmmm yy yyyy",
    "h hh H HH M MM s ss l L t tt T TT",
    "Z o p S W WW N",
    "'quoted d' \"and m\" yyyyy HHH 'unclosed",
    "UTC:yyyy-mm-dd HH:MM:ss Z o p W N",
    "GMT:ddd, dd mmm yyyy HH:MM:ss Z",
    "isoDateTime",
    "isoUtcDateTime",
    "longTime",
    "",
];

/// xorshift64*: seeded, so a mismatch can be reproduced.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Mostly years 1840–2100, one in four anywhere in the ECMAScript range (±8.64e15 ms).
    fn timestamp(&mut self) -> i64 {
        let (low, span): (i64, u64) = if self.next().is_multiple_of(4) {
            (-8_640_000_000_000_000, 17_280_000_000_000_000)
        } else {
            (-4_102_444_800_000, 8_204_889_600_000)
        };
        low + (self.next() % (span + 1)) as i64
    }
}

fn node_oracle(tz: &str, masks: &[&str], stamps: &[i64]) -> Vec<Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(
        root.join("node_modules/dateformat/lib/dateformat.js")
            .is_file(),
        "node_modules/dateformat is missing: run `cargo xtask test` (it installs the npm packages)"
    );
    let mut child = Command::new("node")
        .arg(root.join("tests/dateformat-oracle.cjs"))
        .current_dir(root)
        .env("TZ", tz)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect(
            "node is needed for the differential test: run `cargo xtask test` (it installs it)",
        );
    let input = serde_json::json!({ "masks": masks, "stamps": stamps }).to_string();
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write to node");
    let output = child.wait_with_output().expect("node output");
    assert!(output.status.success(), "node failed: {:?}", output.status);
    serde_json::from_slice(&output.stdout).expect("node's JSON")
}

#[test]
fn matches_npm_dateformat() {
    let account_masks: Vec<&str> = DateFormat::KNOWN
        .iter()
        .map(|f| f.as_str())
        .chain(TimeFormat::KNOWN.iter().map(|f| f.as_str()))
        .collect();
    let masks: Vec<&str> = account_masks.iter().chain(EXTRA_MASKS).copied().collect();
    let mut rng = Rng(0x00da_7ef0_3a70);
    let mut stamps: Vec<i64> = (0..STAMPS).map(|_| rng.timestamp()).collect();
    // The edges: the range limits, year 0, the epoch, and now (DDD says "Today").
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    stamps.extend([
        8_640_000_000_000_000,
        -8_640_000_000_000_000,
        -62_167_219_200_000,
        -1,
        0,
        now,
        now - 86_400_000,
        now + 86_400_000,
    ]);
    let mut total_mismatches = 0;
    for &(tz, offset) in ZONES {
        let expected = node_oracle(tz, &masks, &stamps);
        assert_eq!(expected.len(), stamps.len());
        let mut per_mask = vec![0usize; masks.len()];
        let mut first = None;
        for (ms, row) in stamps.iter().zip(&expected) {
            for (i, (mask, want)) in masks.iter().zip(row).enumerate() {
                let got = format_at_offset(mask, *ms as f64, offset).expect("valid time value");
                if &got != want {
                    per_mask[i] += 1;
                    first.get_or_insert((*ms, mask.to_string(), want.clone(), got));
                }
            }
        }
        for (mask, mismatches) in masks.iter().zip(&per_mask) {
            println!(
                "dateformat differential TZ={tz:<10} mask {mask:<48} {} timestamps, {mismatches} mismatches",
                stamps.len(),
                mask = format!("{mask:?}"),
            );
        }
        let zone_total: usize = per_mask.iter().sum();
        if let Some(first) = first {
            println!("TZ={tz}: first mismatch {first:?}");
        }
        total_mismatches += zone_total;
    }
    println!("dateformat differential: {total_mismatches} mismatches in total");
    assert_eq!(total_mismatches, 0);
}
