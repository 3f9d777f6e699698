//! Which replay policy fits which token, fixed by the type a handler takes.
//!
//! The cabinet hands a widget one `initLead` token for as long as a lead is open, and the
//! widget sends it with every call: refusing it the second time would break the widget. The
//! mobile card's token opens one page once: accepting it twice would let a leaked URL in. The
//! two extractors, [`InitLead`] and [`Disposable`], each read their own policy from the state,
//! and each policy is built only from a verifier configured for it, so a back end cannot
//! verify one kind of token under the other's policy without a compile or start-up error.

use super::{bearer, request_token, Account, TokenRejection};
use crate::{Claims, TokenError, Verifier};
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use std::sync::Arc;

/// A verifier that does not fit the policy it was given to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// An `initLead` verifier with a replay guard would refuse the widget's second call.
    #[error(
        "the initLead token is sent with every call while the lead is open: \
         verify it without a replay guard"
    )]
    ReplayGuardOnInitLead,
    /// An `initLead` verifier that accepts tokens without `exp` would accept them forever.
    #[error("the initLead token is reusable until `exp`: keep `require_exp(true)`")]
    NoExpiryOnInitLead,
    /// A disposable verifier without a replay guard would accept the token more than once.
    #[error("the mobile card's token is single use: give the verifier a replay guard")]
    NoReplayGuardOnDisposable,
}

/// The `initLead` policy: reusable until `exp` (plus the verifier's leeway), never recorded.
///
/// ```
/// use amocrm_widget_token::axum::{InitLeadTokens, PolicyError};
/// use amocrm_widget_token::{InMemoryReplayGuard, Verifier};
/// let tokens = InitLeadTokens::new(Verifier::new("client-secret")?.audience("https://my.app"));
/// assert!(tokens.is_ok());
/// let guarded = Verifier::new("client-secret")?.replay_guard(InMemoryReplayGuard::new(10));
/// assert_eq!(InitLeadTokens::new(guarded).unwrap_err(), PolicyError::ReplayGuardOnInitLead);
/// # Ok::<(), amocrm_widget_token::TokenError>(())
/// ```
#[derive(Debug)]
pub struct InitLeadTokens(Verifier);

impl InitLeadTokens {
    /// The policy for `verifier`, which must have no replay guard and must require `exp`.
    pub fn new(verifier: Verifier) -> Result<Self, PolicyError> {
        if verifier.has_replay_guard() {
            return Err(PolicyError::ReplayGuardOnInitLead);
        }
        if !verifier.requires_exp() {
            return Err(PolicyError::NoExpiryOnInitLead);
        }
        Ok(InitLeadTokens(verifier))
    }

    /// Checks a token as of now: signature, time with leeway, the verifier's expectations.
    pub fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        self.0.check(token)
    }

    /// The verifier.
    pub fn verifier(&self) -> &Verifier {
        &self.0
    }
}

/// The mobile card's policy: each token (`jti`) accepted once, through the verifier's replay
/// guard (`InMemoryReplayGuard` for one process, `RedisReplayGuard` for several).
///
/// ```
/// use amocrm_widget_token::axum::{DisposableTokens, PolicyError};
/// use amocrm_widget_token::{InMemoryReplayGuard, Verifier};
/// let guarded = Verifier::new("client-secret")?.replay_guard(InMemoryReplayGuard::new(100_000));
/// assert!(DisposableTokens::new(guarded).is_ok());
/// assert_eq!(
///     DisposableTokens::new(Verifier::new("client-secret")?).unwrap_err(),
///     PolicyError::NoReplayGuardOnDisposable
/// );
/// # Ok::<(), amocrm_widget_token::TokenError>(())
/// ```
#[derive(Debug)]
pub struct DisposableTokens(Verifier);

impl DisposableTokens {
    /// The policy for `verifier`, which must have a replay guard.
    pub fn new(verifier: Verifier) -> Result<Self, PolicyError> {
        if !verifier.has_replay_guard() {
            return Err(PolicyError::NoReplayGuardOnDisposable);
        }
        Ok(DisposableTokens(verifier))
    }

    /// Verifies a token as of now, recording its `jti`: a second call with it is refused.
    pub async fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        self.0.verify(token).await
    }

    /// The verifier.
    pub fn verifier(&self) -> &Verifier {
        &self.0
    }
}

/// A request carrying a valid `initLead` token in `Authorization: Bearer` (never in the URL,
/// where logs and referrers would keep it), with the account it speaks for.
///
/// The state provides an `Arc<`[`InitLeadTokens`]`>` ([`FromRef`]). A refusal is a
/// [`TokenRejection`] (401); a token without `account_id` or `iss` is refused too.
///
/// ```
/// use amocrm_widget_token::axum::{Account, InitLead, InitLeadTokens, OtherAccount};
/// use amocrm_widget_token::Verifier;
/// use axum::{routing::get, Router};
/// use std::sync::Arc;
///
/// async fn notes(lead: InitLead) -> Result<String, OtherAccount> {
///     let owner = Account::new(29001, "https://acme.amocrm.ru"); // from your store
///     lead.account.authorize(&owner)?;
///     Ok(format!("notes of user {:?}", lead.claims.user_id))
/// }
///
/// let tokens = InitLeadTokens::new(Verifier::new("client-secret").unwrap()).unwrap();
/// let app: Router = Router::new().route("/notes", get(notes)).with_state(Arc::new(tokens));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct InitLead {
    /// The token's claims.
    pub claims: Claims,
    /// The account the token was issued for.
    pub account: Account,
}

/// A request carrying a mobile card's disposable token (`?token=`, else `Authorization:
/// Bearer`) seen for the first time, with the account it speaks for.
///
/// The state provides an `Arc<`[`DisposableTokens`]`>`. A refusal is a [`TokenRejection`]:
/// 401, or 503 when the replay store cannot be asked.
#[derive(Debug, Clone, PartialEq)]
pub struct Disposable {
    /// The token's claims.
    pub claims: Claims,
    /// The account the token was issued for.
    pub account: Account,
}

fn with_account(claims: Claims) -> Result<(Claims, Account), TokenRejection> {
    let account = Account::of(&claims).map_err(TokenRejection)?;
    Ok((claims, account))
}

impl<S> FromRequestParts<S> for InitLead
where
    S: Send + Sync,
    Arc<InitLeadTokens>: FromRef<S>,
{
    type Rejection = TokenRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let tokens = Arc::<InitLeadTokens>::from_ref(state);
        let claims = tokens
            .verify(bearer(parts).unwrap_or_default())
            .map_err(TokenRejection)?;
        let (claims, account) = with_account(claims)?;
        Ok(InitLead { claims, account })
    }
}

impl<S> FromRequestParts<S> for Disposable
where
    S: Send + Sync,
    Arc<DisposableTokens>: FromRef<S>,
{
    type Rejection = TokenRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let tokens = Arc::<DisposableTokens>::from_ref(state);
        let token = request_token(parts).unwrap_or_default();
        let claims = tokens.verify(&token).await.map_err(TokenRejection)?;
        let (claims, account) = with_account(claims)?;
        Ok(Disposable { claims, account })
    }
}
