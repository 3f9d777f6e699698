//! The `frame_url` server of an amoCRM `mobile_card` widget.
//!
//! The iOS app opens `frame_url?token=<disposable JWT>&from=<platform>` in a WebView. This
//! server verifies the token with the integration's secret (HS256, expiry, audience, one use
//! per `jti`, in memory or shared through Redis) and answers with a page adapted to the phone,
//! with 401 and the reason, or with 503 when the shared replay store cannot be asked.
#![deny(missing_docs)]

pub mod page;

use amocrm_widget_token::axum::{TokenRejection, VerifiedClaims};
use amocrm_widget_token::{TokenError, Verifier};
use axum::extract::Query;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use page::CardView;
use serde::Deserialize;
use std::sync::Arc;

/// The query string the app adds to `frame_url`, besides `token` (read by [`VerifiedClaims`]).
#[derive(Debug, Deserialize)]
pub struct FrameQuery {
    /// The platform the request comes from.
    pub from: Option<String>,
}

/// The application: `GET /` is the frame.
///
/// ```
/// use amocrm_widget_token::{InMemoryReplayGuard, Verifier};
/// let verifier = Verifier::new("client-secret").unwrap()
///     .audience("https://external.integration.io")
///     .replay_guard(InMemoryReplayGuard::new(100_000));
/// let app: axum::Router = mobile_card::app(verifier);
/// ```
pub fn app(verifier: Verifier) -> Router {
    Router::new()
        .route("/", get(frame))
        .with_state(Arc::new(verifier))
}

/// Why a request gets 401, in words for the person holding the phone.
fn reason(error: &TokenError) -> String {
    match error {
        TokenError::Expired { .. } => "This link has expired.".into(),
        TokenError::NotYetValid { .. } => {
            "This link is not valid yet; check the phone's clock.".into()
        }
        TokenError::Replayed { .. } => {
            "This link was already used: each link opens the card once.".into()
        }
        TokenError::Empty => "The link carries no access token.".into(),
        TokenError::BadSignature => "The access token was not issued for this integration.".into(),
        other => format!("The access token was refused: {other}."),
    }
}

async fn frame(
    verified: Result<VerifiedClaims, TokenRejection>,
    Query(query): Query<FrameQuery>,
) -> Response {
    let (status, html) = match verified {
        Ok(VerifiedClaims(claims)) => {
            let data = claims.data.clone().unwrap_or_default();
            let view = CardView {
                entity_type: data.entity_type,
                entity_id: data.entity_id,
                subdomain: claims.account_subdomain().map(String::from),
                account_id: claims.account_id,
                user_id: claims.user_id,
                platform: query.from,
            };
            (StatusCode::OK, page::card(&view))
        }
        Err(rejection) if rejection.status() == StatusCode::SERVICE_UNAVAILABLE => {
            (rejection.status(), page::unavailable())
        }
        Err(TokenRejection(error)) => (
            StatusCode::UNAUTHORIZED,
            page::unauthorized(&reason(&error)),
        ),
    };
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    // The token is in the URL: never cache the page, never leak the URL onwards.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
    );
    if status == StatusCode::SERVICE_UNAVAILABLE {
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    response
}

/// Serves `app` on `listener` until the future is dropped or the process ends.
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    axum::serve(listener, app).await
}
