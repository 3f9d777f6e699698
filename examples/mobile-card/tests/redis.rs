//! Two mobile-card instances sharing one Redis (`MOBILE_CARD_REDIS`), and a Redis outage.

#[path = "../../../token/tests/support/jwt.rs"]
mod jwt;
#[path = "../../../token/tests/support/redis.rs"]
mod redis;
mod support;

use amocrm_widget_token::{RedisReplayGuard, Verifier};
use jwt::{disposable_claims, mint, SECRET};
use redis::RedisServer;
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

/// A `mobile-card` process, killed when the test ends, even on a failed assertion.
struct Instance(Child, SocketAddr);

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn instance(redis_url: &str) -> Instance {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mobile-card"))
        .env("MOBILE_CARD_ADDR", "127.0.0.1:0")
        .env("AMO_CLIENT_SECRET", SECRET)
        .env("MOBILE_CARD_REDIS", redis_url)
        .env("MOBILE_CARD_REDIS_PREFIX", "amo:mobile-card-test:")
        .env_remove("MOBILE_CARD_AUDIENCE")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start mobile-card");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("first line");
    let addr = line
        .trim()
        .strip_prefix("mobile-card: serving the frame on http://")
        .and_then(|rest| rest.strip_suffix('/'))
        .and_then(|a| a.parse().ok());
    match addr {
        Some(addr) => Instance(child, addr),
        None => {
            let _ = child.kill();
            panic!("unexpected first line: {line:?}")
        }
    }
}

#[test]
fn a_token_used_on_one_instance_is_refused_on_the_other() {
    let redis = RedisServer::start();
    let (a, b) = (instance(&redis.url()), instance(&redis.url()));
    let tokens = mint(&[
        json!({"payload": disposable_claims("66666666-6666-4666-8666-666666666661"), "secret": SECRET}),
        json!({"payload": disposable_claims("66666666-6666-4666-8666-666666666662"), "secret": SECRET}),
    ]);
    let first = support::get(a.1, &format!("/?token={}&from=ios", tokens[0]));
    assert_eq!(first.status, 200, "{}", first.body);
    let replay = support::get(b.1, &format!("/?token={}&from=ios", tokens[0]));
    assert_eq!(replay.status, 401);
    assert!(replay.body.contains("already used"), "{}", replay.body);
    // And the other way round.
    assert_eq!(
        support::get(b.1, &format!("/?token={}", tokens[1])).status,
        200
    );
    assert_eq!(
        support::get(a.1, &format!("/?token={}", tokens[1])).status,
        401
    );
    assert_eq!(redis.integer("DBSIZE"), 2);
}

#[test]
fn refuses_to_start_when_the_redis_is_unreachable() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = Command::new(env!("CARGO_BIN_EXE_mobile-card"))
        .env("MOBILE_CARD_ADDR", "127.0.0.1:0")
        .env("AMO_CLIENT_SECRET", SECRET)
        .env(
            "MOBILE_CARD_REDIS",
            format!("redis://:hunter2@127.0.0.1:{port}/"),
        )
        .output()
        .expect("run mobile-card");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("MOBILE_CARD_REDIS"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "the password leaked: {stderr}");
}

#[test]
fn when_redis_stops_tokens_get_503_and_the_server_keeps_answering() {
    let mut redis = RedisServer::start();
    // The guard's connection lives on this runtime for the whole test.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let guard = runtime
        .block_on(RedisReplayGuard::connect(
            &redis.url(),
            "amo:mobile-card-test:",
        ))
        .expect("connect");
    let addr = support::start(Verifier::new(SECRET).unwrap().replay_guard(guard));
    let tokens = mint(&[
        json!({"payload": disposable_claims("77777777-7777-4777-8777-777777777771"), "secret": SECRET}),
        json!({"payload": disposable_claims("77777777-7777-4777-8777-777777777772"), "secret": SECRET}),
        json!({"payload": disposable_claims("77777777-7777-4777-8777-777777777773"), "secret": SECRET}),
    ]);
    assert_eq!(
        support::get(addr, &format!("/?token={}", tokens[0])).status,
        200
    );
    redis.stop();
    for token in &tokens[1..] {
        let page = support::get(addr, &format!("/?token={token}&from=ios"));
        assert_eq!(page.status, 503, "{}", page.body);
        assert!(page.headers.contains("retry-after: 1"));
        assert!(page.body.contains("Try again in a moment"), "{}", page.body);
    }
    // Still answering: a request without a token is refused at once, as always.
    let page = support::get(addr, "/?from=ios");
    assert_eq!(page.status, 401);
    assert!(page.body.contains("no access token"));
}
