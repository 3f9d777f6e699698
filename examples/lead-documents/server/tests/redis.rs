//! The Redis store against a real `redis-server`: records by lead, the owner checked the same
//! way as with the file, and 503 (not a crash) while Redis is down.

#[path = "../../../../token/tests/support/redis.rs"]
mod redis_support;

use amocrm_widget_testkit::{Token, TEST_SECRET};
use amocrm_widget_token::axum::{AllowedOrigins, InitLeadTokens};
use amocrm_widget_token::Verifier;
use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use axum::Router;
use lead_documents_server::{app, store::Store};
use redis_support::RedisServer;
use tower::ServiceExt;

async fn get(app: &Router, path: &str, token: &str) -> (StatusCode, String) {
    let request = Request::get(path)
        .header("Authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn reads_each_lead_from_redis() {
    let mut redis = RedisServer::start();
    let record = r#"{"account":{"id":29001,"iss":"https://testkit.amocrm.ru"},"documents":[{"id":9,"title":"From Redis"}]}"#;
    redis
        .command(&format!("SET docs:3412001 '{record}'"))
        .unwrap();
    let store = Store::redis(&redis.url(), "docs:").await.unwrap();
    let tokens = InitLeadTokens::new(Verifier::new(TEST_SECRET).unwrap()).unwrap();
    let app = app(tokens, AllowedOrigins::vendor(), store);

    let token = Token::for_lead("3412001").mint();
    let (status, body) = get(&app, "/leads/3412001/documents", &token).await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::OK, r#"[{"id":9,"title":"From Redis"}]"#)
    );
    let (status, body) = get(&app, "/leads/1/documents", &token).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "[]"));
    let other = Token::for_lead("3412001").account_id(5).mint();
    let (status, _) = get(&app, "/leads/3412001/documents", &other).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    redis.stop();
    let (status, body) = get(&app, "/leads/3412001/documents", &token).await;
    assert_eq!(
        (status, body.as_str()),
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "the documents cannot be read right now"
        )
    );
}
