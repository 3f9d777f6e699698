//! Tokens minted by npm `jsonwebtoken` (an implementation independent of ours), for tests.
#![allow(dead_code)] // each test binary uses a different part

use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

/// The integration secret the tests sign with.
pub const SECRET: &str = "integration-client-secret-0123456789";

/// The repository root: the nearest ancestor of the testing crate that holds the minting
/// script (under the token crate), where `node_modules` is.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join(MINT).exists())
        .unwrap_or_else(|| panic!("{MINT} in an ancestor of the crate"))
        .to_path_buf()
}

/// The minting script, from the repository root.
pub const MINT: &str = "token/tests/jwt/mint.cjs";

/// Mints one token per spec (see `token/tests/jwt/mint.cjs` for the spec format).
pub fn mint(specs: &[Value]) -> Vec<String> {
    let script = repo_root().join(MINT);
    let mut child = Command::new("node")
        .arg(&script)
        .current_dir(repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs (npm `jsonwebtoken` mints the test tokens)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(Value::Array(specs.to_vec()).to_string().as_bytes())
        .expect("write specs");
    let out = child.wait_with_output().expect("node finishes");
    assert!(out.status.success(), "mint.cjs failed: {:?}", out.status);
    serde_json::from_slice(&out.stdout).expect("mint.cjs prints a JSON array of tokens")
}

/// Mints one HS256 token with `payload`, signed with `secret`.
pub fn mint_one(payload: Value, secret: &str) -> String {
    mint(&[json!({ "payload": payload, "secret": secret })]).remove(0)
}

/// Now, in unix seconds.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs() as i64
}

/// A disposable-token claim set as the vendor documents it, valid for 30 minutes from now.
pub fn disposable_claims(jti: &str) -> Value {
    let now = now();
    json!({
        "iss": "https://subdomain.amocrm.ru",
        "aud": "https://external.integration.io",
        "jti": jti,
        "iat": now,
        "nbf": now,
        "exp": now + 1800,
        "account_id": 12345678,
        "user_id": 87654321,
        "subdomain": "subdomain",
        "client_uuid": "0b0832f6-d123-4123-9123-e73f236833c",
        "data": { "entity_type": "leads", "entity_id": 4242 }
    })
}
