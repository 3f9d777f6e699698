//! `mobile-card`: serve the frame.
//!
//! Environment:
//! - `AMO_CLIENT_SECRET` (required): the integration's client secret.
//! - `MOBILE_CARD_ADDR` (default `127.0.0.1:8080`): the address to listen on.
//! - `MOBILE_CARD_AUDIENCE` (optional): the expected `aud`, the base URL of the redirect_uri.
//! - `MOBILE_CARD_REDIS` (optional): a Redis URL (`redis://host:6379/`); with it every instance
//!   of the server shares one replay store, so a token opens the card once across all of them.
//!   Without it, used tokens are remembered in this process only.
//! - `MOBILE_CARD_REDIS_PREFIX` (default `amo:mobile-card:jti:`): the key prefix, one per
//!   integration sharing the Redis.

use amocrm_widget_token::{InMemoryReplayGuard, RedisReplayGuard, Verifier};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let secret = match std::env::var("AMO_CLIENT_SECRET") {
        Ok(secret) if !secret.is_empty() => secret,
        _ => {
            eprintln!("mobile-card: set AMO_CLIENT_SECRET to the integration's client secret");
            return ExitCode::FAILURE;
        }
    };
    let addr = std::env::var("MOBILE_CARD_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let verifier = match Verifier::new(secret) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("mobile-card: {e}");
            return ExitCode::FAILURE;
        }
    };
    let verifier = match std::env::var("MOBILE_CARD_REDIS") {
        Ok(url) if !url.is_empty() => {
            let prefix = std::env::var("MOBILE_CARD_REDIS_PREFIX")
                .unwrap_or_else(|_| "amo:mobile-card:jti:".into());
            match RedisReplayGuard::connect(&url, prefix).await {
                Ok(guard) => {
                    eprintln!("mobile-card: used tokens are shared through Redis");
                    verifier.replay_guard(guard)
                }
                Err(e) => {
                    // The URL may carry a password: it is not printed.
                    eprintln!("mobile-card: MOBILE_CARD_REDIS: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        _ => verifier.replay_guard(InMemoryReplayGuard::new(100_000)),
    };
    let verifier = match std::env::var("MOBILE_CARD_AUDIENCE") {
        Ok(aud) if !aud.is_empty() => verifier.audience(aud),
        _ => verifier,
    };
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("mobile-card: cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match listener.local_addr() {
        Ok(bound) => println!("mobile-card: serving the frame on http://{bound}/"),
        Err(_) => println!("mobile-card: serving the frame on {addr}"),
    }
    let app = mobile_card::app(verifier);
    tokio::select! {
        result = mobile_card::serve(listener, app) => match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("mobile-card: {e}");
                ExitCode::FAILURE
            }
        },
        _ = tokio::signal::ctrl_c() => ExitCode::SUCCESS,
    }
}
