//! For axum back ends: extractors giving handlers the verified claims, the account boundary,
//! and CORS for the accounts' origins.
//!
//! - A widget calling its own back end sends the `initLead` token with every call while the
//!   lead is open: take [`InitLead`] (policy [`InitLeadTokens`]: reusable until `exp`).
//! - A mobile card's frame gets a disposable token: take [`Disposable`] (policy
//!   [`DisposableTokens`]: single use, through a replay guard).
//! - Before answering with an account's data, [`Account::authorize`] it (403 otherwise).
//! - The browser reads an answer across origins only if the server names the page's origin:
//!   wrap the router in [`AllowedOrigins::layer`].
//!
//! ```
//! use amocrm_widget_token::axum::{AllowedOrigins, InitLead, InitLeadTokens};
//! use amocrm_widget_token::Verifier;
//! use axum::{routing::get, Router};
//! use std::sync::Arc;
//!
//! async fn whoami(lead: InitLead) -> String {
//!     format!("user {:?} of account {}", lead.claims.user_id, lead.account.id())
//! }
//!
//! let verifier = Verifier::new("client-secret").unwrap().audience("https://external.integration.io");
//! let tokens = InitLeadTokens::new(verifier).unwrap();
//! let app: Router = Router::new()
//!     .route("/whoami", get(whoami))
//!     .with_state(Arc::new(tokens))
//!     .layer(AllowedOrigins::vendor().layer());
//! ```
//!
//! [`VerifiedClaims`] is the policy-free extractor underneath: it applies whatever the state's
//! [`Verifier`] is configured with.

mod account;
mod cors;
mod policy;

pub use account::{Account, OtherAccount};
pub use cors::{AllowedOrigins, InvalidOrigin, VENDOR_ORIGINS};
pub use policy::{Disposable, DisposableTokens, InitLead, InitLeadTokens, PolicyError};

use crate::{Claims, TokenError, Verifier};
use axum::extract::{FromRef, FromRequestParts, Query};
use axum::http::header::{
    HeaderValue, AUTHORIZATION, CACHE_CONTROL, RETRY_AFTER, WWW_AUTHENTICATE,
};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The claims of a token that passed every check of the state's [`Verifier`], the replay
/// guard included.
///
/// The token is taken from the `token` query parameter (the mobile card's `frame_url`), else
/// from `Authorization: Bearer …`. The state must provide an `Arc<Verifier>` ([`FromRef`]), and
/// its configuration is the policy: with a replay guard, a widget's second call with the same
/// `initLead` token is refused. Prefer [`InitLead`] and [`Disposable`], which pick the policy
/// that fits their token. A refusal is a
/// [`TokenRejection`]: 401, or 503 when the replay store cannot be asked. To render the
/// refusal yourself, take `Result<VerifiedClaims, TokenRejection>`.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedClaims(pub Claims);

/// Why a request carried no acceptable token; answers 401 (503 for the replay store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRejection(pub TokenError);

impl TokenRejection {
    /// 503 when the replay store could not be asked (the client may retry), 401 otherwise.
    pub fn status(&self) -> StatusCode {
        match self.0 {
            TokenError::ReplayStoreUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::UNAUTHORIZED,
        }
    }

    /// A short reason for the client. It never names the secret; for 503 it does not
    /// describe the store either.
    pub fn reason(&self) -> String {
        match &self.0 {
            TokenError::ReplayStoreUnavailable(_) => {
                "the token cannot be checked right now; try again shortly".into()
            }
            TokenError::Empty => "no token: pass ?token= or Authorization: Bearer".into(),
            other => other.to_string(),
        }
    }
}

impl IntoResponse for TokenRejection {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut response = (status, self.reason()).into_response();
        let headers = response.headers_mut();
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(
                WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer error=\"invalid_token\""),
            );
        } else {
            headers.insert(RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

/// The token a request carries: `?token=` first, else `Authorization: Bearer`.
///
/// ```
/// use amocrm_widget_token::axum::request_token;
/// let request = axum::http::Request::get("/frame?from=ios&token=a.b.c").body(()).unwrap();
/// assert_eq!(request_token(&request.into_parts().0).as_deref(), Some("a.b.c"));
/// let request = axum::http::Request::get("/api")
///     .header("Authorization", "Bearer x.y.z").body(()).unwrap();
/// assert_eq!(request_token(&request.into_parts().0).as_deref(), Some("x.y.z"));
/// ```
pub fn request_token(parts: &Parts) -> Option<String> {
    let from_query = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
        .ok()
        .and_then(|Query(pairs)| {
            pairs
                .into_iter()
                .find_map(|(name, value)| (name == "token").then_some(value))
        });
    from_query.or_else(|| bearer(parts).map(str::to_owned))
}

/// The token of `Authorization: Bearer …`.
fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

impl<S> FromRequestParts<S> for VerifiedClaims
where
    S: Send + Sync,
    Arc<Verifier>: FromRef<S>,
{
    type Rejection = TokenRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = Arc::<Verifier>::from_ref(state);
        let token = request_token(parts).unwrap_or_default();
        verifier
            .verify(&token)
            .await
            .map(VerifiedClaims)
            .map_err(TokenRejection)
    }
}
