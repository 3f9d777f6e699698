//! The axum extractor: where the token comes from, and how each refusal is answered.
#![cfg(not(target_arch = "wasm32"))]

mod support {
    pub mod jwt;
    pub mod redis;
    pub mod router;
}

use amocrm_widget_token::axum::VerifiedClaims;
use amocrm_widget_token::{InMemoryReplayGuard, RedisReplayGuard, Verifier};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use axum::Router;
use serde_json::json;
use std::sync::Arc;
use support::jwt::{disposable_claims, mint, SECRET};
use support::redis::RedisServer;
use support::router::call;

async fn entity(VerifiedClaims(claims): VerifiedClaims) -> String {
    format!(
        "entity {}",
        claims.data.and_then(|d| d.entity_id).unwrap_or(0)
    )
}

fn app(verifier: Verifier) -> Router {
    Router::new()
        .route("/", get(entity))
        .with_state(Arc::new(verifier))
}

fn get_uri(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn takes_the_token_from_the_query_or_a_bearer_header() {
    let app = app(Verifier::new(SECRET)
        .unwrap()
        .replay_guard(InMemoryReplayGuard::new(100)));
    let tokens = mint(&[
        json!({"payload": disposable_claims("q-1"), "secret": SECRET}),
        json!({"payload": disposable_claims("b-1"), "secret": SECRET}),
    ]);
    let ok = call(&app, get_uri(&format!("/?from=ios&token={}", tokens[0]))).await;
    assert_eq!(
        (ok.status, ok.body.as_str()),
        (StatusCode::OK, "entity 4242")
    );
    let bearer = Request::get("/")
        .header("Authorization", format!("Bearer {}", tokens[1]))
        .body(Body::empty())
        .unwrap();
    let ok = call(&app, bearer).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);

    // Used once: the second time is 401 with the reason.
    let again = call(&app, get_uri(&format!("/?token={}", tokens[0]))).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    assert_eq!(again.body, "token q-1 was already used");
    assert_eq!(
        again.headers["www-authenticate"],
        "Bearer error=\"invalid_token\""
    );
    assert_eq!(again.headers["cache-control"], "no-store");
}

#[tokio::test]
async fn every_refusal_is_401_with_a_reason_that_names_no_secret() {
    let app = app(Verifier::new(SECRET).unwrap());
    let forged = mint(&[json!({"payload": disposable_claims("f"), "secret": "other"})]).remove(0);
    let cases = [
        (get_uri("/"), "no token"),
        (get_uri("/?token=abc"), "not a JWT"),
        (
            get_uri(&format!("/?token={forged}")),
            "signature does not match",
        ),
        (
            Request::get("/")
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .body(Body::empty())
                .unwrap(),
            "no token",
        ),
    ];
    for (request, reason) in cases {
        let uri = request.uri().clone();
        let answer = call(&app, request).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{uri}");
        assert!(answer.body.contains(reason), "{uri}: {}", answer.body);
        assert!(!answer.body.contains(SECRET), "{uri}: {}", answer.body);
    }
}

#[tokio::test]
async fn a_replay_store_outage_is_503_and_the_app_keeps_answering() {
    let mut redis = RedisServer::start();
    let guard = RedisReplayGuard::connect(&redis.url(), "amo:axum:")
        .await
        .unwrap();
    let app = app(Verifier::new(SECRET).unwrap().replay_guard(guard));
    let tokens = mint(&[
        json!({"payload": disposable_claims("up"), "secret": SECRET}),
        json!({"payload": disposable_claims("down"), "secret": SECRET}),
    ]);
    assert_eq!(
        call(&app, get_uri(&format!("/?token={}", tokens[0])))
            .await
            .status,
        StatusCode::OK
    );
    redis.stop();
    let down = call(&app, get_uri(&format!("/?token={}", tokens[1]))).await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(down.headers["retry-after"], "1");
    assert!(down.body.contains("try again"), "{}", down.body);
    assert!(!down.body.contains("127.0.0.1"), "{}", down.body);
    // Requests that fail before the guard are still answered at once.
    assert_eq!(
        call(&app, get_uri("/")).await.status,
        StatusCode::UNAUTHORIZED
    );
}
