//! The server through real requests: the documents for the lead's own account, every call of
//! an open lead answered, 403 for another account, 401 for an expired token, CORS.

use amocrm_widget_testkit::{Token, TEST_SECRET};
use amocrm_widget_token::axum::{AllowedOrigins, InitLeadTokens};
use amocrm_widget_token::Verifier;
use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use axum::Router;
use lead_documents_server::{app, store::Store};
use std::path::Path;
use tower::ServiceExt;

const CABINET: &str = "http://127.0.0.1:8000";

/// A token of the account data/documents.json keeps its leads for: the account `amo-widget
/// serve`'s cabinet signs its tokens as (the test kit's default issuer is another).
fn token_for(lead: &str) -> Token {
    Token::for_lead(lead).issuer("https://example.amocrm.ru")
}

fn server() -> Router {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/documents.json");
    let tokens = InitLeadTokens::new(Verifier::new(TEST_SECRET).unwrap()).unwrap();
    let origins = AllowedOrigins::vendor().origin(CABINET).unwrap();
    app(tokens, origins, Store::from_file(&data).unwrap())
}

async fn get(app: &Router, path: &str, token: &str) -> (StatusCode, String, Option<String>) {
    let request = Request::get(path)
        .header("Authorization", format!("Bearer {token}"))
        .header("Origin", CABINET)
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let cors = response
        .headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap(), cors)
}

#[tokio::test]
async fn serves_a_leads_documents_to_its_account_on_every_call() {
    let app = server();
    let token = token_for("3412001").mint();
    for _ in 0..10 {
        let (status, body, cors) = get(&app, "/leads/3412001/documents", &token).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let documents: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(documents[0]["title"], "Договор поставки № 17");
        assert_eq!(documents.as_array().unwrap().len(), 2);
        assert_eq!(cors.as_deref(), Some(CABINET));
    }
    let (status, body, _) = get(&app, "/leads/999/documents", &token).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "[]"));
}

#[tokio::test]
async fn refuses_another_account_and_an_expired_token() {
    let app = server();
    let other = token_for("3412001").account_id(7).mint();
    let (status, body, cors) = get(&app, "/leads/3412001/documents", &other).await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::FORBIDDEN, "this belongs to another account")
    );
    assert_eq!(cors.as_deref(), Some(CABINET));
    let other_installation = token_for("3412001")
        .issuer("https://example.kommo.com")
        .mint();
    let (status, ..) = get(&app, "/leads/3412001/documents", &other_installation).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let expired = token_for("3412001").valid(now - 7200, now - 3600).mint();
    let (status, body, _) = get(&app, "/leads/3412001/documents", &expired).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.starts_with("expired at"), "{body}");
}
