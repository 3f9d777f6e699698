//! Verifications per second on this machine: HS256 and claim checks, then the replay guard in
//! memory and in a real Redis (started here), beside node: npm `jsonwebtoken` and node:crypto
//! by hand, each with a `Set`.
//!
//! `cargo bench -p amocrm-widget-token --bench verifications` (run by `cargo xtask bench`).

#[path = "../tests/support/jwt.rs"]
mod jwt;
#[path = "../tests/support/redis.rs"]
mod redis;

use amocrm_widget_token::{InMemoryReplayGuard, RedisReplayGuard, Verifier};
use serde_json::{json, Value};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Tokens per run: enough for a few seconds of Redis round trips.
const TOKENS: usize = 20_000;
/// Requests in flight at once, as a busy server would have.
const CONCURRENCY: usize = 64;
const AUDIENCE: &str = "https://external.integration.io";

/// Verifies every token once with `CONCURRENCY` tasks; returns verifications per second.
async fn run(verifier: Verifier, tokens: Arc<Vec<String>>) -> f64 {
    let verifier = Arc::new(verifier);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (verifier, tokens, next) = (verifier.clone(), tokens.clone(), next.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(token) = tokens.get(i) else { break };
                    verifier.verify(token).await.expect("a fresh, valid token");
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("worker");
    }
    tokens.len() as f64 / started.elapsed().as_secs_f64()
}

/// One batch serves every run: each run starts with an empty guard.
fn mint_batch() -> Arc<Vec<String>> {
    let specs: Vec<Value> = (0..TOKENS)
        .map(|i| json!({"payload": jwt::disposable_claims(&format!("bench-{i}")), "secret": jwt::SECRET}))
        .collect();
    Arc::new(jwt::mint(&specs))
}

/// npm `jsonwebtoken` and hand-written node:crypto, verifications per second.
fn javascript() -> Option<(f64, f64)> {
    let script = jwt::repo_root().join("token/benches/verify.cjs");
    let out = Command::new("node")
        .arg(script)
        .arg(TOKENS.to_string())
        .arg(jwt::SECRET)
        .current_dir(jwt::repo_root())
        .output()
        .ok()?;
    let value: Value = serde_json::from_slice(&out.stdout).ok()?;
    Some((
        value["per_second"].as_f64()?,
        value["crypto_per_second"].as_f64()?,
    ))
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to parse.
    let redis = redis::RedisServer::start();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let verifier = || Verifier::new(jwt::SECRET).unwrap().audience(AUDIENCE);
    println!("minting {TOKENS} tokens with npm jsonwebtoken…");
    let tokens = mint_batch();

    let checks = runtime.block_on(run(verifier(), tokens.clone()));
    let in_memory = runtime.block_on(run(
        verifier().replay_guard(InMemoryReplayGuard::new(TOKENS)),
        tokens.clone(),
    ));
    let shared = runtime.block_on(async {
        let guard = RedisReplayGuard::connect(&redis.url(), "amo:bench:")
            .await
            .expect("connect to the bench Redis");
        run(verifier().replay_guard(guard), tokens).await
    });
    assert_eq!(redis.integer("DBSIZE"), TOKENS as i64, "one key per token");
    let js = javascript();

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "\nverifications per second ({TOKENS} distinct tokens, {CONCURRENCY} in flight, {cores} cores, HS256 + exp/nbf/aud):"
    );
    println!("{:<60}{:>14}", "", "per second");
    println!(
        "{:<60}{:>14.0}",
        "Rust, no replay guard (Verifier::verify)", checks
    );
    println!("{:<60}{:>14.0}", "Rust, InMemoryReplayGuard", in_memory);
    println!(
        "{:<60}{:>14.0}",
        "Rust, RedisReplayGuard (SET NX PX, local redis-server)", shared
    );
    match js {
        Some((library, by_hand)) => {
            println!(
                "{:<60}{:>14.0}",
                "node, npm jsonwebtoken.verify + a Set (one thread)", library
            );
            println!(
                "{:<60}{:>14.0}",
                "node, node:crypto HMAC + JSON.parse + a Set (one thread)", by_hand
            );
        }
        None => println!("node: not measured (node or node_modules missing)"),
    }
}
