//! The `server` feature refuses to compile for wasm32, so the secret cannot ship to browsers.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

#[test]
fn the_server_feature_is_a_compile_error_on_wasm32() {
    // A target directory of its own: the outer `cargo test` holds the shared one's lock.
    let target_dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("server-on-wasm32");
    let out = Command::new(env!("CARGO"))
        .args([
            "check",
            "--quiet",
            "--package",
            "amocrm-widget-token",
            "--lib",
            "--features",
            "server",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .arg("--manifest-path")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .arg("--target-dir")
        .arg(&target_dir)
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "compiled for wasm32 with `server`");
    assert!(
        stderr.contains("the `server` feature verifies tokens with the integration's secret"),
        "{stderr}"
    );
}
