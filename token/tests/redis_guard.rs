//! The Redis replay guard against a real `redis-server` (started and stopped by the tests).
#![cfg(not(target_arch = "wasm32"))]

mod support {
    pub mod jwt;
    pub mod redis;
}

use amocrm_widget_token::{RedisReplayGuard, ReplayGuard, TokenError, Verifier};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::jwt::{disposable_claims, mint, mint_one, now, SECRET};
use support::redis::RedisServer;

const PREFIX: &str = "amo:test:jti:";

async fn verifier(redis: &RedisServer) -> Verifier {
    let guard = RedisReplayGuard::connect(&redis.url(), PREFIX)
        .await
        .expect("connect to the test Redis");
    Verifier::new(SECRET).unwrap().replay_guard(guard)
}

#[tokio::test]
async fn a_token_is_accepted_once_and_its_key_expires_with_it() {
    let redis = RedisServer::start();
    let verifier = verifier(&redis).await.leeway(Duration::from_secs(1));
    let mut claims = disposable_claims("expiring-1");
    // Seconds of margin: on a loaded 2-core machine, starting Redis and connecting can take one.
    claims["exp"] = json!(now() + 3);
    let token = mint_one(claims, SECRET);

    verifier.verify(&token).await.expect("first use");
    assert_eq!(
        verifier.verify(&token).await,
        Err(TokenError::Replayed {
            jti: "expiring-1".into()
        })
    );
    // One key, under the prefix, living until exp + leeway (at most 4 s from now).
    let key = format!("{PREFIX}expiring-1");
    assert_eq!(redis.integer(&format!("EXISTS {key}")), 1);
    let ttl = redis.integer(&format!("PTTL {key}"));
    assert!(ttl > 0 && ttl <= 4_000, "PTTL {ttl}");
    assert_eq!(redis.integer("DBSIZE"), 1);

    // Redis forgets it by itself.
    let deadline = Instant::now() + Duration::from_secs(8);
    while redis.integer(&format!("EXISTS {key}")) == 1 {
        assert!(Instant::now() < deadline, "the key outlived its TTL");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(redis.integer("DBSIZE"), 0);
}

#[tokio::test]
async fn prefixes_keep_integrations_apart() {
    let redis = RedisServer::start();
    let a = RedisReplayGuard::connect(&redis.url(), "amo:a:")
        .await
        .unwrap();
    let b = RedisReplayGuard::connect(&redis.url(), "amo:b:")
        .await
        .unwrap();
    assert_eq!(a.prefix(), "amo:a:");
    let now = now();
    assert_eq!(
        a.check_and_record("shared-jti", now + 60, now).await,
        Ok(())
    );
    assert_eq!(
        b.check_and_record("shared-jti", now + 60, now).await,
        Ok(())
    );
    assert!(matches!(
        a.check_and_record("shared-jti", now + 60, now).await,
        Err(TokenError::Replayed { .. })
    ));
    // The URL is not shown: it may carry a password.
    assert!(!format!("{a:?}").contains("127.0.0.1"), "{a:?}");
}

#[test]
fn a_thousand_concurrent_distinct_tokens_are_each_accepted_exactly_once() {
    let redis = RedisServer::start();
    let specs: Vec<Value> = (0..1000)
        .map(|i| json!({"payload": disposable_claims(&format!("c-{i:04}")), "secret": SECRET}))
        .collect();
    let tokens = mint(&specs);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .unwrap();
    let outcomes = runtime.block_on(async {
        // Two instances, each with its own connection, as behind a load balancer.
        let instances = [
            Arc::new(verifier(&redis).await),
            Arc::new(verifier(&redis).await),
        ];
        let mut tasks = Vec::new();
        // Every token is presented twice at once, once to each instance.
        for token in &tokens {
            for instance in &instances {
                let (instance, token) = (instance.clone(), token.clone());
                tasks.push(tokio::spawn(async move { instance.verify(&token).await }));
            }
        }
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(task.await.expect("task"));
        }
        outcomes
    });
    let mut accepted: HashMap<String, usize> = HashMap::new();
    let mut replayed = 0;
    for outcome in outcomes {
        match outcome {
            Ok(claims) => *accepted.entry(claims.jti.unwrap()).or_default() += 1,
            Err(TokenError::Replayed { .. }) => replayed += 1,
            Err(other) => panic!("unexpected refusal: {other}"),
        }
    }
    assert_eq!(accepted.len(), 1000, "every token accepted");
    assert!(accepted.values().all(|&n| n == 1), "each exactly once");
    assert_eq!(replayed, 1000, "every second presentation refused");
    assert_eq!(redis.integer("DBSIZE"), 1000);
}

#[tokio::test]
async fn when_redis_stops_tokens_are_refused_not_accepted() {
    let mut redis = RedisServer::start();
    let verifier = verifier(&redis).await;
    let tokens = mint(&[
        json!({"payload": disposable_claims("before"), "secret": SECRET}),
        json!({"payload": disposable_claims("during-1"), "secret": SECRET}),
        json!({"payload": disposable_claims("during-2"), "secret": SECRET}),
    ]);
    verifier.verify(&tokens[0]).await.expect("Redis is up");
    redis.stop();
    for token in &tokens[1..] {
        let started = Instant::now();
        let outcome = verifier.verify(token).await;
        assert!(
            matches!(outcome, Err(TokenError::ReplayStoreUnavailable(_))),
            "{outcome:?}"
        );
        // Bounded by the guard's timeouts, not hanging.
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    }
    // Tokens that fail other checks are still refused for their own reason.
    assert_eq!(
        verifier
            .verify(&mint_one(disposable_claims("x"), "other"))
            .await,
        Err(TokenError::BadSignature)
    );
}

#[tokio::test]
async fn connecting_to_no_redis_is_a_typed_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let outcome = RedisReplayGuard::connect(&format!("redis://127.0.0.1:{port}/"), PREFIX).await;
    assert!(
        matches!(outcome, Err(TokenError::ReplayStoreUnavailable(_))),
        "{outcome:?}"
    );
    assert!(matches!(
        RedisReplayGuard::connect("not a url", PREFIX).await,
        Err(TokenError::ReplayStoreUnavailable(_))
    ));
}
