//! A widget's back end: CORS for the accounts' origins, the two replay policies, the account
//! boundary, through real requests to an axum router.
#![cfg(not(target_arch = "wasm32"))]

mod support {
    pub mod jwt;
    pub mod router;
}

use amocrm_widget_token::axum::{
    Account, AllowedOrigins, Disposable, DisposableTokens, InitLead, InitLeadTokens, OtherAccount,
};
use amocrm_widget_token::{InMemoryReplayGuard, Verifier};
use axum::body::Body;
use axum::extract::{FromRef, Path};
use axum::http::{Request, StatusCode};
use axum::routing::get;
use axum::Router;
use serde_json::json;
use std::sync::Arc;
use support::jwt::{disposable_claims, mint, now, SECRET};
use support::router::call;

const CABINET: &str = "http://127.0.0.1:8000";

#[derive(Clone)]
struct State {
    lead_tokens: Arc<InitLeadTokens>,
    card_tokens: Arc<DisposableTokens>,
}

impl FromRef<State> for Arc<InitLeadTokens> {
    fn from_ref(state: &State) -> Self {
        state.lead_tokens.clone()
    }
}

impl FromRef<State> for Arc<DisposableTokens> {
    fn from_ref(state: &State) -> Self {
        state.card_tokens.clone()
    }
}

/// The owner of every lead in this back end's "store": account 12345678 of `disposable_claims`.
fn owner_of(_lead: i64) -> Account {
    Account::new(12345678, "https://subdomain.amocrm.ru")
}

async fn documents(lead: InitLead, Path(id): Path<i64>) -> Result<String, OtherAccount> {
    lead.account.authorize(&owner_of(id))?;
    Ok(format!("documents of lead {id}"))
}

async fn card(card: Disposable) -> String {
    format!("card of account {}", card.account.id())
}

fn app() -> Router {
    let state = State {
        lead_tokens: Arc::new(InitLeadTokens::new(Verifier::new(SECRET).unwrap()).unwrap()),
        card_tokens: Arc::new(
            DisposableTokens::new(
                Verifier::new(SECRET)
                    .unwrap()
                    .replay_guard(InMemoryReplayGuard::new(100)),
            )
            .unwrap(),
        ),
    };
    Router::new()
        .route("/leads/{id}/documents", get(documents))
        .route("/card", get(card))
        .with_state(state)
        .layer(AllowedOrigins::vendor().origin(CABINET).unwrap().layer())
}

fn bearer(uri: &str, token: &str, origin: &str) -> Request<Body> {
    Request::get(uri)
        .header("Authorization", format!("Bearer {token}"))
        .header("Origin", origin)
        .body(Body::empty())
        .unwrap()
}

fn preflight(origin: &str) -> Request<Body> {
    Request::options("/leads/1/documents")
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization")
        .body(Body::empty())
        .unwrap()
}

fn lead_token() -> String {
    mint(&[json!({"payload": disposable_claims("lead-1"), "secret": SECRET})]).remove(0)
}

#[tokio::test]
async fn answers_the_accounts_and_the_local_cabinet_and_no_other_origin() {
    let app = app();
    let token = lead_token();
    for origin in ["https://acme.amocrm.ru", "https://acme.kommo.com", CABINET] {
        let answer = call(&app, bearer("/leads/1/documents", &token, origin)).await;
        assert_eq!(answer.status, StatusCode::OK, "{origin}: {}", answer.body);
        assert_eq!(answer.headers["access-control-allow-origin"], origin);
        assert!(answer
            .headers
            .get("access-control-allow-credentials")
            .is_none());
    }
    for origin in [
        "https://evil.amocrm.ru.attacker.com",
        "http://acme.amocrm.ru",
        "https://amocrm.ru",
        "http://127.0.0.1:8001",
        "null",
    ] {
        // The handler still runs (CORS is the browser's to enforce), but the page of that
        // origin is not allowed to read the answer.
        let answer = call(&app, bearer("/leads/1/documents", &token, origin)).await;
        assert!(
            answer.headers.get("access-control-allow-origin").is_none(),
            "{origin}"
        );
        let answer = call(&app, preflight(origin)).await;
        assert!(
            answer.headers.get("access-control-allow-origin").is_none(),
            "preflight from {origin}"
        );
    }
}

#[tokio::test]
async fn preflight_allows_the_listed_methods_and_headers_only() {
    let answer = call(&app(), preflight("https://acme.amocrm.ru")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.headers["access-control-allow-origin"],
        "https://acme.amocrm.ru"
    );
    assert_eq!(answer.headers["access-control-allow-methods"], "GET,POST");
    assert_eq!(
        answer.headers["access-control-allow-headers"],
        "authorization,content-type"
    );
    assert_eq!(answer.headers["access-control-max-age"], "600");
    let vary = answer.headers.get_all("vary").iter().collect::<Vec<_>>();
    assert!(
        vary.iter().any(|v| v.to_str().unwrap().contains("origin")),
        "{vary:?}"
    );
}

#[tokio::test]
async fn an_init_lead_token_serves_every_call_until_it_expires() {
    let app = app();
    let token = lead_token();
    for call_number in 1..=10 {
        let answer = call(&app, bearer("/leads/7/documents", &token, CABINET)).await;
        assert_eq!(
            (answer.status, answer.body.as_str()),
            (StatusCode::OK, "documents of lead 7"),
            "call {call_number}"
        );
    }
    // Only from the header: a token in the URL would end up in logs.
    let token_in_query = Request::get(format!("/leads/7/documents?token={token}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        call(&app, token_in_query).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_mobile_card_token_opens_the_card_once() {
    let app = app();
    let token =
        mint(&[json!({"payload": disposable_claims("card-1"), "secret": SECRET})]).remove(0);
    let first = call(&app, bearer(&format!("/card?token={token}"), "", CABINET)).await;
    assert_eq!(
        (first.status, first.body.as_str()),
        (StatusCode::OK, "card of account 12345678")
    );
    let again = call(&app, bearer(&format!("/card?token={token}"), "", CABINET)).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    assert_eq!(again.body, "token card-1 was already used");
    // The refusal is readable by the page that asked (CORS wraps every answer).
    assert_eq!(again.headers["access-control-allow-origin"], CABINET);
}

#[tokio::test]
async fn an_expired_token_is_401_and_another_accounts_token_is_403() {
    let app = app();
    let mut expired = disposable_claims("old");
    expired["exp"] = json!(now() - 3600);
    let mut other = disposable_claims("other");
    other["account_id"] = json!(999);
    let mut no_account = disposable_claims("anonymous");
    no_account.as_object_mut().unwrap().remove("account_id");
    let tokens = mint(&[
        json!({"payload": expired, "secret": SECRET}),
        json!({"payload": other, "secret": SECRET}),
        json!({"payload": no_account, "secret": SECRET}),
    ]);
    let answer = call(&app, bearer("/leads/7/documents", &tokens[0], CABINET)).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(answer.body.starts_with("expired at"), "{}", answer.body);
    assert_eq!(answer.headers["access-control-allow-origin"], CABINET);

    let answer = call(&app, bearer("/leads/7/documents", &tokens[1], CABINET)).await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (StatusCode::FORBIDDEN, "this belongs to another account")
    );

    let answer = call(&app, bearer("/leads/7/documents", &tokens[2], CABINET)).await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (
            StatusCode::UNAUTHORIZED,
            "required claim `account_id` is missing"
        )
    );
}
