//! `amo-widget token inspect|verify` with tokens minted by npm `jsonwebtoken`.

use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

const SECRET: &str = "cli-test-secret-0123456789";

fn mint(payload: Value, secret: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut child = Command::new("node")
        .arg(root.join("token/tests/jwt/mint.cjs"))
        .current_dir(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    let spec = json!([{ "payload": payload, "secret": secret }]);
    child
        .stdin
        .take()
        .unwrap()
        .write_all(spec.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let tokens: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
    tokens.into_iter().next().unwrap()
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn claims(exp_in: i64) -> Value {
    json!({
        "iss": "https://subdomain.amocrm.ru", "aud": "https://external.integration.io",
        "jti": "d628f123-5123-473e-a123-ed123ef31f8f", "iat": now(), "nbf": now() - 5,
        "exp": now() + exp_in, "account_id": 12345678, "user_id": 87654321,
        "subdomain": "subdomain", "data": {"entity_type": "leads", "entity_id": 4242}
    })
}

fn amo(args: &[&str], secret: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_amo-widget"));
    c.args(args).env_remove("AMO_TEST_SECRET");
    if let Some(secret) = secret {
        c.env("AMO_TEST_SECRET", secret);
    }
    c.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn inspect_shows_claims_marked_unverified_with_expiry_in_words() {
    let token = mint(claims(1800), "whatever-secret");
    let out = amo(&["token", "inspect", &token], None);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("UNVERIFIED"), "{stdout}");
    assert!(stdout.contains("account_id: 12345678"), "{stdout}");
    assert!(stdout.contains("data.entity_id: 4242"), "{stdout}");
    assert!(
        stdout.contains("expires in 30 min") || stdout.contains("expires in 29 min"),
        "{stdout}"
    );

    let expired = mint(claims(-7200), "whatever-secret");
    let stdout = text(&amo(&["token", "inspect", &expired], None).stdout);
    assert!(stdout.contains("EXPIRED 2 h ago"), "{stdout}");

    let garbage = amo(&["token", "inspect", "not.a.token"], None);
    assert_eq!(garbage.status.code(), Some(1));
    assert!(
        text(&garbage.stderr).contains("not base64url"),
        "{}",
        text(&garbage.stderr)
    );
}

#[test]
fn verify_exits_zero_only_for_a_valid_token() {
    let token = mint(claims(1800), SECRET);
    let ok = amo(
        &[
            "token",
            "verify",
            "--secret-env",
            "AMO_TEST_SECRET",
            "--aud",
            "https://external.integration.io",
            &token,
        ],
        Some(SECRET),
    );
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
    assert!(text(&ok.stdout).starts_with("valid"));

    let cases = [
        (
            mint(claims(1800), "another-secret"),
            None,
            "signature does not match",
        ),
        (mint(claims(-3600), SECRET), None, "expired at"),
        (token.clone(), Some("https://other.example"), "audience"),
        (format!("{}x", &token[..token.len() - 1]), None, "signature"),
    ];
    for (bad, aud, reason) in cases {
        let mut args = vec!["token", "verify", "--secret-env", "AMO_TEST_SECRET"];
        if let Some(aud) = aud {
            args.extend(["--aud", aud]);
        }
        args.push(&bad);
        let out = amo(&args, Some(SECRET));
        assert_eq!(out.status.code(), Some(1), "{reason}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("invalid token") && stderr.contains(reason),
            "{stderr}"
        );
    }
}

#[test]
fn verify_reads_the_secret_only_from_the_environment() {
    let token = mint(claims(1800), SECRET);
    let missing = amo(
        &["token", "verify", "--secret-env", "AMO_TEST_SECRET", &token],
        None,
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("AMO_TEST_SECRET is not set"));
    // There is no way to pass the secret itself as an argument.
    let argv = amo(&["token", "verify", "--secret", SECRET, &token], None);
    assert_eq!(argv.status.code(), Some(2));
    assert!(text(&argv.stderr).contains("--secret"));
}

#[test]
fn verify_reads_the_token_from_stdin_with_a_dash() {
    let token = mint(claims(1800), SECRET);
    let mut child = Command::new(env!("CARGO_BIN_EXE_amo-widget"))
        .args(["token", "verify", "--secret-env", "AMO_TEST_SECRET", "-"])
        .env("AMO_TEST_SECRET", SECRET)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{token}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}
