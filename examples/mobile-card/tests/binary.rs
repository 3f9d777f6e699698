//! The `mobile-card` binary: secret from the environment, bind address configurable.

#[path = "../../../token/tests/support/jwt.rs"]
mod jwt;
mod support;

use jwt::{disposable_claims, mint_one, SECRET};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

/// Kills the server when the test ends, even on a failed assertion.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(secret: Option<&str>) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mobile-card"));
    c.env("MOBILE_CARD_ADDR", "127.0.0.1:0")
        .env("MOBILE_CARD_AUDIENCE", "https://external.integration.io")
        .env_remove("AMO_CLIENT_SECRET")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(secret) = secret {
        c.env("AMO_CLIENT_SECRET", secret);
    }
    c
}

#[test]
fn serves_on_the_configured_address_with_the_secret_from_the_environment() {
    let mut server = Server(spawn(Some(SECRET)).spawn().expect("start mobile-card"));
    let stdout = server.0.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("first line");
    let addr: SocketAddr = line
        .trim()
        .strip_prefix("mobile-card: serving the frame on http://")
        .and_then(|rest| rest.strip_suffix('/'))
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
    assert!(addr.ip().is_loopback() && addr.port() != 0, "{addr}");

    let token = mint_one(
        disposable_claims("55555555-5555-4555-8555-555555555555"),
        SECRET,
    );
    let page = support::get(addr, &format!("/?token={token}&from=ios"));
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<h1>Lead #4242</h1>"));
    assert_eq!(support::get(addr, &format!("/?token={token}")).status, 401);
}

#[test]
fn refuses_to_start_without_a_secret() {
    let out = spawn(None).output().expect("run mobile-card");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("AMO_CLIENT_SECRET"));
}
