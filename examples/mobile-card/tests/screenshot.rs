//! A headless Chromium screenshot of the card at an iPhone viewport (390x844 CSS px at 3x).

#[path = "../../../token/tests/support/jwt.rs"]
mod jwt;
mod support;

use amocrm_widget_token::{InMemoryReplayGuard, Verifier};
use jwt::{disposable_claims, mint_one, repo_root, SECRET};
use std::path::{Path, PathBuf};
use std::process::Command;

const WIDTH: u32 = 390;
const HEIGHT: u32 = 844;
const SCALE: u32 = 3;

fn screenshot(url: &str, out: &Path) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/screenshot.cjs");
    let output = Command::new("node")
        .arg(&script)
        .args([url, &out.display().to_string()])
        .args([WIDTH, HEIGHT, SCALE].map(|n| n.to_string()))
        .current_dir(repo_root())
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "screenshot.cjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("screenshot.cjs prints JSON")
}

/// Width and height from the PNG's IHDR, after checking the signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |r: std::ops::Range<usize>| u32::from_be_bytes(bytes[r].try_into().unwrap());
    (be(16..20), be(20..24))
}

fn target_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target>/tmp.
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .to_path_buf()
}

#[test]
fn the_card_renders_on_an_iphone_viewport() {
    let addr = support::start(
        Verifier::new(SECRET)
            .unwrap()
            .replay_guard(InMemoryReplayGuard::new(100)),
    );
    let token = mint_one(
        disposable_claims("44444444-4444-4444-8444-444444444444"),
        SECRET,
    );

    let card = target_dir().join("mobile-card-iphone.png");
    let _ = std::fs::remove_file(&card);
    let seen = screenshot(&format!("http://{addr}/?token={token}&from=ios"), &card);
    assert_eq!(seen["status"], 200);
    assert_eq!(seen["heading"], "Lead #4242");
    assert!(
        seen["scrollWidth"].as_u64().unwrap() <= u64::from(WIDTH),
        "{seen}"
    );
    let bytes = std::fs::read(&card).unwrap();
    assert_eq!(png_size(&bytes), (WIDTH * SCALE, HEIGHT * SCALE));
    assert!(
        bytes.len() > 10_000,
        "suspiciously small screenshot: {} bytes",
        bytes.len()
    );

    // The same token again: the 401 page, also phone-sized.
    let denied = target_dir().join("mobile-card-iphone-401.png");
    let seen = screenshot(&format!("http://{addr}/?token={token}&from=ios"), &denied);
    assert_eq!(seen["status"], 401);
    assert_eq!(seen["heading"], "Access denied");
    assert_eq!(
        png_size(&std::fs::read(&denied).unwrap()),
        (WIDTH * SCALE, HEIGHT * SCALE)
    );
}
